"""The demo directory that `make demo` loads after the areas."""

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from kujdes.directory.demo import demo_id
from kujdes.directory.models import Location, Organization, Phone, Service
from kujdes.directory.selectors import DirectoryQuery, services_search
from kujdes.territory.models import Area


def _snapshot() -> dict[str, list[Any]]:
    return {
        "organizations": list(Organization.objects.order_by("pk").values_list()),
        "services": list(Service.objects.order_by("pk").values_list()),
        "locations": list(Location.objects.order_by("pk").values_list()),
        "phones": list(Phone.objects.order_by("pk").values_list()),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        first = _snapshot()
        output = StringIO()
        call_command("load_demo", stdout=output)
        yield {"first": first, "second": _snapshot(), "output": output.getvalue()}
        transaction.set_rollback(True)


def test_it_gives_bulqize_the_services_its_plan_names(demo: Any, db: None) -> None:
    zerqan = Area.objects.get(code="AL-BULQIZE-ZERQAN")
    # The test cast has services in Bulqizë too; look at the demo's own.
    ids = [demo_id("service", key) for key in _DEMO_KEYS]
    query = DirectoryQuery(place=zerqan, target_group="PERSONS_WITH_DISABILITIES")
    found = services_search(query).filter(pk__in=ids)
    assert [service.name_en for service in found] == [
        "Home care for persons with disabilities",
        "Day centre for children with developmental disabilities",
    ]
    victims = services_search(DirectoryQuery(place=zerqan, target_group="VICTIMS_OF_VIOLENCE"))
    assert [service.name_en for service in victims.filter(pk__in=ids)] == [
        "National counselling line for women and girls",
        "72-hour emergency shelter for victims of violence",
    ]


def test_it_keeps_the_shelter_address_confidential_and_without_coordinates(
    demo: Any, db: None
) -> None:
    shelter = Location.objects.get(pk=demo_id("location", "bulqize-shelter"))
    assert (shelter.is_confidential, shelter.latitude, shelter.longitude) == (True, None, None)
    confidential = Location.objects.filter(is_confidential=True, organization__is_illustrative=True)
    assert list(confidential) == [shelter]


def test_it_has_an_sos_line_in_albanian_romani_and_serbian(demo: Any, db: None) -> None:
    line = Service.objects.get(pk=demo_id("service", "bujanovac-sos"))
    assert sorted(line.languages.values_list("code", flat=True)) == ["rom", "sq", "sr"]
    assert list(line.phones.values_list("kind", flat=True)) == [Phone.Kind.SOS]
    assert line.area.code == "RS-BUJANOVAC"


def test_it_marks_invented_entries_illustrative_and_the_national_lines_not(
    demo: Any, db: None
) -> None:
    demo_services = Service.objects.filter(pk__in=[demo_id("service", k) for k in _DEMO_KEYS])
    real = sorted(demo_services.filter(is_illustrative=False).values_list("name_en", flat=True))
    assert real == [
        "ALO 116 111 — national child helpline",
        "National SOS line for women who experience violence",
        "National counselling line for women and girls",
    ]
    assert demo_services.filter(is_illustrative=True).count() == 10


def test_it_changes_nothing_on_a_second_run(demo: Any, db: None) -> None:
    assert demo["first"] == demo["second"]
    assert "services                  0 created      0 updated     13 unchanged" in demo["output"]
    assert "Demo data already up to date; nothing changed." in demo["output"]


_DEMO_KEYS = [
    "al-116117",
    "al-116111",
    "rs-sos",
    "bulqize-home-care",
    "bulqize-day-centre",
    "bulqize-shelter",
    "bulqize-elderly-day",
    "puke-multifunctional",
    "puke-home-care",
    "bujanovac-sos",
    "bujanovac-home-help",
    "bujanovac-playroom",
    "peje-day-care",
]


def test_it_loads_the_code_lists_with_a_command_and_changes_nothing_the_second_time(
    db: None,
) -> None:
    output = StringIO()
    call_command("load_taxonomies", stdout=output)
    # The test cast loaded them already.
    assert output.getvalue().splitlines() == [
        "service types     0 created     0 updated    54 unchanged",
        "target groups     0 created     0 updated    30 unchanged",
        "languages         0 created     0 updated     8 unchanged",
    ]

"""The manage page: the organizations and services a user keeps, with the state of each
provider's licence and confidential locations marked."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kujdes.directory import services
from kujdes.directory.models import Organization
from kujdes.directory.tests.test_manage_support import licence_add
from tests.personas import (
    ORGANIZATION_BULQIZE,
    SERVICE_DAY_CENTRE,
    SERVICE_PUKE,
    SERVICE_SHELTER,
    SERVICE_SOS_LINE,
    SHELTER_ADDRESS,
    Cast,
)

URL = "/directory/manage/"
EN = {"accept-language": "en"}


def _states(response: Any, key: str) -> list[tuple[str, str]]:
    return [(row.record.name_sq, row.licence_state) for row in response.context[key]]


def _ngo_create(cast: Cast, name: str) -> Organization:
    ngo = services.organization_create(
        actor=None,
        area=cast.areas["AL-BULQIZE"],
        values={"kind": Organization.Kind.NGO, "name_sq": name},
    )
    services.service_create(
        actor=None,
        organization=ngo,
        area=cast.areas["AL-BULQIZE"],
        data=services.ServiceInput(values={"name_sq": f"Shërbim i {name}"}),
    )
    return ngo


def test_it_lists_what_the_planner_keeps_and_nothing_from_elsewhere(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    response = client.get(URL, headers=EN)
    assert response.status_code == 200
    assert _states(response, "organizations") == [("Qendra e Shërbimeve Sociale Bulqizë", "none")]
    # In Albanian alphabetical order: "Linja SOS…", "Qendër ditore…", "Strehim emergjent…".
    assert [row.record.pk for row in response.context["services"]] == [
        SERVICE_SOS_LINE,
        SERVICE_DAY_CENTRE,
        SERVICE_SHELTER,
    ]
    content = response.content.decode()
    assert "Shoqata Zemra Pukë" not in content
    assert str(SERVICE_PUKE) not in content


def test_it_shows_whether_each_providers_licence_is_valid_lapsed_or_missing(
    cast: Cast, client: Client
) -> None:
    today = timezone.localdate()
    centre = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    licence_add(centre, valid_to=today)
    lapsed = _ngo_create(cast, "Shoqata Shpresa")
    licence_add(lapsed, valid_to=today - timedelta(days=1))
    _ngo_create(cast, "Shoqata Drita")
    client.force_login(cast.planner)
    response = client.get(URL, headers=EN)
    assert _states(response, "organizations") == [
        ("Qendra e Shërbimeve Sociale Bulqizë", "valid"),
        ("Shoqata Drita", "none"),
        ("Shoqata Shpresa", "lapsed"),
    ]
    assert _states(response, "services") == [
        ("Linja SOS për gratë viktima të dhunës", "valid"),
        ("Qendër ditore për fëmijë me aftësi të kufizuara", "valid"),
        ("Shërbim i Shoqata Drita", "none"),
        ("Shërbim i Shoqata Shpresa", "lapsed"),
        ("Strehim emergjent 72-orësh", "valid"),
    ]
    content = response.content.decode()
    assert content.count("lapsed: no licence is valid today") == 2
    assert content.count("none recorded") == 2


def test_it_marks_the_confidential_location_and_shows_its_address_to_staff(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.insiders["provider_staff"])
    content = client.get(URL, headers=EN).content.decode()
    assert f"Strehëz emergjente, {SHELTER_ADDRESS} <strong>(confidential address)</strong>" in (
        content
    )
    assert "Qendra ditore Zerqan, Rruga Kryesore 1<br>" in content


def test_it_lets_the_country_administrator_see_every_municipality(
    cast: Cast, client: Client
) -> None:
    assert cast.administrator is not None
    client.force_login(cast.administrator)
    response = client.get(URL)
    assert [row.record.name_sq for row in response.context["organizations"]] == [
        "Qendra e Shërbimeve Sociale Bulqizë",
        "Shoqata Zemra Pukë",
    ]


@pytest.mark.parametrize(
    "persona", ["case_worker", "advisory_member", "no_role", "national_viewer"]
)
def test_it_answers_users_without_an_editing_role_with_not_found(
    cast: Cast, client: Client, persona: str
) -> None:
    user = cast.persona(persona)
    assert user is not None
    client.force_login(user)
    assert client.get(URL).status_code == 404


def test_it_sends_an_anonymous_visitor_to_sign_in(cast: Cast, client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/directory/manage/"


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_it_lists_in_a_constant_number_of_queries(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    few = _queries(client)
    today = timezone.localdate()
    for number in range(4):
        ngo = _ngo_create(cast, f"Shoqata {number}")
        licence_add(ngo, valid_to=today)
        services.location_save(
            actor=None,
            organization=ngo,
            expected_version=None,
            values={"name_sq": f"Zyra {number}", "area": cast.areas["AL-BULQIZE-ZERQAN"]},
        )
    many = _queries(client)
    assert (few, len(client.get(URL).context["services"])) == (many, 7)

"""`manage.py load_demo`: the real area tree and figures, the illustrative ones, the boundaries,
the demo users, and a second run that changes nothing.

The demo is loaded twice, once per module, inside a transaction that is rolled back at the end;
the shared test database already holds the cast's areas (AL, AL-QARK-DIBER, AL-BULQIZE, …), which
the first load renames and moves into the real tree."""

from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum

from kujdes.accounts.models import Membership, Role, User
from kujdes.audit.models import AuditEvent
from kujdes.territory.demo import DEMO_PASSWORD, ILLUSTRATIVE
from kujdes.territory.models import AgeBand, Area, AreaBoundary, Observation, Sex, Source, Variable

BULQIZE_UNITS = {
    "AL-BULQIZE-BULQIZE": (8177, 7875),
    "AL-BULQIZE-FUSHE-BULQIZE": (3342, 2943),
    "AL-BULQIZE-GJORICE": (4214, 3100),
    "AL-BULQIZE-TREBISHT": (993, 1085),
    "AL-BULQIZE-OSTREN": (3034, 2762),
    "AL-BULQIZE-SHUPENZE": (5503, 4593),
    "AL-BULQIZE-ZERQAN": (4111, 3129),
    "AL-BULQIZE-MARTANESH": (1836, 1339),
}


def _snapshot() -> dict[str, list[Any]]:
    """Every row the demo writes, as plain values."""
    return {
        "areas": list(Area.objects.order_by("code").values_list()),
        "observations": list(Observation.objects.order_by("pk").values_list()),
        "boundaries": list(AreaBoundary.objects.order_by("pk").values_list()),
        "sources": list(Source.objects.order_by("code").values_list()),
        "variables": list(Variable.objects.order_by("code").values_list()),
        "age_bands": list(AgeBand.objects.order_by("code").values_list()),
        "users": list(User.objects.order_by("pk").values_list("pk", "username", "password")),
        "memberships": list(Membership.objects.order_by("pk").values_list()),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        first = _snapshot()
        last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        output = StringIO()
        call_command("load_demo", stdout=output)
        yield {
            "first": first,
            "second": _snapshot(),
            "output": output.getvalue(),
            "second_run_events": list(
                AuditEvent.objects.filter(pk__gt=last_event)
                .order_by("pk")
                .values_list("verb", "payload")
            ),
        }
        transaction.set_rollback(True)


def _population(code: str, year: int) -> int:
    observation = Observation.objects.totals().get(
        area__code=code, variable__code="POPULATION", year=year, source__is_illustrative=False
    )
    return int(observation.value)


def test_it_builds_the_area_tree_of_albania_kosovo_and_south_serbia(demo: Any, db: None) -> None:
    def count(country: str, level: str) -> int:
        return Area.objects.subtree(Area.objects.get(code=country)).filter(level=level).count()

    assert count("AL", Area.Level.REGION) == 12
    assert count("AL", Area.Level.MUNICIPALITY) == 61
    assert count("AL", Area.Level.ADMIN_UNIT) == 373
    assert count("XK", Area.Level.MUNICIPALITY) == 38
    assert Area.objects.get(code="XK-PRISHTINE").parent.code == "XK"  # type: ignore[union-attr]
    assert count("RS", Area.Level.MUNICIPALITY) == 4
    assert count("RS", Area.Level.REGION) == 2
    assert list(
        Area.objects.filter(parent__code="RS-PCINJSKI")
        .order_by("code")
        .values_list("code", flat=True)
    ) == ["RS-BUJANOVAC", "RS-PRESEVO", "RS-VRANJE"]


def test_it_gives_the_cast_areas_their_real_names_and_places(demo: Any, db: None) -> None:
    bulqize = Area.objects.get(code="AL-BULQIZE")
    assert (bulqize.name_sq, bulqize.area_km2, bulqize.path) == (
        "Bulqizë",
        Decimal("678.51"),
        "AL/AL-QARK-DIBER/AL-BULQIZE/",
    )
    diber = Area.objects.get(code="AL-DIBER")
    assert (diber.level, diber.parent.code) == (Area.Level.MUNICIPALITY, "AL-QARK-DIBER")  # type: ignore[union-attr]
    presevo = Area.objects.get(code="RS-PRESEVO")
    assert (presevo.name_sq, presevo.name_sr_latn) == ("Preshevë", "Preševo")
    assert Area.objects.get(code="XK-GJAKOVE").name_sr_latn == "Đakovica"


def test_it_loads_bulqizes_eight_units_with_both_censuses(demo: Any, db: None) -> None:
    units = Area.objects.filter(parent__code="AL-BULQIZE")
    assert sorted(units.values_list("code", flat=True)) == sorted(BULQIZE_UNITS)
    for code, (population_2011, population_2023) in BULQIZE_UNITS.items():
        assert (_population(code, 2011), _population(code, 2023)) == (
            population_2011,
            population_2023,
        )
    assert sum(_population(code, 2011) for code in BULQIZE_UNITS) == 31210
    assert sum(_population(code, 2023) for code in BULQIZE_UNITS) == 26826
    assert (_population("AL-BULQIZE", 2011), _population("AL-BULQIZE", 2023)) == (31210, 26826)


def test_it_files_each_real_figure_under_its_source_and_flags_provisional_ones(
    demo: Any, db: None
) -> None:
    def figures(code: str) -> list[tuple[int, str, int, bool]]:
        return [
            (o.year, o.source.code, int(o.value), o.provisional)
            for o in Observation.objects.totals()
            .filter(area__code=code, variable__code="POPULATION")
            .select_related("source")
            .order_by("year", "source__code")
        ]

    assert figures("RS-VRANJE") == [(2022, "RZS-CENSUS-2022", 75258, True)]
    assert figures("RS-BUJANOVAC") == [(2022, "RZS-CENSUS-2022", 41068, False)]
    assert figures("XK-LEPOSAVIQ") == [(2014, "KAS-ESTIMATE-2014", 13515, True)]
    assert figures("XK-PEJE") == [
        (2011, "KAS-CENSUS-2011", 96450, False),
        (2024, "KAS-CENSUS-2024", 82661, True),
    ]
    # Only a rounded press figure exists for Deçan in 2024; it is not loaded.
    assert figures("XK-DECAN") == [(2011, "KAS-CENSUS-2011", 40019, False)]
    assert figures("AL-PUKE") == [
        (2011, "INSTAT-CENSUS-2011", 11069, False),
        (2015, "AL-CIVIL-REGISTRY", 16836, False),
    ]
    assert figures("AL-PUKE-PUKE") == [(2011, "INSTAT-CENSUS-2011", 3607, False)]
    assert figures("AL") == [(2023, "INSTAT-CENSUS-2023", 2402113, False)]
    assert figures("RS") == [(2022, "RZS-CENSUS-2022", 6690887, True)]
    households = Observation.objects.totals().get(area__code="AL", variable__code="HOUSEHOLDS")
    assert (households.year, int(households.value)) == (2023, 755950)
    kosovo_2011 = Observation.objects.filter(
        area__parent__code="XK", year=2011, source__code="KAS-CENSUS-2011"
    )
    assert kosovo_2011.count() == 34
    assert kosovo_2011.aggregate(total=Sum("value"))["total"] == 1739825
    assert (
        not Observation.objects.filter(source__is_illustrative=False, area__parent__code="AL-PUKE")
        .exclude(area__code="AL-PUKE-PUKE")
        .exists()
    )


def test_it_sets_a_boundary_on_every_municipality_and_unit(demo: Any, db: None) -> None:
    boundaries = AreaBoundary.objects.select_related("area")
    assert boundaries.filter(area__path__startswith="AL/", area__level="municipality").count() == 61
    assert boundaries.filter(area__path__startswith="AL/", area__level="admin_unit").count() == 373
    assert boundaries.filter(area__path__startswith="XK/", area__level="municipality").count() == 38
    assert boundaries.count() == 472
    assert "OpenStreetMap" in boundaries.get(area__code="AL-BULQIZE-ZERQAN").source
    assert boundaries.get(area__code="AL-DIMAL").geometry["type"] in ("Polygon", "MultiPolygon")


def test_it_generates_illustrative_figures_that_add_up_to_the_real_totals(
    demo: Any, db: None
) -> None:
    illustrative = Observation.objects.filter(source__code=ILLUSTRATIVE)
    assert Source.objects.get(code=ILLUSTRATIVE).is_illustrative is True
    assert not Observation.objects.filter(
        variable__code="FAMILIES_ON_ECONOMIC_AID", source__is_illustrative=False
    ).exists()
    for code, (_population_2011, population_2023) in BULQIZE_UNITS.items():
        cells = illustrative.filter(area__code=code, variable__code="POPULATION", year=2023)
        assert cells.count() == 16
        assert cells.exclude(sex=Sex.TOTAL).exclude(age_band__code=AgeBand.TOTAL).count() == 16
        assert cells.aggregate(total=Sum("value"))["total"] == population_2023
    bulqize_cells = illustrative.filter(area__code="AL-BULQIZE", variable__code="POPULATION")
    assert bulqize_cells.aggregate(total=Sum("value"))["total"] == 26826
    puke_cells = illustrative.filter(area__code="AL-PUKE", variable__code="POPULATION", year=2011)
    assert puke_cells.aggregate(total=Sum("value"))["total"] == 11069
    town_cells = illustrative.filter(area__code="AL-PUKE-PUKE", variable__code="POPULATION")
    assert town_cells.aggregate(total=Sum("value"))["total"] == 3607


def test_it_makes_municipality_service_figures_the_sum_of_their_units(demo: Any, db: None) -> None:
    services = [
        "HOUSEHOLDS",
        "PERSONS_WITH_DISABILITIES",
        "FAMILIES_ON_ECONOMIC_AID",
        "ELDERLY_LIVING_ALONE",
        "CHILDREN_WITHOUT_PARENTAL_CARE",
        "DOMESTIC_VIOLENCE_CASES",
    ]
    figures = Observation.objects.totals().filter(source__code=ILLUSTRATIVE)
    for municipality, units in (("AL-BULQIZE", 8), ("AL-PUKE", 5)):
        for variable in services:
            unit_figures = figures.filter(area__parent__code=municipality, variable__code=variable)
            assert unit_figures.count() == units
            total = figures.get(area__code=municipality, variable__code=variable).value
            assert unit_figures.aggregate(total=Sum("value"))["total"] == total
    small = figures.filter(variable__code="DOMESTIC_VIOLENCE_CASES", value__lte=4)
    assert small.exists()


def test_it_creates_one_demo_user_per_role(demo: Any, db: None) -> None:
    memberships = {
        (m.user.username, m.role, m.area.code)
        for m in Membership.objects.select_related("user", "area").filter(
            user__username__in=[
                "planner",
                "caseworker",
                "supervisor",
                "provider",
                "advisory",
                "national",
                "admin",
                "planner.puke",
            ]
        )
    }
    assert memberships == {
        ("planner", Role.PLANNER, "AL-BULQIZE"),
        ("caseworker", Role.CASE_WORKER, "AL-BULQIZE"),
        ("supervisor", Role.SUPERVISOR, "AL-BULQIZE"),
        ("provider", Role.PROVIDER_STAFF, "AL-BULQIZE"),
        ("advisory", Role.ADVISORY_MEMBER, "AL-BULQIZE"),
        ("national", Role.NATIONAL_VIEWER, "AL"),
        ("admin", Role.ADMINISTRATOR, "AL"),
        ("planner.puke", Role.PLANNER, "AL-PUKE"),
    }
    assert User.objects.get(username="caseworker").check_password(DEMO_PASSWORD)


def test_it_changes_nothing_on_a_second_run_and_says_so(demo: Any, db: None) -> None:
    assert demo["second"] == demo["first"]
    assert "nothing changed" in demo["output"]
    imports = [payload for verb, payload in demo["second_run_events"] if verb.endswith(".imported")]
    assert imports == [
        {"created": 0, "updated": 0, "unchanged": 493},
        {"created": 0, "updated": 0, "unchanged": 118},
        {"created": 0, "updated": 0, "unchanged": 334},
    ]
    assert [verb for verb, _payload in demo["second_run_events"]] == [
        "areas.imported",
        "observations.imported",
        "observations.imported",
    ]

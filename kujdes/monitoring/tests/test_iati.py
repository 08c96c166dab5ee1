"""The IATI 2.03 activity file of a municipality: its projects and the activities of its adopted
plans, valid against the IATI schema, with their organizations, budgets, transactions and
results."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import translation
from lxml import etree

from kujdes.directory.models import FundingSource, Organization, ServiceType, TargetGroup
from kujdes.directory.services import organization_create
from kujdes.monitoring.iati import iati_activities
from kujdes.monitoring.models import IndicatorActual, Project, ServiceContract
from kujdes.monitoring.services import (
    activity_progress_set,
    contract_save,
    indicator_actual_set,
    project_save,
    review_open,
    review_publish,
)
from kujdes.monitoring.views.iati import iati_xml
from kujdes.planning.models import Activity, Indicator, Measure, Plan
from kujdes.planning.services import (
    activity_save,
    indicator_save,
    measure_save,
    objective_save,
    plan_revise,
    plan_save,
)
from tests.personas import ORGANIZATION_BULQIZE, ORGANIZATION_PUKE, PLAN_BULQIZE, Cast

SCHEMA = Path(__file__).parent / "iati-2.03" / "iati-activities-schema.xsd"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REPORTER = "XI-KUJDES-AL-BULQIZE"
BUDGET = FundingSource.MUNICIPAL_BUDGET

# Test only, until kujdes/monitoring/public_urls.py names it: the file's route.
urlpatterns = [
    path("progress/", include(([path("<str:code>/iati.xml", iati_xml, name="iati")], "progress")))
]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    # No network: the schema's imports are the files beside it.
    return etree.XMLSchema(etree.parse(str(SCHEMA), etree.XMLParser(no_network=True)))


def _names(sq: str, sr: str = "", en: str = "") -> dict[str, str]:
    return {"name_sq": sq, "name_sr_latn": sr, "name_en": en}


def _activity(measure: Measure, number: str, costs: dict[tuple[int, str], Decimal]) -> Activity:
    return activity_save(
        actor=None,
        measure=measure,
        values={
            **_names(f"Aktiviteti {number}", f"Aktivnost {number}", f"Activity {number}"),
            "number": number,
            "start_year": 2026,
            "end_year": 2027,
        },
        partners=[],
        target_groups=TargetGroup.objects.filter(code="AL_PWD"),
        units=[],
        costs=costs,
    )


def _plan_content(plan: Plan) -> dict[str, Activity]:
    strategic = objective_save(
        actor=None,
        plan=plan,
        values={"number": "1", **_names("Kujdes në komunitet", "", "Community care")},
    )
    specific = objective_save(
        actor=None,
        plan=plan,
        values={"number": "1.1", "name_sq": "Shërbime në shtëpi", "parent": strategic},
    )
    measure = measure_save(
        actor=None,
        objective=specific,
        values={"number": "1.1.1", **_names("Kujdes në shtëpi", "Nega u kući")},
        gaps=[],
    )
    return {
        "home": _activity(
            measure,
            "1.1.1.1",
            {
                (2026, BUDGET): Decimal("300000.00"),
                (2026, FundingSource.DONOR): Decimal("200000.00"),
                (2027, BUDGET): Decimal("350000.00"),
            },
        ),
        "ngo": _activity(
            measure, "1.1.1.2", {(2026, FundingSource.SOCIAL_FUND): Decimal("100000")}
        ),
    }


@dataclass
class World:
    plan: Plan
    activities: dict[str, Activity]
    indicators: dict[str, Indicator]
    project: Project
    eu: Organization
    directorate: Organization
    draft_plan: Plan


def _organizations(cast: Cast) -> tuple[Organization, Organization]:
    eu = organization_create(
        actor=None,
        area=cast.areas["AL"],
        values={
            "kind": Organization.Kind.PUBLIC_INSTITUTION,
            **_names("Bashkimi Evropian", "Evropska unija", "European Union"),
        },
    )
    directorate = organization_create(
        actor=None,
        area=cast.areas["AL-BULQIZE"],
        values={
            "kind": Organization.Kind.MUNICIPAL_DIRECTORATE,
            "name_sq": "Drejtoria e Shërbimeve Sociale Bulqizë",
        },
    )
    return eu, directorate


def _project(cast: Cast, activities: list[Activity], funding: list, **values: object) -> Project:
    return project_save(
        actor=cast.planner,
        municipality=cast.areas["AL-BULQIZE"],
        values={
            **_names("Kujdes në shtëpi", "Nega u kući", "Home care"),
            "implementer": Organization.objects.get(pk=ORGANIZATION_BULQIZE),
            "starts": date(2026, 3, 1),
            "ends": date(2027, 12, 31),
            "status": Project.Status.ONGOING,
            "results_sq": "120 të moshuar marrin kujdes në shtëpi.",
            "results_en": "120 older people receive care at home.",
            **values,
        },
        funding=funding,
        activities=activities,
        target_groups=TargetGroup.objects.filter(code="AL_PWD"),
        units=[],
    )


@pytest.fixture
def world(cast: Cast) -> World:
    """Bulqizë's plan 2026–2028 in implementation: measure 1.1.1 with activity 1.1.1.1 (costed
    2026 and 2027, on track at the published 2026 review) and 1.1.1.2 (contracted to an NGO,
    cancelled); indicators of the measure, the specific and the strategic objective; a project
    with two funders that implements 1.1.1.1; a draft plan; a project of Pukë."""
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    plan.name_en = "Social Plan of Bulqizë 2026–2028"
    plan.save(update_fields=["name_en"])
    activities = _plan_content(plan)
    measure = activities["home"].measure
    indicators = {
        "measure": indicator_save(
            actor=None,
            plan=plan,
            measure=measure,
            values={
                **_names("Të moshuar me kujdes në shtëpi", "", "Older people cared for at home"),
                "unit": "persona",
                "baseline_value": Decimal(10),
                "baseline_year": 2025,
            },
            targets={2026: Decimal(20), 2027: Decimal(30)},
        ),
        "specific": indicator_save(
            actor=None,
            plan=plan,
            objective=measure.objective,
            values={
                "name_sq": "Të moshuar në institucione",
                "unit": "%",
                "baseline_value": Decimal(40),
                "baseline_year": 2025,
            },
            targets={2028: Decimal(25)},
        ),
        "strategic": indicator_save(
            actor=None,
            plan=plan,
            objective=measure.objective.parent,
            values={"name_sq": "Shërbime në komunitet", "unit": "shërbime"},
            targets={2028: Decimal(4)},
        ),
    }
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_IMPLEMENTATION)
    plan.refresh_from_db()

    review = review_open(actor=cast.planner, plan=plan, year=2026)
    indicator_actual_set(
        actor=cast.planner, review=review, indicator=indicators["measure"], value=Decimal(18)
    )
    for key, status, percent in (("home", "on_track", 40), ("ngo", "cancelled", 0)):
        activity_progress_set(
            actor=cast.planner,
            review=review,
            activity=activities[key],
            status=status,
            percent=percent,
        )
    review_publish(actor=cast.planner, review=review, published=True)
    # Not published: nothing of it leaves the planners.
    unpublished = review_open(actor=cast.planner, plan=plan, year=2027, today=date(2027, 1, 1))
    indicator_actual_set(
        actor=cast.planner, review=unpublished, indicator=indicators["measure"], value=Decimal(29)
    )

    contract_values = {
        "provider": Organization.objects.get(pk=ORGANIZATION_PUKE),
        "number": "KB-2026/14",
        "starts": date(2026, 2, 1),
        "ends": date(2026, 12, 31),
        "amount": Decimal("3600000"),
        "currency": "ALL",
        "units_of_service": 4800,
        "unit_name": "ditë-persona",
        "reporting": ServiceContract.Reporting.QUARTERLY,
    }
    for number, activity in (("KB-2026/14", activities["ngo"]), ("KB-2026/15", None)):
        contract_save(
            actor=cast.planner,
            municipality=cast.areas["AL-BULQIZE"],
            values={**contract_values, "number": number, "activity": activity},
        )

    eu, directorate = _organizations(cast)
    project = _project(
        cast,
        [activities["home"]],
        [(eu, Decimal("120000.00"), "EUR"), (directorate, Decimal("2500000.00"), "ALL")],
    )
    draft_plan = plan_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        values={
            "name_sq": "Plani Social i Bulqizës 2029–2031",
            "kind": "social_plan",
            "start_year": 2029,
            "end_year": 2031,
            "currency": "ALL",
        },
    )
    draft_measure = measure_save(
        actor=None,
        objective=objective_save(
            actor=None,
            plan=draft_plan,
            values={
                "number": "9.1",
                "name_sq": "P",
                "parent": objective_save(
                    actor=None, plan=draft_plan, values={"number": "9", "name_sq": "S"}
                ),
            },
        ),
        values={"number": "9.1.1", "name_sq": "M"},
        gaps=[],
    )
    activity_save(
        actor=None,
        measure=draft_measure,
        values={"number": "9.1.1.1", "name_sq": "Draft", "start_year": 2029, "end_year": 2029},
        partners=[],
        target_groups=[],
        units=[],
        costs={(2029, BUDGET): Decimal(1)},
    )
    puke_centre = Organization.objects.get(pk=ORGANIZATION_PUKE)
    project_save(
        actor=None,
        municipality=cast.areas["AL-PUKE"],
        values={
            "name_sq": "Projekt i Pukës",
            "implementer": puke_centre,
            "starts": date(2026, 1, 1),
            "ends": date(2026, 12, 31),
        },
        funding=[(puke_centre, Decimal(1), "EUR")],
        activities=[],
        target_groups=[],
        units=[],
    )
    return World(plan, activities, indicators, project, eu, directorate, draft_plan)


def _parse(cast: Cast) -> etree._Element:
    return etree.fromstring(iati_activities(municipality=cast.areas["AL-BULQIZE"]))


def _by_identifier(root: etree._Element) -> dict[str, etree._Element]:
    return {a.findtext("iati-identifier"): a for a in root.findall("iati-activity")}


def _narratives(element: etree._Element | None) -> dict[str, str]:
    assert element is not None
    return {n.get(LANG): n.text for n in element.findall("narrative")}


def _plan_identifier(plan: Plan, number: str) -> str:
    return f"{REPORTER}-PLAN-{plan.lineage}-{number}"


def test_the_file_is_valid_iati_and_a_broken_one_is_not(
    cast: Cast, world: World, schema: etree.XMLSchema
) -> None:
    root = _parse(cast)

    assert root.tag == "iati-activities"
    assert root.get("version") == "2.03"
    assert schema.validate(root), schema.error_log
    broken = _parse(cast)
    first = broken.find("iati-activity")
    first.remove(first.find("reporting-org"))
    assert not schema.validate(broken)


def test_it_exports_the_adopted_plans_activities_and_the_municipalitys_projects_only(
    cast: Cast, world: World
) -> None:
    activities = _by_identifier(_parse(cast))

    assert list(activities) == [
        _plan_identifier(world.plan, "1.1.1.1"),
        _plan_identifier(world.plan, "1.1.1.2"),
        f"{REPORTER}-PROJECT-{world.project.pk}",
    ]
    file = iati_activities(municipality=cast.areas["AL-BULQIZE"]).decode()
    assert str(world.draft_plan.lineage) not in file
    assert "Projekt i Pukës" not in file


def test_a_plan_activity_carries_its_names_organizations_budget_and_contracts(
    cast: Cast, world: World
) -> None:
    home = _by_identifier(_parse(cast))[_plan_identifier(world.plan, "1.1.1.1")]
    ngo = _by_identifier(_parse(cast))[_plan_identifier(world.plan, "1.1.1.2")]

    assert home.get("default-currency") == "ALL"
    reporting = home.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type")) == (REPORTER, "11")
    assert reporting.get("secondary-reporter") == "0"
    assert _narratives(home.find("title")) == {
        "sq": "Aktiviteti 1.1.1.1",
        "sr": "Aktivnost 1.1.1.1",
        "en": "Activity 1.1.1.1",
    }
    assert [d.get("type") for d in home.findall("description")] == ["1", "3"]
    assert _narratives(home.find("description"))["en"] == (
        "Activity 1.1.1.1 of the plan “Social Plan of Bulqizë 2026–2028”, under measure 1.1.1 "
        "“Kujdes në shtëpi”."
    )
    assert [
        (o.get("role"), o.get("ref"), o.get("type")) for o in home.findall("participating-org")
    ] == [("1", REPORTER, "11"), ("2", REPORTER, "11"), ("4", REPORTER, "11")]
    assert home.find("activity-status").get("code") == "2"
    assert [(d.get("type"), d.get("iso-date")) for d in home.findall("activity-date")] == [
        ("1", "2026-01-01"),
        ("3", "2027-12-31"),
    ]
    assert home.find("recipient-country").get("code") == "AL"
    assert (home.find("sector").get("vocabulary"), home.find("sector").get("code")) == (
        "1",
        "16010",
    )
    assert [
        (
            b.get("type"),
            b.get("status"),
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
            b.find("value").get("currency"),
            b.findtext("value"),
        )
        for b in home.findall("budget")
    ] == [
        ("1", "1", "2026-01-01", "2026-12-31", "ALL", "500000.00"),
        ("1", "1", "2027-01-01", "2027-12-31", "ALL", "350000.00"),
    ]
    assert home.findall("transaction") == []
    assert [(r.get("ref"), r.get("type")) for r in home.findall("related-activity")] == [
        (f"{REPORTER}-PROJECT-{world.project.pk}", "2")
    ]

    # Costed from the Social Fund only, and contracted to Pukë's NGO; cancelled at the review.
    assert [(o.get("role"), o.get("ref")) for o in ngo.findall("participating-org")] == [
        ("2", REPORTER),
        ("4", None),
    ]
    assert _narratives(ngo.findall("participating-org")[1]) == {"sq": "Shoqata Zemra Pukë"}
    assert ngo.find("activity-status").get("code") == "5"
    (transaction,) = ngo.findall("transaction")
    assert transaction.get("ref") == "KB-2026/14"
    assert transaction.find("transaction-type").get("code") == "2"
    assert transaction.find("transaction-date").get("iso-date") == "2026-02-01"
    assert (transaction.find("value").get("currency"), transaction.findtext("value")) == (
        "ALL",
        "3600000.00",
    )
    assert transaction.find("provider-org").get("ref") == REPORTER
    assert _narratives(transaction.find("receiver-org")) == {"sq": "Shoqata Zemra Pukë"}


def test_a_plan_activity_reports_its_measures_and_objectives_indicators_with_published_actuals(
    cast: Cast, world: World
) -> None:
    home = _by_identifier(_parse(cast))[_plan_identifier(world.plan, "1.1.1.1")]

    results = home.findall("result")
    assert [(r.get("type"), r.get("aggregation-status")) for r in results] == [
        ("1", "0"),
        ("2", "0"),
        ("3", "0"),
    ]
    assert _narratives(results[0].find("title")) == {
        "sq": "1.1.1 Kujdes në shtëpi",
        "sr": "1.1.1 Nega u kući",
    }
    (indicator,) = results[0].findall("indicator")
    assert (indicator.get("measure"), indicator.get("ascending")) == ("1", "1")
    assert _narratives(indicator.find("title")) == {
        "sq": "Të moshuar me kujdes në shtëpi",
        "en": "Older people cared for at home",
    }
    baseline = indicator.find("baseline")
    assert (baseline.get("year"), baseline.get("value")) == ("2025", "10.00")
    periods = [
        (
            p.find("period-start").get("iso-date"),
            p.find("period-end").get("iso-date"),
            [t.get("value") for t in p.findall("target")],
            [a.get("value") for a in p.findall("actual")],
        )
        for p in indicator.findall("period")
    ]
    # 2027's actual is in a review not published: not exported.
    assert periods == [
        ("2026-01-01", "2026-12-31", ["20.00"], ["18.00"]),
        ("2027-01-01", "2027-12-31", ["30.00"], []),
    ]
    (specific,) = results[1].findall("indicator")
    # A share that should fall from 40 % to 25 %.
    assert (specific.get("measure"), specific.get("ascending")) == ("2", "0")
    (strategic,) = results[2].findall("indicator")
    assert strategic.find("baseline") is None
    assert strategic.get("ascending") is None


def test_a_project_carries_its_funders_implementer_and_incoming_commitments(
    cast: Cast, world: World
) -> None:
    project = _by_identifier(_parse(cast))[f"{REPORTER}-PROJECT-{world.project.pk}"]

    # Funded by the municipality's own directorate: its own activity, not another's.
    assert project.find("reporting-org").get("secondary-reporter") == "0"
    assert project.get("default-currency") == "ALL"
    assert _narratives(project.find("title")) == {
        "sq": "Kujdes në shtëpi",
        "sr": "Nega u kući",
        "en": "Home care",
    }
    assert [d.get("type") for d in project.findall("description")] == ["1", "2", "3"]
    assert _narratives(project.findall("description")[1]) == {
        "sq": "120 të moshuar marrin kujdes në shtëpi.",
        "en": "120 older people receive care at home.",
    }
    assert [
        (o.get("role"), o.get("ref"), o.get("type"), _narratives(o).get("sq"))
        for o in project.findall("participating-org")
    ] == [
        ("1", None, None, "Bashkimi Evropian"),
        # The municipality's directorate is the municipality.
        ("1", REPORTER, "11", "Drejtoria e Shërbimeve Sociale Bulqizë"),
        ("4", None, "15", "Qendra e Shërbimeve Sociale Bulqizë"),
    ]
    assert _narratives(project.find("participating-org")) == {
        "sq": "Bashkimi Evropian",
        "sr": "Evropska unija",
        "en": "European Union",
    }
    assert project.find("activity-status").get("code") == "2"
    assert [(d.get("type"), d.get("iso-date")) for d in project.findall("activity-date")] == [
        ("1", "2026-03-01"),
        ("2", "2026-03-01"),
        ("3", "2027-12-31"),
    ]
    assert [
        (
            t.find("transaction-type").get("code"),
            t.find("transaction-date").get("iso-date"),
            t.find("value").get("currency"),
            t.findtext("value"),
            _narratives(t.find("provider-org"))["sq"],
            _narratives(t.find("receiver-org"))["sq"],
        )
        for t in project.findall("transaction")
    ] == [
        (
            "11",
            "2026-03-01",
            "EUR",
            "120000.00",
            "Bashkimi Evropian",
            "Qendra e Shërbimeve Sociale Bulqizë",
        ),
        (
            "11",
            "2026-03-01",
            "ALL",
            "2500000.00",
            "Drejtoria e Shërbimeve Sociale Bulqizë",
            "Qendra e Shërbimeve Sociale Bulqizë",
        ),
    ]
    assert [(r.get("ref"), r.get("type")) for r in project.findall("related-activity")] == [
        (_plan_identifier(world.plan, "1.1.1.1"), "1")
    ]
    assert project.find("result") is None


def test_a_project_the_municipality_neither_funds_nor_runs_is_reported_as_a_secondary_reporter(
    cast: Cast, world: World
) -> None:
    other = _project(cast, [], [(world.eu, Decimal(5000), "EUR")], name_sq="Tjetër")

    project = _by_identifier(_parse(cast))[f"{REPORTER}-PROJECT-{other.pk}"]

    assert project.find("reporting-org").get("secondary-reporter") == "1"
    assert project.get("default-currency") == "EUR"


def test_a_new_version_of_the_plan_keeps_the_identifiers_and_the_earlier_versions_actuals(
    cast: Cast, world: World, schema: etree.XMLSchema
) -> None:
    revision = plan_revise(actor=None, plan=world.plan)
    Plan.objects.filter(pk=world.plan.pk).update(status=Plan.Status.CLOSED)
    Plan.objects.filter(pk=revision.pk).update(status=Plan.Status.ADOPTED)

    root = _parse(cast)
    activities = _by_identifier(root)

    assert schema.validate(root), schema.error_log
    home = activities[_plan_identifier(world.plan, "1.1.1.1")]
    assert len(activities) == 3
    assert {b.get("type") for b in home.findall("budget")} == {"2"}
    # The project still implements it, though it named the row of the earlier version.
    assert [r.get("type") for r in home.findall("related-activity")] == ["2"]
    indicator = home.find("result").find("indicator")
    assert [a.get("value") for a in indicator.iter("actual")] == ["18.00"]
    # The earlier version's review said "on track"; the new version is only adopted.
    assert home.find("activity-status").get("code") == "2"


def test_it_names_no_person_and_no_count_of_people(cast: Cast, world: World) -> None:
    file = iati_activities(municipality=cast.areas["AL-BULQIZE"]).decode()

    assert cast.planner.username not in file
    assert "people reached" not in file.lower()


def test_the_number_of_queries_does_not_grow_with_the_projects(cast: Cast, world: World) -> None:
    municipality = cast.areas["AL-BULQIZE"]
    with CaptureQueriesContext(connection) as one:
        iati_activities(municipality=municipality)
    for index in range(4):
        _project(
            cast,
            [world.activities["home"], world.activities["ngo"]],
            [(world.eu, Decimal(index + 1), "EUR")],
            name_sq=f"Projekt {index}",
        )
    with CaptureQueriesContext(connection) as five:
        root = etree.fromstring(iati_activities(municipality=municipality))

    assert len(root.findall("iati-activity")) == 7
    assert len(five.captured_queries) == len(one.captured_queries)


@pytest.mark.urls(__name__)
def test_anyone_downloads_the_file_and_an_unknown_municipality_is_not_found(
    client: Client, cast: Cast, world: World
) -> None:
    response = client.get(reverse("progress:iati", args=["AL-BULQIZE"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kujdes-iati-AL-BULQIZE.xml"'
    assert etree.fromstring(response.content).tag == "iati-activities"
    assert client.get(reverse("progress:iati", args=["AL-NOWHERE"])).status_code == 404
    assert client.get(reverse("progress:iati", args=["AL-PUKE-QERRET"])).status_code == 404
    assert client.post(reverse("progress:iati", args=["AL-BULQIZE"])).status_code == 405


@pytest.mark.urls(__name__)
def test_a_municipality_with_nothing_to_export_has_no_file(client: Client, cast: Cast) -> None:
    # Pukë has no project and no adopted plan: a file without activities is not valid IATI.
    assert not Project.objects.filter(municipality=cast.areas["AL-PUKE"]).exists()

    assert client.get(reverse("progress:iati", args=["AL-PUKE"])).status_code == 404


def test_a_small_count_of_people_served_is_not_exported(cast: Cast, world: World) -> None:
    """The measure's indicator counts the people day centres served: 18 is shown, 3 is not."""
    indicator = Indicator.objects.get(plan=world.plan, measure__isnull=False)
    indicator.counted_service_type = ServiceType.objects.get(code="AL_COMMUNITY_DAY")
    indicator.save(update_fields=["counted_service_type"])

    def actuals() -> list[list[str]]:
        home = _by_identifier(_parse(cast))[_plan_identifier(world.plan, "1.1.1.1")]
        (result,) = home.find("result").findall("indicator")
        return [[a.get("value") for a in p.findall("actual")] for p in result.findall("period")]

    assert actuals() == [["18.00"], []]
    IndicatorActual.objects.filter(indicator=indicator).update(value=Decimal(3))
    assert actuals() == [[], []]

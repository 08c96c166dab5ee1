"""Projects that implement a municipality's plan: their funders, the plan activities they
implement, their target groups and units, and the people they reached."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.directory.models import Organization, TargetGroup
from kujdes.directory.services import EditConflict
from kujdes.monitoring.models import Project, ProjectFunding, ProjectReach
from kujdes.monitoring.services import project_reach_set, project_save
from kujdes.planning.models import Activity, Plan
from kujdes.planning.services import (
    InvalidInput,
    activity_save,
    measure_save,
    objective_save,
    plan_save,
)
from tests.personas import ORGANIZATION_BULQIZE, PLAN_BULQIZE, Cast

VALUES = {
    "name_sq": "Kujdes në shtëpi për personat me aftësi të kufizuara",
    "implementer": None,
    "starts": date(2026, 3, 1),
    "ends": date(2027, 12, 31),
    "status": Project.Status.ONGOING,
}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _activity(plan: Plan, number: str = "1") -> Activity:
    strategic = objective_save(actor=None, plan=plan, values={"number": number, "name_sq": "S"})
    specific = objective_save(
        actor=None,
        plan=plan,
        values={"number": f"{number}.1", "name_sq": "P", "parent": strategic},
    )
    measure = measure_save(
        actor=None, objective=specific, values={"number": f"{number}.1.1", "name_sq": "M"}, gaps=[]
    )
    return activity_save(
        actor=None,
        measure=measure,
        values={
            "number": f"{number}.1.1.1",
            "name_sq": "A",
            "start_year": plan.start_year,
            "end_year": plan.start_year,
        },
        partners=[],
        target_groups=[],
        units=[],
        costs={},
    )


def _save(cast: Cast, **overrides: object) -> Project:
    centre = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    arguments: dict[str, object] = {
        "actor": cast.planner,
        "municipality": cast.areas["AL-BULQIZE"],
        "values": {**VALUES, "implementer": centre},
        "funding": [(centre, Decimal("12000.00"), "EUR")],
        "target_groups": TargetGroup.objects.filter(code="AL_PWD"),
        "units": [cast.areas["AL-BULQIZE-ZERQAN"]],
    } | overrides
    if "activities" not in arguments:
        arguments["activities"] = [_activity(Plan.objects.get(pk=PLAN_BULQIZE))]
    return project_save(**arguments)  # type: ignore[arg-type]


def test_it_records_a_project_with_its_funders_and_the_activities_it_implements(
    cast: Cast,
) -> None:
    project = _save(cast)

    assert list(ProjectFunding.objects.values_list("funder_id", "amount", "currency")) == [
        (ORGANIZATION_BULQIZE, Decimal("12000.00"), "EUR")
    ]
    assert [a.number for a in project.activities.all()] == ["1.1.1.1"]
    assert [g.code for g in project.target_groups.all()] == ["AL_PWD"]
    assert [u.code for u in project.units.all()] == ["AL-BULQIZE-ZERQAN"]
    event = AuditEvent.objects.get(verb="project.created", target_key=str(project.pk))
    assert event.payload["funding"] == [[str(ORGANIZATION_BULQIZE), "12000.00", "EUR"]]


@pytest.mark.parametrize("case", ["activity", "unit", "group", "period", "funder"])
def test_it_refuses_what_is_not_the_municipalitys_and_writes_nothing(cast: Cast, case: str) -> None:
    centre = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    puke_plan = plan_save(
        actor=None,
        municipality=cast.areas["AL-PUKE"],
        values={
            "name_sq": "Plani i Pukës",
            "kind": "social_plan",
            "start_year": 2026,
            "end_year": 2026,
            "currency": "ALL",
        },
    )
    overrides: dict[str, object] = {
        "activity": {"activities": [_activity(puke_plan)]},
        "unit": {"units": [cast.areas["AL-PUKE-QERRET"]]},
        "group": {"target_groups": TargetGroup.objects.filter(country="RS")[:1]},
        "period": {"values": {**VALUES, "implementer": centre, "ends": date(2025, 1, 1)}},
        "funder": {
            "funding": [(centre, Decimal(1), "EUR"), (centre, Decimal(2), "EUR")],
        },
    }[case]  # type: ignore[assignment]
    fields = {
        "activity": "activities",
        "unit": "units",
        "group": "target_groups",
        "period": "ends",
        "funder": "funding",
    }
    with pytest.raises(InvalidInput) as error:
        _save(cast, **overrides)
    assert error.value.field == fields[case]
    assert not Project.objects.exists()
    assert not ProjectFunding.objects.exists()


def test_an_update_replaces_the_funding_and_a_stale_one_changes_nothing(cast: Cast) -> None:
    project = _save(cast)
    centre = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    _save(
        cast,
        project=project,
        expected_version=1,
        funding=[(centre, Decimal("15000.00"), "EUR"), (centre, Decimal("500000"), "ALL")],
        activities=list(project.activities.all()),
    )
    with pytest.raises(EditConflict):
        _save(
            cast,
            project=project,
            expected_version=1,
            funding=[],
            activities=list(project.activities.all()),
        )
    assert sorted(ProjectFunding.objects.values_list("amount", "currency")) == [
        (Decimal("15000.00"), "EUR"),
        (Decimal("500000.00"), "ALL"),
    ]
    assert Project.objects.get(pk=project.pk).version == 2


def test_it_records_the_people_reached_by_sex_and_age_within_the_projects_years(
    cast: Cast,
) -> None:
    project = _save(cast)
    project_reach_set(
        actor=cast.planner, project=project, year=2026, people={("F", "65+"): 14, ("M", "65+"): 9}
    )
    project_reach_set(
        actor=cast.planner, project=project, year=2026, people={("F", "65+"): 15, ("M", "0-17"): 3}
    )
    with pytest.raises(InvalidInput) as error:
        project_reach_set(actor=cast.planner, project=project, year=2028, people={("F", "65+"): 1})
    assert error.value.field == "year"
    assert list(ProjectReach.objects.values_list("year", "sex", "age_group", "people")) == [
        (2026, "F", "65+", 15),
        (2026, "M", "0-17", 3),
    ]

"""Part B of the cycle: a municipality's plan with its objectives, measures, activities and
their costs, indicators and targets, and the budget summed every way the document shows it."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.directory.models import FundingSource, ServiceType, TargetGroup
from kujdes.directory.services import EditConflict
from kujdes.planning.models import (
    Activity,
    ActivityCost,
    Indicator,
    IndicatorTarget,
    MeasureGap,
    Objective,
    Plan,
)
from kujdes.planning.selectors import NO_TARGET_GROUP, plan_budget
from kujdes.planning.services import (
    InvalidInput,
    activity_save,
    indicator_save,
    measure_save,
    objective_save,
    plan_save,
)
from tests.personas import PLANS, Cast

BUDGET = FundingSource.MUNICIPAL_BUDGET
SOCIAL_FUND = FundingSource.SOCIAL_FUND
DONOR = FundingSource.DONOR


def _plan(cast: Cast, **values: object) -> Plan:
    return plan_save(
        actor=cast.planner,
        municipality=cast.areas["AL-BULQIZE"],
        values={
            "name_sq": "Plani Social i Bulqizës 2025–2027",
            "kind": Plan.Kind.SOCIAL_PLAN,
            "start_year": 2025,
            "end_year": 2027,
            "currency": "ALL",
            **values,
        },
    )


def _tree(cast: Cast) -> tuple[Plan, Objective, Objective]:
    plan = _plan(cast)
    strategic = objective_save(
        actor=cast.planner, plan=plan, values={"number": "1", "name_sq": "Kujdes në komunitet"}
    )
    specific = objective_save(
        actor=cast.planner,
        plan=plan,
        values={"number": "1.1", "name_sq": "Shërbime në shtëpi", "parent": strategic},
    )
    return plan, strategic, specific


def _groups(*codes: str) -> list[TargetGroup]:
    return list(TargetGroup.objects.filter(code__in=codes).order_by("code"))


def _activity(
    cast: Cast, specific: Objective, costs: dict[tuple[int, str], Decimal], **kw: Any
) -> Activity:
    measure = measure_save(
        actor=cast.planner,
        objective=specific,
        values={"number": "1.1.1", "name_sq": "Masa"},
        gaps=[],
    )
    return activity_save(
        actor=cast.planner,
        measure=measure,
        values={
            "number": "1.1.1.1",
            "name_sq": "Kujdes në shtëpi",
            "start_year": 2025,
            "end_year": 2027,
        },
        costs=costs,
        partners=kw.pop("partners", []),
        target_groups=kw.pop("target_groups", []),
        units=kw.pop("units", []),
    )


def _refused(message_part: str, field: str | None, call: Callable[[], object]) -> InvalidInput:
    events = AuditEvent.objects.count()
    with translation.override("en"), pytest.raises(InvalidInput) as refused:
        call()
    assert message_part in refused.value.message
    assert refused.value.field == field
    assert AuditEvent.objects.count() == events
    return refused.value


# ── Plans ─────────────────────────────────────────────────────────────────────────────────


def test_it_starts_a_draft_social_plan_of_an_albanian_municipality(cast: Cast) -> None:
    plan = _plan(cast, vision_sq="Një bashki që kujdeset")

    plan.refresh_from_db()
    assert (plan.kind, plan.status, plan.start_year, plan.end_year, plan.currency) == (
        "social_plan",
        "draft",
        2025,
        2027,
        "ALL",
    )
    assert list(plan.years) == [2025, 2026, 2027]
    assert plan.vision_sq == "Një bashki që kujdeset"
    event = AuditEvent.objects.get(verb="plan.created", target_key=str(plan.pk))
    assert event.actor == cast.planner
    assert event.payload["municipality"] == "AL-BULQIZE"


@pytest.mark.parametrize("kind", [Plan.Kind.MUNICIPAL_STRATEGY, Plan.Kind.ACTION_PLAN])
def test_it_refuses_a_kind_of_plan_another_country_adopts(cast: Cast, kind: str) -> None:
    _refused("not one this municipality's country adopts", "kind", lambda: _plan(cast, kind=kind))
    assert not Plan.objects.exclude(pk__in=PLANS).exists()


def test_it_refuses_a_period_that_runs_backwards(cast: Cast) -> None:
    _refused("cannot come before", "end_year", lambda: _plan(cast, start_year=2027, end_year=2025))
    assert not Plan.objects.exclude(pk__in=PLANS).exists()


def test_it_refuses_a_plan_of_an_administrative_unit(cast: Cast) -> None:
    def call() -> Plan:
        return plan_save(
            actor=cast.planner,
            municipality=cast.areas["AL-BULQIZE-ZERQAN"],
            values={
                "name_sq": "x",
                "kind": "social_plan",
                "start_year": 2025,
                "end_year": 2026,
                "currency": "ALL",
            },
        )

    _refused("made by a municipality", None, call)
    assert not Plan.objects.exclude(pk__in=PLANS).exists()


def test_it_keeps_the_period_from_leaving_activities_outside(cast: Cast) -> None:
    plan, _strategic, specific = _tree(cast)
    _activity(cast, specific, {(2027, BUDGET): Decimal(100)})

    _refused(
        "fall outside this period",
        "start_year",
        lambda: plan_save(
            actor=cast.planner, municipality=plan.municipality, plan=plan, values={"end_year": 2026}
        ),
    )
    plan.refresh_from_db()
    assert plan.end_year == 2027


def test_the_second_of_two_editors_gets_a_conflict_and_changes_nothing(cast: Cast) -> None:
    plan = _plan(cast)
    first = Plan.objects.get(pk=plan.pk)
    second = Plan.objects.get(pk=plan.pk)
    plan_save(
        actor=cast.planner,
        municipality=plan.municipality,
        plan=first,
        expected_version=1,
        values={"name_sq": "Titulli i parë"},
    )

    with pytest.raises(EditConflict):
        plan_save(
            actor=cast.planner,
            municipality=plan.municipality,
            plan=second,
            expected_version=1,
            values={"name_sq": "Titulli i dytë"},
        )

    plan.refresh_from_db()
    assert (plan.name_sq, plan.version) == ("Titulli i parë", 2)
    assert AuditEvent.objects.filter(verb="plan.updated").count() == 1


def test_a_submitted_plan_cannot_be_changed(cast: Cast) -> None:
    plan, _strategic, _specific = _tree(cast)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.SUBMITTED)
    plan.refresh_from_db()

    _refused(
        "can no longer be changed",
        None,
        lambda: objective_save(
            actor=cast.planner, plan=plan, values={"number": "2", "name_sq": "x"}
        ),
    )
    _refused(
        "can no longer be changed",
        None,
        lambda: plan_save(
            actor=cast.planner, municipality=plan.municipality, plan=plan, values={"name_sq": "y"}
        ),
    )
    assert Objective.objects.filter(plan=plan).count() == 2
    assert Plan.objects.get(pk=plan.pk).name_sq == "Plani Social i Bulqizës 2025–2027"


# ── Objectives and measures ───────────────────────────────────────────────────────────────


def test_specific_objectives_sit_under_a_strategic_one(cast: Cast) -> None:
    plan, strategic, specific = _tree(cast)

    assert strategic.is_strategic and not specific.is_strategic
    assert list(strategic.children.all()) == [specific]
    _refused(
        "belongs to a strategic objective",
        "parent",
        lambda: objective_save(
            actor=cast.planner,
            plan=plan,
            values={"number": "1.1.1", "name_sq": "x", "parent": specific},
        ),
    )
    _refused(
        "has this number",
        "number",
        lambda: objective_save(
            actor=cast.planner,
            plan=plan,
            values={"number": "1.1", "name_sq": "x", "parent": strategic},
        ),
    )
    second = objective_save(actor=cast.planner, plan=plan, values={"number": "2", "name_sq": "y"})
    _refused(
        "stays strategic",
        "parent",
        lambda: objective_save(
            actor=cast.planner,
            plan=plan,
            objective=strategic,
            values={"parent": second},
        ),
    )
    assert Objective.objects.get(pk=strategic.pk).parent_id is None


def test_an_objective_of_another_plan_cannot_be_a_parent(cast: Cast) -> None:
    _plan_a, strategic_a, _specific_a = _tree(cast)
    plan_b = _plan(cast, name_sq="Plani tjetër")

    _refused(
        "belongs to a strategic objective",
        "parent",
        lambda: objective_save(
            actor=cast.planner,
            plan=plan_b,
            values={"number": "1", "name_sq": "x", "parent": strategic_a},
        ),
    )
    assert not Objective.objects.filter(plan=plan_b).exists()


def test_a_measure_answers_gaps_of_its_municipality(cast: Cast) -> None:
    _the_plan, strategic, specific = _tree(cast)
    zerqan = cast.areas["AL-BULQIZE-ZERQAN"]

    measure = measure_save(
        actor=cast.planner,
        objective=specific,
        values={"number": "1.1.1", "name_sq": "Kujdes në shtëpi në Zerqan"},
        gaps=[(zerqan, "PERSONS_WITH_DISABILITIES"), (zerqan, "ELDERLY")],
    )

    assert sorted(
        MeasureGap.objects.filter(measure=measure).values_list("unit__code", "target_group")
    ) == [
        ("AL-BULQIZE-ZERQAN", "ELDERLY"),
        ("AL-BULQIZE-ZERQAN", "PERSONS_WITH_DISABILITIES"),
    ]
    assert AuditEvent.objects.get(verb="measure.created").payload["gaps"] == [
        "AL-BULQIZE-ZERQAN:ELDERLY",
        "AL-BULQIZE-ZERQAN:PERSONS_WITH_DISABILITIES",
    ]
    _refused(
        "administrative unit of this municipality",
        "gaps",
        lambda: measure_save(
            actor=cast.planner,
            objective=specific,
            measure=measure,
            values={},
            gaps=[(cast.areas["AL-PUKE-QERRET"], "ELDERLY")],
        ),
    )
    _refused(
        "Measures belong to a specific objective",
        "objective",
        lambda: measure_save(
            actor=cast.planner, objective=strategic, values={"number": "9", "name_sq": "x"}, gaps=[]
        ),
    )
    assert MeasureGap.objects.filter(measure=measure).count() == 2


# ── Activities and costs ──────────────────────────────────────────────────────────────────


def test_an_activity_keeps_its_costs_per_year_and_source(cast: Cast) -> None:
    _the_plan, _strategic, specific = _tree(cast)
    home_care = ServiceType.objects.filter(country="AL").order_by("code").first()

    activity = _activity(
        cast,
        specific,
        {
            (2025, BUDGET): Decimal("1200000"),
            (2025, SOCIAL_FUND): Decimal("800000"),
            (2026, BUDGET): Decimal("1300000.50"),
        },
        target_groups=_groups("AL_PWD"),
        units=[cast.areas["AL-BULQIZE-ZERQAN"]],
    )
    activity_save(
        actor=cast.planner,
        measure=activity.measure,
        activity=activity,
        expected_version=1,
        values={"service_type": home_care, "creates_new_service": True, "contracted_to_ngo": True},
        partners=[],
        target_groups=_groups("AL_PWD"),
        units=[cast.areas["AL-BULQIZE-ZERQAN"]],
        costs={(2025, BUDGET): Decimal("1200000"), (2027, DONOR): Decimal("500000")},
    )

    activity.refresh_from_db()
    assert (activity.version, activity.creates_new_service, activity.contracted_to_ngo) == (
        2,
        True,
        True,
    )
    assert activity.service_type == home_care
    assert list(
        ActivityCost.objects.filter(activity=activity).values_list("year", "source", "amount")
    ) == [
        (2025, "municipal_budget", Decimal("1200000.00")),
        (2027, "donor", Decimal("500000.00")),
    ]
    assert AuditEvent.objects.filter(verb="activity.updated").get().payload["total"] == "1700000"


@pytest.mark.parametrize(
    ("costs", "message", "field"),
    [
        ({(2024, BUDGET): Decimal(1)}, "does not run", "costs"),
        ({(2025, BUDGET): Decimal(-1)}, "cannot be negative", "costs"),
        ({(2025, "lottery"): Decimal(1)}, "funding source from the list", "costs"),
    ],
)
def test_it_refuses_a_bad_cost_and_keeps_the_old_ones(
    cast: Cast, costs: dict[tuple[int, str], Decimal], message: str, field: str
) -> None:
    _the_plan, _strategic, specific = _tree(cast)
    activity = _activity(cast, specific, {(2026, BUDGET): Decimal(700)})

    _refused(
        message,
        field,
        lambda: activity_save(
            actor=cast.planner,
            measure=activity.measure,
            activity=activity,
            values={},
            partners=[],
            target_groups=[],
            units=[],
            costs=costs,
        ),
    )
    assert list(ActivityCost.objects.filter(activity=activity).values_list("year", "amount")) == [
        (2026, Decimal("700.00"))
    ]


def test_an_activity_runs_within_the_plan_and_for_its_country(cast: Cast) -> None:
    _the_plan, _strategic, specific = _tree(cast)
    measure = measure_save(
        actor=cast.planner,
        objective=specific,
        values={"number": "1.1.1", "name_sq": "Masa"},
        gaps=[],
    )
    serbian_type = ServiceType.objects.filter(country="RS").order_by("code").first()

    def save(**kw: Any) -> Activity:
        values = {"number": "a", "name_sq": "x", "start_year": 2025, "end_year": 2026}
        values.update(kw.pop("values", {}))
        lists = {name: kw.pop(name, []) for name in ("partners", "target_groups", "units")}
        return activity_save(actor=cast.planner, measure=measure, values=values, costs={}, **lists)

    _refused("within the plan's period", "start_year", lambda: save(values={"end_year": 2028}))
    _refused(
        "this country's list",
        "target_groups",
        lambda: save(target_groups=_groups("RS_CHILDREN_DEVELOPMENTAL_DISABILITIES")),
    )
    _refused(
        "this country's typology",
        "service_type",
        lambda: save(values={"service_type": serbian_type}),
    )
    _refused(
        "administrative unit of this municipality",
        "units",
        lambda: save(units=[cast.areas["AL-PUKE-QERRET"]]),
    )
    assert not Activity.objects.exists()


# ── Indicators ────────────────────────────────────────────────────────────────────────────


def test_an_indicator_has_a_baseline_and_a_target_a_year(cast: Cast) -> None:
    plan, strategic, _specific = _tree(cast)

    indicator = indicator_save(
        actor=cast.planner,
        plan=plan,
        objective=strategic,
        values={
            "name_sq": "Persona që marrin kujdes në shtëpi",
            "unit": "persona",
            "baseline_value": Decimal(31),
            "baseline_year": 2023,
        },
        targets={2025: Decimal(40), 2026: Decimal(50), 2027: Decimal(60)},
    )

    assert list(indicator.targets.values_list("year", "value")) == [
        (2025, Decimal("40.00")),
        (2026, Decimal("50.00")),
        (2027, Decimal("60.00")),
    ]
    assert AuditEvent.objects.get(verb="indicator.created").payload["targets"] == {
        "2025": "40",
        "2026": "50",
        "2027": "60",
    }


def test_an_indicator_measures_one_thing_of_its_plan_within_its_years(cast: Cast) -> None:
    plan, strategic, specific = _tree(cast)
    measure = measure_save(
        actor=cast.planner,
        objective=specific,
        values={"number": "1.1.1", "name_sq": "Masa"},
        gaps=[],
    )
    other_plan, other_strategic, _ = _tree_of_other(cast)

    def save(**kw: Any) -> Indicator:
        return indicator_save(
            actor=cast.planner, plan=plan, values={"name_sq": "x", "unit": "%"}, **kw
        )

    _refused(
        "one objective or one measure",
        None,
        lambda: save(objective=strategic, measure=measure, targets={}),
    )
    _refused("one objective or one measure", None, lambda: save(targets={}))
    _refused(
        "one objective or one measure", None, lambda: save(objective=other_strategic, targets={})
    )
    _refused(
        "within the plan's period",
        "targets",
        lambda: save(objective=strategic, targets={2028: Decimal(1)}),
    )
    assert not Indicator.objects.exists()
    assert not IndicatorTarget.objects.exists()
    assert other_plan.pk != plan.pk


def _tree_of_other(cast: Cast) -> tuple[Plan, Objective, Objective]:
    plan = _plan(cast, name_sq="Plani tjetër")
    strategic = objective_save(
        actor=cast.planner, plan=plan, values={"number": "1", "name_sq": "a"}
    )
    specific = objective_save(
        actor=cast.planner,
        plan=plan,
        values={"number": "1.1", "name_sq": "b", "parent": strategic},
    )
    return plan, strategic, specific


# ── The budget ────────────────────────────────────────────────────────────────────────────


def test_the_budget_adds_up_by_year_source_objective_and_target_group(cast: Cast) -> None:
    plan, _strategic, specific = _tree(cast)
    second = objective_save(
        actor=cast.planner, plan=plan, values={"number": "2", "name_sq": "Mbrojtja", "position": 1}
    )
    second_specific = objective_save(
        actor=cast.planner,
        plan=plan,
        values={"number": "2.1", "name_sq": "SOS", "parent": second},
    )
    _activity(
        cast,
        specific,
        {(2025, BUDGET): Decimal("100.00"), (2026, SOCIAL_FUND): Decimal("50.00")},
        target_groups=_groups("AL_PWD", "AL_CHILDREN", "AL_ELDERLY"),
    )
    _activity(cast, second_specific, {(2027, DONOR): Decimal("30.01")})

    budget = plan_budget(plan)

    assert budget.years == [2025, 2026, 2027]
    assert budget.total == Decimal("180.01")
    assert budget.by_year == {
        2025: Decimal("100.00"),
        2026: Decimal("50.00"),
        2027: Decimal("30.01"),
    }
    assert budget.by_source == {
        "donor": {2025: 0, 2026: 0, 2027: Decimal("30.01")},
        "municipal_budget": {2025: Decimal("100.00"), 2026: 0, 2027: 0},
        "social_fund": {2025: 0, 2026: Decimal("50.00"), 2027: 0},
    }
    assert [(objective.number, amounts) for objective, amounts in budget.by_objective] == [
        ("1", {2025: Decimal("100.00"), 2026: Decimal("50.00"), 2027: 0}),
        ("2", {2025: 0, 2026: 0, 2027: Decimal("30.01")}),
    ]
    # 150.00 shared by three groups: 50.00 each; the codes sort CHILDREN, ELDERLY, PERSONS_…
    assert budget.by_target_group == {
        NO_TARGET_GROUP: Decimal("30.01"),
        "CHILDREN": Decimal("50.00"),
        "ELDERLY": Decimal("50.00"),
        "PERSONS_WITH_DISABILITIES": Decimal("50.00"),
    }
    assert sum(budget.by_target_group.values()) == budget.total


def test_shares_of_an_uneven_amount_add_up_to_the_cent(cast: Cast) -> None:
    plan, _strategic, specific = _tree(cast)
    _activity(
        cast,
        specific,
        {(2025, BUDGET): Decimal("100.00")},
        target_groups=_groups("AL_PWD", "AL_CHILDREN", "AL_ELDERLY"),
    )

    budget = plan_budget(plan)

    assert budget.by_target_group == {
        "CHILDREN": Decimal("33.34"),
        "ELDERLY": Decimal("33.33"),
        "PERSONS_WITH_DISABILITIES": Decimal("33.33"),
    }
    assert sum(budget.by_target_group.values()) == Decimal("100.00")


def test_the_budget_runs_three_queries_however_large_the_plan(cast: Cast) -> None:
    plan, _strategic, specific = _tree(cast)
    _activity(cast, specific, {(2025, BUDGET): Decimal(1)}, target_groups=_groups("AL_PWD"))
    with CaptureQueriesContext(connection) as small:
        plan_budget(plan)
    for number in range(5):
        activity_save(
            actor=cast.planner,
            measure=Activity.objects.first().measure,  # type: ignore[union-attr]
            values={"number": f"x{number}", "name_sq": "x", "start_year": 2025, "end_year": 2027},
            partners=[],
            target_groups=_groups("AL_CHILDREN", "AL_ELDERLY"),
            units=[],
            costs={(2026, DONOR): Decimal(number + 1), (2027, BUDGET): Decimal(2)},
        )

    with CaptureQueriesContext(connection) as large:
        budget = plan_budget(plan)

    assert len(small.captured_queries) == len(large.captured_queries) == 3
    assert budget.total == Decimal(1 + 15 + 10)


def test_renaming_a_specific_objective_keeps_it_under_its_strategic_one(cast: Cast) -> None:
    plan, strategic, specific = _tree(cast)

    objective_save(
        actor=cast.planner,
        plan=plan,
        objective=specific,
        expected_version=1,
        values={"name_sq": "Shërbime në shtëpi dhe në komunitet"},
    )

    specific.refresh_from_db()
    assert (specific.name_sq, specific.parent_id, specific.version) == (
        "Shërbime në shtëpi dhe në komunitet",
        strategic.pk,
        2,
    )
    assert AuditEvent.objects.filter(verb="objective.updated").get().payload["fields"] == [
        "name_sq"
    ]

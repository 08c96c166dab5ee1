"""The demo's plan: Bulqizë's Social Plan 2019–2023 (illustrative), built through the services."""

from decimal import Decimal

from kujdes.planning.demo import PLAN_TITLE, demo_plan_load
from kujdes.planning.models import Activity, Indicator, Measure, Objective, Plan
from kujdes.planning.selectors import plan_budget
from kujdes.territory.services import UpsertCounts
from tests.personas import Cast


def test_it_builds_the_costed_social_plan_of_bulqize_once(cast: Cast) -> None:
    counts = UpsertCounts()

    demo_plan_load(cast.areas["AL-BULQIZE"], counts)
    demo_plan_load(cast.areas["AL-BULQIZE"], counts)

    plan = Plan.objects.get(name_sq=PLAN_TITLE)
    assert (counts.created, counts.unchanged) == (1, 1)
    assert (plan.kind, plan.start_year, plan.end_year, plan.is_illustrative) == (
        "social_plan",
        2019,
        2023,
        True,
    )
    assert Objective.objects.filter(plan=plan, parent=None).count() == 2
    assert Objective.objects.filter(plan=plan).exclude(parent=None).count() == 3
    assert Measure.objects.filter(objective__plan=plan).count() == 3
    assert Activity.objects.filter(measure__objective__plan=plan).count() == 5
    assert Indicator.objects.filter(plan=plan).count() == 2
    budget = plan_budget(plan)
    assert budget.total == Decimal("38500000.00")
    assert budget.by_year == {
        2019: Decimal("5600000.00"),
        2020: Decimal("9800000.00"),
        2021: Decimal("8100000.00"),
        2022: Decimal("7500000.00"),
        2023: Decimal("7500000.00"),
    }

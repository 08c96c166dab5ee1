"""The monitoring tests' shared plan: Bulqizë's plan 2026–2028 in implementation, costed."""

from decimal import Decimal

import pytest

from kujdes.directory.models import FundingSource
from kujdes.planning.models import Activity, Measure, Plan
from kujdes.planning.services import (
    activity_save,
    indicator_save,
    measure_save,
    objective_save,
)
from tests.personas import PLAN_BULQIZE, Cast

BUDGET = FundingSource.MUNICIPAL_BUDGET


def measure_add(plan: Plan, number: str) -> Measure:
    strategic = objective_save(actor=None, plan=plan, values={"number": number, "name_sq": "S"})
    specific = objective_save(
        actor=None, plan=plan, values={"number": f"{number}.1", "name_sq": "P", "parent": strategic}
    )
    return measure_save(
        actor=None, objective=specific, values={"number": f"{number}.1.1", "name_sq": "M"}, gaps=[]
    )


def activity_add(measure: Measure, number: str, cost: int) -> Activity:
    return activity_save(
        actor=None,
        measure=measure,
        values={"number": number, "name_sq": number, "start_year": 2026, "end_year": 2027},
        partners=[],
        target_groups=[],
        units=[],
        costs={(2026, BUDGET): Decimal(cost)} if cost else {},
    )


@pytest.fixture
def plan(cast: Cast) -> Plan:
    """Bulqizë's plan 2026–2028, costed and in implementation: activities A (300) and B (100)
    under objective 1, C (600) and D (not costed) under objective 2."""
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    first, second = measure_add(plan, "1"), measure_add(plan, "2")
    for measure, number, cost in (
        (first, "A", 300),
        (first, "B", 100),
        (second, "C", 600),
        (second, "D", 0),
    ):
        activity_add(measure, number, cost)
    indicator_save(
        actor=None,
        plan=plan,
        measure=first,
        values={"name_sq": "Persona", "unit": "persona"},
        targets={2026: Decimal(20)},
    )
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_IMPLEMENTATION)
    plan.refresh_from_db()
    return plan

"""The planning app's demo data, loaded by `manage.py load_demo` after the areas and the
directory, through the services: Bulqizë's structures and budgets (A6, A7), and three plans,
each from its advisory group's first meeting to implementation (all illustrative):

- Bulqizë, Social Plan 2019–2023, adopted by the Municipal Council in 2019;
- Pukë, Social Plan 2025–2030, adopted in 2025, its measures answering Pukë's A8 gaps;
- Pejë/Peć, Municipal Strategy for social and family services 2022–2024 with its action plan,
  in Albanian and Serbian, adopted by the Municipal Assembly in 2022.

A second run finds everything and changes nothing.
"""

from kujdes.planning.demo.assessment import BULQIZE, assessment_load
from kujdes.planning.demo.bulqize import PLAN as BULQIZE_PLAN
from kujdes.planning.demo.bulqize import PLAN_TITLE
from kujdes.planning.demo.peje import PLAN as PEJE_PLAN
from kujdes.planning.demo.plans import counts_new, plan_load
from kujdes.planning.demo.puke import PLAN as PUKE_PLAN
from kujdes.territory.demo import DemoReport
from kujdes.territory.models import Area
from kujdes.territory.services import UpsertCounts

PLANS = (BULQIZE_PLAN, PUKE_PLAN, PEJE_PLAN)

__all__ = ["PLANS", "PLAN_TITLE", "demo_load", "demo_plan_load"]


def demo_load() -> DemoReport:
    """Create what is missing; leave what a planner has changed."""
    counts = {"structures": UpsertCounts(), "budget years": UpsertCounts(), **counts_new()}
    bulqize = Area.objects.filter(code=BULQIZE).first()
    if bulqize is not None:
        assessment_load(bulqize, counts)
    # After the budgets: adoption keeps the needs assessment as it stands.
    for plan in PLANS:
        plan_load(plan, counts)
    return DemoReport(counts=counts)


def demo_plan_load(municipality: Area, counts: UpsertCounts) -> None:
    """Bulqizë's Social Plan 2019–2023 alone, counted in `counts`."""
    if municipality.code != BULQIZE_PLAN.municipality:
        raise ValueError(f"The demo's Social Plan 2019–2023 is Bulqizë's, not {municipality}'s.")
    plan_load(BULQIZE_PLAN, {**counts_new(), "plans": counts})

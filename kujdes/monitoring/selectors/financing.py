"""How each activity of a plan is paid for: its planned cost by funding source against what
projects, service contracts and awarded applications to funds commit to it."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from kujdes.directory.models import FundingSource
from kujdes.monitoring.models import FundingApplication, Project, ProjectFunding, ServiceContract
from kujdes.planning.models import Activity, Plan

CENT = Decimal("0.01")
MUNICIPAL = FundingSource.MUNICIPAL_BUDGET


@dataclass
class ActivityFinancing:
    """Amounts in the plan's currency over the plan's whole period. A commitment in another
    currency is not converted: it is named in `elsewhere` and left out of the sums."""

    activity: Activity
    planned: dict[str, Decimal]
    projects: Decimal = Decimal(0)
    contracts: Decimal = Decimal(0)
    awarded: Decimal = Decimal(0)
    # (project, contract or call, amount, currency): what the sums leave out for its currency.
    elsewhere: list[tuple[str, Decimal, str]] = field(default_factory=list)
    project_names: list[str] = field(default_factory=list)

    @property
    def planned_total(self) -> Decimal:
        return sum(self.planned.values(), Decimal(0))

    @property
    def committed(self) -> Decimal:
        return self.projects + self.contracts + self.awarded

    @property
    def gap(self) -> Decimal:
        """What the plan counts on that nothing commits yet; 0 when covered."""
        return max(self.planned_total - self.committed, Decimal(0))

    @property
    def co_financing_gap(self) -> Decimal:
        """The part planned from other sources than the municipal budget that no project or
        fund covers: what the municipality still has to find co-financing for."""
        external = self.planned_total - self.planned.get(MUNICIPAL, Decimal(0))
        return max(external - self.projects - self.awarded, Decimal(0))


@dataclass
class PlanFinancing:
    activities: list[ActivityFinancing]

    def total(self, name: str) -> Decimal:
        return sum((getattr(row, name) for row in self.activities), Decimal(0))

    @property
    def planned_total(self) -> Decimal:
        return self.total("planned_total")

    @property
    def committed(self) -> Decimal:
        return self.total("committed")

    @property
    def gap(self) -> Decimal:
        return self.total("gap")

    @property
    def co_financing_gap(self) -> Decimal:
        return self.total("co_financing_gap")


def _shares(amount: Decimal, weights: dict[uuid.UUID, Decimal]) -> dict[uuid.UUID, Decimal]:
    """`amount` split in proportion to `weights` (alike when they are all 0), to the cent, the
    rounding left on the last share so that the shares add up."""
    keys = sorted(weights)
    total = sum(weights.values(), Decimal(0))
    shares: dict[uuid.UUID, Decimal] = {}
    for key in keys[:-1]:
        part = weights[key] / total if total else Decimal(1) / len(keys)
        shares[key] = (amount * part).quantize(CENT, rounding=ROUND_HALF_UP)
    shares[keys[-1]] = amount - sum(shares.values(), Decimal(0))
    return shares


def plan_financing(plan: Plan) -> PlanFinancing:
    """Seven queries whatever the plan's size. A project that implements several activities is
    split among those of this plan in proportion to their planned cost."""
    activities = list(
        Activity.objects.filter(measure__objective__plan=plan)
        .prefetch_related("costs")
        .order_by(
            "measure__objective__parent__position",
            "measure__objective__parent__number",
            "measure__objective__position",
            "measure__objective__number",
            "measure__position",
            "measure__number",
            "position",
            "number",
        )
    )
    rows: dict[uuid.UUID, ActivityFinancing] = {}
    for activity in activities:
        planned: dict[str, Decimal] = defaultdict(Decimal)
        for cost in activity.costs.all():
            planned[cost.source] += cost.amount
        rows[activity.pk] = ActivityFinancing(activity, dict(planned))
    projects = (
        Project.objects.filter(activities__in=activities)
        .distinct()
        .prefetch_related(
            Prefetch("funding", queryset=ProjectFunding.objects.order_by("currency", "funder_id")),
            Prefetch("activities", queryset=Activity.objects.filter(pk__in=rows).only("pk")),
        )
    )
    for project in projects:
        mine = {a.pk: rows[a.pk].planned_total for a in project.activities.all()}
        for funding in project.funding.all():
            if funding.currency != plan.currency:
                # Named once, beside the first of its activities in the plan's order.
                first = next(pk for pk in rows if pk in mine)
                rows[first].elsewhere.append((project.name, funding.amount, funding.currency))
                continue
            for pk, share in _shares(funding.amount, mine).items():
                rows[pk].projects += share
        for pk in mine:
            rows[pk].project_names.append(project.name)
    for contract in ServiceContract.objects.filter(activity_id__in=rows).order_by("starts"):
        row = rows[contract.activity_id]  # type: ignore[index]
        if contract.currency != plan.currency:
            row.elsewhere.append((contract.number, contract.amount, contract.currency))
        else:
            row.contracts += contract.amount
    for application in FundingApplication.objects.filter(
        activity_id__in=rows, outcome=FundingApplication.Outcome.AWARDED
    ).order_by("call_closes"):
        row = rows[application.activity_id]  # type: ignore[index]
        awarded = application.awarded or Decimal(0)
        if application.currency != plan.currency:
            row.elsewhere.append((application.call, awarded, application.currency))
        else:
            row.awarded += awarded
    return PlanFinancing(list(rows.values()))

"""How each activity of a plan is paid for: its planned cost by funding source against what
projects, service contracts and awarded applications to funds commit to it."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Sum

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
    # Funding source → what the funds awarded for it.
    awarded_by_source: dict[str, Decimal] = field(default_factory=dict)
    # (project, contract or call, amount, currency): what the sums leave out for its currency.
    elsewhere: list[tuple[str, Decimal, str]] = field(default_factory=list)
    project_names: list[str] = field(default_factory=list)

    @property
    def planned_total(self) -> Decimal:
        return sum(self.planned.values(), Decimal(0))

    @property
    def awarded(self) -> Decimal:
        return sum(self.awarded_by_source.values(), Decimal(0))

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


@dataclass(frozen=True)
class SourceFinancing:
    source: str
    label: str
    planned: Decimal
    committed: Decimal

    @property
    def gap(self) -> Decimal:
        return max(self.planned - self.committed, Decimal(0))


@dataclass
class PlanFinancing:
    activities: list[ActivityFinancing]

    def by_source(self) -> list[SourceFinancing]:
        """Planned against committed per funding source: the municipal budget commits through
        its contracts, each fund through what it awarded, donors through projects."""
        planned: dict[str, Decimal] = defaultdict(Decimal)
        committed: dict[str, Decimal] = defaultdict(Decimal)
        for row in self.activities:
            for source, amount in row.planned.items():
                planned[source] += amount
            committed[MUNICIPAL] += row.contracts
            committed[FundingSource.DONOR] += row.projects
            for source, amount in row.awarded_by_source.items():
                committed[source] += amount
        return [
            SourceFinancing(source, str(label), planned[source], committed[source])
            for source, label in FundingSource.choices
            if planned[source] or committed[source]
        ]

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
    """`amount` split in proportion to `weights` (alike when they are all 0), to the cent:
    each share rounded down, the cents left given to the largest remainders, so that the
    shares add up exactly and none is negative."""
    keys = sorted(weights)
    total = sum(weights.values(), Decimal(0))
    parts = {key: weights[key] if total else Decimal(1) for key in keys}
    whole = sum(parts.values(), Decimal(0))
    cents = int((amount / CENT).to_integral_value())
    exact = {key: cents * parts[key] / whole for key in keys}
    floors = {key: int(value) for key, value in exact.items()}
    left = cents - sum(floors.values())
    for key in sorted(keys, key=lambda key: exact[key] - floors[key], reverse=True)[:left]:
        floors[key] += 1
    return {key: floors[key] * CENT for key in keys}


def plan_financing(plan: Plan) -> PlanFinancing:
    """Seven queries whatever the plan's size. A project that implements several activities is
    shared among them in proportion to their planned cost; this plan counts its own
    activities' shares."""
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
            # All the activities it implements, of this plan or another (an earlier version,
            # another plan): its funding is shared among all of them.
            Prefetch(
                "activities",
                queryset=Activity.objects.annotate(planned=Sum("costs__amount")).only("pk"),
            ),
        )
    )
    for project in projects:
        weights = {a.pk: a.planned or Decimal(0) for a in project.activities.all()}  # type: ignore[attr-defined]
        mine = [pk for pk in rows if pk in weights]
        for funding in project.funding.all():
            if funding.currency != plan.currency:
                # Named once, beside the first of its activities in the plan's order.
                rows[mine[0]].elsewhere.append((project.name, funding.amount, funding.currency))
                continue
            shares = _shares(funding.amount, weights)
            for pk in mine:
                rows[pk].projects += shares[pk]
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
            source = application.source
            row.awarded_by_source[source] = row.awarded_by_source.get(source, Decimal(0)) + awarded
    return PlanFinancing(list(rows.values()))

"""Reads of the yearly review: how the activities' progress rolls up to the measures, the
objectives and the plan."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Sum

from kujdes.directory.models import FundingSource
from kujdes.monitoring.models import ActivityProgress, Review
from kujdes.planning.models import Activity, ActivityCost, Measure, Objective, Plan
from kujdes.planning.selectors import PlanTree

ONE_PERCENT = Decimal("0.1")
CENT = Decimal("0.01")
Status = ActivityProgress.Status


@dataclass(frozen=True)
class ActivityStanding:
    status: str
    percent: int
    # The activity's planned cost over the whole plan: what its progress weighs.
    weight: Decimal

    @property
    def label(self) -> str:
        return str(Status(self.status).label)


@dataclass
class RollUp:
    """Progress in % (to one decimal) of each activity, measure, objective and the plan. An
    activity weighs its planned cost (all alike if the plan is not costed); cancelled ones are
    left out, and one without a record this year counts as not started. None where nothing
    is left to weigh."""

    activities: dict[uuid.UUID, ActivityStanding]
    measures: dict[uuid.UUID, Decimal | None]
    objectives: dict[uuid.UUID, Decimal | None]
    plan: Decimal | None
    # status → number of activities
    statuses: dict[str, int]


def _weighted(parts: list[ActivityStanding]) -> Decimal | None:
    counted = [part for part in parts if part.status != Status.CANCELLED]
    if not counted:
        return None
    weights = [part.weight for part in counted]
    # A group whose activities are none of them costed weighs them alike.
    if not any(weights):
        weights = [Decimal(1)] * len(counted)
    done = sum((weight * part.percent for weight, part in zip(weights, counted, strict=True)))
    return (Decimal(done) / sum(weights)).quantize(ONE_PERCENT, rounding=ROUND_HALF_UP)


ActivityRow = tuple[uuid.UUID, uuid.UUID, uuid.UUID, uuid.UUID | None, Decimal | None]


def _activity_rows(plan_id: uuid.UUID) -> list[ActivityRow]:
    """Each activity with its measure, objective, strategic objective and planned cost."""
    return list(
        Activity.objects.filter(measure__objective__plan_id=plan_id)
        .annotate(planned=Sum("costs__amount"))
        .values_list(
            "pk", "measure_id", "measure__objective_id", "measure__objective__parent_id", "planned"
        )
    )


def _rollup(activities: list[ActivityRow], recorded: dict[uuid.UUID, tuple[str, int]]) -> RollUp:
    costed = any(planned for *_keys, planned in activities)
    standings: dict[uuid.UUID, ActivityStanding] = {}
    by_measure: dict[uuid.UUID, list[ActivityStanding]] = defaultdict(list)
    by_objective: dict[uuid.UUID, list[ActivityStanding]] = defaultdict(list)
    for pk, measure_id, objective_id, parent_id, planned in activities:
        status, percent = recorded.get(pk, (Status.NOT_STARTED, 0))
        weight = (planned or Decimal(0)) if costed else Decimal(1)
        standing = ActivityStanding(status, percent, weight)
        standings[pk] = standing
        by_measure[measure_id].append(standing)
        by_objective[objective_id].append(standing)
        if parent_id is not None:
            by_objective[parent_id].append(standing)
    statuses = dict.fromkeys(Status.values, 0)
    for standing in standings.values():
        statuses[standing.status] += 1
    return RollUp(
        activities=standings,
        measures={pk: _weighted(parts) for pk, parts in by_measure.items()},
        objectives={pk: _weighted(parts) for pk, parts in by_objective.items()},
        plan=_weighted(list(standings.values())),
        statuses=statuses,
    )


def review_rollup(review: Review) -> RollUp:
    """Two queries whatever the plan's size."""
    recorded = {
        activity_id: (status, percent)
        for activity_id, status, percent in review.progress.values_list(
            "activity_id", "status", "percent"
        )
    }
    return _rollup(_activity_rows(review.plan_id), recorded)


def reviews_rollup(plan: Plan, reviews: list[Review]) -> dict[uuid.UUID, RollUp]:
    """The roll-up of each of the plan's `reviews`, by review; two queries however many."""
    if not reviews:
        return {}
    recorded: dict[uuid.UUID, dict[uuid.UUID, tuple[str, int]]] = defaultdict(dict)
    for review_id, activity_id, status, percent in ActivityProgress.objects.filter(
        review__in=reviews
    ).values_list("review_id", "activity_id", "status", "percent"):
        recorded[review_id][activity_id] = (status, percent)
    activities = _activity_rows(plan.pk)
    return {review.pk: _rollup(activities, recorded[review.pk]) for review in reviews}


@dataclass(frozen=True)
class SourceSpending:
    source: str
    label: str
    planned: Decimal
    spent: Decimal | None

    @property
    def share(self) -> Decimal | None:
        """What was spent of what was planned, in % (to one decimal)."""
        if self.spent is None or not self.planned:
            return None
        return (self.spent * 100 / self.planned).quantize(ONE_PERCENT, rounding=ROUND_HALF_UP)


def review_spending(review: Review) -> list[SourceSpending]:
    """The year's planned cost and spending by funding source, for the sources with either;
    two queries."""
    planned = dict(
        ActivityCost.objects.filter(
            activity__measure__objective__plan_id=review.plan_id, year=review.year
        )
        .values("source")
        .annotate(total=Sum("amount"))
        .values_list("source", "total")
    )
    spent = dict(review.spending.values_list("source", "amount"))
    return [
        # To the cent: a sum comes back with two places from PostgreSQL and none from SQLite.
        SourceSpending(
            source,
            str(label),
            planned.get(source, Decimal(0)).quantize(CENT),
            spent.get(source),
        )
        for source, label in FundingSource.choices
        if source in planned or source in spent
    ]


def planned_in(activity: Activity, year: int) -> Decimal:
    """The activity's planned cost in the year, from every source; reads `costs.all()`."""
    return sum((cost.amount for cost in activity.costs.all() if cost.year == year), Decimal(0))


@dataclass
class SheetRow:
    """A line of the review's progress table: an objective, a measure or an activity with its
    progress; an activity also with its standing, note and the year's planned cost."""

    level: str  # strategic, specific, measure or activity
    item: Objective | Measure | Activity
    percent: Decimal | None
    standing: ActivityStanding | None = None
    note: str = ""
    planned: Decimal | None = None
    # The editor's form fields of an activity's line, where the page has them.
    fields: Any = None


def progress_sheet(
    tree: PlanTree, rollup: RollUp, notes: dict[uuid.UUID, str], year: int
) -> list[SheetRow]:
    """The plan's tree (see planning.selectors.plan_tree) as the lines of the progress table;
    no query."""
    rows: list[SheetRow] = []
    for strategic in tree.strategic:
        rows.append(SheetRow("strategic", strategic, rollup.objectives.get(strategic.pk)))
        for specific in strategic.children.all():
            rows.append(SheetRow("specific", specific, rollup.objectives.get(specific.pk)))
            for measure in specific.measures.all():
                rows.append(SheetRow("measure", measure, rollup.measures.get(measure.pk)))
                for activity in measure.activities.all():
                    standing = rollup.activities.get(activity.pk)
                    rows.append(
                        SheetRow(
                            "activity",
                            activity,
                            Decimal(standing.percent) if standing else None,
                            standing=standing,
                            note=notes.get(activity.pk, ""),
                            planned=planned_in(activity, year),
                        )
                    )
    return rows

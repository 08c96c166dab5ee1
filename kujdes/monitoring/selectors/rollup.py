"""Reads of the yearly review: how the activities' progress rolls up to the measures, the
objectives and the plan."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from kujdes.monitoring.models import ActivityProgress, Review
from kujdes.planning.models import Activity

ONE_PERCENT = Decimal("0.1")
Status = ActivityProgress.Status


@dataclass(frozen=True)
class ActivityStanding:
    status: str
    percent: int
    # The activity's planned cost over the whole plan: what its progress weighs.
    weight: Decimal


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
    total = sum((part.weight for part in counted), Decimal(0))
    if not counted or not total:
        return None
    done = sum((part.weight * part.percent for part in counted), Decimal(0))
    return (done / total).quantize(ONE_PERCENT, rounding=ROUND_HALF_UP)


def review_rollup(review: Review) -> RollUp:
    """Two queries whatever the plan's size."""
    activities = list(
        Activity.objects.filter(measure__objective__plan_id=review.plan_id)
        .annotate(planned=Sum("costs__amount"))
        .values_list(
            "pk", "measure_id", "measure__objective_id", "measure__objective__parent_id", "planned"
        )
    )
    recorded = {
        activity_id: (status, percent)
        for activity_id, status, percent in review.progress.values_list(
            "activity_id", "status", "percent"
        )
    }
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

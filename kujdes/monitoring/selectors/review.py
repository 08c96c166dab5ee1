"""A year's review as its page and its monitoring report read it."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from kujdes.monitoring.models import ActivityProgress, IndicatorActual, Review
from kujdes.monitoring.selectors.rollup import (
    RollUp,
    SheetRow,
    SourceSpending,
    progress_sheet,
    review_rollup,
    review_spending,
)
from kujdes.planning.models import Indicator
from kujdes.planning.selectors import PlanTree, plan_tree


@dataclass
class ReviewState:
    """The plan's tree, the progress rolled up, what the review records of each activity and
    each indicator, and the year's spending against the planned cost by source."""

    review: Review
    tree: PlanTree
    rollup: RollUp
    progress: dict[uuid.UUID, ActivityProgress]
    actuals: dict[uuid.UUID, IndicatorActual]
    spending: list[SourceSpending]

    def target(self, indicator: Indicator) -> Decimal | None:
        """The indicator's target for the review's year; reads `targets.all()`."""
        year = self.review.year
        return next((t.value for t in indicator.targets.all() if t.year == year), None)

    def sheet(self) -> list[SheetRow]:
        """The lines of the progress table; no query."""
        notes = {pk: progress.note for pk, progress in self.progress.items()}
        return progress_sheet(self.tree, self.rollup, notes, self.review.year)

    def statuses(self) -> list[tuple[str, str, int]]:
        """(status, its label, how many activities) in the statuses' order."""
        return [
            (status, str(label), self.rollup.statuses[status])
            for status, label in ActivityProgress.Status.choices
        ]


def review_state(review: Review) -> ReviewState:
    """A fixed number of queries whatever the plan's size."""
    return ReviewState(
        review=review,
        tree=plan_tree(review.plan),
        rollup=review_rollup(review),
        progress={progress.activity_id: progress for progress in review.progress.all()},
        actuals={actual.indicator_id: actual for actual in review.actuals.all()},
        spending=review_spending(review),
    )

"""Reads of the plan's delivery and yearly review, one module per subject."""

from kujdes.monitoring.selectors.access import (
    record_get,
    review_get_for_editor,
    review_get_for_reader,
    review_get_published,
    reviews_published,
)
from kujdes.monitoring.selectors.national import NationalComparison, national_comparison
from kujdes.monitoring.selectors.review import ReviewState, review_state
from kujdes.monitoring.selectors.rollup import (
    ActivityStanding,
    RollUp,
    SheetRow,
    SourceSpending,
    progress_sheet,
    review_rollup,
    review_spending,
    reviews_rollup,
)

__all__ = [
    "ActivityStanding",
    "NationalComparison",
    "ReviewState",
    "RollUp",
    "SheetRow",
    "SourceSpending",
    "national_comparison",
    "progress_sheet",
    "record_get",
    "review_get_for_editor",
    "review_get_for_reader",
    "review_get_published",
    "review_rollup",
    "review_spending",
    "review_state",
    "reviews_published",
    "reviews_rollup",
]

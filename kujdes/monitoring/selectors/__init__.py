"""Reads of the plan's delivery and yearly review, one module per subject."""

from kujdes.monitoring.selectors.access import (
    review_get_for_editor,
    review_get_for_reader,
    review_get_published,
    reviews_published,
)
from kujdes.monitoring.selectors.rollup import ActivityStanding, RollUp, review_rollup

__all__ = [
    "ActivityStanding",
    "RollUp",
    "review_get_for_editor",
    "review_get_for_reader",
    "review_get_published",
    "review_rollup",
    "reviews_published",
]

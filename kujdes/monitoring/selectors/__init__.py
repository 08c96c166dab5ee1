"""Reads of the plan's delivery and yearly review, one module per subject."""

from kujdes.monitoring.selectors.rollup import ActivityStanding, RollUp, review_rollup

__all__ = ["ActivityStanding", "RollUp", "review_rollup"]

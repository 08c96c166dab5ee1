"""Every change of a plan's delivery and yearly review, one module per subject; each service
writes its audit event in its own transaction."""

from kujdes.monitoring.services.contracts import (
    application_save,
    contract_save,
    delivery_record,
)
from kujdes.monitoring.services.projects import project_reach_set, project_save
from kujdes.monitoring.services.reviews import (
    Filled,
    activity_progress_set,
    indicator_actual_set,
    indicator_actuals_fill,
    review_actuals_save,
    review_open,
    review_progress_save,
    review_publish,
    review_revision_open,
    review_save,
    spending_set,
)

__all__ = [
    "Filled",
    "activity_progress_set",
    "application_save",
    "contract_save",
    "delivery_record",
    "indicator_actual_set",
    "indicator_actuals_fill",
    "project_reach_set",
    "project_save",
    "review_actuals_save",
    "review_open",
    "review_progress_save",
    "review_publish",
    "review_revision_open",
    "review_save",
    "spending_set",
]

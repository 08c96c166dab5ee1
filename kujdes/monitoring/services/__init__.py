"""Every change of a plan's delivery and yearly review, one module per subject; each service
writes its audit event in its own transaction."""

from kujdes.monitoring.services.contracts import (
    application_save,
    contract_save,
    delivery_record,
)
from kujdes.monitoring.services.projects import project_reach_set, project_save
from kujdes.monitoring.services.reviews import (
    activity_progress_set,
    indicator_actual_set,
    review_open,
    spending_set,
)

__all__ = [
    "activity_progress_set",
    "application_save",
    "contract_save",
    "delivery_record",
    "indicator_actual_set",
    "project_reach_set",
    "project_save",
    "review_open",
    "spending_set",
]

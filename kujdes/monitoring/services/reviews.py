"""The yearly review of an adopted plan: opening a year, each activity's progress, each
indicator's actual value, the year's spending by source. Each writes its audit event in its own
transaction; records carry a version (0: nothing saved yet), as the plan's own do."""

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.directory.models import FundingSource
from kujdes.monitoring.models import (
    ActivityProgress,
    IndicatorActual,
    Review,
    Spending,
)
from kujdes.planning.models import Activity, Indicator, Plan
from kujdes.planning.services import (
    AMOUNT_NEGATIVE,
    InvalidInput,
    row_set,
)

NOT_ADOPTED = _("Only an adopted plan is reviewed.")
YEAR_OUTSIDE_PLAN = _("Choose a year of the plan's period.")
YEAR_REVIEWED = _("This year of the plan has a review already; open it instead.")
NOT_OF_PLAN = _("Choose an activity or indicator of the plan under review.")
PERCENT_OUT_OF_RANGE = _("Progress lies between 0 and 100 %.")
PERCENT_OF_STATUS = _(
    "An activity not started stands at 0 % and a completed one at 100 %; change the status or "
    "the progress."
)
SOURCE_UNKNOWN = _("Choose a funding source from the list.")

Status = ActivityProgress.Status


def _event(actor: User | None, verb: str, review: Review, key: Any, **payload: Any) -> None:
    event_record(
        actor=actor,
        verb=verb,
        target_type=verb.split(".", 1)[0],
        target_key=str(key),
        payload={"plan": str(review.plan_id), "year": review.year, **payload},
    )


@transaction.atomic
def review_open(*, actor: User | None, plan: Plan, year: int) -> Review:
    """Start the review of one year of an adopted plan."""
    if not plan.is_adopted:
        raise InvalidInput(NOT_ADOPTED)
    if year not in plan.years:
        raise InvalidInput(YEAR_OUTSIDE_PLAN, "year")
    try:
        with transaction.atomic():
            review = Review.objects.create(plan=plan, year=year)
    except IntegrityError as error:
        raise InvalidInput(YEAR_REVIEWED, "year") from error
    _event(actor, "review.opened", review, review.pk)
    return review


def _of_plan(review: Review, plan_id: Any) -> None:
    if plan_id != review.plan_id:
        raise InvalidInput(NOT_OF_PLAN)


@transaction.atomic
def activity_progress_set(
    *,
    actor: User | None,
    review: Review,
    activity: Activity,
    status: str,
    percent: int,
    note: str = "",
    expected_version: int | None = None,
) -> ActivityProgress:
    """Record where the activity stands in the review's year."""
    _of_plan(review, activity.measure.objective.plan_id)
    if status not in Status.values:
        raise ValueError(f"Unknown status {status!r}.")
    if not 0 <= percent <= 100:
        raise InvalidInput(PERCENT_OUT_OF_RANGE, "percent")
    if (status == Status.NOT_STARTED and percent) or (status == Status.COMPLETED and percent < 100):
        raise InvalidInput(PERCENT_OF_STATUS, "percent")
    values = {"status": status, "percent": percent, "note": note.strip()}
    progress = row_set(
        ActivityProgress, {"review": review, "activity": activity}, values, expected_version
    )
    _event(
        actor,
        "activity_progress.set",
        review,
        progress.pk,
        activity=str(activity.pk),
        status=status,
        percent=percent,
    )
    return progress


@transaction.atomic
def indicator_actual_set(
    *,
    actor: User | None,
    review: Review,
    indicator: Indicator,
    value: Decimal,
    source: str = "",
    expected_version: int | None = None,
) -> IndicatorActual:
    """Record what the indicator measured in the review's year."""
    _of_plan(review, indicator.plan_id)
    actual = row_set(
        IndicatorActual,
        {"review": review, "indicator": indicator},
        {"value": value, "source": source.strip()},
        expected_version,
    )
    _event(
        actor,
        "indicator_actual.set",
        review,
        actual.pk,
        indicator=str(indicator.pk),
        value=str(value),
    )
    return actual


@transaction.atomic
def spending_set(
    *, actor: User | None, review: Review, amounts: dict[str, Decimal]
) -> list[Spending]:
    """Replace what the year's review records as spent, by funding source."""
    for source, amount in amounts.items():
        if source not in FundingSource.values:
            raise InvalidInput(SOURCE_UNKNOWN, "amounts")
        if amount < 0:
            raise InvalidInput(AMOUNT_NEGATIVE, "amounts")
    Spending.objects.filter(review=review).delete()
    rows = Spending.objects.bulk_create(
        Spending(review=review, source=source, amount=amount)
        for source, amount in sorted(amounts.items())
        if amount
    )
    _event(
        actor,
        "spending.set",
        review,
        review.pk,
        amounts={source: str(amount) for source, amount in sorted(amounts.items())},
    )
    return rows

"""The yearly review of an adopted plan: opening a year, each activity's progress, each
indicator's actual value, the year's spending by source. Each writes its audit event in its own
transaction; records carry a version (0: nothing saved yet), as the plan's own do."""

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
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
from kujdes.monitoring.selectors.figures import indicator_figures
from kujdes.planning.models import Activity, Indicator, Meeting, Plan
from kujdes.planning.services import (
    AMOUNT_NEGATIVE,
    InvalidInput,
    changes_apply,
    plan_revise,
    row_set,
)

NOT_ADOPTED = _("Only an adopted plan is reviewed.")
YEAR_OUTSIDE_PLAN = _("Choose a year of the plan's period.")
YEAR_TO_COME = _("A year is reviewed once it has begun.")
YEAR_REVIEWED = _("This year of the plan has a review already; open it instead.")
NOT_OF_PLAN = _("Choose an activity or indicator of the plan under review.")
PERCENT_OUT_OF_RANGE = _("Progress lies between 0 and 100 %.")
PERCENT_OF_STATUS = _(
    "An activity not started stands at 0 % and a completed one at 100 %; change the status or "
    "the progress."
)
SOURCE_UNKNOWN = _("Choose a funding source from the list.")
ADJUSTMENT_WITHOUT_REASON = _(
    "The value differs from the one Kujdes's data gave: say why you adjusted it."
)
REVISION_WITHOUT_CONCLUSIONS = _(
    "Write the review's conclusions first: they say why the plan changes."
)
MEETING_OF_PLAN = _("Choose a meeting of this plan's advisory group.")

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
def review_open(*, actor: User | None, plan: Plan, year: int, today: date | None = None) -> Review:
    """Start the review of one year of an adopted plan, once the year has begun (`today`,
    the local date by default)."""
    if not plan.is_adopted:
        raise InvalidInput(NOT_ADOPTED)
    if year not in plan.years:
        raise InvalidInput(YEAR_OUTSIDE_PLAN, "year")
    if year > (today or timezone.localdate()).year:
        raise InvalidInput(YEAR_TO_COME, "year")
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
    reason: str = "",
    expected_version: int | None = None,
) -> IndicatorActual:
    """Record what the indicator measured in the review's year. A value that differs from the
    one Kujdes's data gave (see `indicator_actuals_fill`) needs the reason why."""
    _of_plan(review, indicator.plan_id)
    held = IndicatorActual.objects.filter(review=review, indicator=indicator).first()
    computed = held.computed_value if held is not None else None
    reason = reason.strip()
    if computed is not None and value != computed and not reason:
        raise InvalidInput(ADJUSTMENT_WITHOUT_REASON, "reason")
    actual = row_set(
        IndicatorActual,
        {"review": review, "indicator": indicator},
        {
            "value": value,
            "source": source.strip(),
            "reason": reason if computed is not None and value != computed else "",
        },
        expected_version,
    )
    _event(
        actor,
        "indicator_actual.set",
        review,
        actual.pk,
        indicator=str(indicator.pk),
        value=str(value),
        reason=actual.reason,
    )
    return actual


@dataclass(frozen=True)
class Filled:
    """What `indicator_actuals_fill` did: indicators given a value, indicators whose adjusted
    value it kept, and indicators Kujdes has no figure for in the year."""

    filled: int
    kept: int
    missing: int


@transaction.atomic
def indicator_actuals_fill(*, actor: User | None, review: Review) -> Filled:
    """Fill the year's actual value of every indicator that Kujdes's data measures: the
    statistics' figure it took its baseline from, or the people its service type served.
    A value a planner adjusted, with its reason, is kept; only the figure beside it changes."""
    figures = indicator_figures(review.plan, review.year)
    measured = [
        indicator
        for indicator in review.plan.indicators.all()
        if indicator.baseline_figure or indicator.counted_service_type_id
    ]
    held = {actual.indicator_id: actual for actual in review.actuals.all()}
    filled = kept = 0
    for indicator in measured:
        figure = figures.get(indicator.pk)
        if figure is None:
            continue
        actual = held.get(indicator.pk)
        # A value a person set (typed before any fill, or adjusted since) is theirs to keep;
        # one that is still the data's last figure follows the data.
        if actual is not None and actual.value != actual.computed_value:
            actual.computed_value = figure.value
            actual.save(update_fields=["computed_value"])
            kept += 1
            continue
        values = {"value": figure.value, "computed_value": figure.value, "source": figure.source}
        row_set(
            IndicatorActual,
            {"review": review, "indicator": indicator},
            {**values, "reason": ""},
            None,
        )
        filled += 1
    result = Filled(filled=filled, kept=kept, missing=len(measured) - filled - kept)
    _event(actor, "indicator_actual.filled", review, review.pk, **asdict(result))
    return result


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


@transaction.atomic
def review_save(
    *,
    actor: User | None,
    review: Review,
    meeting: Meeting | None,
    conclusions: str,
    expected_version: int | None = None,
) -> list[str]:
    """Record the advisory group's review meeting and the review's conclusions."""
    if meeting is not None and meeting.plan_id != review.plan_id:
        raise InvalidInput(MEETING_OF_PLAN, "meeting")
    changed = changes_apply(
        review, {"meeting": meeting, "conclusions": conclusions.strip()}, expected_version
    )
    _event(actor, "review.updated", review, review.pk, fields=changed)
    return changed


@transaction.atomic
def review_publish(*, actor: User | None, review: Review, published: bool) -> Review:
    """Make the review public on the plan's page, or take it back."""
    review.published_at = timezone.now() if published else None
    review.save(update_fields=["published_at"])
    _event(actor, "review.published" if published else "review.withdrawn", review, review.pk)
    return review


@transaction.atomic
def review_revision_open(*, actor: User | None, review: Review) -> Plan:
    """Start the plan's next version from the review's conclusions (see `plan_revise`), and
    keep on the review which version it started."""
    if not review.conclusions.strip():
        raise InvalidInput(REVISION_WITHOUT_CONCLUSIONS, "conclusions")
    revision = plan_revise(actor=actor, plan=review.plan)
    review.revision = revision
    review.save(update_fields=["revision"])
    _event(actor, "review.revision_opened", review, review.pk, revision=str(revision.pk))
    return revision


def _rows_set(rows: Iterable[tuple[Any, ...]], set_one: Callable[..., Any], field: str) -> int:
    """Set each row through `set_one`: the first refusal names its row's field
    (`<field>_<key>`, as the review page's tables name them) and undoes the rest."""
    count = 0
    for row in rows:
        try:
            set_one(*row)
        except InvalidInput as error:
            raise InvalidInput(error.message, f"{error.field or field}_{row[0].pk}") from error
        count += 1
    return count


@transaction.atomic
def review_progress_save(
    *, actor: User | None, review: Review, rows: Iterable[tuple[Activity, str, int, str, int]]
) -> int:
    """Record several activities' progress at once, (activity, status, percent, note, version
    the editor saw) each: all of them or, on the first refusal or conflict, none."""

    def set_one(activity: Activity, status: str, percent: int, note: str, version: int) -> None:
        activity_progress_set(
            actor=actor,
            review=review,
            activity=activity,
            status=status,
            percent=percent,
            note=note,
            expected_version=version,
        )

    return _rows_set(rows, set_one, "status")


@transaction.atomic
def review_actuals_save(
    *, actor: User | None, review: Review, rows: Iterable[tuple[Indicator, Decimal, str, str, int]]
) -> int:
    """Record several indicators' actual values at once, (indicator, value, source, reason,
    version the editor saw) each: all of them or none."""

    def set_one(
        indicator: Indicator, value: Decimal, source: str, reason: str, version: int
    ) -> None:
        indicator_actual_set(
            actor=actor,
            review=review,
            indicator=indicator,
            value=value,
            source=source,
            reason=reason,
            expected_version=version,
        )

    return _rows_set(rows, set_one, "value")

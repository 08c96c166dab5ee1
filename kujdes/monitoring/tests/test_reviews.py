"""The yearly review of an adopted plan: each activity's progress and how it rolls up, the
indicators' actual values, the year's spending by source."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.directory.models import FundingSource
from kujdes.directory.services import EditConflict
from kujdes.monitoring.models import ActivityProgress, IndicatorActual, Review, Spending
from kujdes.monitoring.selectors import review_rollup
from kujdes.monitoring.services import (
    activity_progress_set,
    indicator_actual_set,
    review_open,
    spending_set,
)
from kujdes.monitoring.tests.conftest import activity_add, measure_add
from kujdes.planning.models import Activity, ActivityCost, Indicator, Measure, Plan
from kujdes.planning.services import (
    InvalidInput,
)
from tests.personas import PLAN_BULQIZE, Cast

BUDGET = FundingSource.MUNICIPAL_BUDGET


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _activities(plan: Plan) -> dict[str, Activity]:
    return {a.number: a for a in Activity.objects.filter(measure__objective__plan=plan)}


def test_progress_rolls_up_by_planned_cost_leaving_cancelled_activities_out(
    cast: Cast, plan: Plan, django_assert_num_queries: object
) -> None:
    review = review_open(actor=cast.planner, plan=plan, year=2026)
    activities = _activities(plan)
    for number, status, percent in (
        ("A", "on_track", 50),
        ("B", "completed", 100),
        ("C", "cancelled", 10),
    ):
        activity_progress_set(
            actor=cast.planner,
            review=review,
            activity=activities[number],
            status=status,
            percent=percent,
        )

    with django_assert_num_queries(2):  # type: ignore[operator]
        rollup = review_rollup(review)

    objectives = {o.number: o.pk for o in plan.objectives.all()}
    measures = {m.number: m.pk for m in Measure.objects.filter(objective__plan=plan)}
    # (300 × 50 + 100 × 100) / 400; C is cancelled, so measure 2.1.1 holds only D, which is
    # not costed: it weighs nothing in the plan but counts alike within its own measure.
    assert rollup.measures == {
        measures["1.1.1"]: Decimal("62.5"),
        measures["2.1.1"]: Decimal("0.0"),
    }
    assert rollup.objectives == {
        objectives["1"]: Decimal("62.5"),
        objectives["1.1"]: Decimal("62.5"),
        objectives["2"]: Decimal("0.0"),
        objectives["2.1"]: Decimal("0.0"),
    }
    assert rollup.plan == Decimal("62.5")
    assert rollup.statuses == {
        "not_started": 1,
        "on_track": 1,
        "delayed": 0,
        "completed": 1,
        "cancelled": 1,
    }
    assert rollup.activities[activities["D"].pk].status == "not_started"


def test_an_uncosted_plan_weighs_its_activities_alike(cast: Cast, plan: Plan) -> None:
    ActivityCost.objects.filter(activity__measure__objective__plan=plan).delete()
    review = review_open(actor=None, plan=plan, year=2027, today=date(2027, 1, 1))
    activities = _activities(plan)
    activity_progress_set(
        actor=None, review=review, activity=activities["A"], status="delayed", percent=30
    )
    activity_progress_set(
        actor=None, review=review, activity=activities["C"], status="completed", percent=100
    )
    # (30 + 0 + 100 + 0) / 4
    assert review_rollup(review).plan == Decimal("32.5")


def test_it_reviews_only_an_adopted_plan_once_a_year_within_its_period(cast: Cast) -> None:
    draft = Plan.objects.get(pk=PLAN_BULQIZE)
    with pytest.raises(InvalidInput) as error:
        review_open(actor=cast.planner, plan=draft, year=2026)
    assert error.value.message == "Only an adopted plan is reviewed."
    Plan.objects.filter(pk=draft.pk).update(status=Plan.Status.ADOPTED)
    draft.refresh_from_db()
    with pytest.raises(InvalidInput) as error:
        review_open(actor=cast.planner, plan=draft, year=2030)
    assert error.value.field == "year"
    review_open(actor=cast.planner, plan=draft, year=2026)
    with pytest.raises(InvalidInput) as error:
        review_open(actor=cast.planner, plan=draft, year=2026)
    assert error.value.message == "This year of the plan has a review already; open it instead."
    assert list(Review.objects.filter(plan=draft).values_list("year", flat=True)) == [2026]


def test_progress_agrees_with_its_status_and_keeps_the_later_save(cast: Cast, plan: Plan) -> None:
    review = review_open(actor=None, plan=plan, year=2026)
    activity = _activities(plan)["A"]
    for status, percent in (("not_started", 10), ("completed", 90), ("on_track", 101)):
        with pytest.raises(InvalidInput) as error:
            activity_progress_set(
                actor=None, review=review, activity=activity, status=status, percent=percent
            )
        assert error.value.field == "percent"
    assert not ActivityProgress.objects.exists()
    progress = activity_progress_set(
        actor=cast.planner,
        review=review,
        activity=activity,
        status="on_track",
        percent=40,
        expected_version=0,
    )
    activity_progress_set(
        actor=cast.planner,
        review=review,
        activity=activity,
        status="delayed",
        percent=45,
        expected_version=1,
    )
    with pytest.raises(EditConflict):
        activity_progress_set(
            actor=cast.planner,
            review=review,
            activity=activity,
            status="completed",
            percent=100,
            expected_version=1,
        )
    progress.refresh_from_db()
    assert (progress.status, progress.percent, progress.version) == ("delayed", 45, 2)
    verbs = AuditEvent.objects.filter(verb="activity_progress.set").values_list(
        "payload", flat=True
    )
    assert sorted((p["status"], p["percent"]) for p in verbs) == [
        ("delayed", 45),
        ("on_track", 40),
    ]


def test_it_refuses_an_activity_or_indicator_of_another_plan(cast: Cast, plan: Plan) -> None:
    review = review_open(actor=None, plan=plan, year=2026)
    other = Plan.objects.create(
        municipality=plan.municipality,
        kind=plan.kind,
        name_sq="Tjetër",
        start_year=2026,
        end_year=2027,
        currency="ALL",
    )
    stranger = activity_add(measure_add(other, "9"), "Z", 10)
    with pytest.raises(InvalidInput):
        activity_progress_set(
            actor=None, review=review, activity=stranger, status="on_track", percent=5
        )
    assert not ActivityProgress.objects.exists()


def test_it_records_actuals_and_spending_by_source(cast: Cast, plan: Plan) -> None:
    review = review_open(actor=None, plan=plan, year=2026)
    indicator = Indicator.objects.get(plan=plan)
    indicator_actual_set(
        actor=cast.planner, review=review, indicator=indicator, value=Decimal(17), source="NVNR"
    )
    indicator_actual_set(
        actor=cast.planner,
        review=review,
        indicator=indicator,
        value=Decimal(18),
        source="NVNR, corrected",
        expected_version=1,
    )
    assert list(IndicatorActual.objects.values_list("value", "source", "version")) == [
        (Decimal("18.00"), "NVNR, corrected", 2)
    ]
    spending_set(
        actor=cast.planner,
        review=review,
        amounts={BUDGET: Decimal("250.00"), FundingSource.DONOR: Decimal(0)},
    )
    with pytest.raises(InvalidInput):
        spending_set(actor=cast.planner, review=review, amounts={BUDGET: Decimal(-1)})
    assert list(Spending.objects.values_list("source", "amount")) == [(BUDGET, Decimal("250.00"))]

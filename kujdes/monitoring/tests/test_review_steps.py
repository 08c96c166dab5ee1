"""The review's own steps: actuals filled from Kujdes's data and adjusted with a reason, the
advisory group's meeting and the conclusions, publication, and the plan revision the
conclusions open."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.directory.models import Service
from kujdes.directory.services import service_year_set
from kujdes.monitoring.models import IndicatorActual, Review
from kujdes.monitoring.services import (
    Filled,
    indicator_actual_set,
    indicator_actuals_fill,
    review_open,
    review_publish,
    review_revision_open,
    review_save,
)
from kujdes.planning.models import Indicator, Meeting, Plan
from kujdes.planning.services import InvalidInput, meeting_save
from kujdes.territory.models import Sex
from kujdes.territory.services import (
    ObservationRow,
    age_band_upsert,
    observations_upsert,
    source_upsert,
    variable_upsert,
)
from tests.personas import MEETING_BULQIZE, PLAN_BULQIZE_ADOPTED, SERVICE_DAY_CENTRE, Cast


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _observe(code: str, year: int, value: int, source: str) -> None:
    observations_upsert(
        actor=None,
        origin="test",
        rows=[
            ObservationRow(
                variable_code=code,
                area_code="AL-BULQIZE",
                year=year,
                sex=Sex.TOTAL,
                age_band_code="TOTAL",
                source_code=source,
                value=Decimal(value),
            )
        ],
    )


@pytest.fixture
def review(cast: Cast) -> Review:
    """Bulqizë's adopted plan reviewed for 2023, with three indicators: one from the
    statistics, one counting the day centres' people, one measured by hand."""
    plan = Plan.objects.get(pk=PLAN_BULQIZE_ADOPTED)
    objective = plan.objectives.first()
    source_upsert(actor=None, code="REGISTER", name="Social register", publisher="Bashkia")
    source_upsert(actor=None, code="GUESS", name="Estimate", publisher="", is_illustrative=True)
    variable_upsert(actor=None, code="ELDERLY_ALONE", name_sq="Të moshuar", unit="persons")
    age_band_upsert(code="TOTAL", name_sq="Të gjitha moshat", name_en="All ages")
    _observe("ELDERLY_ALONE", 2023, 412, "REGISTER")
    _observe("ELDERLY_ALONE", 2023, 999, "GUESS")
    _observe("ELDERLY_ALONE", 2022, 380, "REGISTER")
    day_centre = Service.objects.get(pk=SERVICE_DAY_CENTRE)
    service_year_set(
        actor=None,
        service=day_centre,
        expected_version=None,
        year=2023,
        beneficiaries={(Sex.TOTAL, "TOTAL"): 37},
        funding=[],
    )
    for name, extra in (
        ("Elderly living alone", {"baseline_figure": "ELDERLY_ALONE"}),
        ("People in day centres", {"counted_service_type": day_centre.service_type}),
        ("Satisfaction", {}),
    ):
        Indicator.objects.create(plan=plan, objective=objective, name_sq=name, unit="x", **extra)
    return review_open(actor=cast.planner, plan=plan, year=2023)


def _actuals(review: Review) -> dict[str, tuple[Decimal, Decimal | None, str, str]]:
    return {
        actual.indicator.name_sq: (
            actual.value,
            actual.computed_value,
            actual.source,
            actual.reason,
        )
        for actual in IndicatorActual.objects.filter(review=review).select_related("indicator")
    }


def test_it_fills_actuals_from_the_statistics_and_the_directory(cast: Cast, review: Review) -> None:
    result = indicator_actuals_fill(actor=cast.planner, review=review)

    assert result == Filled(filled=2, kept=0, missing=0)
    assert _actuals(review) == {
        # The real source, not the illustrative estimate; the review's year, not the last one.
        "Elderly living alone": (Decimal(412), Decimal(412), "Social register", ""),
        "People in day centres": (
            Decimal(37),
            Decimal(37),
            "Kujdes directory: people served",
            "",
        ),
    }
    assert AuditEvent.objects.get(verb="indicator_actual.filled").payload == {
        "plan": str(review.plan_id),
        "year": 2023,
        "filled": 2,
        "kept": 0,
        "missing": 0,
    }


def test_an_adjusted_actual_needs_its_reason_and_survives_a_refill(
    cast: Cast, review: Review
) -> None:
    indicator_actuals_fill(actor=cast.planner, review=review)
    indicator = Indicator.objects.get(plan=review.plan, name_sq="Elderly living alone")
    with pytest.raises(InvalidInput) as error:
        indicator_actual_set(
            actor=cast.planner,
            review=review,
            indicator=indicator,
            value=Decimal(420),
            source="Social register",
            expected_version=1,
        )
    assert error.value.field == "reason"
    assert _actuals(review)["Elderly living alone"][0] == Decimal(412)

    indicator_actual_set(
        actor=cast.planner,
        review=review,
        indicator=indicator,
        value=Decimal(420),
        source="Social register",
        reason="Eight people registered after the extract.",
        expected_version=1,
    )
    _observe("ELDERLY_ALONE", 2023, 415, "REGISTER")
    assert indicator_actuals_fill(actor=cast.planner, review=review) == Filled(1, 1, 0)

    assert _actuals(review)["Elderly living alone"] == (
        Decimal(420),
        Decimal(415),
        "Social register",
        "Eight people registered after the extract.",
    )
    # Back to the data's value: the reason goes, since nothing is adjusted any more.
    indicator_actual_set(
        actor=cast.planner,
        review=review,
        indicator=indicator,
        value=Decimal(415),
        source="Social register",
        reason="no longer needed",
    )
    assert _actuals(review)["Elderly living alone"][3] == ""


def test_without_figures_for_the_year_it_fills_nothing(cast: Cast, cast_plan: Plan) -> None:
    review = review_open(actor=cast.planner, plan=cast_plan, year=2021)
    Indicator.objects.create(
        plan=cast_plan,
        objective=cast_plan.objectives.first(),
        name_sq="Nothing yet",
        unit="x",
        baseline_figure="ELDERLY_ALONE",
    )

    assert indicator_actuals_fill(actor=cast.planner, review=review) == Filled(0, 0, 1)
    assert not IndicatorActual.objects.filter(review=review).exists()


@pytest.fixture
def cast_plan() -> Plan:
    return Plan.objects.get(pk=PLAN_BULQIZE_ADOPTED)


def test_it_records_the_meeting_and_conclusions_of_the_plan_only(
    cast: Cast, review: Review
) -> None:
    meeting = Meeting.objects.get(pk=MEETING_BULQIZE)
    other = Plan.objects.exclude(pk=review.plan_id).first()
    assert other is not None
    stranger = meeting_save(
        actor=None,
        plan=other,
        values={"held_on": meeting.held_on, "place": "Pukë", "agenda": "x"},
        attendees=[],
    )
    with pytest.raises(InvalidInput) as error:
        review_save(actor=cast.planner, review=review, meeting=stranger, conclusions="Done.")
    assert error.value.message == "Choose a meeting of this plan's advisory group."
    review.refresh_from_db()
    assert (review.meeting_id, review.conclusions, review.version) == (None, "", 1)

    changed = review_save(
        actor=cast.planner,
        review=review,
        meeting=meeting,
        conclusions="  Home care lags; move funds.  ",
        expected_version=1,
    )

    review.refresh_from_db()
    assert changed == ["meeting", "conclusions"]
    assert (review.meeting_id, review.conclusions, review.version) == (
        MEETING_BULQIZE,
        "Home care lags; move funds.",
        2,
    )


def test_it_publishes_and_withdraws_a_review(cast: Cast, review: Review) -> None:
    review_publish(actor=cast.planner, review=review, published=True)
    review.refresh_from_db()
    assert review.published_at is not None
    review_publish(actor=cast.planner, review=review, published=False)
    review.refresh_from_db()
    assert review.published_at is None
    assert list(
        AuditEvent.objects.filter(target_type="review")
        .order_by("pk")
        .values_list("verb", flat=True)
    ) == ["review.opened", "review.published", "review.withdrawn"]


def test_the_conclusions_open_the_next_version_of_the_plan(cast: Cast, review: Review) -> None:
    with pytest.raises(InvalidInput) as error:
        review_revision_open(actor=cast.planner, review=review)
    assert error.value.field == "conclusions"
    assert Plan.objects.filter(lineage=review.plan.lineage).count() == 1

    review_save(actor=cast.planner, review=review, meeting=None, conclusions="Add home care.")
    revision = review_revision_open(actor=cast.planner, review=review)

    review.refresh_from_db()
    assert review.revision == revision
    assert (revision.revises_id, revision.status, revision.revision) == (
        review.plan_id,
        Plan.Status.DRAFT,
        review.plan.revision + 1,
    )
    with pytest.raises(InvalidInput):
        review_revision_open(actor=cast.planner, review=review)
    assert Plan.objects.filter(lineage=review.plan.lineage).count() == 2


def test_a_value_typed_before_the_fill_is_kept(cast: Cast, review: Review) -> None:
    indicator = Indicator.objects.get(plan=review.plan, name_sq="Elderly living alone")
    indicator_actual_set(actor=cast.planner, review=review, indicator=indicator, value=Decimal(400))

    assert indicator_actuals_fill(actor=cast.planner, review=review) == Filled(1, 1, 0)
    assert _actuals(review)["Elderly living alone"] == (Decimal(400), Decimal(412), "", "")


def test_a_year_is_reviewed_once_it_has_begun(cast: Cast, cast_plan: Plan) -> None:
    with pytest.raises(InvalidInput) as error:
        review_open(actor=cast.planner, plan=cast_plan, year=2025, today=date(2024, 12, 31))
    assert error.value.message == "A year is reviewed once it has begun."
    assert not Review.objects.filter(plan=cast_plan, year=2025).exists()
    review_open(actor=cast.planner, plan=cast_plan, year=2025, today=date(2025, 1, 1))

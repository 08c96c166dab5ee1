"""The review's pages: a planner opens a year, records progress, actuals, spending and the
conclusions through the forms, and sees the roll-up; a reader sees it all and changes
nothing; a stale save keeps the editor's input and writes nothing; the public progress page
shows only published reviews."""

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kujdes.directory.models import ServiceType
from kujdes.documents.selectors import review_facts
from kujdes.monitoring.models import ActivityProgress, IndicatorActual, Review, Spending
from kujdes.monitoring.services import (
    activity_progress_set,
    indicator_actual_set,
    review_open,
    review_publish,
)
from kujdes.planning.models import Activity, ActivityCost, Indicator, Plan
from tests.personas import Cast


@pytest.fixture(autouse=True)
def _english(client: Client) -> Iterator[None]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _url(plan: Plan, tail: str = "") -> str:
    return f"/monitoring/AL-BULQIZE/plans/{plan.pk}/reviews/{tail}"


def _activities(plan: Plan) -> dict[str, Activity]:
    return {a.number: a for a in Activity.objects.filter(measure__objective__plan=plan)}


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def test_a_planner_opens_a_year_and_records_progress_through_the_table(
    cast: Cast, client: Client, plan: Plan
) -> None:
    client.force_login(cast.planner)
    response = client.post(_url(plan), {"year": "2026"})
    assert response.status_code == 302
    assert response["Location"] == _url(plan, "2026/")
    activities = _activities(plan)
    form: dict[str, str] = {}
    for activity in activities.values():
        form |= {
            f"status_{activity.pk}": "not_started",
            f"percent_{activity.pk}": "0",
            f"note_{activity.pk}": "",
            f"version_{activity.pk}": "0",
        }
    a, b = activities["A"].pk, activities["B"].pk
    form |= {f"status_{a}": "on_track", f"percent_{a}": "50", f"note_{a}": "Two teams hired."}
    form |= {f"status_{b}": "completed", f"percent_{b}": "100"}

    response = client.post(_url(plan, "2026/progress/"), form)

    assert response.status_code == 302
    review = Review.objects.get(plan=plan, year=2026)
    assert sorted(review.progress.values_list("activity__number", "status", "percent", "note")) == [
        ("A", "on_track", 50, "Two teams hired."),
        ("B", "completed", 100, ""),
    ]
    page = _text(client.get(_url(plan, "2026/")).content)
    # (300 × 50 + 100 × 100 + 600 × 0) / 1000
    assert "Progress of the plan 25.0 %" in page
    assert "Not started: 2 · On track: 1 · Delayed: 0 · Completed: 1 · Cancelled: 0" in page


def test_a_stale_progress_save_keeps_the_input_and_writes_nothing(
    cast: Cast, client: Client, plan: Plan
) -> None:
    review = review_open(actor=None, plan=plan, year=2026)
    a = _activities(plan)["A"]
    activity_progress_set(actor=None, review=review, activity=a, status="delayed", percent=20)
    client.force_login(cast.planner)

    response = client.post(
        _url(plan, "2026/progress/"),
        {
            f"status_{a.pk}": "on_track",
            f"percent_{a.pk}": "60",
            f"note_{a.pk}": "mine",
            f"version_{a.pk}": "0",
        }
        | {
            f"{name}_{other.pk}": value
            for number, other in _activities(plan).items()
            if number != "A"
            for name, value in (("status", "not_started"), ("percent", "0"), ("version", "0"))
        },
    )

    assert response.status_code == 409
    assert list(ActivityProgress.objects.values_list("status", "percent", "version")) == [
        ("delayed", 20, 1)
    ]
    html = response.content.decode()
    assert 'value="60"' in html
    assert f'name="version_{a.pk}" value="1"' in html


def test_a_reader_sees_the_review_but_cannot_change_it(
    cast: Cast, client: Client, plan: Plan
) -> None:
    review = review_open(actor=None, plan=plan, year=2026)
    a = _activities(plan)["A"]
    activity_progress_set(actor=None, review=review, activity=a, status="delayed", percent=20)
    reader = cast.persona("case_worker")
    assert reader is not None
    client.force_login(reader)

    page = client.get(_url(plan, "2026/"))
    denied = client.post(
        _url(plan, "2026/progress/"),
        {f"status_{a.pk}": "completed", f"percent_{a.pk}": "100", f"version_{a.pk}": "1"},
    )
    opened = client.post(_url(plan), {"year": "2027"})

    assert page.status_code == 200
    assert "<form" not in page.content.decode().split("<main", 1)[1].split("</main>")[0]
    assert "Delayed" in _text(page.content)
    assert (denied.status_code, opened.status_code) == (404, 404)
    assert list(ActivityProgress.objects.values_list("status", "percent")) == [("delayed", 20)]
    assert list(Review.objects.filter(plan=plan).values_list("year", flat=True)) == [2026]


def test_actuals_spending_and_conclusions_are_saved_through_their_forms(
    cast: Cast, client: Client, plan: Plan
) -> None:
    review = review_open(actor=None, plan=plan, year=2026)
    indicator = Indicator.objects.get(plan=plan)
    client.force_login(cast.planner)

    actuals = client.post(
        _url(plan, "2026/actuals/"),
        {
            f"value_{indicator.pk}": "17",
            f"source_{indicator.pk}": "Register",
            f"reason_{indicator.pk}": "",
            f"version_{indicator.pk}": "0",
        },
    )
    spending = client.post(_url(plan, "2026/spending/"), {"municipal_budget": "250", "donor": ""})
    negative = client.post(_url(plan, "2026/spending/"), {"municipal_budget": "-1"})
    conclusions = client.post(
        _url(plan, "2026/conclusions/"),
        {"meeting": "", "conclusions": "On course.", "version": "1"},
    )

    assert (actuals.status_code, spending.status_code, conclusions.status_code) == (302, 302, 302)
    assert negative.status_code == 400
    assert list(IndicatorActual.objects.values_list("value", "source")) == [
        (Decimal("17.00"), "Register")
    ]
    assert list(Spending.objects.values_list("source", "amount")) == [
        ("municipal_budget", Decimal("250.00"))
    ]
    review.refresh_from_db()
    assert review.conclusions == "On course."
    html = client.get(_url(plan, "2026/")).content.decode()
    # Planned 1,000 in 2026 from the municipal budget, 250 spent: 25 %.
    assert "Municipal budget 1,000.00 25.0 %" in _text(html.encode())
    assert 'name="municipal_budget" value="250.00"' in html
    assert f'name="value_{indicator.pk}" value="17.00"' in html


def test_the_public_page_shows_only_published_reviews(
    cast: Cast, client: Client, plan: Plan, django_assert_max_num_queries: object
) -> None:
    review = review_open(actor=None, plan=plan, year=2026)
    activity_progress_set(
        actor=None, review=review, activity=_activities(plan)["C"], status="on_track", percent=50
    )
    url = f"/progress/AL-BULQIZE/{plan.pk}/"

    unpublished = _text(client.get(url).content)
    review_publish(actor=None, review=review, published=True)
    with django_assert_max_num_queries(25):  # type: ignore[operator]
        published = client.get(url)
    missing = client.get(f"{url}?year=2027")

    assert "No yearly review of this plan is published yet." in unpublished
    assert "Progress of the plan 30.0 %" in _text(published.content)
    assert missing.status_code == 404


def test_a_small_count_of_people_is_hidden_on_the_page_and_in_the_report(
    cast: Cast, client: Client, plan: Plan
) -> None:
    indicator = Indicator.objects.get(plan=plan)
    indicator.counted_service_type = ServiceType.objects.get(code="AL_COMMUNITY_DAY")
    indicator.save(update_fields=["counted_service_type"])
    review = review_open(actor=None, plan=plan, year=2026)
    indicator_actual_set(actor=None, review=review, indicator=indicator, value=Decimal(3))
    review_publish(actor=None, review=review, published=True)

    html = client.get(f"/progress/AL-BULQIZE/{plan.pk}/").content.decode()

    assert "2026: &lt;5" in html
    assert ">3<" not in html
    assert review_facts(Review.objects.get(pk=review.pk)).hidden == {indicator.pk: "<5"}


def test_the_list_of_reviews_reads_the_same_queries_however_many_years(
    cast: Cast, client: Client, plan: Plan
) -> None:
    client.force_login(cast.planner)
    review_open(actor=None, plan=plan, year=2026)
    with CaptureQueriesContext(connection) as one:
        assert client.get(_url(plan)).status_code == 200
    for year in (2027, 2028):
        review = review_open(actor=None, plan=plan, year=year, today=date(year, 1, 1))
        activity_progress_set(
            actor=None,
            review=review,
            activity=_activities(plan)["A"],
            status="completed",
            percent=100,
        )
    with CaptureQueriesContext(connection) as three:
        page = client.get(_url(plan))

    assert len(three.captured_queries) == len(one.captured_queries)
    # A's 300 of 1,000 planned done in 2027 and 2028.
    assert "30.0 %" in page.content.decode()


def test_the_review_and_public_pages_read_the_same_queries_however_big_the_plan(
    cast: Cast, client: Client, plan: Plan
) -> None:
    client.force_login(cast.planner)
    review = review_open(actor=None, plan=plan, year=2026)
    review_publish(actor=None, review=review, published=True)
    pages = (_url(plan, "2026/"), f"/progress/AL-BULQIZE/{plan.pk}/", "/monitoring/AL-BULQIZE/")

    def counts() -> list[int]:
        found = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries.captured_queries))
        return found

    before = counts()
    measure = _activities(plan)["A"].measure
    # Written directly: the plan in implementation is frozen, and only its size matters here.
    for number in ("E", "F", "G"):
        activity = Activity.objects.create(
            measure=measure, number=number, name_sq=number, start_year=2026, end_year=2026
        )
        ActivityCost.objects.create(
            activity=activity, year=2026, source="municipal_budget", amount=Decimal(50)
        )
        activity_progress_set(
            actor=None, review=review, activity=activity, status="on_track", percent=20
        )
    assert counts() == before

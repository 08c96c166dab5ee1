"""The national comparison page and the review's roll-up, against hand-written SQL that reads
the same aggregates.

Data (bench/monitoring_data.py, fixed seed): a country of 100 municipalities, each with an
adopted Social Plan 2021–2026 of 60 costed activities, reviews of 2021–2025 published and one
of 2026 opened but not published (every activity recorded in each), five budget years of five
programme lines, ten years of population, the six need groups' figures for five years, 6 to 10
services with their target groups and people served for five years, and an outline of 120
points.

(a) The national comparison page of the country (`/progress/?country=BM`) through Django's
    test client: middleware, `national_comparison`, the map and the template, from the request
    to the HTML; once as the process stands, once after `gc.freeze()` (what a server worker
    can do once started: Python's full collection then no longer walks Django's own objects);
    and (a′) `national_comparison` alone, as the CSV file reads it (with the outlines the page
    reads).
(b) `review_rollup` of one plan's latest published review (60 activities).
(c) The baseline: hand-written SQL (psycopg, same database, no ORM, results fetched as tuples,
    nothing computed) returning the same aggregates: per municipality its current public plan
    with the latest published review's activity counts, its latest budget year's social-care
    total, its population by year, its need figures of the latest year, its services' people
    served per target group and year with a flag for a small count, and its outline; for (b)
    the plan's activities with their planned cost and the review's progress rows. The two must
    give the same figures (checked before timing).

Kujdes and the SQL in alternation, RUNS (21) pairs after a warm-up; the ratio is the median of
the pairs' ratios (Kujdes / SQL). DEBUG off while timed. The data set is deleted at the end.
"""

import gc
import os
from collections.abc import Callable
from typing import Any

import psycopg
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.urls import include, path

from bench.bench_assessment import paired, queries_of
from bench.monitoring_data import (
    COUNTRY,
    MUNICIPALITIES,
    monitoring_data_create,
    monitoring_data_delete,
)
from kujdes import urls
from kujdes.monitoring import public_urls
from kujdes.monitoring.models import Review
from kujdes.monitoring.selectors import national_comparison, review_rollup
from kujdes.monitoring.selectors.national import NationalComparison
from kujdes.monitoring.views import national
from kujdes.planning.assessment.data import need_groups

RUNS = int(os.environ.get("BENCH_MONITORING_RUNS", "21"))
AIM_PAGE_MS = 200
AIM_RATIO = 5.0
PAGE = f"/progress/?country={COUNTRY}"

# The site's addresses with the national comparison among the public progress pages, where
# kujdes/monitoring/public_urls.py is to list it, so that the benchmark runs either way.
PROGRESS_URLS = [
    path("", national.national, name="national"),
    path("national.csv", national.national_csv, name="national_csv"),
]
urlpatterns = [
    *(pattern for pattern in urls.urlpatterns if getattr(pattern, "namespace", None) != "progress"),
    path(
        "progress/",
        include(
            (
                [
                    *PROGRESS_URLS,
                    *(
                        p
                        for p in public_urls.urlpatterns
                        if p.name not in ("national", "national_csv")
                    ),
                ],
                "progress",
            )
        ),
    ),
]


# ── The baseline ─────────────────────────────────────────────────────────────────────────────

MUNICIPALITIES_SQL = """
SELECT id, code FROM territory_area WHERE level = 'municipality' AND path LIKE %(within)s
"""
COUNTRIES_SQL = "SELECT id, code, path FROM territory_area WHERE level = 'country'"
PLANS_SQL = """
WITH current_plan AS (
  SELECT DISTINCT ON (p.municipality_id) p.municipality_id, p.id, p.lineage, p.status
  FROM planning_plan p JOIN territory_area m ON m.id = p.municipality_id
  WHERE m.level = 'municipality' AND m.path LIKE %(within)s
    AND p.status IN ('consultation', 'submitted', 'adopted', 'in_implementation', 'closed')
    AND NOT (p.status = 'consultation'
             AND (p.consultation_opens IS NULL OR p.consultation_opens > CURRENT_DATE))
  ORDER BY p.municipality_id,
    CASE WHEN p.status IN ('adopted', 'in_implementation') THEN 0
         WHEN p.status IN ('consultation', 'submitted') THEN 1 ELSE 2 END,
    p.start_year DESC, p.revision DESC
), latest_review AS (
  SELECT DISTINCT ON (c.lineage) c.lineage, r.id, r.plan_id, r.year
  FROM current_plan c
  JOIN planning_plan v ON v.lineage = c.lineage
  JOIN monitoring_review r ON r.plan_id = v.id
  WHERE r.published_at IS NOT NULL AND c.status IN ('adopted', 'in_implementation', 'closed')
  ORDER BY c.lineage, r.year DESC, v.revision DESC
), activities AS (
  SELECT l.plan_id, count(*) AS total
  FROM latest_review l
  JOIN planning_objective o ON o.plan_id = l.plan_id
  JOIN planning_measure me ON me.objective_id = o.id
  JOIN planning_activity a ON a.measure_id = me.id
  WHERE a.start_year <= l.year
  GROUP BY l.plan_id
), progress AS (
  SELECT ap.review_id,
    count(*) FILTER (WHERE ap.status IN ('on_track', 'completed')) AS on_track,
    count(*) FILTER (WHERE ap.status = 'cancelled') AS cancelled
  FROM monitoring_activityprogress ap
  JOIN monitoring_review r ON r.id = ap.review_id
  JOIN planning_activity a ON a.id = ap.activity_id
  WHERE ap.review_id IN (SELECT id FROM latest_review) AND a.start_year <= r.year
  GROUP BY ap.review_id
)
SELECT c.municipality_id, c.id, l.year, COALESCE(a.total, 0), COALESCE(p.on_track, 0),
  COALESCE(p.cancelled, 0)
FROM current_plan c
LEFT JOIN latest_review l ON l.lineage = c.lineage
LEFT JOIN activities a ON a.plan_id = l.plan_id
LEFT JOIN progress p ON p.review_id = l.id
"""
BUDGETS_SQL = """
SELECT DISTINCT ON (b.municipality_id) b.municipality_id, b.year, b.stage, b.currency,
  b.is_illustrative, COALESCE(sum(l.amount), 0)
FROM planning_budgetyear b
JOIN territory_area m ON m.id = b.municipality_id
LEFT JOIN planning_budgetline l ON l.budget_year_id = b.id
WHERE m.level = 'municipality' AND m.path LIKE %(within)s
GROUP BY b.id
ORDER BY b.municipality_id, b.year DESC
"""
FIGURES = """
  FROM territory_observation o
  JOIN territory_area m ON m.id = o.area_id
  JOIN territory_variable v ON v.id = o.variable_id
  JOIN territory_ageband g ON g.id = o.age_band_id
  JOIN territory_source s ON s.id = o.source_id
  WHERE m.level = 'municipality' AND m.path LIKE %(within)s AND o.sex = 'T' AND g.code = 'TOTAL'
"""
POPULATION_SQL = (
    "SELECT o.area_id, o.year, o.value, s.is_illustrative, o.provisional, s.code"
    + FIGURES
    + " AND v.code = 'POPULATION'"
)
NEEDS_SQL = (
    "SELECT area_id, code, year, value, is_illustrative, provisional, source FROM ("
    " SELECT o.area_id, v.code, o.year, o.value, s.is_illustrative, o.provisional,"
    " s.code AS source,"
    " max(o.year) OVER (PARTITION BY o.variable_id, o.area_id) AS latest"
    + FIGURES
    + " AND v.code = ANY(%(variables)s)) figures WHERE year = latest"
)
SERVICES = """
WITH service AS (
  SELECT s.id, m.id AS municipality_id
  FROM directory_service s
  JOIN territory_area a ON a.id = s.area_id
  JOIN territory_area m ON m.level = 'municipality' AND a.path LIKE m.path || '%%'
  WHERE a.path LIKE %(within)s AND s.status NOT IN ('inactive', 'defunct')
), service_group AS (
  SELECT DISTINCT st.service_id, t.common_code
  FROM directory_service_target_groups st
  JOIN directory_targetgroup t ON t.id = st.targetgroup_id
  JOIN service ON service.id = st.service_id
)
"""
SERVED_SQL = (
    SERVICES
    + """
SELECT sv.municipality_id, g.common_code, b.year, sum(b.count),
  bool_or(b.count BETWEEN 1 AND %(small)s)
FROM directory_beneficiarycount b
JOIN service sv ON sv.id = b.service_id
JOIN service_group g ON g.service_id = b.service_id
JOIN territory_ageband ab ON ab.id = b.age_band_id
WHERE b.sex = 'T' AND ab.code = 'TOTAL'
GROUP BY 1, 2, 3
"""
)
SERVICE_GROUPS_SQL = (
    SERVICES
    + """
SELECT DISTINCT sv.municipality_id, g.common_code
FROM service sv JOIN service_group g ON g.service_id = sv.id
"""
)
SERVED_YEAR_SQL = (
    SERVICES
    + """
SELECT sv.municipality_id, max(b.year)
FROM directory_beneficiarycount b
JOIN service sv ON sv.id = b.service_id
JOIN territory_ageband ab ON ab.id = b.age_band_id
WHERE b.sex = 'T' AND ab.code = 'TOTAL'
GROUP BY 1
"""
)
OUTLINES_SQL = """
SELECT b.area_id, b.geometry FROM territory_areaboundary b
JOIN territory_area m ON m.id = b.area_id
WHERE m.level = 'municipality' AND m.path LIKE %(within)s
"""
ROLLUP_ACTIVITIES_SQL = """
SELECT a.id, a.measure_id, me.objective_id, o.parent_id, sum(c.amount)
FROM planning_activity a
JOIN planning_measure me ON me.id = a.measure_id
JOIN planning_objective o ON o.id = me.objective_id
LEFT JOIN planning_activitycost c ON c.activity_id = a.id
WHERE o.plan_id = %(plan)s
GROUP BY a.id, a.measure_id, me.objective_id, o.parent_id
"""
ROLLUP_PROGRESS_SQL = """
SELECT activity_id, status, percent FROM monitoring_activityprogress WHERE review_id = %(review)s
"""


def comparison_sql(database: psycopg.Connection[Any]) -> dict[str, list[tuple[Any, ...]]]:
    """Every aggregate the page shows, as rows."""
    parameters = {
        "within": f"{COUNTRY}/%",
        "variables": [group.variable for group in need_groups()],
        "small": settings.SUPPRESSION_THRESHOLD - 1,
    }
    statements = {
        "countries": COUNTRIES_SQL,
        "municipalities": MUNICIPALITIES_SQL,
        "plans": PLANS_SQL,
        "budgets": BUDGETS_SQL,
        "population": POPULATION_SQL,
        "needs": NEEDS_SQL,
        "served": SERVED_SQL,
        "service_groups": SERVICE_GROUPS_SQL,
        "served_year": SERVED_YEAR_SQL,
        "outlines": OUTLINES_SQL,
    }
    return {
        name: database.execute(statement, parameters).fetchall()
        for name, statement in statements.items()
    }


def rollup_sql(database: psycopg.Connection[Any], review: Review) -> list[list[tuple[Any, ...]]]:
    return [
        database.execute(ROLLUP_ACTIVITIES_SQL, {"plan": review.plan_id}).fetchall(),
        database.execute(ROLLUP_PROGRESS_SQL, {"review": review.pk}).fetchall(),
    ]


# ── The same figures both ways ─────────────────────────────────────────────────────────────


def compare(comparison: NationalComparison, rows: dict[str, list[tuple[Any, ...]]]) -> list[str]:
    """What differs between the selector's figures and the SQL's, as readable lines."""
    threshold = settings.SUPPRESSION_THRESHOLD
    codes = dict(rows["municipalities"])
    plans = {codes[row[0]]: row for row in rows["plans"]}
    budgets = {codes[row[0]]: row for row in rows["budgets"]}
    needs = {(codes[area], code): value for area, code, _y, value, *_rest in rows["needs"]}
    population = {(codes[area], year): value for area, year, value, *_rest in rows["population"]}
    served_year = {codes[area]: year for area, year in rows["served_year"]}
    served = {
        (codes[area], group, year): (total, small)
        for area, group, year, total, small in rows["served"]
    }
    with_service = {(codes[area], group) for area, group in rows["service_groups"]}
    differences = []

    def differ(code: str, what: str, ours: Any, theirs: Any) -> None:
        if ours != theirs:
            differences.append(f"{code} {what}: Kujdes {ours!r}, SQL {theirs!r}")

    for row in comparison.rows:
        code = row.municipality.code
        plan = plans.get(code)
        differ(code, "plan", row.plan.pk if row.plan else None, plan[1] if plan else None)
        progress = row.progress
        differ(
            code,
            "review",
            (progress.year, progress.on_track, progress.counted) if progress else None,
            (plan[2], plan[4], plan[3] - plan[5]) if plan and plan[2] else None,
        )
        budget = budgets.get(code)
        differ(
            code,
            "budget",
            (row.budget.year, row.budget.currency, row.budget.social_care) if row.budget else None,
            (budget[1], budget[3], budget[5]) if budget else None,
        )
        if row.budget and row.budget.residents_year:
            differ(
                code,
                "residents",
                row.budget.residents.value,
                population[(code, row.budget.residents_year)],
            )
        year = served_year.get(code)
        differ(code, "year served", row.coverage.year if row.coverage else None, year)
        for group in row.coverage.groups if row.coverage else []:
            need = needs[(code, group.group.variable)]
            differ(code, group.group.variable, group.need.value, None if need < threshold else need)
            total, small = served.get((code, group.group.target_group, year), (None, False))
            if (code, group.group.target_group) not in with_service:
                total = 0
            hidden = total is not None and (0 < total < threshold or small)
            shown = group.served.value if group.served else None
            differ(code, group.group.target_group, shown, None if hidden else total)
    return differences


# ── The run ──────────────────────────────────────────────────────────────────────────────────


def _roll_up_review() -> Review:
    """The latest published review of the first municipality's plan."""
    review = (
        Review.objects.filter(
            plan__municipality__code=f"{COUNTRY}-M001", published_at__isnull=False
        )
        .order_by("-year")
        .first()
    )
    assert review is not None
    return review


def run() -> dict[str, Any]:
    data = monitoring_data_create()
    try:
        return measure() | {"data": data}
    finally:
        monitoring_data_delete()


def _paired(kujdes: Callable[[], object], sql: Callable[[], object]) -> dict[str, Any]:
    ours, theirs, ratio = paired(kujdes, sql, RUNS)
    return {"kujdes": ours, "sql": theirs, "ratio": round(ratio, 2)}


def measure() -> dict[str, Any]:
    dsn = os.environ["DATABASE_URL"]
    result: dict[str, Any] = {"municipalities": MUNICIPALITIES}
    client = Client()
    review = _roll_up_review()
    with (
        psycopg.connect(dsn) as database,
        override_settings(DEBUG=False, ROOT_URLCONF="bench.bench_monitoring"),
    ):
        comparison = national_comparison(country=COUNTRY, with_boundaries=True)
        differences = compare(comparison, comparison_sql(database))
        if differences:
            raise AssertionError("\n".join(differences[:20]))
        response = client.get(PAGE)
        assert response.status_code == 200, response.status_code
        result["page_bytes"] = len(response.content)
        result["rows"] = len(comparison.rows)
        result["suppressed"] = sum(
            1
            for row in comparison.rows
            for group in (row.coverage.groups if row.coverage else [])
            if group.need.hidden or (group.served and group.served.hidden)
        )
        rollup = review_rollup(review)
        result["rollup_activities"] = len(rollup.activities)

        result["page"] = _paired(lambda: client.get(PAGE), lambda: comparison_sql(database))
        # A page makes tens of thousands of objects, so Python's full collection, which walks
        # every object the process holds (Django's own included), runs in about every other
        # request. A server that freezes what it loaded at start (gc.freeze() once the worker
        # is up) spares it that walk.
        gc.collect()
        gc.freeze()
        try:
            result["page_frozen"] = _paired(
                lambda: client.get(PAGE), lambda: comparison_sql(database)
            )
        finally:
            gc.unfreeze()
        result["selector"] = _paired(
            lambda: national_comparison(country=COUNTRY, with_boundaries=True),
            lambda: comparison_sql(database),
        )
        result["rollup"] = _paired(
            lambda: review_rollup(review), lambda: rollup_sql(database, review)
        )
        result["page_queries"] = queries_of(lambda: client.get(PAGE))
        result["selector_queries"] = queries_of(
            lambda: national_comparison(country=COUNTRY, with_boundaries=True)
        )
        result["rollup_queries"] = queries_of(lambda: review_rollup(review))
        result["sql_statements"] = len(comparison_sql(database))
    return result


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def markdown(result: dict[str, Any]) -> str:
    rows = result["data"]["rows"]
    page, selector, rollup = result["page"], result["selector"], result["rollup"]

    def line(label: str, figures: dict[str, Any], queries: dict[str, Any]) -> str:
        ours, theirs = figures["kujdes"], figures["sql"]
        return (
            f"| {label} | {ours['min_ms']:,.1f} | {ours['median_ms']:,.1f} | "
            f"{queries['queries']} ({queries['sql_ms']:,.1f} ms) | {theirs['min_ms']:,.1f} | "
            f"{theirs['median_ms']:,.1f} | **{figures['ratio']:.2f} ×** |"
        )

    page_ms = page["kujdes"]["median_ms"]
    frozen = result["page_frozen"]
    frozen_ms = frozen["kujdes"]["median_ms"]
    return "\n".join(
        [
            "## The national comparison and the review's roll-up (`bench/bench_monitoring.py`)",
            "",
            f"A generated country (fixed seed, bench/monitoring_data.py) of {MUNICIPALITIES} "
            "municipalities, each with an adopted plan of 60 costed activities and six yearly "
            "reviews (five published), five budget years, population, need figures and 6 to 10 "
            "services with people served for five years, and a 120-point outline; generated in "
            f"{result['data']['seconds']} s: "
            + ", ".join(f"{count:,} {label}" for label, count in rows.items())
            + ".",
            "",
            "Kujdes: (a) the page through Django's test client, from the request to the HTML "
            f"({result['page_bytes']:,} bytes: the table of {result['rows']} municipalities "
            "and the map); (a′) `national_comparison` alone (as the CSV file reads it, with the "
            f"outlines); (b) `review_rollup` of a review of {result['rollup_activities']} "
            "activities. SQL: hand-written statements (psycopg, same database, results fetched "
            "as tuples, nothing computed) returning the same aggregates "
            f"({result['sql_statements']} statements for (a); 2 for (b)); checked to give the "
            f"same figures before timing ({result['suppressed']} need or people-served "
            f"figures suppressed). {RUNS} pairs after a warm-up, Kujdes and the SQL in "
            "alternation; the ratio is the median of the pairs' ratios. DEBUG off. The page's "
            "queries include the SOS lines every page shows.",
            "",
            "| scenario | Kujdes min ms | Kujdes median ms | queries (time in them) | SQL min ms "
            "| SQL median ms | Kujdes / SQL |",
            "|---|---:|---:|---:|---:|---:|---:|",
            line("(a) the page, rendering included", page, result["page_queries"]),
            line("(a) the same after `gc.freeze()`", result["page_frozen"], result["page_queries"]),
            line("(a′) `national_comparison`", selector, result["selector_queries"]),
            line("(b) `review_rollup`, 60 activities", rollup, result["rollup_queries"]),
            "",
            "Aims:",
            "",
            f"- The page under {AIM_PAGE_MS} ms: {_met(page_ms < AIM_PAGE_MS)} "
            f"({page_ms:,.0f} ms; after `gc.freeze()` {frozen_ms:,.0f} ms).",
            f"- Within {AIM_RATIO:.0f} × the raw SQL: the page {_met(page['ratio'] <= AIM_RATIO)} "
            f"({page['ratio']:.2f} ×; after `gc.freeze()` {frozen['ratio']:.2f} ×), "
            "`national_comparison` "
            f"{_met(selector['ratio'] <= AIM_RATIO)} ({selector['ratio']:.2f} ×), the roll-up "
            f"{_met(rollup['ratio'] <= AIM_RATIO)} ({rollup['ratio']:.2f} ×).",
        ]
    )

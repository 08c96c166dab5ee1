"""The Needs Assessment (A1–A8) for one municipality and for a whole country, against
hand-written SQL that reads the same figures.

Data (bench/assessment_data.py, fixed seed): a country, 12 regions, 61 municipalities and 370
administrative units (3 to 9 a municipality); 40 variables × 10 years × sex (T, F, M) × age band
(TOTAL and 8 bands) on every unit and municipality, about 4.65 million observations; about 5
services a municipality with places, target groups, areas served, people served and funding for
2 years, plus 2 national lines; a square outline for every unit and municipality.

(a) `assessment_build(municipality)` for the municipality with the most units;
(b) `assessments_build(country)`, every municipality at once (as called, without outlines; and
    with outlines, which the distance scores need);
(c) the baseline: hand-written SQL (psycopg, no ORM) returning the same figures, per
    municipality: population per area and year, the sex × age cells of the latest year, the
    need variables' latest totals per area and the municipality's sex × age cells of them,
    places and services per target group, funding per source and year, people served per
    service and year (and the outlines where the assessment reads them). Timed the same way,
    for one municipality and for the country; ratio = Kujdes / SQL. The two must give the same
    figures (checked before timing; the statistics must match or the benchmark stops);
(d) the DOCX of one municipality as the document task writes it (report_build, then
    kujdes.documents.docx.assessment_docx), from the database to the bytes.

Each is run once to warm up, then RUNS (5) times; minimum and median. (a) and (b) alternate
with their SQL for 2 × RUNS + 1 pairs, and the ratio is the median of the pairs' ratios, so
that a slow spell of the shared machine falls on both sides. DEBUG off while timed.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import psycopg
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from bench.assessment_data import COUNTRY, assessment_data_create, assessment_data_delete
from bench.assessment_sql import figures_sql, services_sql
from kujdes.planning.assessment import assessment_build, assessments_build
from kujdes.planning.assessment.compute import Assessment, assessment_compute
from kujdes.planning.assessment.data import assessment_data
from kujdes.territory.models import Area

RUNS = int(os.environ.get("BENCH_ASSESSMENT_RUNS", "5"))
PAIRED_RUNS = 2 * RUNS + 1
DOCX_RUNS = 3
AIM_ONE_MS = 300
AIM_NATIONAL_MS = 5000
AIM_RATIO = 3.0
AIM_DOCX_MS = 5000

Result = TypeVar("Result")


def timed(function: Callable[[], Result], runs: int = RUNS) -> tuple[dict[str, float], Result]:
    """One warm-up call, then `runs` timed calls: min and median in ms, and the last result."""
    result = function()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - began) * 1000)
    return {
        "min_ms": round(min(times), 1),
        "median_ms": round(statistics.median(times), 1),
        "runs": runs,
    }, result


def paired(
    kujdes: Callable[[], object], sql: Callable[[], object], runs: int = PAIRED_RUNS
) -> tuple[dict[str, float], dict[str, float], float]:
    """Kujdes and the SQL timed in alternation, so that a slow spell of this shared machine
    falls on both: each one's min and median in ms, and the median of the runs' ratios."""
    kujdes(), sql()
    pairs = []
    for _ in range(runs):
        began = time.perf_counter()
        kujdes()
        middle = time.perf_counter()
        sql()
        pairs.append(((middle - began) * 1000, (time.perf_counter() - middle) * 1000))

    def stats(times: list[float]) -> dict[str, float]:
        return {
            "min_ms": round(min(times), 1),
            "median_ms": round(statistics.median(times), 1),
            "runs": runs,
        }

    ratio = statistics.median(ours / theirs for ours, theirs in pairs)
    return stats([ours for ours, _ in pairs]), stats([theirs for _, theirs in pairs]), ratio


def queries_of(function: Callable[[], object]) -> dict[str, float]:
    """The queries one call makes and the time they took (Django's debug cursor)."""
    with CaptureQueriesContext(connection) as captured:
        function()
    return {
        "queries": len(captured.captured_queries),
        "sql_ms": round(sum(float(query["time"]) for query in captured.captured_queries) * 1000, 1),
    }


# ── The same figures both ways ─────────────────────────────────────────────────────────────


def _expected(rows: dict[str, list[tuple[Any, ...]]], municipality: str) -> dict[str, Any]:
    """The SQL rows of one municipality, shaped as the assessment keeps them."""
    prefix = municipality + "-"

    def ours(code: str) -> bool:
        return code == municipality or code.startswith(prefix)

    needs: dict[str, dict[str, tuple[int, Decimal]]] = {}
    for variable, code, year, value in rows["needs"]:
        if ours(code):
            needs.setdefault(variable, {})[code] = (year, value)
    cells: dict[str, dict[tuple[str, str], Decimal]] = {}
    for variable, code, sex, band, value in rows["need_cells"]:
        if code == municipality:
            cells.setdefault(variable, {})[(sex, band)] = value
    funding: dict[tuple[str, str], dict[int, Decimal]] = {}
    for code, source, currency, year, amount in rows["funding"]:
        if code == municipality:
            funding.setdefault((source, currency), {})[year] = amount
    served: dict[Any, dict[int, int]] = {}
    for code, service, year, count in rows["served"]:
        if code == municipality:
            served.setdefault(service, {})[year] = count
    return {
        "population": {(c, y): v for c, y, v in rows["population"] if ours(c)},
        "structure": {(c, s, b): v for c, s, b, v in rows["structure"] if ours(c)},
        "needs": needs,
        "need_cells": cells,
        "places": {
            group: (count, int(places or 0))
            for code, group, count, places in rows["places"]
            if code == municipality
        },
        "funding": funding,
        "served": served,
    }


def _found(assessment: Assessment) -> dict[str, Any]:
    """The same figures as the assessment read and computed them."""
    data = assessment.data
    return {
        "population": {key: observed.value for key, observed in data.population.items()},
        "structure": {key: observed.value for key, observed in data.structure.items()},
        "needs": {
            variable: {code: (observed.year, observed.value) for code, observed in areas.items()}
            for variable, areas in data.needs.items()
        },
        "need_cells": {
            variable: {key: observed.value for key, observed in cells.items()}
            for variable, cells in data.need_cells.items()
        },
        "places": dict(assessment.inventory.by_target_group),
        "funding": assessment.financing.by_source,
        "served": {service: years for service, years in data.served.items() if years},
    }


STATISTICS = ("population", "structure", "needs", "need_cells")
DIRECTORY = ("places", "funding", "served")


def compare(assessment: Assessment, rows: dict[str, list[tuple[Any, ...]]]) -> list[str]:
    """What differs between the assessment and the SQL, figure by figure; also every published
    need figure (not suppressed) against the SQL's."""
    code = assessment.municipality.code
    expected, found = _expected(rows, code), _found(assessment)
    differences = [
        f"{code} {name}: SQL {_summary(expected[name], found[name])}"
        for name in (*STATISTICS, *DIRECTORY)
        if expected[name] != found[name]
    ]
    for need in assessment.needs:
        raw = expected["needs"].get(need.group.variable, {})
        for unit, shown in [*need.units.items(), (code, need.municipality)]:
            if shown.value is not None and raw.get(unit, (None, None))[1] != shown.value:
                differences.append(
                    f"{code} published {need.group.variable} {unit}: {shown.value} shown, "
                    f"SQL {raw.get(unit)}"
                )
    return differences


def _short(value: Any) -> str:
    """Decimals and UUIDs as their plain text, inside dicts and tuples too."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_short(k)}: {_short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_short(item) for item in value) + ")"
    return str(value)


def _summary(expected: Any, found: Any) -> str:
    if isinstance(expected, dict) and isinstance(found, dict):
        missing = sorted(map(_short, set(expected) - set(found)))[:3]
        extra = sorted(map(_short, set(found) - set(expected)))[:3]
        unequal = [
            f"{_short(key)}: {_short(expected[key])} ≠ {_short(found[key])}"
            for key in sorted(set(expected) & set(found), key=str)
            if expected[key] != found[key]
        ][:3]
        return (
            f"{len(expected)} keys, assessment {len(found)}; only in SQL "
            f"[{', '.join(missing)}], only in the assessment [{', '.join(extra)}], "
            f"different [{'; '.join(unequal)}]"
        )
    return f"{expected!r}, assessment {found!r}"


def suppressed(assessment: Assessment) -> tuple[int, int]:
    """Unit need figures published, and hidden."""
    shown = hidden = 0
    for need in assessment.needs:
        for figure in need.units.values():
            shown += figure.value is not None
            hidden += figure.hidden
    return shown, hidden


# ── (d) The DOCX ─────────────────────────────────────────────────────────────────────────────


def docx_steps() -> tuple[Callable[..., Any], Callable[..., Any]] | None:
    """report_build and assessment_docx, as kujdes/documents/tasks.py writes a DOCX; None while
    either is missing."""
    try:
        from kujdes.documents.docx import assessment_docx
        from kujdes.planning.assessment.report import report_build
    except ImportError:
        return None
    return report_build, assessment_docx


def docx_measure(municipality: Area) -> dict[str, Any]:
    """THE DOCX STEP (d): the municipality's report as DOCX bytes, from the database, in
    Albanian, the way the document task writes it: report_build(assessment_build(…)), then
    assessment_docx. Timed whole, and each step."""
    steps = docx_steps()
    if steps is None:
        note = (
            "kujdes.documents.docx.assessment_docx or "
            "kujdes.planning.assessment.report.report_build is missing: (d) skipped"
        )
        print(f"bench_assessment: {note}", file=sys.stderr)
        return {"skipped": note}
    report_build, assessment_docx = steps
    with translation.override("sq"), override_settings(DEBUG=False):
        whole, content = timed(
            lambda: assessment_docx(report_build(assessment_build(municipality))), DOCX_RUNS
        )
        assessment = assessment_build(municipality)
        report_step, report = timed(lambda: report_build(assessment), DOCX_RUNS)
        docx_step, _ = timed(lambda: assessment_docx(report), DOCX_RUNS)
    return whole | {
        "bytes": len(content),
        "report_build": report_step,
        "assessment_docx": docx_step,
    }


# ── The run ──────────────────────────────────────────────────────────────────────────────────


def run() -> dict[str, Any]:
    data = assessment_data_create()
    try:
        return measure(data)
    finally:
        assessment_data_delete()


def measure(data: dict[str, Any]) -> dict[str, Any]:
    country = Area.objects.get(code=COUNTRY)
    municipality = (
        Area.objects.filter(path__startswith=country.path, level=Area.Level.MUNICIPALITY)
        .annotate(units=Count("children"))
        .order_by("-units", "code")
        .first()
    )
    assert municipality is not None
    dsn = os.environ["DATABASE_URL"]
    result: dict[str, Any] = {"data": data, "municipality": municipality.code}
    result["units"] = municipality.children.count()

    with psycopg.connect(dsn) as database:
        # The same figures both ways, before any timing: stop if the statistics differ.
        one = assessment_build(municipality)
        national = assessments_build(country)
        national_rows = figures_sql(database, country.path, with_outlines=False)
        one_rows = figures_sql(database, municipality.path, with_outlines=True)
        differences = {
            "one municipality": compare(one, one_rows),
            "national": [
                difference
                for assessment in national
                for difference in compare(assessment, national_rows)
            ],
        }
        serving = services_sql(database, country.path)
        result["services_left_out"] = {
            label: sorted(
                {
                    name
                    for assessment in assessments
                    for service_id, name in serving[assessment.municipality.code].items()
                    if service_id not in {f.service.pk for f in assessment.data.services}
                }
            )
            for label, assessments in (("one municipality", [one]), ("national", national))
        }
        fatal = [
            line
            for lines in differences.values()
            for line in lines
            if any(f" {name}:" in line for name in STATISTICS) or " published " in line
        ]
        for label, lines in differences.items():
            for line in lines:
                print(f"bench_assessment: {label}: differs: {line}", file=sys.stderr)
        assert not fatal, "the assessment and the SQL give different statistics:\n" + "\n".join(
            fatal
        )
        result["differences"] = differences
        result["municipalities"] = len(national)
        result["published_hidden"] = suppressed(one)
        result["gaps"] = len(one.gaps)

        with override_settings(DEBUG=False):
            scenarios: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
                "one": (
                    lambda: assessment_build(municipality),
                    lambda: figures_sql(database, municipality.path, with_outlines=True),
                ),
                "national": (
                    lambda: assessments_build(country),
                    lambda: figures_sql(database, country.path, with_outlines=False),
                ),
                "national_outlines": (
                    lambda: assessments_build(country, with_boundaries=True),
                    lambda: figures_sql(database, country.path, with_outlines=True),
                ),
            }
            for name, (kujdes, sql) in scenarios.items():
                result[name], result[f"{name}_sql"], ratio = paired(kujdes, sql)
                result[f"{name}_ratio"] = round(ratio, 2)
            # Where the time goes: reading (queries and assembly) against computing.
            read_one, one_data = timed(lambda: assessment_data(municipality))
            read_national, national_data = timed(lambda: assessment_data(country))
            compute_one, _ = timed(lambda: assessment_compute(one_data.municipalities[0], one_data))
            compute_national, _ = timed(
                lambda: [assessment_compute(m, national_data) for m in national_data.municipalities]
            )
        result["split"] = {
            "one": {"read": read_one, "compute": compute_one},
            "national": {"read": read_national, "compute": compute_national},
        }
        result["queries"] = {
            "one": queries_of(lambda: assessment_data(municipality)),
            "national": queries_of(lambda: assessment_data(country)),
        }
    for name in ("one", "national", "national_outlines"):
        result[f"{name}_ratio_min"] = round(
            result[name]["min_ms"] / result[f"{name}_sql"]["min_ms"], 2
        )

    result["docx"] = docx_measure(municipality)
    return result


# ── The report ───────────────────────────────────────────────────────────────────────────────


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def markdown(result: dict[str, Any]) -> str:
    data, sizes = result["data"], result["data"]["sizes"]
    rows = [
        "| table | rows |",
        "|---|---:|",
        *(f"| {label} | {count:,} |" for label, count in sizes["rows"].items()),
    ]
    megabytes = 1024 * 1024

    def line(label: str, kujdes: str, sql: str, ratio: str) -> str:
        k, s = result[kujdes], result[sql]
        return (
            f"| {label} | {k['min_ms']:,.1f} | {k['median_ms']:,.1f} | {s['min_ms']:,.1f} | "
            f"{s['median_ms']:,.1f} | **{result[ratio]:.2f} ×** | {result[ratio + '_min']:.2f} × |"
        )

    split = result["split"]
    queries = result["queries"]
    timings = [
        "| scenario | Kujdes min ms | Kujdes median ms | SQL min ms | SQL median ms "
        "| Kujdes / SQL (median of the paired runs' ratios) | (minimums) |",
        "|---|---:|---:|---:|---:|---:|---:|",
        line(
            f"(a) `assessment_build` of {result['municipality']} ({result['units']} units)",
            "one",
            "one_sql",
            "one_ratio",
        ),
        line(
            f"(b) `assessments_build` of the country ({result['municipalities']} municipalities)",
            "national",
            "national_sql",
            "national_ratio",
        ),
        line(
            "(b′) the same with outlines (`with_boundaries=True`, for the distance scores)",
            "national_outlines",
            "national_outlines_sql",
            "national_outlines_ratio",
        ),
    ]
    docx = result["docx"]
    if "skipped" in docx:
        docx_line = f"(d) DOCX of one municipality: not measured, {docx['skipped']}."
        docx_aim = "DOCX of one municipality under 5 s: not measured (no writer yet)."
    else:
        docx_line = (
            f"(d) DOCX of {result['municipality']} in Albanian as the document task writes "
            "it, `assessment_docx(report_build(assessment_build(municipality)))`, from the "
            f"database to the bytes ({docx['bytes']:,} bytes): min {docx['min_ms']:,.0f} ms, "
            f"median {docx['median_ms']:,.0f} ms ({docx['runs']} runs after a warm-up); of "
            f"which `report_build` {docx['report_build']['median_ms']:,.0f} ms and "
            f"`assessment_docx` {docx['assessment_docx']['median_ms']:,.0f} ms (medians)."
        )
        docx_aim = (
            f"DOCX of one municipality under 5 s: {_met(docx['median_ms'] < AIM_DOCX_MS)} "
            f"({docx['median_ms'] / 1000:.2f} s)."
        )
    differences = result["differences"]
    directory_differences = [
        f"- {label}: {difference}"
        for label, lines in differences.items()
        for difference in lines[:5]
    ]
    left_out = [
        f"- {label}: the assessment leaves out {', '.join(names)}, which serve the "
        f"municipality from above (their area served is the country)."
        for label, names in result["services_left_out"].items()
        if names
    ]
    shown, hidden = result["published_hidden"]
    aims = [
        f"One municipality under {AIM_ONE_MS} ms: "
        f"{_met(result['one']['median_ms'] < AIM_ONE_MS)} ({result['one']['median_ms']:,.0f} ms).",
        f"National under {AIM_NATIONAL_MS / 1000:.0f} s: "
        f"{_met(result['national']['median_ms'] < AIM_NATIONAL_MS)} "
        f"({result['national']['median_ms'] / 1000:.2f} s; with outlines "
        f"{result['national_outlines']['median_ms'] / 1000:.2f} s).",
        f"Within {AIM_RATIO:.0f} × the raw SQL: one municipality "
        f"{_met(result['one_ratio'] <= AIM_RATIO)} ({result['one_ratio']:.2f} ×), national "
        f"{_met(result['national_ratio'] <= AIM_RATIO)} ({result['national_ratio']:.2f} ×; with "
        f"outlines {result['national_outlines_ratio']:.2f} ×).",
        docx_aim,
    ]
    return "\n".join(
        [
            "## Needs Assessment, one municipality and national (`bench/bench_assessment.py`)",
            "",
            f"A generated country (fixed seed, bench/assessment_data.py): {data['regions']} "
            f"regions, {data['municipalities']} municipalities, {data['units']} administrative "
            f"units ({data['units_per_municipality'][0]} to {data['units_per_municipality'][1]} "
            f"a municipality); {data['variables']} variables (population, the need groups' "
            f"variables and fillers) × {data['years'][0]}–{data['years'][1]} × sex (T, F, M) × "
            f"age band (TOTAL and 8) on every unit and municipality: "
            f"{data['observations']:,} observations, COPY-loaded in "
            f"{data['observation_seconds']:.0f} s (table "
            f"{sizes['observation_table_bytes'] / megabytes:,.0f} MB "
            f"+ indexes {sizes['observation_index_bytes'] / megabytes:,.0f} MB; database "
            f"{sizes['database_bytes'] / megabytes:,.0f} MB). {data['services']} services "
            "(about 5 a municipality and 2 national lines) with places, target groups, areas "
            "served, people served and funding for 2 years; a square outline for every unit "
            "and municipality.",
            "",
            *rows,
            "",
            "Kujdes: the functions in process (ORM, DEBUG off), from the database to the "
            "computed `Assessment` objects. SQL: hand-written queries (psycopg, same database, "
            "no ORM, results fetched as tuples, nothing computed) returning the same figures "
            "per municipality: population per area and year, the sex × age cells of the latest "
            "year, the need variables' latest totals per area and the municipality's sex × age "
            "cells of them, services and places per target group, funding per source and "
            "year, people served per service and year, and the outlines where the assessment "
            "reads them (one municipality; (b′)). "
            f"Each run once to warm up, then {result['one']['runs']} times, Kujdes and the "
            "SQL in alternation; the ratio is the median of the runs' ratios (Kujdes / SQL).",
            "",
            *timings,
            "",
            f"Reading against computing (medians): one municipality "
            f"{split['one']['read']['median_ms']:,.1f} ms reading "
            f"({queries['one']['queries']} queries, {queries['one']['sql_ms']:,.1f} ms in "
            f"them) + {split['one']['compute']['median_ms']:,.1f} ms computing; national "
            f"{split['national']['read']['median_ms']:,.1f} ms reading "
            f"({queries['national']['queries']} queries, {queries['national']['sql_ms']:,.1f} "
            f"ms in them) + {split['national']['compute']['median_ms']:,.1f} ms computing.",
            "",
            f"Checked before timing: population per area and year, the sex × age structure, "
            f"the need groups' latest totals (read, and each of the {shown} published unit "
            f"figures of {result['municipality']}; {hidden} suppressed) and their sex × age "
            "cells are the same from the assessment and from the SQL, for the municipality "
            "and for every municipality of the national run. Services, funding and people "
            "served: "
            + (
                "the same."
                if not directory_differences
                else "differences (the SQL counts a service for every municipality it serves, "
                "national lines included; so does the national run):"
            ),
            *(["", *left_out, *directory_differences] if directory_differences else []),
            "",
            docx_line,
            "",
            "Aims:",
            "",
            *(f"- {aim}" for aim in aims),
        ]
    )

"""The public directory search and the HSDS list endpoint under load, against one hand-written
SQL query for the same search.

Data: 10,000 services of 1,000 organizations in 1,000 areas (100 municipalities of 9
administrative units each) plus 10 national lines, generated with a fixed seed and written
with `bulk_create` (search texts folded as the services module folds them).

The app runs under gunicorn with DEBUG off, as in production (`collectstatic` first, then
`gunicorn kujdes.wsgi`; database connections kept for 60 s as .env.example advises). Clients
are separate processes, each with one HTTP connection (reopened after every answer, since sync
workers close it), asking for gzip as browsers do.

(a) the search page `/directory/?place=…` with a mix of places, target groups, languages and
    words, under BENCH_CLIENTS (8) clients for BENCH_SECONDS (30) seconds;
(b) the HSDS list `/api/hsds/services?page=<random>` the same way;
(c) one client: the page over HTTP and one hand-written SQL query (psycopg, same database)
    returning the same page of 20 services with everything a result card shows, over the same
    query mix; the ratio of the medians;
(d) queries per page, in process, for pages of 0, 1, a few and 20 results.
"""

import http.client
import json
import os
import re
import statistics
import time
from typing import Any

import psycopg
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.directory_data import (
    DATA,
    HSDS_PATH,
    NATIONAL_LINES,
    SEARCH_PATH,
    SEED,
    UNITS_PER_MUNICIPALITY,
    SearchQuery,
    card_sql,
    directory_create,
    query_mix,
    sql_check,
)
from bench.directory_load import (
    CLIENTS,
    CONN_MAX_AGE,
    SECONDS,
    SINGLE_QUERIES,
    THREADS,
    WARM_UP_SECONDS,
    WORKER_CLASS,
    WORKERS,
    fetch,
    free_port,
    load,
    percentile,
    server_start,
    server_stop,
)
from kujdes.directory.models import (
    Service,
)
from kujdes.directory.selectors import DirectoryQuery, services_search
from kujdes.lib.text import fold
from kujdes.territory.models import Area

# ── Single client, and queries per page ──────────────────────────────────────────────────────


def single_client(
    port: int, queries: list[SearchQuery], paths: dict[str, str], dsn: str
) -> dict[str, Any]:
    """The page over HTTP and the hand-written query, one at a time over the same queries."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    page_ms, sql_ms = [], []
    for query in queries[:20]:  # warm the connection and the statement cache
        fetch(client, query.path())
    for query in queries:
        began = time.perf_counter()
        status, _size, _body = fetch(client, query.path(), decompress=False)
        page_ms.append((time.perf_counter() - began) * 1000)
        assert status == 200, (status, query)
    client.close()
    with psycopg.connect(dsn) as database:
        statements = [card_sql(query, paths) for query in queries]
        for sql, parameters in statements[:20]:
            database.execute(sql, parameters).fetchall()
        for sql, parameters in statements:
            began = time.perf_counter()
            database.execute(sql, parameters).fetchall()
            sql_ms.append((time.perf_counter() - began) * 1000)
    page_median, sql_median = statistics.median(page_ms), statistics.median(sql_ms)
    return {
        "queries": len(queries),
        "page_median_ms": round(page_median, 2),
        "page_p95_ms": round(percentile(page_ms, 0.95), 2),
        "sql_median_ms": round(sql_median, 2),
        "sql_p95_ms": round(percentile(sql_ms, 0.95), 2),
        "ratio": round(page_median / sql_median, 2),
    }


def in_process(paths: list[tuple[str, str]], repeat: int = 1) -> list[dict[str, Any]]:
    """Per page, in this process with the test client: results shown, queries, and the time
    of the whole request against the time its queries took (median of `repeat` runs)."""
    client = Client(headers={"accept-language": "sq"})
    rows = []
    for label, path in paths:
        client.get(path)  # templates compiled, caches warm
        runs = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.get(path)
                total = (time.perf_counter() - began) * 1000
            times = [float(query["time"]) * 1000 for query in captured.captured_queries]
            slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
            table = re.search(r'FROM "(\w+)"', slowest["sql"])
            slowest_query = (max(times), table.group(1) if table else slowest["sql"][:40])
            runs.append((total, sum(times), len(times), response, slowest_query))
        total, sql, count, response, slowest_query = sorted(runs, key=lambda run: run[0])[
            len(runs) // 2
        ]
        shown = None
        if response.status_code == 200 and path.startswith(SEARCH_PATH):
            shown = response.content.decode().count('<article class="service-card')
        elif response.status_code == 200:
            shown = len(json.loads(response.content).get("contents", []))
        rows.append(
            {
                "label": label,
                "path": path,
                "status": response.status_code,
                "shown": shown,
                "queries": count,
                "request_ms": round(total, 1),
                "sql_ms": round(sql, 1),
                "slowest_query_ms": round(slowest_query[0], 1),
                "slowest_query_from": slowest_query[1],
                "bytes": len(response.content),
            }
        )
    return rows


def query_count_pages(queries: list[SearchQuery]) -> list[tuple[str, str]]:
    """Search pages of 0, 1, a few and 20 results."""
    areas = {area.pk: area for area in Area.objects.filter(path__startswith="BN/")}
    one = None
    for service in Service.objects.filter(status=Service.Status.ACTIVE).order_by("pk")[:200]:
        unit = areas[service.areas_served.get().pk]
        words = f"{service.name_sq} {service.organization.name_sq}"
        if services_search(DirectoryQuery(place=unit, text=words)).count() == 1:
            one = SearchQuery(unit.code, text=fold(words))
            break
    assert one is not None
    few = next(q for q in queries if q.target_group and not q.text and q.place.count("-") == 2)
    many = next(q for q in queries if q.page == 1 and q.place.count("-") == 1 and not q.text)
    second = next(q for q in queries if q.page == 2)
    return [
        ("no result", SearchQuery(one.place, text="zzzz").path()),
        ("one result", one.path()),
        ("a unit and a target group", few.path()),
        ("a municipality", many.path()),
        ("a municipality, page 2", second.path()),
    ]


# ── HSDS ─────────────────────────────────────────────────────────────────────────────────────


def hsds_pages(port: int) -> tuple[int, list[str]]:
    """The status of the HSDS list's first page, and every page's path (none unless it answers
    with an HSDS envelope)."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, _size, body = fetch(client, HSDS_PATH)
    client.close()
    try:
        envelope = json.loads(body) if status == 200 else None
    except ValueError:
        envelope = None
    if not isinstance(envelope, dict):
        return status, []
    pages = envelope.get("total_pages")
    if not pages:
        size = len(envelope.get("contents", [])) or 1
        pages = -(-int(envelope.get("total_items", size)) // size)
    return status, [f"{HSDS_PATH}?page={page}" for page in range(1, int(pages) + 1)]


# ── The run ──────────────────────────────────────────────────────────────────────────────────


def run() -> dict[str, Any]:
    data = directory_create()
    queries = query_mix()
    paths = dict(Area.objects.filter(path__startswith="BN/").values_list("code", "path"))
    dsn = os.environ["DATABASE_URL"]
    sql_check(queries[:200], paths, dsn)
    counted = query_count_pages(queries)
    result: dict[str, Any] = {
        "data": data,
        "server": {
            "workers": WORKERS,
            "worker_class": WORKER_CLASS,
            "threads": THREADS,
            "conn_max_age": int(CONN_MAX_AGE),
        },
        "clients": CLIENTS,
        "seconds": SECONDS,
    }
    port = free_port()
    DATA.mkdir(exist_ok=True)
    log = DATA / "gunicorn.log"
    server = server_start(port, log)
    try:
        search_paths = [query.path() for query in queries]
        load(port, search_paths, WARM_UP_SECONDS, SEED, server.pid, dsn)
        result["search"] = load(port, search_paths, SECONDS, SEED + 100, server.pid, dsn)
        result["single"] = single_client(port, queries[:SINGLE_QUERIES], paths, dsn)
        hsds_status, hsds_paths = hsds_pages(port)
        result["hsds_status"] = hsds_status
        if hsds_paths:
            result["hsds_pages"] = len(hsds_paths)
            load(port, hsds_paths, WARM_UP_SECONDS, SEED + 200, server.pid, dsn)
            result["hsds"] = load(port, hsds_paths, SECONDS, SEED + 300, server.pid, dsn)
            last = hsds_paths[-1]
            counted += [
                ("HSDS, page 1", hsds_paths[0]),
                ("HSDS, last page", last),
                ("HSDS, page 1 of 1 per page", f"{HSDS_PATH}?page=1&per_page=1"),
            ]
    finally:
        server_stop(server)
    result["queries_per_page"] = in_process(counted, repeat=5)
    return result


def markdown(result: dict[str, Any]) -> str:
    data, server, single = result["data"], result["server"], result["single"]
    search, hsds = result["search"], result.get("hsds")
    rows = [("(a) search page `/directory/?place=…`", search)]
    if hsds:
        rows.append((f"(b) HSDS list `{HSDS_PATH}?page=<1…{result['hsds_pages']}>`", hsds))
    table = [
        "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | gzip bytes "
        "| CPU ms/request: app + PostgreSQL |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    cores = os.cpu_count() or 1
    capacity = []
    for label, figures in rows:
        app, database = figures["app_cpu_ms_per_request"], figures["database_cpu_ms_per_request"]
        table.append(
            f"| {label} | {figures['requests']:,} | {figures['requests_per_second']:,.1f} | "
            f"{figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} | {figures['p99_ms']:.1f} | "
            f"{figures['max_ms']:.1f} | {figures['errors']} | {figures['mean_bytes']:,} | "
            f"{app:.1f} + {database:.1f} |"
        )
        if app + database:
            most = cores * 1000 / (app + database)
            capacity.append(
                f"{label.split(' `')[0]} at most ≈ {most:,.0f} req/s, so "
                f"{result['clients']} clients back to back wait ≈ "
                f"{result['clients'] * 1000 / most:,.0f} ms a request"
            )
    if not hsds:
        table.append(
            f"| (b) HSDS list `{HSDS_PATH}` | not measured: the endpoint answered "
            f"{result['hsds_status']} | | | | | | | | |"
        )
    if capacity:
        table += [
            "",
            f"The CPU time the server's processes spent per request (from /proc) bounds what "
            f"the {cores} cores of this machine can serve, whatever else runs on it: "
            + "; ".join(capacity)
            + f". A p95 under 50 ms with {result['clients']} clients needs about "
            f"{cores * 50 / result['clients']:.0f} ms of CPU a request or less.",
        ]
    counts = [
        "| page | results | queries | request ms | SQL ms | slowest query ms (from) | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["queries_per_page"]:
        shown = "—" if row["shown"] is None else row["shown"]
        counts.append(
            f"| {row['label']} | {shown} | {row['queries']} | {row['request_ms']:.1f} | "
            f"{row['sql_ms']:.1f} | {row['slowest_query_ms']:.1f} "
            f"(`{row['slowest_query_from']}`) | {row['bytes']:,} |"
        )
    search_rows = [r for r in result["queries_per_page"] if r["path"].startswith(SEARCH_PATH)]
    with_results = sorted({row["queries"] for row in search_rows if row["shown"]})
    without = sorted({row["queries"] for row in search_rows if not row["shown"]})
    hsds_counts = sorted(
        {r["queries"] for r in result["queries_per_page"] if r["path"].startswith(HSDS_PATH)}
    )
    threads = f" of {server['threads']} threads" if server["threads"] > 1 else ""
    aims = [
        f"p95 under 50 ms with no error, {label.split(' `')[0]}: "
        + ("met" if figures["p95_ms"] < 50 and not figures["errors"] else "**not met**")
        + f" (p95 {figures['p95_ms']:.1f} ms, {figures['errors']} errors)."
        for label, figures in rows
    ]
    if not hsds:
        aims.append(f"HSDS list: not measured (`{HSDS_PATH}` answered {result['hsds_status']}).")
    aims.append(
        "Search page within 8 × the raw SQL: "
        + ("met" if single["ratio"] <= 8 else "**not met**")
        + f" ({single['ratio']:.1f} ×)."
    )
    aims.append(
        "Constant queries per search page: "
        + ("met" if len(with_results) == 1 else "**not met**")
        + f" ({', '.join(map(str, with_results))} for every page with results"
        + (f", {', '.join(map(str, without))} for a page without" if without else "")
        + ")."
    )
    if hsds_counts:
        aims.append(
            "Constant queries per HSDS page: "
            + ("met" if len(hsds_counts) == 1 else "**not met**")
            + f" ({', '.join(map(str, hsds_counts))} whatever the page and its size)."
        )
    return "\n".join(
        [
            "## Public directory search and HSDS list (`bench/bench_directory.py`)",
            "",
            f"{data['services']:,} services ({data['public_services']:,} public) of "
            f"{data['organizations']:,} organizations in {data['areas']:,} areas "
            f"({data['municipalities']} municipalities of {UNITS_PER_MUNICIPALITY} "
            f"administrative units each, and the country); {data['locations']:,} locations "
            f"({data['confidential_locations']:,} confidential), {data['phones']:,} phones "
            f"({data['urgent_phones']:,} SOS lines or helplines), generated with a fixed seed "
            f"in {data['seconds']:.0f} s. {NATIONAL_LINES} of the services are national "
            "lines serving the whole country.",
            "",
            f"The app runs under gunicorn ({server['workers']} {server['worker_class']} "
            f"workers{threads}; by default 2 × cores + 1 sync workers, gunicorn's rule of "
            "thumb: the pages are CPU-bound, and behind nginx, which buffers slow clients, "
            "sync workers are gunicorn's documented fit) with DEBUG off, "
            f"`collectstatic` done and database connections kept for "
            f"{server['conn_max_age']} s, on the same machine as PostgreSQL and the clients. "
            f"{result['clients']} clients, each a process with its own HTTP connection, send "
            f"requests back to back for {result['seconds']:.0f} s (after a warm-up) and ask "
            "for gzip as browsers do; any status but 200 counts as an error. Search queries: "
            "a place always (an administrative unit three times in four, else a "
            "municipality), a target group two times in five, a language one time in ten, a "
            "word one time in five, page 2 of a third of the bare municipality searches.",
            "",
            *table,
            "",
            f"One client, the first {single['queries']} queries of the same mix: the search "
            f"page over HTTP takes {single['page_median_ms']:.1f} ms (median; p95 "
            f"{single['page_p95_ms']:.1f} ms); one hand-written SQL query (psycopg, the same "
            "database) that returns the same page of 20 services, their count and everything "
            f"a result card shows takes {single['sql_median_ms']:.2f} ms (p95 "
            f"{single['sql_p95_ms']:.2f} ms): **{single['ratio']:.1f} ×**. The page also "
            "builds the search form's place list, the urgent lines and the map, which the "
            "SQL query leaves out.",
            "",
            "Queries per page (in process with Django's test client, median of 5 requests; "
            "bytes uncompressed):",
            "",
            *counts,
            "",
            "Aims:",
            "",
            *(f"- {aim}" for aim in aims),
        ]
    )

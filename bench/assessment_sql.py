"""The baseline of bench_assessment: hand-written SQL (psycopg, no ORM) that reads the same
figures as the needs assessment, for every municipality under a root area."""

from collections import defaultdict
from typing import Any

import psycopg

from kujdes.planning.assessment.data import need_groups

# ── The same figures in hand-written SQL ────────────────────────────────────────────────────

# Every query takes the root's path pattern (%(root)s, "BA/…/%") and returns figures per area
# or per municipality under it. Where sources overlap, one figure per key as the assessment
# chooses: a real source before an illustrative one, final before provisional, then by source
# code. The areas are found first by their path, then their observations through the
# observation table's indexes; "the latest" is one backward index probe per area (LATERAL …
# ORDER BY year DESC LIMIT 1), not a scan of every year.
_IDS = """
    areas AS (
        SELECT id, code, level FROM territory_area
        WHERE path LIKE %(root)s AND level IN ('municipality', 'admin_unit')),
    pop AS (SELECT id FROM territory_variable WHERE code = 'POPULATION'),
    total AS (SELECT id FROM territory_ageband WHERE code = 'TOTAL')"""
_RANK = "s.is_illustrative, o.provisional, s.code"

POPULATION_SQL = f"""
WITH {_IDS}
SELECT DISTINCT ON (o.area_id, o.year) a.code, o.year, o.value
FROM areas a
JOIN territory_observation o ON o.area_id = a.id
JOIN territory_source s ON s.id = o.source_id
WHERE o.variable_id = (SELECT id FROM pop) AND o.sex = 'T'
  AND o.age_band_id = (SELECT id FROM total)
ORDER BY o.area_id, o.year, {_RANK}"""

STRUCTURE_SQL = f"""
WITH {_IDS},
latest AS (
    SELECT max(y.year) AS year FROM areas a CROSS JOIN LATERAL (
        SELECT o.year FROM territory_observation o
        WHERE o.area_id = a.id AND o.variable_id = (SELECT id FROM pop) AND o.sex <> 'T'
        ORDER BY o.year DESC LIMIT 1) y)
SELECT DISTINCT ON (o.area_id, o.sex, o.age_band_id) a.code, o.sex, b.code, o.value
FROM areas a
JOIN territory_observation o ON o.area_id = a.id
JOIN territory_source s ON s.id = o.source_id
JOIN territory_ageband b ON b.id = o.age_band_id
WHERE o.variable_id = (SELECT id FROM pop) AND o.year = (SELECT year FROM latest)
  AND o.sex <> 'T' AND o.age_band_id <> (SELECT id FROM total)
ORDER BY o.area_id, o.sex, o.age_band_id, {_RANK}"""

NEEDS_SQL = f"""
WITH {_IDS}
SELECT v.code, a.code, latest.year, latest.value
FROM areas a
CROSS JOIN territory_variable v
CROSS JOIN LATERAL (
    SELECT o.year, o.value FROM territory_observation o
    JOIN territory_source s ON s.id = o.source_id
    WHERE o.variable_id = v.id AND o.area_id = a.id AND o.sex = 'T'
      AND o.age_band_id = (SELECT id FROM total)
    ORDER BY o.year DESC, {_RANK} LIMIT 1) latest
WHERE v.code = ANY(%(needs)s)"""

# The latest year of each need variable comes from NEEDS_SQL's answer (%(variables)s and
# %(years)s, in the same order).
NEED_CELLS_SQL = f"""
WITH {_IDS},
latest AS (
    SELECT v.id AS variable_id, v.code, l.year
    FROM unnest(%(variables)s::text[], %(years)s::int[]) AS l(code, year)
    JOIN territory_variable v ON v.code = l.code)
SELECT DISTINCT ON (l.variable_id, a.id, o.sex, o.age_band_id)
    l.code, a.code, o.sex, b.code, o.value
FROM latest l
CROSS JOIN areas a
JOIN territory_observation o
  ON o.variable_id = l.variable_id AND o.area_id = a.id AND o.year = l.year
JOIN territory_source s ON s.id = o.source_id
JOIN territory_ageband b ON b.id = o.age_band_id
WHERE a.level = 'municipality' AND NOT (o.sex = 'T' AND o.age_band_id = (SELECT id FROM total))
ORDER BY l.variable_id, a.id, o.sex, o.age_band_id, {_RANK}"""

# Services serving a municipality: one of its areas, or an area above it (national lines).
_SERVED = """
WITH m AS (
    SELECT id, code, path FROM territory_area
    WHERE path LIKE %(root)s AND level = 'municipality'),
served AS (
    SELECT DISTINCT m.code AS municipality, s.id AS service_id, s.capacity
    FROM directory_service s
    LEFT JOIN directory_service_areas_served x ON x.service_id = s.id
    JOIN territory_area a ON a.id = COALESCE(x.area_id, s.area_id)
    JOIN m ON a.path LIKE m.path || '%%' OR m.path LIKE a.path || '%%'
    WHERE s.status NOT IN ('inactive', 'defunct'))"""

PLACES_SQL = f"""{_SERVED}
SELECT municipality, common_code, count(*), sum(capacity)
FROM (
    SELECT DISTINCT served.municipality, served.service_id, served.capacity, g.common_code
    FROM served
    JOIN directory_service_target_groups t ON t.service_id = served.service_id
    JOIN directory_targetgroup g ON g.id = t.targetgroup_id) groups
GROUP BY municipality, common_code"""

FUNDING_SQL = f"""{_SERVED}
SELECT served.municipality, f.source, f.currency, f.year, sum(f.amount)
FROM served JOIN directory_funding f ON f.service_id = served.service_id
GROUP BY served.municipality, f.source, f.currency, f.year"""

SERVED_SQL = f"""{_SERVED}
SELECT served.municipality, b.service_id, b.year, b.count
FROM served
JOIN directory_beneficiarycount b ON b.service_id = served.service_id
JOIN territory_ageband g ON g.id = b.age_band_id
WHERE b.sex = 'T' AND g.code = 'TOTAL'"""

# For the checks only (not timed): which services serve each municipality.
SERVICES_SQL = f"""{_SERVED}
SELECT served.municipality, s.id, s.name_sq
FROM served JOIN directory_service s ON s.id = served.service_id"""

OUTLINES_SQL = """
SELECT a.code, b.geometry FROM territory_areaboundary b
JOIN territory_area a ON a.id = b.area_id
WHERE a.path LIKE %(root)s AND a.level IN ('municipality', 'admin_unit')"""


def services_sql(database: psycopg.Connection[Any], root_path: str) -> dict[str, dict[Any, str]]:
    """Municipality code → id → name of the services serving it (directly or from above)."""
    services: dict[str, dict[Any, str]] = defaultdict(dict)
    for municipality, service_id, name in database.execute(
        SERVICES_SQL, {"root": root_path + "%"}
    ).fetchall():
        services[municipality][service_id] = name
    return services


def figures_sql(
    database: psycopg.Connection[Any], root_path: str, *, with_outlines: bool
) -> dict[str, list[tuple[Any, ...]]]:
    """The assessment's figures for every municipality under the root, as rows."""
    parameters: dict[str, Any] = {
        "root": root_path + "%",
        "needs": [group.variable for group in need_groups()],
    }

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return database.execute(sql, parameters).fetchall()

    figures = {
        "population": rows(POPULATION_SQL),
        "structure": rows(STRUCTURE_SQL),
        "needs": rows(NEEDS_SQL),
    }
    latest: dict[str, int] = {}
    for variable, _code, year, _value in figures["needs"]:
        latest[variable] = max(latest.get(variable, year), year)
    parameters["variables"], parameters["years"] = list(latest), list(latest.values())
    figures["need_cells"] = rows(NEED_CELLS_SQL)
    figures["places"] = rows(PLACES_SQL)
    figures["funding"] = rows(FUNDING_SQL)
    figures["served"] = rows(SERVED_SQL)
    if with_outlines:
        figures["outlines"] = rows(OUTLINES_SQL)
    return figures

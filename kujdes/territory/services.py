"""Every change to areas and statistics. Importers, the demo loader and the pages call these."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any, TypeVar

from django.db import connection, transaction

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.territory.models import AgeBand, Area, AreaBoundary, Observation, Source, Variable


@dataclass(frozen=True)
class AreaRow:
    code: str
    parent_code: str
    level: str
    name_sq: str
    name_sr_latn: str = ""
    name_en: str = ""
    area_km2: Decimal | None = None


@dataclass(frozen=True)
class ObservationRow:
    variable_code: str
    area_code: str
    year: int
    sex: str
    age_band_code: str
    source_code: str
    value: Decimal
    provisional: bool = False


@dataclass
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _changed(instance: Any, values: dict[str, Any]) -> list[str]:
    return [name for name, value in values.items() if getattr(instance, name) != value]


@transaction.atomic
def areas_upsert(*, rows: Iterable[AreaRow], actor: User | None, origin: str) -> UpsertCounts:
    """Create or update areas by code, parents before children. Rows must be valid already
    (importers validate); a parent must exist or come earlier in the rows."""
    counts = UpsertCounts()
    existing = {area.code: area for area in Area.objects.all()}
    for row in rows:
        parent = existing[row.parent_code] if row.parent_code else None
        values = {
            "parent": parent,
            "level": row.level,
            "path": Area.path_for(code=row.code, parent=parent),
            "depth": parent.depth + 1 if parent else 0,
            "name_sq": row.name_sq,
            "name_sr_latn": row.name_sr_latn,
            "name_en": row.name_en,
            "area_km2": row.area_km2,
            "name_folded": Area.folded_names(row.name_sq, row.name_sr_latn, row.name_en),
        }
        area = existing.get(row.code)
        if area is None:
            existing[row.code] = Area.objects.create(code=row.code, **values)
            counts.created += 1
        elif changed := _changed(area, values):
            for name in changed:
                setattr(area, name, values[name])
            area.save(update_fields=changed)
            counts.updated += 1
        else:
            counts.unchanged += 1
    event_record(
        actor=actor,
        verb="areas.imported",
        target_type="import",
        target_key=origin,
        payload={
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
        },
    )
    return counts


@transaction.atomic
def boundary_set(*, area: Area, geometry: dict[str, Any], source: str) -> bool:
    """Store the area's outline; True if anything changed."""
    boundary = AreaBoundary.objects.filter(area=area).first()
    if boundary is None:
        AreaBoundary.objects.create(area=area, geometry=geometry, source=source)
        return True
    if boundary.geometry == geometry and boundary.source == source:
        return False
    boundary.geometry, boundary.source = geometry, source
    boundary.save(update_fields=["geometry", "source"])
    return True


Reference = TypeVar("Reference", Source, Variable, AgeBand)


def _upsert_by_code(
    model: type[Reference], *, actor: User | None, code: str, values: dict[str, Any]
) -> Reference:
    """Create or update a reference row by its code; record what changed."""
    instance, created = model._default_manager.get_or_create(code=code, defaults=values)
    changed = [] if created else _changed(instance, values)
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    if created or changed:
        event_record(
            actor=actor,
            verb=f"{model._meta.model_name}.{'created' if created else 'updated'}",
            target_type=str(model._meta.model_name),
            target_key=code,
            payload={"changed": changed},
        )
    return instance


@transaction.atomic
def source_upsert(*, actor: User | None, code: str, **values: Any) -> Source:
    return _upsert_by_code(Source, actor=actor, code=code, values=values)


@transaction.atomic
def variable_upsert(*, actor: User | None, code: str, **values: Any) -> Variable:
    return _upsert_by_code(Variable, actor=actor, code=code, values=values)


@transaction.atomic
def age_band_upsert(*, code: str, actor: User | None = None, **values: Any) -> AgeBand:
    return _upsert_by_code(AgeBand, actor=actor, code=code, values=values)


# variable id, area id, year, sex, age band id, source id, value, provisional: an observation
# whose codes are already resolved, as importers produce them (a tuple: a million of them must
# be cheap to make).
ObservationValues = tuple[int, int, int, str, int, int, Decimal, bool]


def observations_upsert(
    *, rows: Iterable[ObservationRow], actor: User | None, origin: str
) -> UpsertCounts:
    """Create or update observations by their natural key (variable, area, year, sex, age band,
    source). Codes must exist and keys must be unique within the rows (importers check both)."""
    variables = dict(Variable.objects.values_list("code", "id"))
    areas = dict(Area.objects.values_list("code", "id"))
    bands = dict(AgeBand.objects.values_list("code", "id"))
    sources = dict(Source.objects.values_list("code", "id"))
    resolved = (
        (
            variables[row.variable_code],
            areas[row.area_code],
            row.year,
            row.sex,
            bands[row.age_band_code],
            sources[row.source_code],
            row.value,
            row.provisional,
        )
        for row in rows
    )
    return observations_upsert_values(rows=resolved, actor=actor, origin=origin)


@transaction.atomic
def observations_upsert_values(
    *, rows: Iterable[ObservationValues], actor: User | None, origin: str
) -> UpsertCounts:
    """`observations_upsert` for rows whose ids are resolved: the rows stream into a temporary
    table and one statement merges them, so a million rows never become model instances.
    If iterating the rows raises, nothing is written."""
    total = 0

    def counted() -> Iterator[ObservationValues]:
        nonlocal total
        for row in rows:
            total += 1
            yield row

    if connection.vendor == "postgresql":
        created, updated = _observations_merge_postgresql(counted())
    else:
        created, updated = _observations_merge_portable(counted())
    counts = UpsertCounts(created=created, updated=updated, unchanged=total - created - updated)
    event_record(
        actor=actor,
        verb="observations.imported",
        target_type="import",
        target_key=origin,
        payload={
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
        },
    )
    return counts


def _observation_columns() -> tuple[str, str, list[str], list[str]]:
    """The observation table, the staging table, the natural-key columns and the value
    columns, quoted, from the model's metadata. (The SQL below is built only from these
    names, never from data; hence its `noqa: S608`.)"""
    quote = connection.ops.quote_name
    meta = Observation._meta
    columns = {field.name: quote(field.column) for field in meta.concrete_fields}
    key = [columns[name] for name in _OBSERVATION_KEY]
    values = [columns["value"], columns["provisional"]]
    # Qualified by the temporary schema, so that DROP can never reach a permanent table.
    temporary = "pg_temp" if connection.vendor == "postgresql" else "temp"
    staging = f"{temporary}.{quote(meta.db_table + '_import')}"
    return quote(meta.db_table), staging, key, values


_OBSERVATION_KEY = ("variable", "area", "year", "sex", "age_band", "source")
_STAGING_TYPES = ("bigint", "bigint", "smallint", "varchar(1)", "bigint", "bigint")


def _staging_create(cursor: Any, staging: str, columns: list[str]) -> None:
    types = [*_STAGING_TYPES, "numeric(14, 2)", "boolean"]
    definition = ", ".join(f"{column} {kind}" for column, kind in zip(columns, types, strict=True))
    # A savepoint (tests, a caller's transaction) may still hold one from an earlier call.
    cursor.execute(f"DROP TABLE IF EXISTS {staging}")
    cursor.execute(f"CREATE TEMPORARY TABLE {staging} ({definition})")


def _merge_sql(
    table: str, staging: str, key: list[str], values: list[str], *, where: str, differs: str
) -> str:
    columns = ", ".join([*key, *values])
    assignments = ", ".join(f"{column} = EXCLUDED.{column}" for column in values)
    # Only rows whose value or provisional flag differ are rewritten: a re-import of the same
    # file writes no row at all.
    distinct = " OR ".join(f"{table}.{column} {differs} EXCLUDED.{column}" for column in values)
    return (
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} {where} "  # noqa: S608
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {assignments} WHERE {distinct}"
    )


def _observations_merge_postgresql(rows: Iterator[ObservationValues]) -> tuple[int, int]:
    table, staging, key, values = _observation_columns()
    columns = [*key, *values]
    with connection.cursor() as cursor:
        _staging_create(cursor, staging, columns)
        with cursor.copy(
            f"COPY {staging} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
        ) as copy:
            copy.set_types(["int8", "int8", "int2", "text", "int8", "int8", "numeric", "bool"])
            for row in rows:
                copy.write_row(row)
        # xmax is 0 on a row version this statement inserted, non-zero on one it updated.
        merge = _merge_sql(table, staging, key, values, where="", differs="IS DISTINCT FROM")
        cursor.execute(
            f"WITH written AS ({merge} RETURNING (xmax = 0) AS created) "  # noqa: S608
            "SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) "
            "FROM written"
        )
        created, updated = cursor.fetchone()
        cursor.execute(f"DROP TABLE {staging}")
    return created, updated


def _observations_merge_portable(rows: Iterator[ObservationValues]) -> tuple[int, int]:
    table, staging, key, values = _observation_columns()
    columns = [*key, *values]
    with connection.cursor() as cursor:
        _staging_create(cursor, staging, columns)
        insert = (
            f"INSERT INTO {staging} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        while batch := list(islice(rows, 10_000)):
            cursor.executemany(insert, batch)
        join = " AND ".join(f"{table}.{column} = {staging}.{column}" for column in key)
        counted = f"count(*), count({table}.{key[0]})"
        cursor.execute(f"SELECT {counted} FROM {staging} LEFT JOIN {table} ON {join}")  # noqa: S608
        staged, existing = cursor.fetchone()
        # "WHERE true" lets SQLite parse ON CONFLICT after INSERT … SELECT. The row count
        # covers inserted and updated rows alike; the join above tells them apart.
        cursor.execute(
            _merge_sql(table, staging, key, values, where="WHERE true", differs="IS NOT")
        )
        written = cursor.rowcount
        cursor.execute(f"DROP TABLE {staging}")
    created = staged - existing
    return created, written - created

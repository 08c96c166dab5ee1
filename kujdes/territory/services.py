"""Every change to areas and statistics. Importers, the demo loader and the pages call these."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.territory.models import AgeBand, Area, AreaBoundary, Source, Variable


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


@transaction.atomic
def source_upsert(*, actor: User | None, code: str, **values: Any) -> Source:
    source, created = Source.objects.get_or_create(code=code, defaults=values)
    if not created and (changed := _changed(source, values)):
        for name in changed:
            setattr(source, name, values[name])
        source.save(update_fields=changed)
    if created:
        event_record(actor=actor, verb="source.created", target_type="source", target_key=code)
    return source


@transaction.atomic
def variable_upsert(*, actor: User | None, code: str, **values: Any) -> Variable:
    variable, created = Variable.objects.get_or_create(code=code, defaults=values)
    if not created and (changed := _changed(variable, values)):
        for name in changed:
            setattr(variable, name, values[name])
        variable.save(update_fields=changed)
    if created:
        event_record(actor=actor, verb="variable.created", target_type="variable", target_key=code)
    return variable


@transaction.atomic
def age_band_upsert(*, code: str, **values: Any) -> AgeBand:
    band, created = AgeBand.objects.get_or_create(code=code, defaults=values)
    if not created and (changed := _changed(band, values)):
        for name in changed:
            setattr(band, name, values[name])
        band.save(update_fields=changed)
    return band


@transaction.atomic
def observations_upsert(
    *, rows: Iterable[ObservationRow], actor: User | None, origin: str
) -> UpsertCounts:
    """Create or update observations by their natural key (variable, area, year, sex, age band,
    source). Codes must exist (importers validate first). Simple version; see importers for
    the bulk path."""
    from kujdes.territory.models import Observation

    counts = UpsertCounts()
    variables = {v.code: v for v in Variable.objects.all()}
    areas = {a.code: a for a in Area.objects.all()}
    bands = {b.code: b for b in AgeBand.objects.all()}
    sources = {s.code: s for s in Source.objects.all()}
    for row in rows:
        key = {
            "variable": variables[row.variable_code],
            "area": areas[row.area_code],
            "year": row.year,
            "sex": row.sex,
            "age_band": bands[row.age_band_code],
            "source": sources[row.source_code],
        }
        values = {"value": row.value, "provisional": row.provisional}
        observation = Observation.objects.filter(**key).first()
        if observation is None:
            Observation.objects.create(**key, **values)
            counts.created += 1
        elif changed := _changed(observation, values):
            for name in changed:
                setattr(observation, name, values[name])
            observation.save(update_fields=changed)
            counts.updated += 1
        else:
            counts.unchanged += 1
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

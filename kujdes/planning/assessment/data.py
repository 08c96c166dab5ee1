"""Everything the needs assessment reads, for every municipality under one area, in a fixed
number of queries whatever the number of municipalities (see bench/bench_assessment.py)."""

import csv
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from django.db.models import F, Max, OuterRef, Q, Subquery, Window

from kujdes.directory.models import (
    BeneficiaryCount,
    Funding,
    Organization,
    Service,
    ServiceAtLocation,
)
from kujdes.planning.models import BudgetYear, GapNote, GapWeights, Structure
from kujdes.territory.models import (
    AgeBand,
    Area,
    AreaBoundary,
    Observation,
    Sex,
    Source,
    Variable,
    ancestor_paths,
)

POPULATION = "POPULATION"
PUBLIC_KINDS = {
    Organization.Kind.PUBLIC_INSTITUTION,
    Organization.Kind.SOCIAL_WORK_CENTRE,
    Organization.Kind.MUNICIPAL_DIRECTORATE,
}


@dataclass(frozen=True)
class NeedGroup:
    """A statistic that counts a group in need, and the target group of the services for it."""

    variable: str
    target_group: str


@functools.cache
def need_groups() -> tuple[NeedGroup, ...]:
    path = Path(__file__).resolve().parent.parent / "data" / "need_groups.csv"
    with path.open(encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["position"]))
    return tuple(NeedGroup(row["variable"], row["target_group"]) for row in rows)


class Observed(NamedTuple):
    """One chosen figure and where it came from (a tuple: tens of thousands are made for a
    national assessment)."""

    value: Decimal
    source_id: int
    year: int
    provisional: bool


@dataclass
class ServiceFacts:
    """What the assessment needs of one service."""

    service: Service
    is_public: bool
    target_groups: set[str]
    # Administrative units (codes) the service serves; empty when it serves the whole
    # municipality.
    units_served: set[str]
    # Units (codes) of its public locations; a confidential location counts as the
    # municipality's centre, so no address can be worked out from the distances.
    located_in: set[str]
    has_confidential_location: bool


class FundingRow(NamedTuple):
    """One year's funding of a service from one source."""

    service_id: Any
    source: str
    currency: str
    year: int
    amount: Decimal


@dataclass
class MunicipalityData:
    municipality: Area
    units: list[Area]
    # (area code, year) → population total
    population: dict[tuple[str, int], Observed] = field(default_factory=dict)
    # (area code, sex, age band code) → population in the structure year
    structure: dict[tuple[str, str, str], Observed] = field(default_factory=dict)
    # variable → area code → latest total
    needs: dict[str, dict[str, Observed]] = field(default_factory=dict)
    # variable → (sex, age band code) → the municipality's figure in the latest year
    need_cells: dict[str, dict[tuple[str, str], Observed]] = field(default_factory=dict)
    services: list[ServiceFacts] = field(default_factory=list)
    # service id → year → people served (all sexes and ages)
    served: dict[Any, dict[int, int]] = field(default_factory=dict)
    funding: list[FundingRow] = field(default_factory=list)
    structures: list[Structure] = field(default_factory=list)
    budget_years: list[BudgetYear] = field(default_factory=list)
    weights: GapWeights | None = None
    notes: dict[tuple[str, str], GapNote] = field(default_factory=dict)
    # area code → (longitude, latitude) of the outline's centre
    centres: dict[str, tuple[float, float]] = field(default_factory=dict)
    boundaries: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class AssessmentData:
    municipalities: list[MunicipalityData]
    sources: dict[int, Source]
    variables: dict[str, Variable]
    bands: list[AgeBand]
    structure_year: int | None


def _choose(rows: Iterable[tuple[Any, ...]], sources: dict[int, Source]) -> dict[Any, Observed]:
    """One figure per key where figures overlap: the latest year, then a real source before an
    illustrative one, final before provisional, then by source code. Rows are (*key, year,
    value, source, provisional); a key that includes the year ends with it twice."""
    ranks = {pk: (source.is_illustrative, source.code) for pk, source in sources.items()}

    def rank(row: tuple[Any, ...]) -> tuple[bool, bool, str]:
        illustrative, code = ranks[row[-2]]
        return (illustrative, row[-1], code)

    chosen: dict[Any, tuple[Any, ...]] = {}
    for row in rows:
        key = row[:-4]
        held = chosen.get(key)
        # Most keys have one figure a year: sources are compared only where figures overlap.
        if held is None or row[-4] > held[-4] or (row[-4] == held[-4] and rank(row) < rank(held)):
            chosen[key] = row
    return {key: Observed(row[-3], row[-2], row[-4], row[-1]) for key, row in chosen.items()}


def _centre(geometry: dict[str, Any]) -> tuple[float, float] | None:
    """The centre of the largest ring's bounding box: enough to measure distances in km."""
    polygons = geometry.get("coordinates", [])
    if geometry.get("type") == "Polygon":
        polygons = [polygons]
    rings = [polygon[0] for polygon in polygons if polygon]
    if not rings:
        return None
    ring = max(rings, key=len)
    longitudes, latitudes = [p[0] for p in ring], [p[1] for p in ring]
    return (
        (min(longitudes) + max(longitudes)) / 2,
        (min(latitudes) + max(latitudes)) / 2,
    )


def _municipality_of(path: str, by_path: dict[str, MunicipalityData]) -> "MunicipalityData | None":
    for ancestor in ancestor_paths(path):
        if ancestor in by_path:
            return by_path[ancestor]
    return None


def assessment_data(root: Area, *, with_boundaries: bool = True) -> AssessmentData:
    """The data of every municipality at or under `root` (one municipality, or a country)."""
    areas = list(
        Area.objects.filter(
            path__startswith=root.path,
            level__in=[Area.Level.MUNICIPALITY, Area.Level.ADMIN_UNIT],
        ).order_by("path")
    )
    by_path: dict[str, MunicipalityData] = {}
    for area in areas:
        if area.level == Area.Level.MUNICIPALITY:
            by_path[area.path] = MunicipalityData(municipality=area, units=[])
    for area in areas:
        if area.level == Area.Level.ADMIN_UNIT:
            owner = _municipality_of(area.path, by_path)
            if owner is not None:
                owner.units.append(area)
    for data in by_path.values():
        data.units.sort(key=lambda unit: unit.name_folded)
    municipalities = list(by_path.values())
    area_owner: dict[int, tuple[MunicipalityData, str]] = {}
    for data in municipalities:
        for area in [data.municipality, *data.units]:
            area_owner[area.pk] = (data, area.code)

    sources = {source.pk: source for source in Source.objects.all()}
    groups = need_groups()
    variables = {
        variable.code: variable
        for variable in Variable.objects.filter(
            code__in=[POPULATION, *(group.variable for group in groups)]
        )
    }
    bands = list(AgeBand.objects.all())
    total_band = next((band.pk for band in bands if band.code == AgeBand.TOTAL), None)
    band_codes = {band.pk: band.code for band in bands}
    in_root = Q(area__path__startswith=root.path)
    observations = Observation.objects.filter(in_root)
    population = variables.get(POPULATION)

    # Each query's rows are (*key, year, value, source, provisional), as _choose reads them.
    figure = ("year", "value", "source_id", "provisional")
    if population is not None:
        totals = observations.filter(
            variable=population, sex=Sex.TOTAL, age_band_id=total_band
        ).values_list("area_id", F("year"), *figure)
        for (area_id, year), observed in _choose(totals, sources).items():
            if area_id in area_owner:
                data, code = area_owner[area_id]
                data.population[(code, year)] = observed

    structure_year = None
    if population is not None:
        # Each area's latest year with a breakdown, read backwards along the area index
        # (which holds sex), then the latest of those.
        latest_breakdown = (
            Observation.objects.filter(area=OuterRef("pk"), variable=population)
            .exclude(sex=Sex.TOTAL)
            .order_by("-year")
            .values("year")[:1]
        )
        structure_year = max(
            (
                year
                for year in Area.objects.filter(pk__in=list(area_owner))
                .annotate(latest=Subquery(latest_breakdown))
                .values_list("latest", flat=True)
                if year is not None
            ),
            default=None,
        )
    if structure_year is not None:
        cells = (
            observations.filter(variable=population, year=structure_year)
            .exclude(sex=Sex.TOTAL)
            .exclude(age_band_id=total_band)
            .values_list("area_id", "sex", "age_band_id", *figure)
        )
        for (area_id, sex, band), observed in _choose(cells, sources).items():
            if area_id in area_owner:
                data, code = area_owner[area_id]
                data.structure[(code, sex, band_codes[band])] = observed

    need_variables = {
        variables[g.variable].pk: g.variable for g in groups if g.variable in variables
    }
    # Only each area's latest year leaves the database (a window, which SQLite has too).
    need_totals = (
        observations.filter(
            variable_id__in=list(need_variables), sex=Sex.TOTAL, age_band_id=total_band
        )
        .annotate(latest=Window(Max("year"), partition_by=[F("variable_id"), F("area_id")]))
        .filter(year=F("latest"))
        .values_list("variable_id", "area_id", *figure)
    )
    latest_year: dict[str, int] = {}
    # The latest year of each area's figure (the key leaves the year out).
    for (variable_id, area_id), observed in _choose(need_totals, sources).items():
        if area_id in area_owner:
            data, code = area_owner[area_id]
            code_of_variable = need_variables[variable_id]
            data.needs.setdefault(code_of_variable, {})[code] = observed
            latest_year[code_of_variable] = max(latest_year.get(code_of_variable, 0), observed.year)

    # Sex and age of the groups in need, where known: the municipalities' own figures only.
    if latest_year:
        # One condition per year, not per variable: an IN list reads the key index once.
        by_year: dict[int, list[int]] = defaultdict(list)
        for code, year in latest_year.items():
            by_year[year].append(variables[code].pk)
        wanted = Q()
        for year, variable_ids in by_year.items():
            wanted |= Q(variable_id__in=variable_ids, year=year)
        need_breakdown = (
            observations.filter(wanted, area__level=Area.Level.MUNICIPALITY)
            .exclude(sex=Sex.TOTAL, age_band_id=total_band)
            .values_list("variable_id", "area_id", "sex", "age_band_id", *figure)
        )
        for (variable_id, area_id, sex, band), observed in _choose(need_breakdown, sources).items():
            if area_id in area_owner:
                data, _code = area_owner[area_id]
                cells_of = data.need_cells.setdefault(need_variables[variable_id], {})
                cells_of[(sex, band_codes[band])] = observed

    _services_load(root, municipalities, by_path)
    _planner_entries_load(municipalities)
    if with_boundaries:
        for boundary in AreaBoundary.objects.filter(area_id__in=list(area_owner)).values_list(
            "area_id", "geometry"
        ):
            area_id, geometry = boundary
            data, code = area_owner[area_id]
            data.boundaries[code] = geometry
            centre = _centre(geometry)
            if centre is not None:
                data.centres[code] = centre
    return AssessmentData(
        municipalities=municipalities,
        sources=sources,
        variables=variables,
        bands=[band for band in bands if band.code != AgeBand.TOTAL],
        structure_year=structure_year,
    )


def _services_load(
    root: Area, municipalities: list[MunicipalityData], by_path: dict[str, MunicipalityData]
) -> None:
    """Services kept by a municipality under the root, or serving an area under it."""
    # Kept under the root, or serving an area under it or above it (a national line).
    serving = Service.areas_served.through.objects.filter(
        Q(area__path__startswith=root.path) | Q(area__path__in=root.ancestor_paths())
    ).values("service_id")
    services = list(
        Service.objects.filter(Q(area__path__startswith=root.path) | Q(pk__in=serving))
        .exclude(status__in=[Service.Status.INACTIVE, Service.Status.DEFUNCT])
        .select_related("organization", "service_type", "area")
        .prefetch_related("organization__licences")
        .order_by("name_sq", "id")
    )
    ids = [service.pk for service in services]
    # The services' target groups, areas served and locations as plain rows: the assessment
    # needs a few of their fields, not their objects.
    target_groups: dict[Any, set[str]] = defaultdict(set)
    for service_id, common_code in Service.target_groups.through.objects.filter(
        service_id__in=ids
    ).values_list("service_id", "targetgroup__common_code"):
        target_groups[service_id].add(common_code)
    served_paths: dict[Any, list[str]] = defaultdict(list)
    for service_id, path in Service.areas_served.through.objects.filter(
        service_id__in=ids
    ).values_list("service_id", "area__path"):
        served_paths[service_id].append(path)
    locations: dict[Any, list[tuple[bool, str | None]]] = defaultdict(list)
    for service_id, confidential, area_code in ServiceAtLocation.objects.filter(
        service_id__in=ids
    ).values_list("service_id", "location__is_confidential", "location__area__code"):
        locations[service_id].append((confidential, area_code))
    served: dict[Any, dict[int, int]] = defaultdict(dict)
    for service_id, year, count in BeneficiaryCount.objects.filter(
        service__in=ids, sex=Sex.TOTAL, age_band__code=AgeBand.TOTAL
    ).values_list("service_id", "year", "count"):
        served[service_id][year] = count
    funding_by_service: dict[Any, list[FundingRow]] = defaultdict(list)
    for row in Funding.objects.filter(service__in=ids).values_list(*FundingRow._fields):
        funding_by_service[row[0]].append(FundingRow(*row))
    unit_codes = {
        data.municipality.code: {unit.code for unit in data.units} for data in municipalities
    }
    for service in services:
        owners: dict[str, tuple[MunicipalityData, set[str]]] = {}
        for path in served_paths[service.pk] or [service.area.path]:
            owner = _municipality_of(path, by_path)
            if owner is None:
                # A national or regional service serves every municipality under its area.
                for data in municipalities:
                    if data.municipality.path.startswith(path):
                        owners.setdefault(data.municipality.code, (data, set()))
                continue
            units = owners.setdefault(owner.municipality.code, (owner, set()))[1]
            if path != owner.municipality.path:
                unit_code = path.strip("/").split("/")[
                    len(owner.municipality.path.strip("/").split("/"))
                ]
                units.add(unit_code)
        confidential = any(is_confidential for is_confidential, _code in locations[service.pk])
        located_anywhere = {
            code
            for is_confidential, code in locations[service.pk]
            if code is not None and not is_confidential
        }
        is_public = service.organization.kind in PUBLIC_KINDS
        for data, units in owners.values():
            codes = unit_codes[data.municipality.code]
            data.services.append(
                ServiceFacts(
                    service=service,
                    is_public=is_public,
                    target_groups=target_groups[service.pk],
                    units_served=units if units and units != codes else set(),
                    located_in=located_anywhere & codes,
                    has_confidential_location=confidential,
                )
            )
            data.served[service.pk] = served.get(service.pk, {})
            data.funding.extend(funding_by_service.get(service.pk, []))


def _planner_entries_load(municipalities: list[MunicipalityData]) -> None:
    ids = [data.municipality.pk for data in municipalities]
    by_id = {data.municipality.pk: data for data in municipalities}
    for structure in Structure.objects.filter(municipality_id__in=ids).select_related("unit"):
        by_id[structure.municipality_id].structures.append(structure)
    for budget in BudgetYear.objects.filter(municipality_id__in=ids).prefetch_related("lines"):
        by_id[budget.municipality_id].budget_years.append(budget)
    for weights in GapWeights.objects.filter(municipality_id__in=ids):
        by_id[weights.municipality_id].weights = weights
    unit_owner = {unit.pk: data for data in municipalities for unit in data.units}
    for note in GapNote.objects.filter(unit_id__in=list(unit_owner)).select_related("unit"):
        unit_owner[note.unit_id].notes[(note.unit.code, note.target_group)] = note

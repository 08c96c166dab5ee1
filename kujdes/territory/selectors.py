"""Reads of the area tree and its statistics. Census figures are public; sensitive small counts
are suppressed by the pages that show them (kujdes.lib.suppression)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from kujdes.territory.models import AgeBand, Area, AreaQuerySet, Observation, Sex, Variable

POPULATION = "POPULATION"


def municipalities_public() -> AreaQuerySet:
    return Area.objects.filter(level=Area.Level.MUNICIPALITY).select_related("parent")


def area_get_public(*, code: str) -> Area:
    """Area by code or 404; areas and their statistics are public."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Area.objects.select_related("parent"), code=code)


def area_ancestors(area: Area) -> list[Area]:
    """Every area above this one, top first, in one query."""
    paths = area.ancestor_paths()[:-1]
    return list(Area.objects.filter(path__in=paths).order_by("depth"))


def area_search(*, text: str = "", level: str = "", limit: int = 200) -> list[Area]:
    areas = Area.objects.select_related("parent").order_by("name_folded")
    if text.strip():
        areas = areas.search(text)
    if level:
        areas = areas.filter(level=level)
    return list(areas[:limit])


@dataclass
class Figure:
    """One value with where it came from, as the pages show it."""

    value: Decimal
    source_name: str
    source_code: str
    provisional: bool
    illustrative: bool


@dataclass
class VariableSeries:
    variable: Variable
    by_year: dict[int, list[Figure]] = field(default_factory=dict)


@dataclass
class AreaProfile:
    area: Area
    years: list[int]
    # Population totals per year (first source per year when several give one).
    population: dict[int, list[Figure]]
    # Latest year with a sex × age breakdown: {age band: {sex: figure}}.
    pyramid_year: int | None
    pyramid: list[tuple[AgeBand, Figure | None, Figure | None]]
    other_variables: list[VariableSeries]
    any_illustrative: bool


def _figure(observation: Observation) -> Figure:
    return Figure(
        value=observation.display_value(),
        source_name=observation.source.name,
        source_code=observation.source.code,
        provisional=observation.provisional,
        illustrative=observation.source.is_illustrative,
    )


def area_profile(area: Area) -> AreaProfile:
    """Everything the profile page shows, in a fixed number of queries."""
    observations = list(
        Observation.objects.filter(area=area)
        .select_related("variable", "age_band", "source")
        .order_by("variable__position", "variable__code", "year", "source__code")
    )
    population: dict[int, list[Figure]] = defaultdict(list)
    breakdown: dict[int, dict[tuple[str, str], Figure]] = defaultdict(dict)
    bands: dict[str, AgeBand] = {}
    others: dict[str, VariableSeries] = {}
    for observation in observations:
        total_age = observation.age_band.code == AgeBand.TOTAL
        if observation.variable.code == POPULATION:
            if total_age and observation.sex == Sex.TOTAL:
                population[observation.year].append(_figure(observation))
            elif not total_age and observation.sex != Sex.TOTAL:
                bands[observation.age_band.code] = observation.age_band
                breakdown[observation.year][(observation.age_band.code, observation.sex)] = _figure(
                    observation
                )
        elif total_age and observation.sex == Sex.TOTAL:
            series = others.setdefault(
                observation.variable.code, VariableSeries(variable=observation.variable)
            )
            series.by_year.setdefault(observation.year, []).append(_figure(observation))
    pyramid_year = max(breakdown) if breakdown else None
    pyramid = []
    if pyramid_year is not None:
        cells = breakdown[pyramid_year]
        for band in sorted(bands.values(), key=lambda band: (band.position, band.lower)):
            pyramid.append(
                (band, cells.get((band.code, Sex.FEMALE)), cells.get((band.code, Sex.MALE)))
            )
    years = sorted({observation.year for observation in observations})
    return AreaProfile(
        area=area,
        years=years,
        population=dict(sorted(population.items())),
        pyramid_year=pyramid_year,
        pyramid=pyramid,
        other_variables=list(others.values()),
        any_illustrative=any(o.source.is_illustrative for o in observations),
    )


@dataclass
class ComparisonRow:
    area: Area
    population: dict[int, Figure | None]


def area_comparison(area: Area) -> tuple[list[int], list[ComparisonRow]]:
    """The area and its direct children side by side: population per year. Two queries."""
    children = list(area.children.order_by("name_folded"))
    rows_areas = [area, *children]
    observations = (
        Observation.objects.totals()
        .filter(area__in=rows_areas, variable__code=POPULATION)
        .select_related("source")
        .order_by("source__code")
    )
    by_area: dict[int, dict[int, Figure]] = defaultdict(dict)
    for observation in observations:
        by_area[observation.area_id].setdefault(observation.year, _figure(observation))
    years = sorted({year for figures in by_area.values() for year in figures})
    rows = [
        ComparisonRow(area=row_area, population={y: by_area[row_area.pk].get(y) for y in years})
        for row_area in rows_areas
    ]
    return years, rows

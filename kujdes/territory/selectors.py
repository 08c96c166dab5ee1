"""Reads of the area tree and its statistics for the public pages. Census figures are public;
sensitive variables go through kujdes.lib.suppression here, so a small count never reaches a
template."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.shortcuts import get_object_or_404

from kujdes.lib.suppression import suppress
from kujdes.lib.text import fold
from kujdes.territory.models import (
    AgeBand,
    Area,
    AreaBoundary,
    AreaQuerySet,
    Observation,
    Sex,
    Variable,
)

POPULATION = "POPULATION"


def municipalities_public() -> AreaQuerySet:
    return Area.objects.filter(level=Area.Level.MUNICIPALITY).select_related("parent")


def area_get_public(*, code: str) -> Area:
    """Area by code or 404; areas and their statistics are public."""
    return get_object_or_404(Area.objects.select_related("parent"), code=code)


def area_ancestors(area: Area) -> list[Area]:
    """Every area above this one, top first, in one query."""
    paths = area.ancestor_paths()[:-1]
    return list(Area.objects.filter(path__in=paths).order_by("depth"))


def area_search(*, text: str = "", level: str = "", limit: int = 200) -> list[Area]:
    """Areas whose name in any language contains the text, ignoring case and diacritics."""
    areas = Area.objects.select_related("parent").order_by("name_folded")
    if text.strip():
        # fold() spells Đ as "dj"; people also type it "d" ("Dakovica"), so compare with
        # every "dj" read as "d" on both sides.
        loose = fold(text.strip()).replace("dj", "d")
        areas = areas.annotate(name_loose=Replace("name_folded", Value("dj"), Value("d"))).filter(
            name_loose__contains=loose
        )
    if level:
        areas = areas.filter(level=level)
    return list(areas[:limit])


@dataclass(frozen=True)
class SourceRef:
    code: str
    name: str
    illustrative: bool


@dataclass(frozen=True)
class Figure:
    """One value as a public page shows it, with where it came from. A suppressed value is
    None and `shown_as` says what to show instead ("<5")."""

    value: Decimal | None
    shown_as: str
    source: SourceRef
    provisional: bool

    @property
    def illustrative(self) -> bool:
        return self.source.illustrative


def _source(observation: Observation) -> SourceRef:
    source = observation.source
    return SourceRef(code=source.code, name=source.name, illustrative=source.is_illustrative)


def _figure(observation: Observation) -> Figure:
    value: Decimal | None = observation.display_value()
    shown_as = ""
    if observation.variable.is_sensitive:
        public = suppress(value)
        value, shown_as = (None if public.hidden else value), public.shown_as
    return Figure(
        value=value,
        shown_as=shown_as,
        source=_source(observation),
        provisional=observation.provisional,
    )


def _is_total(observation: Observation) -> bool:
    return observation.sex == Sex.TOTAL and observation.age_band.code == AgeBand.TOTAL


@dataclass
class YearRow:
    year: int
    figures: list[Figure | None]


@dataclass
class PopulationTrend:
    """Population totals per year. Where several sources give a figure for the same year they
    sit side by side in _source_order; each row is padded to `width`."""

    rows: list[YearRow]
    width: int

    @property
    def extra_columns(self) -> range:
        return range(1, self.width)

    def main_figures(self) -> list[Figure | None]:
        return [row.figures[0] for row in self.rows]


@dataclass
class PyramidRow:
    band: AgeBand
    female: Figure | None
    male: Figure | None

    @property
    def total(self) -> Decimal | None:
        values = [f.value for f in (self.female, self.male) if f and f.value is not None]
        return sum(values, Decimal(0)) if values else None


@dataclass
class Pyramid:
    year: int
    source: SourceRef
    rows: list[PyramidRow]


@dataclass
class VariableRow:
    """A variable other than population: per year of the table, its figures (one per source)."""

    variable: Variable
    cells: list[list[Figure]]

    @property
    def source_names(self) -> list[str]:
        names = {figure.source.name: None for cell in self.cells for figure in cell}
        return list(names)


@dataclass
class ComparisonRow:
    area: Area
    population: list[Figure | None]
    # Between the first and the last year of the comparison.
    change: Decimal | None = None
    change_percent: Decimal | None = None
    # Share of the compared area's population in the last year, in percent.
    share_percent: Decimal | None = None


@dataclass
class Comparison:
    """An area and the areas it directly contains, population side by side per year. Each year
    takes its figures from one source, the one that covers the most of these areas."""

    area: ComparisonRow
    children: list[ComparisonRow]
    years: list[int]
    sources: list[SourceRef]  # one per year

    @property
    def year_sources(self) -> list[tuple[int, SourceRef]]:
        return list(zip(self.years, self.sources, strict=True))

    @property
    def first_year(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def last_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def figures(self) -> Iterable[Figure]:
        for row in (self.area, *self.children):
            yield from (figure for figure in row.population if figure)


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part * 100 / whole).quantize(Decimal("0.1")) if whole else None


def _comparison(area: Area, children: list[Area], observations: list[Observation]) -> Comparison:
    by_year: dict[int, dict[str, dict[int, Observation]]] = defaultdict(lambda: defaultdict(dict))
    for observation in observations:
        by_year[observation.year][observation.source.code][observation.area_id] = observation
    years = sorted(by_year)
    chosen: list[dict[int, Observation]] = []
    for year in years:
        # Most areas covered, then a real source over an illustrative one, then by code.
        code = min(
            by_year[year],
            key=lambda code: (
                -len(by_year[year][code]),
                next(iter(by_year[year][code].values())).source.is_illustrative,
                code,
            ),
        )
        chosen.append(by_year[year][code])
    sources = [_source(next(iter(figures.values()))) for figures in chosen]

    def row(row_area: Area) -> ComparisonRow:
        population = [
            _figure(figures[row_area.pk]) if row_area.pk in figures else None for figures in chosen
        ]
        result = ComparisonRow(area=row_area, population=population)
        first, last = (population[0], population[-1]) if population else (None, None)
        if len(years) > 1 and first and last and None not in (first.value, last.value):
            assert first.value is not None and last.value is not None
            result.change = last.value - first.value
            result.change_percent = _percent(result.change, first.value)
        return result

    own = row(area)
    rows = [row(child) for child in children]
    parent_last = own.population[-1] if own.population else None
    if parent_last and parent_last.value:
        for child_row in [own, *rows]:
            last = child_row.population[-1]
            if last and last.value is not None:
                child_row.share_percent = _percent(last.value, parent_last.value)
    return Comparison(area=own, children=rows, years=years, sources=sources)


@dataclass
class AreaProfile:
    area: Area
    ancestors: list[Area]
    population: PopulationTrend
    pyramid: Pyramid | None
    variable_years: list[int]
    variables: list[VariableRow]
    children: Comparison
    boundary: dict[str, Any] | None
    any_illustrative: bool = False
    any_provisional: bool = False
    # What hidden small counts show ("<5"), when the page hides any.
    suppressed_mark: str = ""


def _source_order(observation: Observation) -> tuple[bool, bool, str]:
    """Real before illustrative, final before provisional, then by source code."""
    return observation.source.is_illustrative, observation.provisional, observation.source.code


def _population_trend(observations: list[Observation]) -> PopulationTrend:
    by_year: dict[int, list[Figure | None]] = defaultdict(list)
    for observation in sorted(observations, key=_source_order):
        by_year[observation.year].append(_figure(observation))
    width = max((len(figures) for figures in by_year.values()), default=0)
    rows = [
        YearRow(year=year, figures=figures + [None] * (width - len(figures)))
        for year, figures in sorted(by_year.items())
    ]
    return PopulationTrend(rows=rows, width=width)


def _pyramid(observations: list[Observation]) -> Pyramid | None:
    """The latest year's sex × age band breakdown, from the first source that gives one."""
    if not observations:
        return None
    latest = max(o.year for o in observations)
    source_code = min((o for o in observations if o.year == latest), key=_source_order).source.code
    cells: dict[tuple[str, str], Figure] = {}
    bands: dict[str, AgeBand] = {}
    source = None
    for observation in observations:
        if observation.year == latest and observation.source.code == source_code:
            bands[observation.age_band.code] = observation.age_band
            cells[(observation.age_band.code, observation.sex)] = _figure(observation)
            source = _source(observation)
    assert source is not None
    ordered = sorted(bands.values(), key=lambda band: (band.position, band.lower))
    rows = [
        PyramidRow(
            band=band,
            female=cells.get((band.code, Sex.FEMALE)),
            male=cells.get((band.code, Sex.MALE)),
        )
        for band in ordered
    ]
    return Pyramid(year=latest, source=source, rows=rows)


def _variable_rows(observations: list[Observation]) -> tuple[list[int], list[VariableRow]]:
    years = sorted({o.year for o in observations})
    column = {year: index for index, year in enumerate(years)}
    rows: dict[str, VariableRow] = {}
    for observation in observations:
        row = rows.setdefault(
            observation.variable.code,
            VariableRow(variable=observation.variable, cells=[[] for _ in years]),
        )
        row.cells[column[observation.year]].append(_figure(observation))
    return years, list(rows.values())


def area_profile(area: Area) -> AreaProfile:
    """Everything the profile page shows, in five queries whatever the number of contained
    areas, years and variables."""
    observations = list(
        Observation.objects.filter(area=area)
        .select_related("variable", "age_band", "source")
        .order_by("variable__position", "variable__code", "year", "source__code")
    )
    children = list(area.children.order_by("name_folded"))
    child_observations = list(
        Observation.objects.totals()
        .filter(area__parent=area, variable__code=POPULATION)
        .select_related("variable", "source")
    )
    boundary = AreaBoundary.objects.filter(area=area).values_list("geometry", flat=True).first()

    population = [o for o in observations if o.variable.code == POPULATION]
    totals = [o for o in population if _is_total(o)]
    breakdown = [o for o in population if o.sex != Sex.TOTAL and o.age_band.code != AgeBand.TOTAL]
    others = [o for o in observations if o.variable.code != POPULATION and _is_total(o)]
    variable_years, variables = _variable_rows(others)
    profile = AreaProfile(
        area=area,
        ancestors=area_ancestors(area),
        population=_population_trend(totals),
        pyramid=_pyramid(breakdown),
        variable_years=variable_years,
        variables=variables,
        children=_comparison(area, children, totals + child_observations),
        boundary=boundary,
    )
    shown = [*totals, *breakdown, *others, *child_observations]
    profile.any_illustrative = any(o.source.is_illustrative for o in shown)
    profile.any_provisional = any(o.provisional for o in shown)
    hidden = [f for row in variables for cell in row.cells for f in cell if f.value is None]
    profile.suppressed_mark = hidden[0].shown_as if hidden else ""
    return profile


@dataclass
class AreaComparison:
    comparison: Comparison
    ancestors: list[Area]
    # Contained area code → its outline (GeoJSON), for those that have one.
    boundaries: dict[str, dict[str, Any]] = field(default_factory=dict)
    any_illustrative: bool = False
    any_provisional: bool = False


def area_comparison(area: Area) -> AreaComparison:
    """The area and the areas it directly contains side by side, in four queries."""
    children = list(area.children.order_by("name_folded"))
    observations = list(
        Observation.objects.totals()
        .filter(Q(area=area) | Q(area__parent=area), variable__code=POPULATION)
        .select_related("variable", "source")
    )
    boundaries = dict(
        AreaBoundary.objects.filter(area__parent=area).values_list("area__code", "geometry")
    )
    comparison = _comparison(area, children, observations)
    shown = list(comparison.figures())
    return AreaComparison(
        comparison=comparison,
        ancestors=area_ancestors(area),
        boundaries=boundaries,
        any_illustrative=any(figure.illustrative for figure in shown),
        any_provisional=any(figure.provisional for figure in shown),
    )

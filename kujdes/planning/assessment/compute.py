"""The figures of items A1–A8 for one municipality, computed from AssessmentData.

Counts of people in need and of people served leave this module only through
kujdes.lib.suppression; a figure derived from a hidden count (a rate, a coverage ratio, a cost
per beneficiary) is hidden with it. The gap score reads only the published figures, so it
gives nothing away either.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from kujdes.lib.suppression import PublicValue, Table, suppress_table
from kujdes.planning.assessment.data import (
    POPULATION,
    AssessmentData,
    MunicipalityData,
    NeedGroup,
    Observed,
    ServiceFacts,
    need_groups,
)
from kujdes.planning.models import BudgetYear, GapNote, GapWeights, Structure
from kujdes.territory.models import AgeBand, Area, Sex, Source, Variable

ONE = Decimal(1)
HUNDRED = Decimal(100)
# Beyond this many kilometres to the nearest service for the group, distance scores in full.
DISTANCE_FULL_KM = 30
# A hidden small count enters the gap score as half the threshold: the published "<5" says
# no more than that.
HIDDEN_SMALL_COUNT = Decimal("2.5")


def _round(value: Decimal, places: int = 1) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class Shown(NamedTuple):
    """A figure as published: its value, or None with what shows instead ("<5", "x"); a
    missing figure has neither. `source` and `year` say where it comes from. A tuple: a
    national assessment makes tens of thousands."""

    value: Decimal | None
    shown_as: str = ""
    source: Source | None = None
    year: int | None = None
    provisional: bool = False

    @property
    def hidden(self) -> bool:
        return self.value is None and bool(self.shown_as)

    @property
    def missing(self) -> bool:
        return self.value is None and not self.shown_as


MISSING = Shown(None)


def _shown(observed: Observed | None, sources: dict[int, Source]) -> Shown:
    if observed is None:
        return MISSING
    value = observed.value
    if value == value.to_integral_value():
        value = value.quantize(ONE)
    return Shown(value, "", sources[observed.source_id], observed.year, observed.provisional)


def _published(shown: Shown, public: PublicValue) -> Shown:
    """The figure after suppression, keeping where it came from."""
    if public.hidden:
        return Shown(None, public.shown_as, shown.source, shown.year, shown.provisional)
    return shown


# ── A1 ────────────────────────────────────────────────────────────────────────────────────


@dataclass
class AreaDemography:
    area: Area
    earlier: Shown
    later: Shown
    change: Decimal | None
    change_percent: Decimal | None
    share_percent: Decimal | None
    # (female, male) per age band in the structure year
    bands: list[tuple[Shown, Shown]]

    @property
    def female(self) -> Decimal | None:
        return _sum(female.value for female, _male in self.bands)

    @property
    def male(self) -> Decimal | None:
        return _sum(male.value for _female, male in self.bands)


def _decimal(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None


@dataclass
class Demography:
    earlier_year: int | None
    later_year: int | None
    structure_year: int | None
    bands: list[AgeBand]
    municipality: AreaDemography
    units: list[AreaDemography]


def _census_years(data: MunicipalityData) -> tuple[int | None, int | None]:
    """The two latest years with a population figure for every unit (or the municipality)."""
    codes = [unit.code for unit in data.units] or [data.municipality.code]
    years = sorted({year for (_code, year) in data.population})
    complete = [year for year in years if all((code, year) in data.population for code in codes)]
    if not complete:
        complete = years
    if not complete:
        return None, None
    return (complete[-2] if len(complete) > 1 else None), complete[-1]


def demography(data: MunicipalityData, everything: AssessmentData) -> Demography:
    earlier_year, later_year = _census_years(data)
    municipal_later = data.population.get((data.municipality.code, later_year or 0))

    def of(area: Area) -> AreaDemography:
        earlier = _shown(data.population.get((area.code, earlier_year or 0)), everything.sources)
        later = _shown(data.population.get((area.code, later_year or 0)), everything.sources)
        change = percent = share = None
        if earlier.value is not None and later.value is not None:
            change = later.value - earlier.value
            if earlier.value:
                percent = _round(change * HUNDRED / earlier.value)
        if later.value is not None and municipal_later is not None and municipal_later.value:
            share = _round(later.value * HUNDRED / municipal_later.value)
        bands = [
            (
                _shown(data.structure.get((area.code, Sex.FEMALE, band.code)), everything.sources),
                _shown(data.structure.get((area.code, Sex.MALE, band.code)), everything.sources),
            )
            for band in everything.bands
        ]
        return AreaDemography(area, earlier, later, change, percent, share, bands)

    return Demography(
        earlier_year=earlier_year,
        later_year=later_year,
        structure_year=everything.structure_year,
        bands=everything.bands,
        municipality=of(data.municipality),
        units=[of(unit) for unit in data.units],
    )


# ── A2 ────────────────────────────────────────────────────────────────────────────────────


@dataclass
class GroupNeed:
    group: NeedGroup
    variable: Variable
    year: int | None
    municipality: Shown
    units: dict[str, Shown]
    # per 1,000 residents (households for household counts are still per 1,000 residents)
    rates: dict[str, Decimal | None]
    municipality_rate: Decimal | None
    # Rows: age bands; columns: female, male; with totals, after suppression. None when the
    # figure has no breakdown by sex and age.
    by_sex_and_age: list[tuple[AgeBand, Shown, Shown, Shown]] | None = None
    by_sex_and_age_totals: tuple[Shown, Shown, Shown] | None = None


def _rate(count: Shown, population: Shown) -> Decimal | None:
    if count.value is None or not population.value:
        return None
    return _round(count.value * 1000 / population.value)


def needs(
    data: MunicipalityData, everything: AssessmentData, people: Demography
) -> list[GroupNeed]:
    """Each group's count per unit, suppressed as one table: units are the rows, groups the
    columns, and the municipality's figures the column totals."""
    groups = [group for group in need_groups() if group.variable in everything.variables]
    unit_codes = [unit.code for unit in data.units]
    raw = {
        group.variable: {
            code: _shown(data.needs.get(group.variable, {}).get(code), everything.sources)
            for code in [*unit_codes, data.municipality.code]
        }
        for group in groups
    }
    sensitive = {
        group.variable: everything.variables[group.variable].is_sensitive for group in groups
    }
    table = suppress_table(
        Table(
            cells=[
                [
                    raw[group.variable][code].value if sensitive[group.variable] else None
                    for group in groups
                ]
                for code in unit_codes
            ],
            column_totals=[
                raw[group.variable][data.municipality.code].value
                if sensitive[group.variable]
                else None
                for group in groups
            ],
        )
    )
    population = {area.area.code: area.later for area in [people.municipality, *people.units]}
    result = []
    for column, group in enumerate(groups):
        units = {}
        for row, code in enumerate(unit_codes):
            shown = raw[group.variable][code]
            units[code] = (
                _published(shown, table.cells[row][column]) if sensitive[group.variable] else shown
            )
        total = raw[group.variable][data.municipality.code]
        if sensitive[group.variable] and table.column_totals is not None:
            total = _published(total, table.column_totals[column])
        years = [shown.year for shown in [total, *units.values()] if shown.year]
        need = GroupNeed(
            group=group,
            variable=everything.variables[group.variable],
            year=max(years) if years else None,
            municipality=total,
            units=units,
            rates={code: _rate(units[code], population.get(code, MISSING)) for code in unit_codes},
            municipality_rate=_rate(total, population.get(data.municipality.code, MISSING)),
        )
        cells = data.need_cells.get(group.variable)
        if cells:
            _need_by_sex_and_age(need, cells, everything)
        result.append(need)
    return result


def _need_by_sex_and_age(
    need: GroupNeed, cells: dict[tuple[str, str], Observed], everything: AssessmentData
) -> None:
    bands = [band for band in everything.bands if any((sex, band.code) in cells for sex in "FM")]
    if not bands:
        return
    raw = [
        [_shown(cells.get((sex, band.code)), everything.sources) for sex in (Sex.FEMALE, Sex.MALE)]
        for band in bands
    ]
    values = [[cell.value for cell in row] for row in raw]
    row_totals = [_sum(row) for row in values]
    column_totals = [_sum(row[index] for row in values) for index in range(2)]
    public = suppress_table(
        Table(
            cells=values,
            row_totals=row_totals,
            column_totals=column_totals,
            grand_total=_sum(row_totals),
        )
    )
    need.by_sex_and_age = [
        (
            band,
            _published(raw[index][0], public.cells[index][0]),
            _published(raw[index][1], public.cells[index][1]),
            _published(Shown(row_totals[index]), (public.row_totals or [])[index]),
        )
        for index, band in enumerate(bands)
    ]
    totals = public.column_totals or []
    need.by_sex_and_age_totals = (
        _published(Shown(column_totals[0]), totals[0]),
        _published(Shown(column_totals[1]), totals[1]),
        _published(Shown(_sum(row_totals)), public.grand_total),
    )


# ── A3, A4 ───────────────────────────────────────────────────────────────────────────────


@dataclass
class CoverageCell:
    need: Shown
    # The unit's share of the places of every service for the group that serves it.
    places: Decimal
    services: int
    # Places per 100 people in need; None when the need is hidden or unknown.
    coverage_percent: Decimal | None

    @property
    def has_service(self) -> bool:
        return self.services > 0


def _published_need(need: GroupNeed, code: str, hidden_share: dict[str, Decimal]) -> Decimal | None:
    """The need as a reader of the published tables can know it."""
    shown = need.units[code]
    if shown.value is not None:
        return shown.value
    if shown.hidden:
        return hidden_share.get(need.group.variable, HIDDEN_SMALL_COUNT)
    return None


def _hidden_shares(needs_: list[GroupNeed]) -> dict[str, Decimal]:
    """What the shown total leaves for each hidden unit of a group, shared evenly: public
    knowledge, unlike the hidden values themselves."""
    shares = {}
    for need in needs_:
        hidden = [shown for shown in need.units.values() if shown.hidden]
        if hidden and need.municipality.value is not None:
            shown_sum = sum(
                (shown.value for shown in need.units.values() if shown.value is not None),
                Decimal(0),
            )
            shares[need.group.variable] = max(
                (need.municipality.value - shown_sum) / len(hidden), Decimal(0)
            )
    return shares


def coverage(
    data: MunicipalityData, needs_: list[GroupNeed]
) -> dict[tuple[str, str], CoverageCell]:
    """(unit code, variable) → coverage. A service's places are shared among the units it
    serves in proportion to their published need (evenly where no need is known)."""
    unit_codes = [unit.code for unit in data.units]
    shares = _hidden_shares(needs_)
    result = {}
    for need in needs_:
        places: dict[str, Decimal] = defaultdict(Decimal)
        counted: dict[str, int] = defaultdict(int)
        for facts in data.services:
            if need.group.target_group not in facts.target_groups:
                continue
            served = sorted(facts.units_served) or unit_codes
            weights = {code: _published_need(need, code, shares) or Decimal(0) for code in served}
            whole = sum(weights.values(), Decimal(0))
            for code in served:
                counted[code] += 1
                if facts.service.capacity:
                    share = weights[code] / whole if whole else ONE / len(served)
                    places[code] += facts.service.capacity * share
        for code in unit_codes:
            shown = need.units[code]
            percent = None
            if shown.value:
                percent = _round(places[code] * HUNDRED / shown.value, 0)
            result[(code, need.group.variable)] = CoverageCell(
                need=shown,
                places=_round(places[code]),
                services=counted[code],
                coverage_percent=percent,
            )
    return result


@dataclass
class Inventory:
    services: list[ServiceFacts]
    # service type name → (public, non-public, places)
    by_type: list[tuple[str, int, int, int]]
    # common target-group code → (services, places)
    by_target_group: dict[str, tuple[int, int]]


def inventory(data: MunicipalityData) -> Inventory:
    by_type: dict[str, list[int]] = {}
    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for facts in data.services:
        service_type = facts.service.service_type
        name = service_type.name if service_type else "–"
        counts = by_type.setdefault(name, [0, 0, 0])
        counts[0 if facts.is_public else 1] += 1
        counts[2] += facts.service.capacity or 0
        for group in facts.target_groups:
            by_group[group][0] += 1
            by_group[group][1] += facts.service.capacity or 0
    return Inventory(
        services=data.services,
        by_type=[(name, *counts) for name, counts in sorted(by_type.items())],  # type: ignore[misc]
        by_target_group={group: (counts[0], counts[1]) for group, counts in by_group.items()},
    )


# ── A5 ────────────────────────────────────────────────────────────────────────────────────


@dataclass
class ServiceYear:
    facts: ServiceFacts
    year: int
    currency: str
    amount: Decimal
    served: Shown
    cost_per_person: Decimal | None


@dataclass
class Financing:
    years: list[int]
    # (source, currency) → year → amount
    by_source: dict[tuple[str, str], dict[int, Decimal]]
    # currency → year → amount
    totals: dict[str, dict[int, Decimal]]
    per_service: list[ServiceYear]


def financing(data: MunicipalityData) -> Financing:
    """Funding by source and year, and cost per person served. People served are counts of
    service users, suppressed as one table: services × years with the yearly totals."""
    by_source: dict[tuple[str, str], dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    totals: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    per_service_money: dict[tuple[Any, int, str], Decimal] = defaultdict(Decimal)
    for row in data.funding:
        by_source[(row.source, row.currency)][row.year] += row.amount
        totals[row.currency][row.year] += row.amount
        per_service_money[(row.service_id, row.year, row.currency)] += row.amount
    years = sorted(
        {row.year for row in data.funding}
        | {year for counts in data.served.values() for year in counts}
    )
    facts_by_id = {facts.service.pk: facts for facts in data.services}
    with_figures = [facts for facts in data.services if data.served.get(facts.service.pk)]
    cells: list[list[Decimal | None]] = [
        [_decimal(data.served[facts.service.pk].get(year)) for year in years]
        for facts in with_figures
    ]
    public = suppress_table(
        Table(cells=cells, column_totals=[_sum(row[i] for row in cells) for i in range(len(years))])
    )
    served_shown: dict[tuple[Any, int], Shown] = {}
    for index, facts in enumerate(with_figures):
        for column, year in enumerate(years):
            value = cells[index][column]
            if value is not None:
                served_shown[(facts.service.pk, year)] = _published(
                    Shown(Decimal(value), year=year), public.cells[index][column]
                )
    per_service = []
    for (service_id, year, currency), amount in sorted(
        per_service_money.items(),
        key=lambda item: (facts_by_id[item[0][0]].service.name_sq, item[0][1]),
    ):
        served = served_shown.get((service_id, year), MISSING)
        cost = _round(amount / served.value, 0) if served.value else None
        per_service.append(
            ServiceYear(facts_by_id[service_id], year, currency, amount, served, cost)
        )
    return Financing(
        years=years,
        by_source={key: dict(values) for key, values in sorted(by_source.items())},
        totals={key: dict(values) for key, values in totals.items()},
        per_service=per_service,
    )


# ── A6, A7 ───────────────────────────────────────────────────────────────────────────────


@dataclass
class Structures:
    structures: list[Structure]
    units_without_workers: list[Area]

    @property
    def staff_required(self) -> int:
        return sum(structure.staff_required for structure in self.structures)

    @property
    def staff_in_post(self) -> int:
        return sum(structure.staff_in_post for structure in self.structures)


def structures(data: MunicipalityData) -> Structures:
    staffed = {
        structure.unit_id
        for structure in data.structures
        if structure.kind == Structure.Kind.SOCIAL_WORKER and structure.staff_in_post
    }
    return Structures(
        structures=sorted(
            data.structures,
            key=lambda s: (
                list(Structure.Kind.values).index(s.kind),
                s.unit.name if s.unit else "",
            ),
        ),
        units_without_workers=[unit for unit in data.units if unit.pk not in staffed],
    )


@dataclass
class BudgetFigures:
    budget: BudgetYear
    social_care: Decimal
    share_percent: Decimal | None
    per_resident: Decimal | None
    residents_year: int | None
    # programme code → amount
    programmes: dict[str, Decimal]


@dataclass
class Budget:
    years: list[BudgetFigures]
    programmes: list[str]

    @property
    def enough_years(self) -> bool:
        return len(self.years) >= 3


def budget(data: MunicipalityData) -> Budget:
    code = data.municipality.code
    population_years = sorted(year for (area, year) in data.population if area == code)
    figures = []
    for year_budget in sorted(data.budget_years, key=lambda b: b.year):
        programmes = {line.programme: line.amount for line in year_budget.lines.all()}
        social = sum(programmes.values(), Decimal(0))
        # Residents from the latest count up to the budget year (or the earliest after it).
        earlier = [year for year in population_years if year <= year_budget.year]
        residents_year = (
            earlier[-1] if earlier else (population_years[0] if population_years else None)
        )
        residents = data.population.get((code, residents_year)) if residents_year else None
        figures.append(
            BudgetFigures(
                budget=year_budget,
                social_care=social,
                share_percent=(
                    _round(social * HUNDRED / year_budget.municipal_total, 2)
                    if year_budget.municipal_total
                    else None
                ),
                per_resident=_round(social / residents.value, 0)
                if residents and residents.value
                else None,
                residents_year=residents_year,
                programmes=programmes,
            )
        )
    used = sorted({programme for figure in figures for programme in figure.programmes})
    return Budget(years=figures, programmes=used)


# ── A8 ────────────────────────────────────────────────────────────────────────────────────


@dataclass
class Gap:
    unit: Area
    need: GroupNeed
    cell: CoverageCell
    # Each component from 0 to 100, before weighting.
    need_score: Decimal
    coverage_score: Decimal
    distance_score: Decimal
    distance_km: Decimal | None
    computed: Decimal
    note: GapNote | None

    @property
    def adjustment(self) -> int:
        return self.note.adjustment if self.note else 0

    @property
    def score(self) -> Decimal:
        return min(max(self.computed + self.adjustment, Decimal(0)), HUNDRED)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (longitude, latitude) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def gaps(
    data: MunicipalityData, needs_: list[GroupNeed], cells: dict[tuple[str, str], CoverageCell]
) -> tuple[GapWeights, list[Gap]]:
    """Every unit × group, ranked by score = weighted mean of need (the unit's published rate
    against the highest in the municipality), missing coverage and distance to the nearest
    place where a service for the group is based."""
    weights = data.weights or GapWeights(municipality=data.municipality)
    total_weight = Decimal(weights.need + weights.coverage + weights.distance) or ONE
    shares = _hidden_shares(needs_)
    municipal_centre = data.centres.get(data.municipality.code)
    result = []
    latest_year: dict[str, int] = {}
    for code, year in data.population:
        latest_year[code] = max(year, latest_year.get(code, 0))
    population = {unit.code: unit for unit in data.units}
    for need in needs_:
        rates = {}
        for unit in data.units:
            published = _published_need(need, unit.code, shares)
            residents = data.population.get((unit.code, latest_year.get(unit.code, 0)))
            if published is not None and residents is not None and residents.value:
                rates[unit.code] = published * 1000 / residents.value
        highest = max(rates.values(), default=Decimal(0))
        bases = []
        for facts in data.services:
            if need.group.target_group in facts.target_groups:
                bases += [data.centres[code] for code in facts.located_in if code in data.centres]
                if facts.has_confidential_location and municipal_centre:
                    bases.append(municipal_centre)
        for code, unit in population.items():
            cell = cells[(code, need.group.variable)]
            need_score = (
                _round(rates[code] * HUNDRED / highest, 0)
                if code in rates and highest
                else Decimal(0)
            )
            if not cell.has_service:
                coverage_score = HUNDRED
            else:
                published = _published_need(need, code, shares)
                ratio = cell.places / published if published else ONE
                coverage_score = _round(HUNDRED * (ONE - min(ratio, ONE)), 0)
            centre = data.centres.get(code)
            distance = None
            if centre and bases:
                distance = Decimal(str(round(min(_km(centre, base) for base in bases), 1)))
                distance_score = _round(min(distance / DISTANCE_FULL_KM, ONE) * HUNDRED, 0)
            else:
                distance_score = HUNDRED if not bases else Decimal(0)
            computed = _round(
                (
                    need_score * weights.need
                    + coverage_score * weights.coverage
                    + distance_score * weights.distance
                )
                / total_weight,
                0,
            )
            result.append(
                Gap(
                    unit=unit,
                    need=need,
                    cell=cell,
                    need_score=need_score,
                    coverage_score=coverage_score,
                    distance_score=distance_score,
                    distance_km=distance,
                    computed=computed,
                    note=data.notes.get((code, need.group.target_group)),
                )
            )
    result.sort(key=lambda gap: (-gap.score, gap.unit.name_folded, gap.need.group.variable))
    return weights, result


# ── Together ─────────────────────────────────────────────────────────────────────────────


@dataclass
class Assessment:
    municipality: Area
    units: list[Area]
    data: MunicipalityData
    sources: dict[int, Source]
    demography: Demography
    needs: list[GroupNeed]
    inventory: Inventory
    coverage: dict[tuple[str, str], CoverageCell]
    financing: Financing
    structures: Structures
    budget: Budget
    weights: GapWeights
    gaps: list[Gap]
    population_variable: Variable | None = field(default=None)


def assessment_compute(data: MunicipalityData, everything: AssessmentData) -> Assessment:
    people = demography(data, everything)
    needs_ = needs(data, everything, people)
    cells = coverage(data, needs_)
    weights, ranked = gaps(data, needs_, cells)
    return Assessment(
        municipality=data.municipality,
        units=data.units,
        data=data,
        sources=everything.sources,
        demography=people,
        needs=needs_,
        inventory=inventory(data),
        coverage=cells,
        financing=financing(data),
        structures=structures(data),
        budget=budget(data),
        weights=weights,
        gaps=ranked,
        population_variable=everything.variables.get(POPULATION),
    )

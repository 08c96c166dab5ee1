"""The national comparison of municipalities: for every municipality Kujdes knows, its current
public plan, its social-care budget per resident, how far the directory's services cover the
key target groups, and the share of the plan's activities on track at its latest published
review. A fixed number of queries whatever the number of municipalities (see
bench/bench_monitoring.py).

Counts of people (residents, people in need, people served) leave this module only through
kujdes.lib.suppression, and a rate computed from a hidden count is hidden with it. Counts of a
plan's activities are not counts of people: the published review shows each activity's status.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Sum, Window

from kujdes.directory.models import BeneficiaryCount, Service
from kujdes.lib.charts import whole
from kujdes.lib.suppression import SECONDARY_MARK, PublicValue, suppress
from kujdes.lib.text import fold
from kujdes.monitoring.models import ActivityProgress, Review
from kujdes.planning.assessment.data import POPULATION, NeedGroup, need_groups
from kujdes.planning.models import Activity, BudgetYear, Plan
from kujdes.planning.selectors import plans_published
from kujdes.territory.models import (
    AgeBand,
    Area,
    AreaBoundary,
    Observation,
    Sex,
    Variable,
    ancestor_paths,
)

SORTS = ("name", "plan", "period", "budget", "coverage", "on_track")
Status = ActivityProgress.Status
ON_TRACK = (Status.ON_TRACK, Status.COMPLETED)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# Amounts per resident: whole lek and dinars, euros to the cent.
PER_RESIDENT_PLACES = {"EUR": 2}
# Services that no longer run serve nobody this year: left out, as the review's figures do.
CLOSED_SERVICES = (Service.Status.INACTIVE, Service.Status.DEFUNCT)
PLAN_FIELDS = (
    "id",
    "municipality_id",
    "kind",
    "status",
    "start_year",
    "end_year",
    "revision",
    "lineage",
    "currency",
    "is_illustrative",
    "name_sq",
    "name_sr_latn",
    "name_en",
)


def _whole(value: Decimal, places: int = 0) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Observed:
    """The figure chosen for an area, variable and year."""

    value: Decimal
    year: int
    illustrative: bool
    provisional: bool


@dataclass(frozen=True)
class BudgetPerResident:
    """The social-care budget (A7: every social-protection programme line) of the latest
    budget year, and the residents of the latest count up to that year (or the earliest after
    it, as the needs assessment takes them)."""

    year: int
    stage: str
    currency: str
    social_care: Decimal
    residents: PublicValue
    residents_year: int | None
    per_resident: Decimal | None
    illustrative: bool
    provisional: bool

    def get_stage_display(self) -> str:
        return str(BudgetYear.Stage(self.stage).label)


@dataclass(frozen=True)
class GroupCoverage:
    """People the municipality's services for a key target group served in the year, against
    the people in need the statistics count. `served` is None when services for the group
    exist but none reported the year; zero when the municipality lists no service for it."""

    group: NeedGroup
    need: PublicValue
    need_year: int
    served: PublicValue | None
    percent: Decimal | None
    # The need statistic's name, in the reader's language.
    label: str


@dataclass(frozen=True)
class Coverage:
    """The mean over the key target groups with a published coverage of each group's
    coverage, capped at 100 %; None when no group has one."""

    # The latest year in which any of the municipality's services reported people served.
    year: int | None
    groups: list[GroupCoverage]
    percent: Decimal | None
    illustrative: bool
    provisional: bool

    @property
    def counted(self) -> int:
        return sum(1 for group in self.groups if group.percent is not None)

    @property
    def of_group(self) -> dict[str, GroupCoverage]:
        return {group.group.target_group: group for group in self.groups}


@dataclass(frozen=True)
class Progress:
    """The plan's latest published review: activities on track or completed, out of the
    activities not cancelled (an activity without a record that year counts as not started,
    as in the review's roll-up)."""

    year: int
    plan_id: uuid.UUID
    on_track: int
    counted: int
    share: Decimal | None


@dataclass
class MunicipalityRow:
    municipality: Area
    country: Area | None
    plan: Plan | None = None
    budget: BudgetPerResident | None = None
    coverage: Coverage | None = None
    progress: Progress | None = None

    @property
    def has_data(self) -> bool:
        return any((self.plan, self.budget, self.coverage, self.progress))

    @property
    def illustrative(self) -> bool:
        return bool(
            (self.plan and self.plan.is_illustrative)
            or (self.budget and self.budget.illustrative)
            or (self.coverage and self.coverage.illustrative)
        )


@dataclass
class NationalComparison:
    rows: list[MunicipalityRow]
    # Every country with municipalities, for the filter; the chosen one or None for all.
    countries: list[Area]
    country: str | None
    sort: str
    descending: bool
    # The key target groups: the needs assessment's groups whose statistic Kujdes holds, with
    # the statistic's name in the reader's language.
    groups: list[tuple[NeedGroup, str]]
    # Municipality code → outline, when asked for.
    boundaries: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def any_illustrative(self) -> bool:
        return any(row.illustrative for row in self.rows)

    @property
    def any_provisional(self) -> bool:
        return any(
            (row.budget and row.budget.provisional) or (row.coverage and row.coverage.provisional)
            for row in self.rows
        )


# ── Reading ──────────────────────────────────────────────────────────────────────────────


def _current_plan(plans: list[Plan]) -> Plan | None:
    """The latest plan adopted or in implementation; else the latest on its way to adoption
    (in public consultation or submitted); else the latest closed one."""

    def rank(plan: Plan) -> tuple[int, int, int]:
        if plan.status in (Plan.Status.ADOPTED, Plan.Status.IN_IMPLEMENTATION):
            tier = 0
        elif plan.status in (Plan.Status.CONSULTATION, Plan.Status.SUBMITTED):
            tier = 1
        else:
            tier = 2
        return (tier, -plan.start_year, -plan.revision)

    return min(plans, key=rank, default=None)


def _progress(plans: Iterable[Plan]) -> dict[uuid.UUID, Progress]:
    """Lineage → the standing at the latest published review of any version of the plan: a
    review that opened the current version speaks for it until the next year's review."""
    lineages = {plan.lineage for plan in plans if plan.is_adopted}
    if not lineages:
        return {}
    # lineage → (year, revision, review, plan) of its latest published review
    latest: dict[uuid.UUID, tuple[int, int, uuid.UUID, uuid.UUID]] = {}
    for review_id, plan_id, lineage, year, revision in Review.objects.filter(
        plan__lineage__in=lineages, published_at__isnull=False
    ).values_list("pk", "plan_id", "plan__lineage", "year", "plan__revision"):
        if lineage not in latest or (year, revision) > latest[lineage][:2]:
            latest[lineage] = (year, revision, review_id, plan_id)
    chosen = {review_id: plan_id for *_year, review_id, plan_id in latest.values()}
    counts = {
        review_id: (on_track, cancelled)
        for review_id, on_track, cancelled in ActivityProgress.objects.filter(
            review_id__in=list(chosen), activity__start_year__lte=F("review__year")
        )
        .order_by()
        .values("review_id")
        .annotate(
            on_track=Count("pk", filter=Q(status__in=ON_TRACK)),
            cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
        )
        .values_list("review_id", "on_track", "cancelled")
    }
    # Activities by plan and first year: only those due by the review's year are counted (an
    # activity planned to start later is not behind).
    starting: dict[Any, list[tuple[int, int]]] = defaultdict(list)
    for plan_id, start_year, total in (
        Activity.objects.filter(measure__objective__plan_id__in=set(chosen.values()))
        .order_by()
        .values("measure__objective__plan", "start_year")
        .annotate(total=Count("pk"))
        .values_list("measure__objective__plan", "start_year", "total")
    ):
        starting[plan_id].append((start_year, total))
    result = {}
    for lineage, (year, _revision, review_id, plan_id) in latest.items():
        on_track, cancelled = counts.get(review_id, (0, 0))
        due = sum(total for start_year, total in starting[plan_id] if start_year <= year)
        counted = due - cancelled
        share = _whole(Decimal(on_track) * HUNDRED / counted) if counted > 0 else None
        result[lineage] = Progress(year, plan_id, on_track, counted, share)
    return result


def _chosen(rows: Iterable[tuple[Any, ...]]) -> dict[tuple[Any, ...], Observed]:
    """One figure per key and year where sources overlap, as the needs assessment chooses: a
    real source before an illustrative one, final before provisional, then by source code.
    Rows are (*key, year, value, illustrative, provisional, source code)."""
    best: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in rows:
        key = row[:-4]
        held = best.get(key)
        if held is None or row[-3:] < held[-3:]:
            best[key] = row
    return {key: Observed(row[-4], row[-5], row[-3], row[-2]) for key, row in best.items()}


FIGURE = ("year", "value", "source__is_illustrative", "provisional", "source__code")


def _population(ids: list[int]) -> dict[int, dict[int, Observed]]:
    """Municipality → year → residents."""
    rows = (
        Observation.objects.totals()
        .filter(variable__code=POPULATION, area_id__in=ids)
        .values_list("area_id", *FIGURE)
    )
    result: dict[int, dict[int, Observed]] = defaultdict(dict)
    for (area_id, year), observed in _chosen(rows).items():
        result[area_id][year] = observed
    return result


def _needs(ids: list[int], groups: tuple[NeedGroup, ...]) -> dict[int, dict[str, Observed]]:
    """Municipality → need variable → its latest figure for the municipality as a whole."""
    rows = (
        Observation.objects.totals()
        .filter(variable__code__in=[group.variable for group in groups], area_id__in=ids)
        .annotate(latest=Window(Max("year"), partition_by=[F("variable_id"), F("area_id")]))
        .filter(year=F("latest"))
        .values_list("area_id", "variable__code", *FIGURE)
    )
    result: dict[int, dict[str, Observed]] = defaultdict(dict)
    for (area_id, code, _year), observed in _chosen(rows).items():
        result[area_id][code] = observed
    return result


def _budgets(ids: list[int]) -> dict[int, tuple[int, str, str, bool, Decimal]]:
    """Municipality → (year, stage, currency, illustrative, social-care total) of its latest
    budget year."""
    latest = (
        BudgetYear.objects.filter(municipality=OuterRef("municipality"))
        .order_by("-year")
        .values("year")[:1]
    )
    rows = (
        BudgetYear.objects.filter(municipality_id__in=ids, year=Subquery(latest))
        .annotate(social=Sum("lines__amount"))
        .values_list("municipality_id", "year", "stage", "currency", "is_illustrative", "social")
    )
    return {
        municipality_id: (
            year,
            stage,
            currency,
            illustrative,
            (social or Decimal(0)).quantize(CENT),
        )
        for municipality_id, year, stage, currency, illustrative, social in rows
    }


@dataclass
class _Served:
    """What the municipality's services report: their target groups and people served."""

    # common target-group code → the services for the group
    services: dict[str, set[uuid.UUID]] = field(default_factory=lambda: defaultdict(set))
    # (service, year) → people served
    counts: dict[tuple[uuid.UUID, int], int] = field(default_factory=dict)
    # The latest year in which any of the services reported people served.
    year: int | None = None
    illustrative: bool = False


def _served(scope: Q, owner_of: Callable[[str], int | None]) -> dict[int, _Served]:
    """Municipality → its services' target groups (common codes) and people served per year.
    A service counts for the municipality that keeps its record; national lines count for
    none."""
    result: dict[int, _Served] = defaultdict(_Served)
    links = (
        Service.target_groups.through.objects.filter(scope)
        .exclude(service__status__in=CLOSED_SERVICES)
        .values_list("service_id", "service__area__path", "targetgroup__common_code")
    )
    for service_id, path, common_code in links:
        owner = owner_of(path)
        if owner is not None:
            result[owner].services[common_code].add(service_id)
    # Only the latest year of each area that keeps services leaves the database: the
    # municipality's year is the latest of its areas', and no service has a count after its
    # area's latest year.
    counts = (
        BeneficiaryCount.objects.filter(scope, sex=Sex.TOTAL, age_band__code=AgeBand.TOTAL)
        .exclude(service__status__in=CLOSED_SERVICES)
        .annotate(latest=Window(Max("year"), partition_by=[F("service__area_id")]))
        .filter(year=F("latest"))
        .values_list(
            "service_id", "service__area__path", "year", "count", "service__is_illustrative"
        )
    )
    for service_id, path, year, people, illustrative in counts:
        owner = owner_of(path)
        if owner is not None:
            served = result[owner]
            served.counts[(service_id, year)] = people
            if served.year is None or year > served.year:
                served.year = year
            served.illustrative = served.illustrative or illustrative
    return result


# ── Computing ────────────────────────────────────────────────────────────────────────────


def _budget_per_resident(
    budget: tuple[int, str, str, bool, Decimal], population: dict[int, Observed]
) -> BudgetPerResident:
    year, stage, currency, illustrative, social = budget
    years = sorted(population)
    earlier = [counted for counted in years if counted <= year]
    residents_year = earlier[-1] if earlier else (years[0] if years else None)
    residents = population[residents_year] if residents_year is not None else None
    public = suppress(whole(residents.value)) if residents else PublicValue(None)
    per_resident = None
    if public.value:
        per_resident = _whole(social / Decimal(public.value), PER_RESIDENT_PLACES.get(currency, 0))
    return BudgetPerResident(
        year=year,
        stage=stage,
        currency=currency,
        social_care=social,
        residents=public,
        residents_year=residents_year,
        per_resident=per_resident,
        illustrative=illustrative or bool(residents and residents.illustrative),
        provisional=bool(residents and residents.provisional),
    )


def _served_in(served: _Served, group: str, year: int) -> PublicValue | None:
    """People served in the year by the services for the group, after suppression. A sum that
    holds a small count of one service is hidden too: each service's count is published in the
    needs assessment (A5), and the sum less the others would give it away."""
    services = served.services.get(group)
    if not services:
        return PublicValue(0)
    counts = served.counts
    reported = [counts[(pk, year)] for pk in services if (pk, year) in counts]
    if not reported:
        return None
    public = suppress(sum(reported))
    threshold = settings.SUPPRESSION_THRESHOLD
    if not public.hidden and any(0 < people < threshold for people in reported):
        return PublicValue(None, SECONDARY_MARK)
    return public


def _coverage(
    groups: tuple[NeedGroup, ...],
    labels: dict[str, str],
    needs: dict[str, Observed],
    served: _Served,
) -> Coverage | None:
    if not needs:
        return None
    year = served.year
    result = []
    for group in groups:
        observed = needs.get(group.variable)
        if observed is None:
            continue
        need = suppress(whole(observed.value))
        # Without any people-served figure the directory is silent, not empty: no figure.
        people = _served_in(served, group.target_group, year) if year is not None else None
        percent = None
        if need.value and people is not None and people.value is not None:
            percent = _whole(Decimal(people.value) * HUNDRED / Decimal(need.value))
        label = labels.get(group.variable, group.variable)
        result.append(GroupCoverage(group, need, observed.year, people, percent, label))
    shown = [min(group.percent, HUNDRED) for group in result if group.percent is not None]
    return Coverage(
        year=year,
        groups=result,
        percent=_whole(sum(shown, Decimal(0)) / len(shown)) if shown else None,
        illustrative=any(observed.illustrative for observed in needs.values())
        or served.illustrative,
        provisional=any(observed.provisional for observed in needs.values()),
    )


STATUS_ORDER = {status: position for position, status in enumerate(Plan.Status.values)}


def _sort_key(sort: str) -> Callable[[MunicipalityRow], Any]:
    """The row's value for the sort, None where it has none (those rows go last)."""
    if sort == "plan":
        return lambda row: (STATUS_ORDER[row.plan.status], row.plan.end_year) if row.plan else None
    if sort == "period":
        return lambda row: (row.plan.end_year, row.plan.start_year) if row.plan else None
    if sort == "budget":
        return lambda row: row.budget.per_resident if row.budget else None
    if sort == "coverage":
        return lambda row: row.coverage.percent if row.coverage else None
    if sort == "on_track":
        return lambda row: row.progress.share if row.progress else None
    return lambda row: fold(row.municipality.name)


def rows_sorted(rows: list[MunicipalityRow], sort: str, descending: bool) -> list[MunicipalityRow]:
    """By the column, ties by name; rows without a value last whichever the order. Amounts per
    resident are compared within a currency only: by currency first, always A to Z."""
    by_name = sorted(rows, key=lambda row: (fold(row.municipality.name), row.municipality.code))
    if sort == "name":
        return by_name[::-1] if descending else by_name
    key = _sort_key(sort)
    present = [row for row in by_name if key(row) is not None]
    absent = [row for row in by_name if key(row) is None]
    present.sort(key=key, reverse=descending)
    if sort == "budget":
        present.sort(key=lambda row: row.budget.currency if row.budget else "")
    return present + absent


def national_comparison(
    *,
    country: str | None = None,
    sort: str = "name",
    descending: bool = False,
    with_boundaries: bool = False,
) -> NationalComparison:
    """A row per municipality of the country (every country when None), sorted by one of
    SORTS. Thirteen queries at most, whatever the number of municipalities (twelve without the
    outlines)."""
    sort = sort if sort in SORTS else "name"
    countries = list(Area.objects.filter(level=Area.Level.COUNTRY).order_by("code"))
    by_path = {area.path: area for area in countries}
    municipalities = Area.objects.filter(level=Area.Level.MUNICIPALITY)
    scope = Q()
    if country is not None:
        prefix = f"{country}/"
        municipalities = municipalities.filter(path__startswith=prefix)
        scope = Q(service__area__path__startswith=prefix)
    rows = [
        MunicipalityRow(municipality=area, country=by_path.get(ancestor_paths(area.path)[0]))
        for area in municipalities
    ]
    ids = [row.municipality.pk for row in rows]
    by_id = {row.municipality.pk: row for row in rows}
    owner_paths = {row.municipality.path: row.municipality.pk for row in rows}

    owners: dict[str, int | None] = {}

    def owner_of(path: str) -> int | None:
        if path not in owners:
            found = [owner_paths[above] for above in ancestor_paths(path) if above in owner_paths]
            owners[path] = found[0] if found else None
        return owners[path]

    plans: dict[int, list[Plan]] = defaultdict(list)
    for plan in (
        plans_published().select_related(None).filter(municipality_id__in=ids).only(*PLAN_FIELDS)
    ):
        plans[plan.municipality_id].append(plan)
    for municipality_id, found in plans.items():
        by_id[municipality_id].plan = _current_plan(found)
    progress = _progress(row.plan for row in rows if row.plan)
    for row in rows:
        if row.plan is not None:
            row.progress = progress.get(row.plan.lineage)

    population = _population(ids)
    for municipality_id, budget in _budgets(ids).items():
        by_id[municipality_id].budget = _budget_per_resident(
            budget, population.get(municipality_id, {})
        )
    variables = {
        variable.code: variable
        for variable in Variable.objects.filter(code__in=[g.variable for g in need_groups()])
    }
    groups = tuple(group for group in need_groups() if group.variable in variables)
    labels = {code: variable.name for code, variable in variables.items()}
    needs = _needs(ids, groups)
    served = _served(scope, owner_of)
    for row in rows:
        pk = row.municipality.pk
        row.coverage = _coverage(groups, labels, needs.get(pk, {}), served.get(pk, _Served()))

    boundaries = {}
    if with_boundaries:
        codes = {row.municipality.pk: row.municipality.code for row in rows}
        boundaries = {
            codes[area_id]: geometry
            for area_id, geometry in AreaBoundary.objects.filter(area_id__in=ids).values_list(
                "area_id", "geometry"
            )
        }
    return NationalComparison(
        rows=rows_sorted(rows, sort, descending),
        countries=countries,
        country=country,
        sort=sort,
        descending=descending,
        groups=[(group, labels[group.variable]) for group in groups],
        boundaries=boundaries,
    )

"""The national comparison of municipalities, for everyone without signing in: each
municipality's current plan, social-care budget per resident, coverage of the key target
groups and share of activities on track, as a sortable table, a map coloured by one of them,
and a CSV file of the same figures (see selectors/national.py for what each one counts)."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from kujdes.lib.charts import Shape, area_map, number
from kujdes.lib.suppression import SECONDARY_MARK, PublicValue
from kujdes.lib.tabular import MEDIA_TYPES, write_csv
from kujdes.monitoring.selectors.national import (
    PER_RESIDENT_PLACES,
    SORTS,
    MunicipalityRow,
    NationalComparison,
    national_comparison,
)
from kujdes.planning.models import Plan

MEASURES = ("coverage", "on_track", "budget", "plan")
NO_DATA = "#ffffff"
# Light to dark, the darker the more; the table beside the map gives every figure.
SHADES = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")


@dataclass(frozen=True)
class Choice:
    """What the visitor asked for; anything else falls back to the default."""

    country: str | None
    sort: str
    descending: bool
    measure: str

    def query(self, **changes: str | bool | None) -> str:
        """The query string of this choice with some parts changed, defaults left out."""
        values = {
            "country": self.country,
            "sort": self.sort,
            "descending": self.descending,
            "measure": self.measure,
        } | changes
        pairs = {
            "country": values["country"] or "",
            "sort": values["sort"] if values["sort"] != "name" else "",
            "order": "desc" if values["descending"] else "",
            "measure": values["measure"] if values["measure"] != MEASURES[0] else "",
        }
        return urlencode({key: value for key, value in pairs.items() if value})


def _choice(request: HttpRequest) -> Choice:
    sort = request.GET.get("sort", "")
    measure = request.GET.get("measure", "")
    return Choice(
        country=request.GET.get("country", "").upper() or None,
        sort=sort if sort in SORTS else "name",
        descending=request.GET.get("order") == "desc",
        measure=measure if measure in MEASURES else MEASURES[0],
    )


def _comparison(choice: Choice, *, with_boundaries: bool) -> NationalComparison:
    comparison = national_comparison(
        country=choice.country,
        sort=choice.sort,
        descending=choice.descending,
        with_boundaries=with_boundaries,
    )
    if choice.country and choice.country not in {area.code for area in comparison.countries}:
        raise Http404
    return comparison


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    href: str
    # "ascending" or "descending" on the column the table is sorted by, else "".
    aria_sort: str


def _columns(choice: Choice) -> list[Column]:
    labels = {
        "name": _("Municipality"),
        "plan": _("Plan and status"),
        "period": _("Period"),
        "budget": _("Social-care budget per resident"),
        "coverage": _("Coverage of key target groups"),
        "on_track": _("Activities on track"),
    }
    columns = []
    for key in SORTS:
        sorted_here = choice.sort == key
        descending = not choice.descending if sorted_here else False
        aria_sort = ""
        if sorted_here:
            aria_sort = "descending" if choice.descending else "ascending"
        columns.append(
            Column(key, labels[key], "?" + choice.query(sort=key, descending=descending), aria_sort)
        )
    return columns


def _measure_labels() -> dict[str, str]:
    return {
        "coverage": _("coverage of key target groups"),
        "on_track": _("share of activities on track"),
        "budget": _("social-care budget per resident"),
        "plan": _("plan status"),
    }


def _percent_classes() -> list[tuple[str, str]]:
    return [
        (SHADES[0], _("under 25 %")),
        (SHADES[1], _("25 to 49 %")),
        (SHADES[2], _("50 to 74 %")),
        (SHADES[3], _("at least 75 %")),
    ]


def _shade_of_percent(value: Decimal | None) -> str:
    if value is None:
        return NO_DATA
    return SHADES[min(int(value // 25), 3)]


def _medians(comparison: NationalComparison) -> dict[str, Decimal]:
    """Per currency, the median budget per resident of the municipalities shown."""
    amounts: dict[str, list[Decimal]] = {}
    for row in comparison.rows:
        if row.budget and row.budget.per_resident is not None:
            amounts.setdefault(row.budget.currency, []).append(row.budget.per_resident)
    medians = {}
    for currency, values in amounts.items():
        values.sort()
        middle = len(values) // 2
        medians[currency] = (
            values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        )
    return medians


def _colouring(
    comparison: NationalComparison, measure: str
) -> tuple[Callable[[MunicipalityRow], tuple[str, str]], list[tuple[str, str]]]:
    """(row → its colour and value as the map's tooltip says it) and the legend."""
    no_figure = _("no figure")
    if measure == "plan":
        adopted = (Plan.Status.ADOPTED, Plan.Status.IN_IMPLEMENTATION)
        on_its_way = (Plan.Status.CONSULTATION, Plan.Status.SUBMITTED)

        def plan_colour(row: MunicipalityRow) -> tuple[str, str]:
            if row.plan is None:
                return NO_DATA, _("no plan published")
            shade = SHADES[1]
            if row.plan.status in adopted:
                shade = SHADES[3]
            elif row.plan.status in on_its_way:
                shade = SHADES[2]
            return shade, row.plan.get_status_display()

        legend = [
            (NO_DATA, _("no plan published")),
            (SHADES[1], _("closed: its period is over")),
            (SHADES[2], _("in public consultation or submitted")),
            (SHADES[3], _("adopted or in implementation")),
        ]
        return plan_colour, legend
    if measure == "budget":
        medians = _medians(comparison)

        def budget_colour(row: MunicipalityRow) -> tuple[str, str]:
            budget = row.budget
            if budget is None or budget.per_resident is None:
                return NO_DATA, no_figure
            median = medians[budget.currency]
            ratio = budget.per_resident / median if median else Decimal(1)
            bounds = (Decimal("0.5"), Decimal(1), Decimal("1.5"))
            shade = SHADES[sum(1 for bound in bounds if ratio >= bound)]
            return shade, f"{number(budget.per_resident)} {budget.currency}"

        legend = [
            (NO_DATA, no_figure),
            (SHADES[0], _("under half the median of its currency")),
            (SHADES[1], _("from half the median to the median")),
            (SHADES[2], _("from the median to 1.5 times the median")),
            (SHADES[3], _("1.5 times the median or more")),
        ]
        return budget_colour, legend

    def percent_of(row: MunicipalityRow) -> Decimal | None:
        if measure == "on_track":
            return row.progress.share if row.progress else None
        return row.coverage.percent if row.coverage else None

    def percent_colour(row: MunicipalityRow) -> tuple[str, str]:
        value = percent_of(row)
        return _shade_of_percent(value), no_figure if value is None else f"{number(value)} %"

    return percent_colour, [(NO_DATA, no_figure), *_percent_classes()]


def _map(comparison: NationalComparison, measure: str) -> SafeString:
    colour_of, legend = _colouring(comparison, measure)
    shapes = []
    for row in comparison.rows:
        geometry = comparison.boundaries.get(row.municipality.code)
        if geometry is None:
            continue
        fill, shown = colour_of(row)
        shapes.append(
            Shape(
                label=f"{row.municipality.name}: {shown}",
                geometry=geometry,
                href=f"#{row.municipality.code}",
                fill=fill,
            )
        )
    if not shapes:
        return SafeString("")
    return area_map(
        chart_id="national-map",
        title=_("Municipalities by %(measure)s") % {"measure": _measure_labels()[measure]},
        shapes=shapes,
        legend=legend,
    )


def _count_html(value: PublicValue) -> SafeString:
    """A count as the table shows it; a hidden one says why."""
    if not value.hidden:
        return format_html("{}", number(value.value or 0))
    title = (
        _("hidden so that a small count cannot be worked out from it")
        if value.shown_as == SECONDARY_MARK
        else _("a small count, hidden to protect the people counted")
    )
    return format_html('<abbr title="{}">{}</abbr>', title, value.shown_as)


@dataclass(frozen=True)
class RowNotes:
    """The small print under a row's figures, worded here: 100 rows of template sentences
    would take most of the page's time."""

    budget: SafeString
    coverage: str
    groups: list[SafeString]
    progress: str


def _group_lines(row: MunicipalityRow) -> list[SafeString]:
    """Each key target group's figures, a line each."""
    if row.coverage is None:
        return []
    served_label, need_label, not_reported = _("people served"), _("in need"), _("not reported")
    lines = []
    for group in row.coverage.groups:
        served = not_reported if group.served is None else _count_html(group.served)
        percent = "" if group.percent is None else format_html(" · {} %", number(group.percent))
        lines.append(
            format_html(
                "{}: {} {} · {} {} ({}){}",
                capfirst(group.label),
                served_label,
                served,
                need_label,
                _count_html(group.need),
                group.need_year,
                percent,
            )
        )
    return lines


def _notes(row: MunicipalityRow) -> RowNotes:
    budget, coverage, progress = row.budget, row.coverage, row.progress
    budget_note = SafeString("")
    if budget is not None:
        budget_note = format_html(
            "{}",
            _("%(amount)s %(currency)s in %(year)s (%(stage)s)")
            % {
                "amount": number(budget.social_care, PER_RESIDENT_PLACES.get(budget.currency, 0)),
                "currency": budget.currency,
                "year": budget.year,
                "stage": budget.get_stage_display(),
            },
        )
        if budget.residents_year is not None:
            budget_note = format_html(
                "{}<br>{} {}",
                budget_note,
                _count_html(budget.residents),
                _("residents (%(year)s)") % {"year": budget.residents_year},
            )
    coverage_note = ""
    if coverage is not None:
        coverage_note = (
            ngettext(
                "%(counted)s of %(groups)s group, people served in %(year)s",
                "%(counted)s of %(groups)s groups, people served in %(year)s",
                len(coverage.groups),
            )
            % {"counted": coverage.counted, "groups": len(coverage.groups), "year": coverage.year}
            if coverage.year is not None
            else _("Its services have reported no people served")
        )
    progress_note = ""
    if progress is not None:
        progress_note = ngettext(
            "%(on_track)s of %(counted)s activity, review of %(year)s",
            "%(on_track)s of %(counted)s activities, review of %(year)s",
            progress.counted,
        ) % {"on_track": progress.on_track, "counted": progress.counted, "year": progress.year}
    return RowNotes(budget_note, coverage_note, _group_lines(row), progress_note)


@require_GET
def national(request: HttpRequest) -> HttpResponse:
    choice = _choice(request)
    comparison = _comparison(choice, with_boundaries=True)
    labels = _measure_labels()
    context = {
        "comparison": comparison,
        "rows": [(row, _notes(row)) for row in comparison.rows],
        "choice": choice,
        "columns": _columns(choice),
        "measures": [(key, labels[key]) for key in MEASURES],
        "map": _map(comparison, choice.measure),
        "without_outline": [
            row.municipality
            for row in comparison.rows
            if row.municipality.code not in comparison.boundaries
        ],
        "csv_query": choice.query(measure=MEASURES[0]),
        "threshold": settings.SUPPRESSION_THRESHOLD,
        "small": f"<{settings.SUPPRESSION_THRESHOLD}",
    }
    return render(request, "monitoring/national.html", context)


# ── The CSV file ─────────────────────────────────────────────────────────────────────────


def _text(value: str) -> str:
    """Text that a spreadsheet would read as a formula stays text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _count(value: PublicValue | None) -> str:
    if value is None:
        return ""
    return value.shown_as if value.hidden else str(value.value)


def _plain(value: Decimal | int | None) -> str:
    return "" if value is None else str(value)


def _csv_header(comparison: NationalComparison) -> list[str]:
    header = [
        _("Country"),
        _("Code"),
        _("Municipality"),
        _("Plan"),
        _("Kind of plan"),
        _("Status"),
        _("First year"),
        _("Last year"),
        _("Budget year"),
        _("Budget stage"),
        _("Currency"),
        _("Social-care budget"),
        _("Residents"),
        _("Residents' year"),
        _("Social-care budget per resident"),
        _("Coverage of key target groups (%)"),
        _("Key target groups counted"),
        _("Year of people served"),
    ]
    for _group, name in comparison.groups:
        header += [
            _("%(group)s: people in need") % {"group": name},
            _("%(group)s: year of the need figure") % {"group": name},
            _("%(group)s: people served") % {"group": name},
            _("%(group)s: coverage (%%)") % {"group": name},
        ]
    header += [
        _("Year of the latest published review"),
        _("Activities on track or completed"),
        _("Activities not cancelled"),
        _("Activities on track (%)"),
        _("Illustrative figures"),
    ]
    return header


def _csv_row(row: MunicipalityRow, comparison: NationalComparison) -> list[str]:
    plan, budget, coverage, progress = row.plan, row.budget, row.coverage, row.progress
    cells = [
        row.country.code if row.country else "",
        row.municipality.code,
        _text(row.municipality.name),
        _text(plan.name) if plan else "",
        plan.get_kind_display() if plan else "",
        plan.get_status_display() if plan else "",
        _plain(plan.start_year if plan else None),
        _plain(plan.end_year if plan else None),
        _plain(budget.year if budget else None),
        budget.get_stage_display() if budget else "",
        budget.currency if budget else "",
        _plain(budget.social_care if budget else None),
        _count(budget.residents if budget else None),
        _plain(budget.residents_year if budget else None),
        _plain(budget.per_resident if budget else None),
        _plain(coverage.percent if coverage else None),
        _plain(coverage.counted if coverage else None),
        _plain(coverage.year if coverage else None),
    ]
    of_group = coverage.of_group if coverage else {}
    for group, _name in comparison.groups:
        found = of_group.get(group.target_group)
        cells += (
            [
                _count(found.need),
                _plain(found.need_year),
                _count(found.served),
                _plain(found.percent),
            ]
            if found
            else ["", "", "", ""]
        )
    cells += [
        _plain(progress.year if progress else None),
        _plain(progress.on_track if progress else None),
        _plain(progress.counted if progress else None),
        _plain(progress.share if progress else None),
        _("yes") if row.illustrative else "",
    ]
    return cells


@require_GET
def national_csv(request: HttpRequest) -> HttpResponse:
    """The table's figures, one row per municipality in the page's order, with each key
    target group's figures; hidden counts as on the page ("<5", "x"), missing ones empty."""
    choice = _choice(request)
    comparison = _comparison(choice, with_boundaries=False)
    rows = [_csv_header(comparison)]
    rows += [_csv_row(row, comparison) for row in comparison.rows]
    response = HttpResponse(write_csv(rows), content_type=MEDIA_TYPES["csv"])
    name = "-".join(filter(None, ["kujdes-municipalities", choice.country]))
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response

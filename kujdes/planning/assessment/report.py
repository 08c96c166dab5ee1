"""The assessment worded as the Needs Assessment Report: sections A1–A8 of paragraphs, tables
and charts, in the active language. The page, the DOCX and the PDF all render this, so they
say the same thing.

The narrative only states figures the tables show; where a figure is hidden or unknown it
says so rather than guess.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kujdes.directory.models import CommonTargetGroup, FundingSource
from kujdes.lib.charts import (
    MapPoint,
    Series,
    Shape,
    area_map,
    bar_chart,
    number,
    population_pyramid,
)
from kujdes.planning.assessment.compute import (
    AreaDemography,
    Assessment,
    Gap,
    GroupNeed,
    Shown,
)
from kujdes.planning.models import Programme
from kujdes.territory.models import Source

OSM_CREDIT = "© OpenStreetMap contributors"
# The marks the area pages use too (territory/_marks_notice.html).
ILLUSTRATIVE_MARK, PROVISIONAL_MARK = "◇", "p"
# Coverage classes of the map: places per 100 people in need.
COVERAGE_CLASSES = (
    (None, "#d5d9e0"),
    (0, "#b2182b"),
    (10, "#ef8a62"),
    (25, "#fddbc7"),
    (50, "#92c5de"),
    (100, "#2166ac"),
)


@dataclass
class Cell:
    text: str
    # Source note number, shown as a link to the list of sources.
    note: int | None = None
    # ILLUSTRATIVE_MARK and/or PROVISIONAL_MARK
    marks: str = ""
    numeric: bool = True
    href: str = ""
    # A cell the reader should notice: a unit with no service, a vacancy.
    flagged: bool = False


@dataclass
class TableBlock:
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    footer: list[list[Cell]] = field(default_factory=list)
    kind: str = "table"


@dataclass
class ChartBlock:
    caption: str
    svg: SafeString
    credit: str = ""
    kind: str = "chart"


@dataclass
class Paragraph:
    text: str
    kind: str = "paragraph"


Block = TableBlock | ChartBlock | Paragraph


@dataclass
class Section:
    code: str
    title: str
    blocks: list[Block]


@dataclass
class SourceNote:
    number: int
    name: str
    publisher: str
    url: str
    year: int | None
    illustrative: bool
    provisional: bool


@dataclass
class Report:
    title: str
    municipality_name: str
    generated_at: str
    sections: list[Section]
    sources: list[SourceNote]
    # Whether any figure is illustrative or provisional, so that the reader is told first.
    has_illustrative: bool = False
    has_provisional: bool = False


class _Notes:
    """Numbers the sources (with their year) in the order the report first cites them."""

    def __init__(self) -> None:
        self.notes: dict[tuple[int, int | None, bool], SourceNote] = {}

    def cite(self, source: Source | None, year: int | None, provisional: bool) -> int | None:
        if source is None:
            return None
        key = (source.pk, year, provisional)
        if key not in self.notes:
            self.notes[key] = SourceNote(
                number=len(self.notes) + 1,
                name=source.name,
                publisher=source.publisher,
                url=source.url,
                year=year,
                illustrative=source.is_illustrative,
                provisional=provisional,
            )
        return self.notes[key].number


def _text(value: Decimal | int | None, decimals: int | None = None) -> str:
    return "–" if value is None else number(value, decimals)


def _figure(shown: Shown, notes: _Notes) -> Cell:
    marks = (
        ILLUSTRATIVE_MARK if shown.source is not None and shown.source.is_illustrative else ""
    ) + (PROVISIONAL_MARK if shown.provisional else "")
    text = shown.shown_as if shown.value is None and shown.shown_as else _text(shown.value)
    return Cell(text, notes.cite(shown.source, shown.year, shown.provisional), marks)


def _label(text: str, href: str = "") -> Cell:
    return Cell(text, numeric=False, href=href)


def _percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{number(value, 1)} %"


def _group_name(code: str) -> str:
    return str(CommonTargetGroup(code).label) if code in CommonTargetGroup.values else code


# ── A1 ────────────────────────────────────────────────────────────────────────────────────


def _a1(assessment: Assessment, notes: _Notes, unit_code: str) -> Section:
    people = assessment.demography
    municipality = people.municipality
    blocks: list[Block] = []
    if people.later_year is None:
        return Section(
            "A1", _("Demographics"), [Paragraph(_("No population figures are recorded."))]
        )
    later = municipality.later.value
    if later is not None:
        sentence = _(
            "In %(year)s %(municipality)s had %(population)s residents in %(units)s "
            "administrative units."
        ) % {
            "year": people.later_year,
            "municipality": assessment.municipality.name,
            "population": _text(later),
            "units": len(assessment.units),
        }
        if municipality.change is not None and people.earlier_year:
            sentence += " " + _("That is %(change)s (%(percent)s) against %(earlier_year)s.") % {
                "change": ("+" if municipality.change > 0 else "") + _text(municipality.change),
                "percent": _percent(municipality.change_percent),
                "earlier_year": people.earlier_year,
            }
        blocks.append(Paragraph(sentence))
    changes = [unit for unit in people.units if unit.change_percent is not None]
    if changes:
        lost = min(changes, key=lambda unit: unit.change_percent or 0)
        blocks.append(
            Paragraph(
                _("The largest change between the two counts was in %(unit)s: %(percent)s.")
                % {"unit": lost.area.name, "percent": _percent(lost.change_percent)}
            )
        )

    def row(area: AreaDemography) -> list[Cell]:
        return [
            _label(area.area.name),
            _figure(area.earlier, notes),
            _figure(area.later, notes),
            Cell(("+" if (area.change or 0) > 0 else "") + _text(area.change)),
            Cell(_percent(area.change_percent)),
            Cell(_percent(area.share_percent)),
        ]

    blocks.append(
        TableBlock(
            caption=_("Residents per administrative unit"),
            header=[
                _("Administrative unit"),
                str(people.earlier_year or "–"),
                str(people.later_year),
                _("Change"),
                _("Change (%)"),
                _("Share of the municipality"),
            ],
            rows=[row(unit) for unit in people.units],
            footer=[row(municipality)],
        )
    )
    if people.structure_year:
        bands = [band.name for band in people.bands]
        blocks.append(
            TableBlock(
                caption=_("Residents by age band and administrative unit, %(year)s")
                % {"year": people.structure_year},
                header=[_("Administrative unit"), _("Women"), _("Men"), *bands],
                rows=[
                    [
                        _label(area.area.name),
                        Cell(_text(area.female)),
                        Cell(_text(area.male)),
                        *[
                            Cell(
                                _text(
                                    None
                                    if female.value is None and male.value is None
                                    else (female.value or 0) + (male.value or 0)
                                ),
                                notes.cite(female.source, female.year, female.provisional),
                                ILLUSTRATIVE_MARK
                                if female.source and female.source.is_illustrative
                                else "",
                            )
                            for female, male in area.bands
                        ],
                    ]
                    for area in [*people.units, municipality]
                ],
            )
        )
        chosen = next((u for u in people.units if u.area.code == unit_code), municipality)
        blocks.append(
            ChartBlock(
                caption=_("Population pyramid of %(area)s, %(year)s")
                % {"area": chosen.area.name, "year": people.structure_year},
                svg=population_pyramid(
                    chart_id="a1-pyramid",
                    title=_("Population pyramid of %(area)s, %(year)s")
                    % {"area": chosen.area.name, "year": people.structure_year},
                    bands=bands,
                    female=[female.value for female, _male in chosen.bands],
                    male=[male.value for _female, male in chosen.bands],
                ),
            )
        )
    return Section("A1", _("Demographics"), blocks)


# ── A2 ────────────────────────────────────────────────────────────────────────────────────


def _a2(
    assessment: Assessment, notes: _Notes, groups: Sequence[GroupNeed], unit_code: str
) -> Section:
    blocks: list[Block] = []
    known = [need for need in groups if need.municipality.value is not None]
    for need in known:
        blocks.append(
            Paragraph(
                _("%(group)s: %(count)s in %(year)s, %(rate)s per 1,000 residents.")
                % {
                    "group": need.variable.name,
                    "count": _text(need.municipality.value),
                    "year": need.year,
                    "rate": _text(need.municipality_rate, 1),
                }
            )
        )
    missing = [
        need.variable.name
        for need in groups
        if need.municipality.missing and not any(not shown.missing for shown in need.units.values())
    ]
    if missing:
        blocks.append(
            Paragraph(
                _("No figures are recorded for: %(groups)s.") % {"groups": ", ".join(missing)}
            )
        )
    units = [unit for unit in assessment.units if not unit_code or unit.code == unit_code]
    groups = [need for need in groups if need.variable.name not in missing]
    header = [_("Administrative unit")]
    for need in groups:
        header += [need.variable.name, _("per 1,000")]
    rows = []
    for unit in units:
        cells = [_label(unit.name)]
        for need in groups:
            cells += [
                _figure(need.units[unit.code], notes),
                Cell(_text(need.rates.get(unit.code), 1)),
            ]
        rows.append(cells)
    footer = [[_label(assessment.municipality.name)]]
    for need in groups:
        footer[0] += [_figure(need.municipality, notes), Cell(_text(need.municipality_rate, 1))]
    blocks.append(
        TableBlock(
            caption=_("Groups in need per administrative unit"),
            header=header,
            rows=rows,
            footer=footer if not unit_code else [],
        )
    )
    for need in groups:
        if need.by_sex_and_age and need.by_sex_and_age_totals:
            blocks.append(
                TableBlock(
                    caption=_("%(group)s by sex and age, %(year)s")
                    % {"group": need.variable.name, "year": need.year},
                    header=[_("Age band"), _("Women"), _("Men"), _("Total")],
                    rows=[
                        [_label(band.name), _figure(f, notes), _figure(m, notes), _figure(t, notes)]
                        for band, f, m, t in need.by_sex_and_age
                    ],
                    footer=[
                        [
                            _label(_("Total")),
                            *[_figure(t, notes) for t in need.by_sex_and_age_totals],
                        ]
                    ],
                )
            )
    return Section("A2", _("Groups in need"), blocks)


# ── A3 ────────────────────────────────────────────────────────────────────────────────────


def _a3(assessment: Assessment, group: str) -> Section:
    inventory = assessment.inventory
    services = [f for f in inventory.services if not group or group in f.target_groups]
    public = sum(1 for f in services if f.is_public)
    blocks: list[Block] = [
        Paragraph(
            ngettext(
                "%(count)s service works in the municipality: %(public)s public and "
                "%(other)s non-public.",
                "%(count)s services work in the municipality: %(public)s public and "
                "%(other)s non-public.",
                len(services),
            )
            % {"count": len(services), "public": public, "other": len(services) - public}
        )
    ]
    blocks.append(
        TableBlock(
            caption=_("Services by type"),
            header=[_("Type of service"), _("Public"), _("Non-public"), _("Places")],
            rows=[
                [_label(name), Cell(str(pub)), Cell(str(other)), Cell(_text(places))]
                for name, pub, other, places in inventory.by_type
            ],
        )
    )
    blocks.append(
        TableBlock(
            caption=_("Services by target group"),
            header=[_("Target group"), _("Services"), _("Places")],
            rows=[
                [_label(_group_name(code)), Cell(str(count)), Cell(_text(places))]
                for code, (count, places) in sorted(
                    inventory.by_target_group.items(), key=lambda item: _group_name(item[0])
                )
            ],
        )
    )
    blocks.append(
        TableBlock(
            caption=_("Inventory of services"),
            header=[
                _("Service"),
                _("Provider"),
                _("Public or non-public"),
                _("Target groups"),
                _("Places"),
                _("Licence"),
            ],
            rows=[
                [
                    Cell(
                        f.service.name,
                        marks=ILLUSTRATIVE_MARK if f.service.is_illustrative else "",
                        numeric=False,
                        href=reverse("directory:service_detail", args=[f.service.pk]),
                    ),
                    _label(f.service.organization.name),
                    _label(_("public") if f.is_public else _("non-public")),
                    _label(", ".join(sorted(_group_name(code) for code in f.target_groups))),
                    Cell(_text(f.service.capacity)),
                    _licence(
                        f.service.organization.licence_state(timezone.localdate()), f.is_public
                    ),
                ]
                for f in services
            ],
        )
    )
    return Section("A3", _("Existing services"), blocks)


def _licence(state: str, is_public: bool) -> Cell:
    if state == "valid":
        return _label(_("valid"))
    if state == "lapsed":
        return Cell(_("lapsed"), numeric=False, flagged=True)
    return _label(_("not needed") if is_public else _("none recorded"))


# ── A4 ────────────────────────────────────────────────────────────────────────────────────


def coverage_colour(percent: Decimal | None) -> str:
    colour = COVERAGE_CLASSES[0][1]
    if percent is None:
        return colour
    for lower, class_colour in COVERAGE_CLASSES[1:]:
        if lower is not None and percent >= lower:
            colour = class_colour
    return colour


def coverage_legend() -> list[tuple[str, str]]:
    return [
        (COVERAGE_CLASSES[0][1], _("no figure (hidden or unknown)")),
        (COVERAGE_CLASSES[1][1], _("under 10 places per 100 in need")),
        (COVERAGE_CLASSES[2][1], _("10 to 24")),
        (COVERAGE_CLASSES[3][1], _("25 to 49")),
        (COVERAGE_CLASSES[4][1], _("50 to 99")),
        (COVERAGE_CLASSES[5][1], _("100 or more")),
    ]


def unit_coverage(assessment: Assessment, groups: Sequence[GroupNeed]) -> dict[str, Decimal | None]:
    """Per unit, the mean over the groups of places per 100 in need (each capped at 100)."""
    result: dict[str, Decimal | None] = {}
    for unit in assessment.units:
        values = [
            min(cell.coverage_percent, Decimal(100))
            for need in groups
            if (cell := assessment.coverage[(unit.code, need.group.variable)]).coverage_percent
            is not None
        ]
        result[unit.code] = (
            (sum(values, Decimal(0)) / len(values)).quantize(Decimal(1)) if values else None
        )
    return result


def coverage_map(assessment: Assessment, groups: Sequence[GroupNeed], page: str = "") -> SafeString:
    values = unit_coverage(assessment, groups)
    shapes = [
        Shape(
            label=f"{unit.name}: {_percent(values[unit.code])}",
            geometry=assessment.data.boundaries[unit.code],
            fill=coverage_colour(values[unit.code]),
            href=f"{page}?unit={unit.code}" if page else "",
        )
        for unit in assessment.units
        if unit.code in assessment.data.boundaries
    ]
    markers: list[MapPoint] = []
    return area_map(
        chart_id="a4-coverage",
        title=_("Coverage per administrative unit"),
        shapes=shapes,
        labelled=True,
        markers=markers,
        legend=coverage_legend(),
    )


def _a4(assessment: Assessment, groups: Sequence[GroupNeed], unit_code: str, page: str) -> Section:
    blocks: list[Block] = []
    without = [
        (unit, need)
        for need in groups
        for unit in assessment.units
        if not assessment.coverage[(unit.code, need.group.variable)].has_service
        and (not unit_code or unit.code == unit_code)
    ]
    if without:
        blocks.append(
            Paragraph(
                ngettext(
                    "%(count)s combination of administrative unit and group has no service at all.",
                    "%(count)s combinations of administrative unit and group have no service "
                    "at all.",
                    len(without),
                )
                % {"count": len(without)}
            )
        )
    units = [unit for unit in assessment.units if not unit_code or unit.code == unit_code]
    rows = []
    for unit in units:
        for need in groups:
            cell = assessment.coverage[(unit.code, need.group.variable)]
            rows.append(
                [
                    _label(unit.name),
                    _label(need.variable.name),
                    _figure(cell.need, _NOTES_UNUSED),
                    Cell(_text(cell.places, 1)),
                    Cell(str(cell.services), flagged=not cell.has_service),
                    Cell(
                        _("no service")
                        if not cell.has_service
                        else _percent(cell.coverage_percent),
                        flagged=not cell.has_service,
                    ),
                ]
            )
    blocks.append(
        TableBlock(
            caption=_("People in need, places and coverage per administrative unit"),
            header=[
                _("Administrative unit"),
                _("Group"),
                _("People in need"),
                _("Places"),
                _("Services"),
                _("Places per 100 in need"),
            ],
            rows=rows,
        )
    )
    if assessment.data.boundaries:
        names = ", ".join(need.variable.name for need in groups)
        blocks.append(
            ChartBlock(
                caption=_("Places per 100 people in need, mean over: %(groups)s")
                % {"groups": names},
                svg=coverage_map(assessment, groups, page),
                credit=OSM_CREDIT,
            )
        )
    blocks.append(
        Paragraph(
            _(
                "A service's places are shared among the administrative units it serves in "
                "proportion to their published need; a service for the whole municipality "
                "serves every unit."
            )
        )
    )
    return Section("A4", _("Distribution of services across the territory"), blocks)


class _NoNotes(_Notes):
    """For a figure already cited in A2: the same source, no second number."""

    def cite(self, source: Source | None, year: int | None, provisional: bool) -> int | None:
        return None


_NOTES_UNUSED = _NoNotes()


# ── A5 ────────────────────────────────────────────────────────────────────────────────────


def _a5(assessment: Assessment) -> Section:
    money = assessment.financing
    blocks: list[Block] = []
    if not money.by_source:
        blocks.append(Paragraph(_("No funding of the services is recorded.")))
        return Section("A5", _("Financing of current services"), blocks)
    for currency, years in money.totals.items():
        latest = max(years)
        blocks.append(
            Paragraph(
                _("In %(year)s the services received %(amount)s %(currency)s in all.")
                % {"year": latest, "amount": _text(years[latest], 0), "currency": currency}
            )
        )
    blocks.append(
        TableBlock(
            caption=_("Funding by source and year"),
            header=[_("Source"), _("Currency"), *[str(year) for year in money.years]],
            rows=[
                [
                    _label(str(FundingSource(source).label)),
                    _label(currency),
                    *[Cell(_text(years.get(year), 0)) for year in money.years],
                ]
                for (source, currency), years in money.by_source.items()
            ],
            footer=[
                [
                    _label(_("Total")),
                    _label(currency),
                    *[Cell(_text(years.get(year), 0)) for year in money.years],
                ]
                for currency, years in money.totals.items()
            ],
        )
    )
    blocks.append(
        TableBlock(
            caption=_("Cost per person served"),
            header=[
                _("Service"),
                _("Year"),
                _("Funding"),
                _("People served"),
                _("Cost per person"),
            ],
            rows=[
                [
                    Cell(
                        row.facts.service.name,
                        marks=ILLUSTRATIVE_MARK if row.facts.service.is_illustrative else "",
                        numeric=False,
                    ),
                    _label(str(row.year)),
                    Cell(f"{_text(row.amount, 0)} {row.currency}"),
                    Cell(row.served.shown_as or _text(row.served.value)),
                    Cell(
                        f"{_text(row.cost_per_person, 0)} {row.currency}"
                        if row.cost_per_person is not None
                        else "–"
                    ),
                ]
                for row in money.per_service
            ],
        )
    )
    return Section("A5", _("Financing of current services"), blocks)


# ── A6 ────────────────────────────────────────────────────────────────────────────────────


def _a6(assessment: Assessment) -> Section:
    found = assessment.structures
    if not found.structures:
        return Section(
            "A6",
            _("Structures required by law and their staff"),
            [Paragraph(_("The planner has not yet entered the structures and their staff."))],
        )
    blocks: list[Block] = [
        Paragraph(
            _("%(in_post)s of %(required)s required staff positions are filled.")
            % {"in_post": found.staff_in_post, "required": found.staff_required}
        )
    ]
    if found.units_without_workers:
        blocks.append(
            Paragraph(
                _("Administrative units without a social worker in post: %(units)s.")
                % {"units": ", ".join(unit.name for unit in found.units_without_workers)}
            )
        )
    blocks.append(
        TableBlock(
            caption=_("Structures and staff"),
            header=[
                _("Structure"),
                _("Administrative unit"),
                _("Required"),
                _("In post"),
                _("Vacancies"),
                _("Legal basis"),
            ],
            rows=[
                [
                    Cell(
                        structure.name or structure.get_kind_display(),
                        marks=ILLUSTRATIVE_MARK if structure.is_illustrative else "",
                        numeric=False,
                    ),
                    _label(structure.unit.name if structure.unit else "–"),
                    Cell(str(structure.staff_required)),
                    Cell(str(structure.staff_in_post)),
                    Cell(str(structure.vacancies), flagged=structure.vacancies > 0),
                    _label(structure.legal_basis),
                ]
                for structure in found.structures
            ],
            footer=[
                [
                    _label(_("Total")),
                    _label(""),
                    Cell(str(found.staff_required)),
                    Cell(str(found.staff_in_post)),
                    Cell(str(max(found.staff_required - found.staff_in_post, 0))),
                    _label(""),
                ]
            ],
        )
    )
    return Section("A6", _("Structures required by law and their staff"), blocks)


# ── A7 ────────────────────────────────────────────────────────────────────────────────────


def _a7(assessment: Assessment) -> Section:
    budget = assessment.budget
    title = _("Municipal budget for social care")
    if not budget.years:
        return Section("A7", title, [Paragraph(_("The planner has not yet entered the budget."))])
    blocks: list[Block] = []
    latest = budget.years[-1]
    blocks.append(
        Paragraph(
            _(
                "In %(year)s social care had %(amount)s %(currency)s, %(share)s of the "
                "municipal budget, %(per_resident)s %(currency)s per resident."
            )
            % {
                "year": latest.budget.year,
                "amount": _text(latest.social_care, 0),
                "currency": latest.budget.currency,
                "share": _percent(latest.share_percent),
                "per_resident": _text(latest.per_resident, 0),
            }
        )
    )
    if not budget.enough_years:
        blocks.append(
            Paragraph(
                _("A comparison needs at least three years; %(count)s recorded.")
                % {"count": len(budget.years)}
            )
        )
    years = [
        f"{figures.budget.year} {ILLUSTRATIVE_MARK}"
        if figures.budget.is_illustrative
        else str(figures.budget.year)
        for figures in budget.years
    ]
    blocks.append(
        TableBlock(
            caption=_("Social care in the municipal budget"),
            header=[_("Budget line"), *years],
            rows=[
                [
                    _label(_("Municipal budget")),
                    *[Cell(_text(f.budget.municipal_total, 0)) for f in budget.years],
                ],
                [_label(_("Social care")), *[Cell(_text(f.social_care, 0)) for f in budget.years]],
                [
                    _label(_("Share of the municipal budget")),
                    *[Cell(_percent(f.share_percent)) for f in budget.years],
                ],
                [
                    _label(_("Per resident")),
                    *[Cell(_text(f.per_resident, 0)) for f in budget.years],
                ],
                [_label(_("Stage")), *[_label(f.budget.get_stage_display()) for f in budget.years]],
                [_label(_("Source")), *[_label(f.budget.source) for f in budget.years]],
            ],
        )
    )
    blocks.append(
        TableBlock(
            caption=_("Social care by programme (COFOG 10)"),
            header=[_("Programme"), *years],
            rows=[
                [
                    _label(str(Programme(code).label)),
                    *[Cell(_text(f.programmes.get(code), 0)) for f in budget.years],
                ]
                for code in budget.programmes
            ],
        )
    )
    blocks.append(
        ChartBlock(
            caption=_("Social care, millions of %(currency)s")
            % {"currency": latest.budget.currency},
            svg=bar_chart(
                chart_id="a7-budget",
                title=title,
                categories=years,
                series=[
                    Series(
                        name=_("Social care (millions)"),
                        values=[
                            (f.social_care / 1_000_000).quantize(Decimal("0.1"))
                            for f in budget.years
                        ],
                    )
                ],
            ),
        )
    )
    return Section("A7", title, blocks)


# ── A8 ────────────────────────────────────────────────────────────────────────────────────


def _a8(
    assessment: Assessment, group: str, unit_code: str, limit: int | None, can_edit: bool
) -> Section:
    weights = assessment.weights
    gaps = [
        gap
        for gap in assessment.gaps
        if (not group or gap.need.group.target_group == group)
        and (not unit_code or gap.unit.code == unit_code)
        and not gap.need.municipality.missing
    ]
    blocks: list[Block] = [
        Paragraph(
            _(
                "Score = (%(need)s × need + %(coverage)s × missing coverage + %(distance)s × "
                "distance) ÷ %(total)s, each part from 0 to 100, plus the planner's adjustment. "
                "Need compares the unit's published rate with the highest in the municipality; "
                "a count shown as <5 enters as its even share of what the total leaves. "
                "Distance is measured to the nearest administrative unit where a service for "
                "the group is based; 30 km or more scores 100."
            )
            % {
                "need": weights.need,
                "coverage": weights.coverage,
                "distance": weights.distance,
                "total": weights.need + weights.coverage + weights.distance,
            }
        )
    ]
    if gaps:
        top = gaps[0]
        blocks.append(
            Paragraph(
                _("The largest gap is %(group)s in %(unit)s, with a score of %(score)s.")
                % {
                    "group": top.need.variable.name,
                    "unit": top.unit.name,
                    "score": _text(top.score),
                }
            )
        )
    shown = gaps[:limit] if limit else gaps
    blocks.append(
        TableBlock(
            caption=_("Gaps ranked by score"),
            header=[
                _("Rank"),
                _("Administrative unit"),
                _("Group"),
                _("Need"),
                _("Missing coverage"),
                _("Distance (km)"),
                _("Adjustment"),
                _("Score"),
                _("Note"),
            ],
            rows=[
                [
                    Cell(str(rank)),
                    _label(gap.unit.name),
                    _label(gap.need.variable.name),
                    Cell(_text(gap.need_score)),
                    Cell(_text(gap.coverage_score)),
                    Cell(_text(gap.distance_km, 1)),
                    Cell(("+" if gap.adjustment > 0 else "") + str(gap.adjustment)),
                    Cell(_text(gap.score)),
                    _note(assessment, gap, can_edit),
                ]
                for rank, gap in enumerate(shown, start=1)
            ],
        )
    )
    return Section("A8", _("Gaps and priorities"), blocks)


def _note(assessment: Assessment, gap: Gap, can_edit: bool) -> Cell:
    """The planner's note; for an editor a link to write or change it."""
    text = gap.note.note if gap.note and gap.note.note else ""
    if not can_edit:
        return _label(text)
    href = reverse(
        "planning:gap_note",
        args=[assessment.municipality.code, gap.unit.code, gap.need.group.target_group],
    )
    return _label(text or _("add a note"), href)


def report_build(
    assessment: Assessment,
    *,
    group: str = "",
    unit_code: str = "",
    page: str = "",
    gap_limit: int | None = None,
    can_edit: bool = False,
) -> Report:
    """The report in the active language; `group` (a common target-group code) and
    `unit_code` narrow it, as the page's filters do."""
    notes = _Notes()
    groups = [need for need in assessment.needs if not group or need.group.target_group == group]
    sections = [
        _a1(assessment, notes, unit_code),
        _a2(assessment, notes, groups, unit_code),
        _a3(assessment, group),
        _a4(assessment, [g for g in groups if not g.municipality.missing], unit_code, page),
        _a5(assessment),
        _a6(assessment),
        _a7(assessment),
        _a8(assessment, group, unit_code, gap_limit, can_edit),
    ]
    sources = sorted(notes.notes.values(), key=lambda note: note.number)
    entered_illustrative = (
        any(s.is_illustrative for s in assessment.structures.structures)
        or any(f.budget.is_illustrative for f in assessment.budget.years)
        or any(f.service.is_illustrative for f in assessment.inventory.services)
    )
    return Report(
        title=_("Needs Assessment Report"),
        municipality_name=assessment.municipality.name,
        generated_at=timezone.localdate().isoformat(),
        sections=sections,
        sources=sources,
        has_illustrative=entered_illustrative or any(note.illustrative for note in sources),
        has_provisional=any(note.provisional for note in sources),
    )

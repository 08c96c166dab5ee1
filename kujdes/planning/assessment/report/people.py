"""A1 demography and A2 the groups in need."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from kujdes.lib.charts import (
    population_pyramid,
)
from kujdes.planning.assessment.compute import (
    AreaDemography,
    Assessment,
    GroupNeed,
)
from kujdes.planning.assessment.report.blocks import (
    ILLUSTRATIVE_MARK,
    Block,
    Cell,
    ChartBlock,
    Paragraph,
    Section,
    TableBlock,
    _figure,
    _label,
    _Notes,
    _percent,
    _text,
)

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

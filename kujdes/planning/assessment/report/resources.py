"""A5 financing of the services, A6 the structures required by law and their staff, A7 the
municipal budget for social care."""

from decimal import Decimal

from django.utils.translation import gettext as _

from kujdes.directory.models import FundingSource
from kujdes.lib.charts import (
    Series,
    bar_chart,
)
from kujdes.planning.assessment.compute import (
    Assessment,
)
from kujdes.planning.assessment.report.blocks import (
    ILLUSTRATIVE_MARK,
    Block,
    Cell,
    ChartBlock,
    Paragraph,
    Section,
    TableBlock,
    _label,
    _percent,
    _text,
)
from kujdes.planning.models import Programme

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

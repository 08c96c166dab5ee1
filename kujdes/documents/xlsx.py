"""The action plan alone as an XLSX workbook that finance offices can use: one row per
activity with its cost per year and funding source, and a sheet with the budget by source
and year. Read through the plan selectors, in the active language."""

import io
from collections.abc import Sequence
from decimal import Decimal

import openpyxl
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from kujdes.directory.models import FundingSource
from kujdes.planning.models import Plan
from kujdes.planning.selectors import PlanBudget, PlanTree

MONEY = "#,##0.00"
BOLD = Font(bold=True)


def row_append(sheet: Worksheet, row: Sequence[object], *, bold: bool = False) -> None:
    sheet.append(list(row))
    for cell in sheet[sheet.max_row]:
        assert isinstance(cell, Cell)
        if isinstance(cell.value, Decimal):
            cell.number_format = MONEY
        elif isinstance(cell.value, str) and cell.data_type == "f":
            # Text people wrote that begins with "=" stays text, never a formula.
            cell.data_type = "s"
        if bold:
            cell.font = BOLD


def action_plan_xlsx(plan: Plan, tree: PlanTree, budget: PlanBudget) -> bytes:
    sources = list(budget.by_source)
    columns = [(year, source) for year in budget.years for source in sources]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Action plan")[:31]
    row_append(sheet, [plan.name], bold=True)
    row_append(
        sheet,
        [f"{plan.get_kind_display()} · {plan.start_year}–{plan.end_year} · {plan.currency}"],
    )
    header = [
        _("Number"),
        _("Activity"),
        _("Measure"),
        _("Specific objective"),
        _("Responsible"),
        _("From"),
        _("To"),
        _("Target groups"),
        _("Administrative units"),
        _("New service"),
        _("To be contracted to an NGO"),
        *(f"{year} {FundingSource(source).label}" for year, source in columns),
        _("Total"),
    ]
    row_append(sheet, header, bold=True)
    sheet.freeze_panes = f"C{sheet.max_row + 1}"
    yes, no = _("yes"), _("no")
    column_totals = dict.fromkeys(columns, Decimal(0))
    for specific, measure, activity in tree.activity_lines():
        amounts = dict.fromkeys(columns, Decimal(0))
        for cost in activity.costs.all():
            amounts[(cost.year, cost.source)] += cost.amount
            column_totals[(cost.year, cost.source)] += cost.amount
        row_append(
            sheet,
            [
                activity.number,
                activity.name,
                f"{measure.number} {measure.name}",
                f"{specific.number} {specific.name}",
                activity.responsible,
                activity.start_year,
                activity.end_year,
                "; ".join(group.name for group in activity.target_groups.all()),
                "; ".join(unit.name for unit in activity.units.all()),
                yes if activity.creates_new_service else no,
                yes if activity.contracted_to_ngo else no,
                *(amounts[column] for column in columns),
                activity.total_cost,
            ],
        )
    row_append(
        sheet,
        [_("Total"), *[""] * 10, *(column_totals[column] for column in columns), budget.total],
        bold=True,
    )

    summary = workbook.create_sheet(_("Budget")[:31])
    row_append(summary, [_("Source"), *budget.years, _("Total")], bold=True)
    for name, by_year, total in budget.source_rows():
        row_append(summary, [capfirst(name), *by_year, total])
    row_append(summary, [_("Total"), *budget.year_totals(), budget.total], bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

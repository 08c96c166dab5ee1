"""The assessment worded as the Needs Assessment Report: sections A1–A8 of paragraphs, tables
and charts, in the active language. The page, the DOCX and the PDF all render this, so they
say the same thing.

The narrative only states figures the tables show; where a figure is hidden or unknown it
says so rather than guess.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from kujdes.planning.assessment.compute import Assessment
from kujdes.planning.assessment.report.blocks import (
    ILLUSTRATIVE_MARK,
    PROVISIONAL_MARK,
    Block,
    Cell,
    ChartBlock,
    Paragraph,
    Report,
    SourceNote,
    TableBlock,
    _Notes,
)
from kujdes.planning.assessment.report.gaps import _a8
from kujdes.planning.assessment.report.people import _a1, _a2
from kujdes.planning.assessment.report.resources import _a5, _a6, _a7
from kujdes.planning.assessment.report.supply import _a3, _a4

# What the page and the documents render.
__all__ = [
    "ILLUSTRATIVE_MARK",
    "PROVISIONAL_MARK",
    "Block",
    "Cell",
    "ChartBlock",
    "Paragraph",
    "Report",
    "SourceNote",
    "TableBlock",
    "report_build",
]


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

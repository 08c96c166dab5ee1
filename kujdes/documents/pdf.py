"""The Needs Assessment Report as PDF, printed by WeasyPrint from documents/assessment.html.

The charts stay vector graphics (inline SVG). Nothing is fetched: the style sheet and the
charts are in the HTML, and the URL fetcher refuses every address but data: URLs. The plan
document (social_plan/pdf.py) is printed with the same style sheet, blocks and fetcher.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from weasyprint import HTML, URLFetcher
from weasyprint.document import Document

from kujdes.documents.docx import (
    WIDE_TABLE_COLUMNS,
    chart_size,
    numeric_columns,
    svg_printable,
)
from kujdes.planning.assessment.report import (
    ILLUSTRATIVE_MARK,
    PROVISIONAL_MARK,
    Cell,
    ChartBlock,
    Report,
    TableBlock,
)

# A tagged PDF: screen readers can follow its headings and tables.
PDF_OPTIONS = {"pdf_tags": True}


@dataclass
class PrintedChart:
    caption: str
    svg: SafeString
    credit: str
    width_cm: str
    kind: str = "chart"


@dataclass
class PrintedTable:
    caption: str
    # (heading, whether the column holds numbers)
    header: list[tuple[str, bool]]
    rows: list[list[Cell]]
    footer: list[list[Cell]]
    wide: bool
    kind: str = "table"


def printed(block: object) -> object:
    """The block as the templates print it: tables with their columns' alignment, charts as
    printable SVG; anything else as it is."""
    if isinstance(block, TableBlock):
        return PrintedTable(
            block.caption,
            list(zip(block.header, numeric_columns(block), strict=True)),
            block.rows,
            block.footer,
            wide=len(block.header) > WIDE_TABLE_COLUMNS,
        )
    if isinstance(block, ChartBlock):
        svg = svg_printable(str(block.svg))
        width, _height = chart_size(svg)
        # The SVG was parsed and written back by ElementTree, which escapes all text.
        return PrintedChart(block.caption, mark_safe(svg), block.credit, f"{width:.2f}")
    return block


def assessment_html(report: Report) -> str:
    """The HTML WeasyPrint prints, in the active language."""
    sections = [
        {
            "code": section.code,
            "title": section.title,
            "blocks": [printed(block) for block in section.blocks],
        }
        for section in report.sections
    ]
    return render_to_string(
        "documents/assessment.html",
        {
            "report": report,
            "sections": sections,
            "language": translation.get_language(),
            "illustrative_mark": ILLUSTRATIVE_MARK,
            "provisional_mark": PROVISIONAL_MARK,
        },
    )


def pdf_render(html: str) -> Document:
    """The HTML laid out in pages, not yet written; nothing is fetched."""
    return HTML(
        string=html,
        base_url=None,
        url_fetcher=URLFetcher(allowed_protocols=("data",), allow_redirects=False),
    ).render(**PDF_OPTIONS)


def assessment_pdf_render(report: Report) -> Document:
    """The report laid out in pages, not yet written."""
    return pdf_render(assessment_html(report))


def assessment_pdf(report: Report) -> bytes:
    return assessment_pdf_render(report).write_pdf(**PDF_OPTIONS)

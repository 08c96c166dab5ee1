"""The Needs Assessment Report as a Word document (DOCX), for planners who edit it further.

It says what the page and the PDF say: the report's sections, tables and charts, in the
language active while it is written. Charts become PNG pictures. The plan document
(social_plan/docx.py) is written with the same pieces.
"""

import copy
import io
import re
from xml.etree import ElementTree

import cairosvg
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from kujdes.planning.assessment.report import (
    ILLUSTRATIVE_MARK,
    PROVISIONAL_MARK,
    Block,
    Cell,
    ChartBlock,
    Paragraph,
    Report,
    SourceNote,
    TableBlock,
)

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 21.0, 29.7, 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
CHART_WIDTH_CM = 16.0
CHART_HEIGHT_MAX_CM = 13.0
# Tables with more columns than this are set smaller to fit the page (smaller still beyond 9).
WIDE_TABLE_COLUMNS = 6
MUTED = RGBColor(0x53, 0x5B, 0x6B)
# Kujdes's language codes as word processors know them.
WORD_LANGUAGES = {"sq": "sq-AL", "sr-latn": "sr-Latn-RS", "en": "en-GB"}


def svg_printable(svg: str) -> str:
    """The chart with label halos drawn as a copy underneath: CairoSVG and WeasyPrint ignore
    `paint-order`, and would draw the white halo over the letters."""
    # Our own chart markup (kujdes.lib.charts), not outside input.
    root = ElementTree.fromstring(svg)  # noqa: S314
    for parent in list(root.iter()):
        for index in reversed(range(len(parent))):
            label = parent[index]
            stroke = label.get("stroke")
            if stroke and label.get("paint-order", "").startswith("stroke"):
                halo = copy.deepcopy(label)
                halo.set("fill", stroke)
                halo.set("aria-hidden", "true")
                del halo.attrib["paint-order"]
                for element in halo.iter():
                    element.attrib.pop("id", None)
                for name in ("stroke", "stroke-width", "paint-order"):
                    label.attrib.pop(name, None)
                parent.insert(index, halo)
    # Written back without namespace prefixes ("ns0:"), which HTML would not read as SVG.
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG_NAMESPACE}}}")
    root.set("xmlns", SVG_NAMESPACE)
    return ElementTree.tostring(root, encoding="unicode")


def chart_size(svg: str) -> tuple[float, float]:
    """Width and height of the chart in cm: the page width, unless that makes it too tall."""
    match = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', svg)
    if not match:
        return CHART_WIDTH_CM, CHART_WIDTH_CM / 2
    width, height = float(match[1]), float(match[2])
    scale = min(CHART_WIDTH_CM / width, CHART_HEIGHT_MAX_CM / height)
    return width * scale, height * scale


def _row_flags(row: _Row, *names: str) -> None:
    properties = row._tr.get_or_add_trPr()
    for name in names:
        element = OxmlElement(name)
        element.set(qn("w:val"), "true")
        properties.append(element)


def _repeat_as_header(row: _Row) -> None:
    _row_flags(row, "w:tblHeader", "w:cantSplit")


def _keep_with_next(paragraph: DocxParagraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _cell_write(paragraph: DocxParagraph, cell: Cell, *, bold: bool, size: Pt) -> None:
    run = paragraph.add_run(cell.text)
    run.bold = bold or cell.flagged
    run.font.size = size
    # The marks and the source number after the figure, raised: "148 ᵖ ³".
    raised = "\u2009".join(part for part in (cell.marks, str(cell.note or "")) if part)
    if raised:
        run = paragraph.add_run("\u2009" + raised)
        run.font.superscript, run.font.size, run.bold = True, size, bold
    if cell.numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


def _column_widths(block: TableBlock, size: Pt, text_width: float = TEXT_WIDTH_CM) -> list[float]:
    """Widths in cm that fill the text width. Each column gets at least room for its longest
    word (of the heading or a cell) and its longest figure, so that none is broken; what is
    left goes to the columns whose text would otherwise wrap most."""
    # An average character, a bold one (headings), and the cell's inner margins, in cm; wide
    # enough for the fonts a word processor may put in place of the template's.
    character = 0.6 * size.pt * 2.54 / 72
    bold = 0.72 * size.pt * 2.54 / 72
    padding = 0.45
    least, wanted = [], []
    for index, heading in enumerate(block.header):
        cells = [row[index] for row in block.rows + block.footer if index < len(row)]
        lengths = [
            _longest_line(cell.text) + len(cell.marks) + len(str(cell.note or "")) for cell in cells
        ]
        figures = [length for cell, length in zip(cells, lengths, strict=True) if cell.numeric]
        heading_word = max((len(word) for word in heading.split()), default=0)
        cell_word = max((len(word) for cell in cells for word in cell.text.split()), default=0)
        least.append(
            max(heading_word * bold, max(figures, default=2) * character, cell_word * character)
            + padding
        )
        wanted.append(max(least[-1], min(max(lengths, default=0), 32) * character + padding))
    if sum(wanted) <= text_width:
        return [text_width * width / sum(wanted) for width in wanted]
    if sum(least) >= text_width:
        return [text_width * width / sum(least) for width in least]
    left, more = text_width - sum(least), [w - m for w, m in zip(wanted, least, strict=True)]
    return [m + left * extra / sum(more) for m, extra in zip(least, more, strict=True)]


def numeric_columns(block: TableBlock) -> list[bool]:
    """Which columns hold figures (their headings are aligned with them), judged by the first
    row; the first column names the row."""
    first = (block.rows or block.footer or [[]])[0]
    return [0 < index < len(first) and first[index].numeric for index in range(len(block.header))]


def _row_cells(row: _Row) -> list[_Cell]:
    # `row.cells` lays out the whole table each time; a report's tables have hundreds of cells.
    return [_Cell(tc, row.table) for tc in row._tr.tc_lst]


def _table_write(
    document: DocumentObject, block: TableBlock, text_width: float = TEXT_WIDTH_CM
) -> Table:
    caption = document.add_paragraph(block.caption, style="Caption")
    _keep_with_next(caption)
    count = len(block.header)
    size = Pt(9.5) if count <= WIDE_TABLE_COLUMNS else Pt(8) if count <= 9 else Pt(7)
    widths = [Cm(width) for width in _column_widths(block, size, text_width)]
    body = [(row, False) for row in block.rows] + [(row, True) for row in block.footer]
    table = document.add_table(rows=1 + len(body), cols=len(block.header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    # LibreOffice reads the grid's widths, Word each cell's.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header, *rows = table.rows
    _repeat_as_header(header)
    columns = zip(block.header, _row_cells(header), widths, numeric_columns(block), strict=True)
    for heading, target, width, numeric in columns:
        run = target.paragraphs[0].add_run(heading)
        run.bold, run.font.size = True, size
        target.width = width
        if numeric:
            target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for (cells, bold), row in zip(body, rows, strict=True):
        # A row stays on one page; the header row starts the next.
        _row_flags(row, "w:cantSplit")
        for cell, target, width in zip(cells, _row_cells(row), widths, strict=True):
            target.width = width
            _cell_write(target.paragraphs[0], cell, bold=bold, size=size)
    document.add_paragraph()
    return table


def _chart_write(document: DocumentObject, block: ChartBlock) -> None:
    caption = document.add_paragraph(block.caption, style="Caption")
    _keep_with_next(caption)
    svg = svg_printable(str(block.svg))
    width, height = chart_size(svg)
    # About 250 dots per inch at the printed width.
    png = cairosvg.svg2png(
        bytestring=svg.encode(), output_width=round(width * 100), background_color="white"
    )
    picture = document.add_paragraph()
    picture.add_run().add_picture(io.BytesIO(png), width=Cm(width), height=Cm(height))
    if block.credit:
        _keep_with_next(picture)
        credit = document.add_paragraph()
        run = credit.add_run(block.credit)
        run.font.size, run.font.color.rgb = Pt(8), MUTED


def _source_text(note: SourceNote) -> str:
    parts = [note.name]
    if note.publisher:
        parts.append(note.publisher)
    if note.year:
        parts.append(str(note.year))
    text = ", ".join(parts)
    if note.illustrative:
        text += " (" + _("illustrative") + ")"
    if note.provisional:
        text += " (" + _("provisional") + ")"
    if note.url:
        text += f". {note.url}"
    return text


def _sources_write(document: DocumentObject, report: Report, level: int) -> None:
    document.add_heading(_("Sources"), level=level)
    for note in report.sources:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.8)
        paragraph.paragraph_format.first_line_indent = Cm(-0.8)
        paragraph.add_run(f"{note.number}\t").bold = True
        paragraph.add_run(_source_text(note))
    legend = [_("A small raised number after a figure is its source in this list.")]
    if report.has_illustrative:
        legend.append(
            _(
                "%(mark)s illustrative: generated for the demonstration, not taken from a "
                "public source."
            )
            % {"mark": ILLUSTRATIVE_MARK}
        )
    if report.has_provisional:
        legend.append(
            _("%(mark)s provisional: the source may still revise the figure.")
            % {"mark": PROVISIONAL_MARK}
        )
    legend.append(_("Figures in bold in a table's body need attention: no service, a vacancy."))
    for line in legend:
        run = document.add_paragraph().add_run(line)
        run.font.size, run.font.color.rgb = Pt(9), MUTED


def _page_number_field(paragraph: DocxParagraph) -> None:
    """A PAGE field; the "1" inside is what shows until the word processor updates it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def page_set_up(section: DocxSection, running_title: str) -> None:
    """A4 with the document's margins, the running title at the top, the page number below."""
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    header = section.header.paragraphs[0]
    run = header.add_run(running_title)
    run.font.size, run.font.color.rgb = Pt(8), MUTED
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _page_number_field(footer)


def language_set(document: DocumentObject, language: str) -> None:
    """The language of the text, for the word processor's spelling and hyphenation."""
    document.core_properties.language = language
    properties = document.styles["Normal"].element.get_or_add_rPr()
    element = properties.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        properties.append(element)
    element.set(qn("w:val"), WORD_LANGUAGES.get(language, language))


def block_write(document: DocumentObject, block: Block, text_width: float = TEXT_WIDTH_CM) -> None:
    if isinstance(block, Paragraph):
        document.add_paragraph(block.text)
    elif isinstance(block, TableBlock):
        _table_write(document, block, text_width)
    else:
        _chart_write(document, block)


def report_write(document: DocumentObject, report: Report, *, level: int) -> None:
    """The report's sections and sources, their headings at `level` (Heading 1, 2, …)."""
    for section in report.sections:
        document.add_heading(f"{section.code} {section.title}", level=level)
        for block in section.blocks:
            block_write(document, block)
    _sources_write(document, report, level)


def document_bytes(document: DocumentObject) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def assessment_docx(report: Report) -> bytes:
    document = Document()
    document.core_properties.title = f"{report.title}: {report.municipality_name}"
    document.core_properties.subject = report.municipality_name
    language_set(document, translation.get_language() or settings.LANGUAGE_CODE)
    page_set_up(document.sections[0], f"{report.title} · {report.municipality_name}")
    document.add_heading(report.title, level=0)
    subtitle = document.add_paragraph(style="Subtitle")
    subtitle.add_run(f"{report.municipality_name} · {report.generated_at}")
    report_write(document, report, level=1)
    return document_bytes(document)

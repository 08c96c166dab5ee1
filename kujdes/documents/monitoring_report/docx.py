"""The monitoring report as DOCX, written with the Needs Assessment Report's pieces
(kujdes.documents.docx): A4 pages with the running title and the page number, tables whose
header row repeats and whose rows are not split, charts as PNG pictures. A cover page, then
each chapter as Heading 1."""

from docx import Document

from kujdes.documents.docx import MUTED, block_write, document_bytes, language_set, page_set_up
from kujdes.documents.monitoring_report import ReportContent
from kujdes.documents.social_plan.blocks import Heading


def monitoring_report_docx(report: ReportContent) -> bytes:
    document = Document()
    document.core_properties.title = f"{report.title}: {report.plan_title}"
    document.core_properties.subject = report.subtitle
    language_set(document, report.language)
    page_set_up(document.sections[0], report.running_title)
    document.add_paragraph(report.title, style="Title")
    document.add_paragraph(report.plan_title, style="Subtitle")
    document.add_paragraph(report.kind)
    document.add_paragraph(report.subtitle)
    for line in report.cover:
        document.add_paragraph(line)
    written_on = document.add_paragraph(report.written_on)
    written_on.runs[0].font.color.rgb = MUTED
    for notice in report.notices:
        document.add_paragraph(notice).runs[0].bold = True
    for index, chapter in enumerate(report.chapters):
        heading = document.add_heading(chapter.title, level=1)
        # The cover has a page of its own.
        heading.paragraph_format.page_break_before = index == 0
        for block in chapter.blocks:
            if isinstance(block, Heading):
                document.add_heading(block.text, level=1 + block.level)
            else:
                block_write(document, block)
    return document_bytes(document)

"""The monitoring report as PDF, printed by WeasyPrint from documents/monitoring_report.html
with the Needs Assessment Report's style sheet, blocks and fetcher (kujdes.documents.pdf):
a cover with the contents and their pages, then the chapters, the running title at the top of
each page and the chapter's name beside it, the page number below."""

from django.template.loader import render_to_string
from weasyprint.document import Document

from kujdes.documents.monitoring_report import ReportContent
from kujdes.documents.pdf import PDF_OPTIONS, pdf_render, printed


def monitoring_report_html(report: ReportContent) -> str:
    chapters = [
        {
            "anchor": chapter.anchor,
            "title": chapter.title,
            "blocks": [printed(block) for block in chapter.blocks],
        }
        for chapter in report.chapters
    ]
    return render_to_string(
        "documents/monitoring_report.html", {"report": report, "chapters": chapters}
    )


def monitoring_report_pdf_render(report: ReportContent) -> Document:
    """The report laid out in pages, not yet written."""
    return pdf_render(monitoring_report_html(report))


def monitoring_report_pdf(report: ReportContent) -> bytes:
    return monitoring_report_pdf_render(report).write_pdf(**PDF_OPTIONS)

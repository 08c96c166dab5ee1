"""The background task that writes a requested document.

The file is attached only when the whole document is written: the renderers return bytes,
and one storage write under the document's own folder stores them. Whatever goes wrong, the
document ends failed, with a message its reader understands, and no file.
"""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django_tasks import task

from kujdes.audit.services import event_record
from kujdes.documents.models import AssessmentDocument
from kujdes.planning.assessment import assessment_build
from kujdes.planning.assessment.report import Report, report_build

logger = logging.getLogger(__name__)

# The steps are stored untranslated and shown in the reader's language.
STEP_FIGURES = gettext_noop("computing the figures")
STEP_WRITING = gettext_noop("writing the document")
STEP_SAVING = gettext_noop("saving")
FAILED = gettext_noop(
    "The document could not be written. Please ask for it again; if it fails again, "
    "tell your administrator."
)


def document_filename(document: AssessmentDocument, day: str) -> str:
    """needs-assessment-AL-BULQIZE-sq-2025-03-01.docx"""
    return (
        f"needs-assessment-{document.municipality.code}-{document.language}-{day}.{document.format}"
    )


def document_folder(document: AssessmentDocument) -> str:
    """Each document's file lives in a folder of its own, so its name stays the one given
    and a failed write can be cleared without touching other documents."""
    return f"{document.file.field.upload_to}{document.pk}"


def _render(report: Report, format: str) -> bytes:
    # Imported here, in the worker: WeasyPrint and CairoSVG take a second to load, which the
    # web processes (which import this module to queue the task) need not spend.
    from kujdes.documents import docx, pdf

    if format == AssessmentDocument.Format.DOCX:
        return docx.assessment_docx(report)
    return pdf.assessment_pdf(report)


def _advance(document: AssessmentDocument, progress: int, step: str) -> None:
    document.status = AssessmentDocument.Status.RUNNING
    document.progress, document.step = progress, step
    document.save(update_fields=["status", "progress", "step"])


def _discard_files(document: AssessmentDocument) -> None:
    storage = document.file.storage
    folder = document_folder(document)
    if storage.exists(folder):
        for name in storage.listdir(folder)[1]:
            storage.delete(f"{folder}/{name}")


def _write(document: AssessmentDocument) -> None:
    _advance(document, 10, STEP_FIGURES)
    report = report_build(assessment_build(document.municipality))
    _advance(document, 50, STEP_WRITING)
    content = _render(report, document.format)
    _advance(document, 90, STEP_SAVING)
    document.file.save(
        f"{document.pk}/{document_filename(document, report.generated_at)}",
        ContentFile(content),
        save=False,
    )
    document.status, document.progress, document.step = AssessmentDocument.Status.DONE, 100, ""
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "status", "progress", "step", "finished_at"])
    event_record(
        actor=None,
        verb="assessment_document.written",
        target_type="assessment_document",
        target_key=str(document.pk),
        payload={"municipality": document.municipality.code, "bytes": len(content)},
    )


@task()
def assessment_document_write(document_id: str) -> None:
    document = (
        AssessmentDocument.objects.select_related("municipality").filter(pk=document_id).first()
    )
    if document is None or document.status != AssessmentDocument.Status.QUEUED:
        # Deleted meanwhile, or a job run twice: nothing to write.
        logger.warning("Assessment document %s is not waiting to be written.", document_id)
        return
    try:
        with translation.override(document.language):
            _write(document)
    except Exception:
        logger.exception("Writing assessment document %s failed.", document_id)
        _discard_files(document)
        with translation.override(document.language):
            error = gettext(FAILED)
        AssessmentDocument.objects.filter(pk=document.pk).update(
            status=AssessmentDocument.Status.FAILED,
            error=error,
            file="",
            finished_at=timezone.now(),
        )
        event_record(
            actor=None,
            verb="assessment_document.failed",
            target_type="assessment_document",
            target_key=str(document.pk),
            payload={"municipality": document.municipality.code, "step": document.step},
        )

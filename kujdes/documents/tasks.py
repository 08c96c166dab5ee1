"""The background tasks that write a requested document: the Needs Assessment Report, a
plan as one document (Part A, Part B, the annexes), or the monitoring report of a year's
review.

The file is attached only when the whole document is written: the renderers return bytes,
and one storage write under the document's own folder stores them. Whatever goes wrong, the
document ends failed, with a message its reader understands, and no file.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django_tasks import task

from kujdes.audit.services import event_record
from kujdes.documents.models import (
    AssessmentDocument,
    GeneratedDocument,
    MonitoringReport,
    PlanDocument,
)
from kujdes.documents.monitoring_report import ReportContent, monitoring_report_build
from kujdes.documents.selectors import review_facts
from kujdes.documents.social_plan import Edition, social_plan_build
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

Written = TypeVar("Written", AssessmentDocument, PlanDocument, MonitoringReport)
# A document with its file.
Stored = AssessmentDocument | PlanDocument | MonitoringReport


def document_filename(document: AssessmentDocument, day: str) -> str:
    """needs-assessment-AL-BULQIZE-sq-2025-03-01.docx"""
    return (
        f"needs-assessment-{document.municipality.code}-{document.language}-{day}.{document.format}"
    )


def plan_document_filename(document: PlanDocument, day: str) -> str:
    """social-plan-AL-BULQIZE-2026-2028-sq-2026-05-02.pdf; "-v2" for a second version,
    "sq-sr" for the bilingual edition."""
    plan = document.plan
    version = f"-v{plan.revision}" if plan.revision > 1 else ""
    language = "-".join(code.split("-")[0] for code in document.languages)
    return (
        f"{plan.kind.replace('_', '-')}-{plan.municipality.code}-{plan.start_year}-"
        f"{plan.end_year}{version}-{language}-{day}.{document.format}"
    )


def monitoring_report_filename(report: MonitoringReport, day: str) -> str:
    """monitoring-report-AL-BULQIZE-2026-2028-review-2026-sq-2027-02-10.pdf; "-v2" for the
    review of a plan's second version."""
    review, plan = report.review, report.review.plan
    version = f"-v{plan.revision}" if plan.revision > 1 else ""
    return (
        f"monitoring-report-{plan.municipality.code}-{plan.start_year}-{plan.end_year}{version}-"
        f"review-{review.year}-{report.language.split('-')[0]}-{day}.{report.format}"
    )


def document_folder(document: Stored) -> str:
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


def _plan_render(editions: list[Edition], format: str) -> bytes:
    # Imported here, in the worker, as above.
    from kujdes.documents.social_plan import docx, pdf

    if format == PlanDocument.Format.DOCX:
        return docx.social_plan_docx(editions)
    return pdf.social_plan_pdf(editions)


def _report_render(report: ReportContent, format: str) -> bytes:
    # Imported here, in the worker, as above.
    from kujdes.documents.monitoring_report import docx, pdf

    if format == MonitoringReport.Format.DOCX:
        return docx.monitoring_report_docx(report)
    return pdf.monitoring_report_pdf(report)


def _advance(document: GeneratedDocument, progress: int, step: str) -> None:
    document.status = GeneratedDocument.Status.RUNNING
    document.progress, document.step = progress, step
    document.save(update_fields=["status", "progress", "step"])


def _discard_files(document: Stored) -> None:
    storage = document.file.storage
    folder = document_folder(document)
    if storage.exists(folder):
        for name in storage.listdir(folder)[1]:
            storage.delete(f"{folder}/{name}")


def _finish(document: Stored, content: bytes, filename: str, *fields: str) -> None:
    document.file.save(f"{document.pk}/{filename}", ContentFile(content), save=False)
    document.status, document.progress, document.step = GeneratedDocument.Status.DONE, 100, ""
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "status", "progress", "step", "finished_at", *fields])


def _write(document: AssessmentDocument) -> None:
    _advance(document, 10, STEP_FIGURES)
    report = report_build(assessment_build(document.municipality))
    _advance(document, 50, STEP_WRITING)
    content = _render(report, document.format)
    _advance(document, 90, STEP_SAVING)
    _finish(document, content, document_filename(document, report.generated_at))
    event_record(
        actor=None,
        verb="assessment_document.written",
        target_type="assessment_document",
        target_key=str(document.pk),
        payload={"municipality": document.municipality.code, "bytes": len(content)},
    )


def _plan_write(document: PlanDocument) -> None:
    _advance(document, 10, STEP_FIGURES)
    plan = document.plan
    # The status the content was read in: only what was read from an adopted plan is public.
    document.plan_status = plan.status
    editions = social_plan_build(plan, document.languages)
    _advance(document, 50, STEP_WRITING)
    content = _plan_render(editions, document.format)
    _advance(document, 90, STEP_SAVING)
    filename = plan_document_filename(document, editions[0].generated_at)
    _finish(document, content, filename, "plan_status")
    event_record(
        actor=None,
        verb="plan_document.written",
        target_type="plan_document",
        target_key=str(document.pk),
        payload={
            "municipality": plan.municipality.code,
            "plan": str(plan.pk),
            "plan_status": plan.status,
            "bytes": len(content),
        },
    )


def _report_write(report: MonitoringReport) -> None:
    _advance(report, 10, STEP_FIGURES)
    review, plan = report.review, report.review.plan
    content = monitoring_report_build(review_facts(review))
    _advance(report, 50, STEP_WRITING)
    written = _report_render(content, report.format)
    _advance(report, 90, STEP_SAVING)
    _finish(report, written, monitoring_report_filename(report, content.generated_at))
    event_record(
        actor=None,
        verb="monitoring_report.written",
        target_type="monitoring_report",
        target_key=str(report.pk),
        payload={
            "municipality": plan.municipality.code,
            "plan": str(plan.pk),
            "year": review.year,
            "bytes": len(written),
        },
    )


def _run(
    document: Written | None,
    document_id: str,
    write: Callable[[Written], None],
    target_type: str,
    payload: Callable[[Written], dict[str, str | int]],
) -> None:
    """Writes the document once; on any failure, leaves it failed, with no file."""
    if document is None or document.status != GeneratedDocument.Status.QUEUED:
        # Deleted meanwhile, or a job run twice: nothing to write.
        logger.warning("%s %s is not waiting to be written.", target_type, document_id)
        return
    try:
        with translation.override(document.languages[0]):
            write(document)
    except Exception:
        logger.exception("Writing %s %s failed.", target_type.replace("_", " "), document_id)
        _discard_files(document)
        with translation.override(document.languages[0]):
            error = gettext(FAILED)
        type(document).objects.filter(pk=document.pk).update(
            status=GeneratedDocument.Status.FAILED,
            error=error,
            file="",
            finished_at=timezone.now(),
        )
        event_record(
            actor=None,
            verb=f"{target_type}.failed",
            target_type=target_type,
            target_key=str(document.pk),
            payload={**payload(document), "step": document.step},
        )


@task()
def assessment_document_write(document_id: str) -> None:
    document = (
        AssessmentDocument.objects.select_related("municipality").filter(pk=document_id).first()
    )
    _run(
        document,
        document_id,
        _write,
        "assessment_document",
        lambda document: {"municipality": document.municipality.code},
    )


@task()
def plan_document_write(document_id: str) -> None:
    document = (
        PlanDocument.objects.select_related("plan__municipality").filter(pk=document_id).first()
    )
    _run(
        document,
        document_id,
        _plan_write,
        "plan_document",
        lambda document: {
            "municipality": document.plan.municipality.code,
            "plan": str(document.plan_id),
        },
    )


@task()
def monitoring_report_write(report_id: str) -> None:
    report = (
        MonitoringReport.objects.select_related("review__plan__municipality", "review__meeting")
        .filter(pk=report_id)
        .first()
    )
    _run(
        report,
        report_id,
        _report_write,
        "monitoring_report",
        lambda report: {
            "municipality": report.review.plan.municipality.code,
            "plan": str(report.review.plan_id),
            "year": report.review.year,
        },
    )

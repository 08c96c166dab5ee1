"""Asking for a document. The document is written by a background task (tasks.py), which
starts only once the request is committed, so that it always finds its row."""

from django.conf import settings
from django.db import transaction

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.documents.models import AssessmentDocument, MonitoringReport, PlanDocument
from kujdes.documents.tasks import (
    assessment_document_write,
    monitoring_report_write,
    plan_document_write,
)
from kujdes.monitoring.models import Review
from kujdes.planning.models import Plan
from kujdes.territory.models import Area

CONTENT_TYPES = {
    AssessmentDocument.Format.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    AssessmentDocument.Format.PDF: "application/pdf",
}


def document_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# Kosovo's municipalities work in Albanian and Serbian alike: their plans may be written in
# both in one file.
BILINGUAL_COUNTRIES = ("XK",)


def plan_document_languages(plan: Plan) -> list[str]:
    """The languages the plan's document may be asked for in: each language, and for a Kosovo
    plan Albanian and Serbian together."""
    languages = document_languages()
    if plan.municipality.country_code in BILINGUAL_COUNTRIES:
        languages.append(PlanDocument.BILINGUAL)
    return languages


@transaction.atomic
def assessment_document_request(
    *, actor: User, municipality: Area, language: str, format: str
) -> AssessmentDocument:
    """Queue the municipality's Needs Assessment Report in one language and format. The caller
    has checked that the actor may read the municipality's assessment."""
    if municipality.level != Area.Level.MUNICIPALITY:
        raise ValueError(f"{municipality.code} is not a municipality.")
    if language not in document_languages():
        raise ValueError(f"Unknown language {language!r}.")
    if format not in AssessmentDocument.Format.values:
        raise ValueError(f"Unknown format {format!r}.")
    document = AssessmentDocument.objects.create(
        municipality=municipality, language=language, format=format, requested_by=actor
    )
    event_record(
        actor=actor,
        verb="assessment_document.requested",
        target_type="assessment_document",
        target_key=str(document.pk),
        payload={"municipality": municipality.code, "language": language, "format": format},
    )
    document_id = str(document.pk)
    transaction.on_commit(lambda: assessment_document_write.enqueue(document_id))
    return document


@transaction.atomic
def plan_document_request(*, actor: User, plan: Plan, language: str, format: str) -> PlanDocument:
    """Queue the plan as one document in one language (or Albanian and Serbian together, for
    a Kosovo plan) and format. The caller has checked that the actor may read the plan."""
    if language not in plan_document_languages(plan):
        raise ValueError(f"Unknown language {language!r}.")
    if format not in PlanDocument.Format.values:
        raise ValueError(f"Unknown format {format!r}.")
    document = PlanDocument.objects.create(
        plan=plan, language=language, format=format, requested_by=actor
    )
    event_record(
        actor=actor,
        verb="plan_document.requested",
        target_type="plan_document",
        target_key=str(document.pk),
        payload={
            "municipality": plan.municipality.code,
            "plan": str(plan.pk),
            "language": language,
            "format": format,
        },
    )
    document_id = str(document.pk)
    transaction.on_commit(lambda: plan_document_write.enqueue(document_id))
    return document


@transaction.atomic
def monitoring_report_request(
    *, actor: User, review: Review, language: str, format: str
) -> MonitoringReport:
    """Queue the monitoring report of the review's year in one language and format. The
    caller has checked that the actor may edit the plan under review."""
    if language not in document_languages():
        raise ValueError(f"Unknown language {language!r}.")
    if format not in MonitoringReport.Format.values:
        raise ValueError(f"Unknown format {format!r}.")
    report = MonitoringReport.objects.create(
        review=review, language=language, format=format, requested_by=actor
    )
    plan = review.plan
    event_record(
        actor=actor,
        verb="monitoring_report.requested",
        target_type="monitoring_report",
        target_key=str(report.pk),
        payload={
            "municipality": plan.municipality.code,
            "plan": str(plan.pk),
            "year": review.year,
            "language": language,
            "format": format,
        },
    )
    report_id = str(report.pk)
    transaction.on_commit(lambda: monitoring_report_write.enqueue(report_id))
    return report

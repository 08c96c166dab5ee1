"""Asking for a document. The document is written by a background task (tasks.py), which
starts only once the request is committed, so that it always finds its row."""

from typing import Any, TypeVar

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


Document = TypeVar("Document", AssessmentDocument, PlanDocument, MonitoringReport)


def _queued(
    model: type[Document],
    kind: str,
    write: Any,
    *,
    actor: User,
    language: str,
    languages: list[str],
    format: str,
    of: dict[str, Any],
    payload: dict[str, Any],
) -> Document:
    """Create the document `of` its subject, record who asked for it (`<kind>.requested`),
    and have the task `write` it once the request is committed."""
    if language not in languages:
        raise ValueError(f"Unknown language {language!r}.")
    if format not in model.Format.values:
        raise ValueError(f"Unknown format {format!r}.")
    document = model.objects.create(language=language, format=format, requested_by=actor, **of)
    event_record(
        actor=actor,
        verb=f"{kind}.requested",
        target_type=kind,
        target_key=str(document.pk),
        payload={**payload, "language": language, "format": format},
    )
    document_id = str(document.pk)
    transaction.on_commit(lambda: write.enqueue(document_id))
    return document


@transaction.atomic
def assessment_document_request(
    *, actor: User, municipality: Area, language: str, format: str
) -> AssessmentDocument:
    """Queue the municipality's Needs Assessment Report in one language and format. The caller
    has checked that the actor may read the municipality's assessment."""
    if municipality.level != Area.Level.MUNICIPALITY:
        raise ValueError(f"{municipality.code} is not a municipality.")
    return _queued(
        AssessmentDocument,
        "assessment_document",
        assessment_document_write,
        actor=actor,
        language=language,
        languages=document_languages(),
        format=format,
        of={"municipality": municipality},
        payload={"municipality": municipality.code},
    )


@transaction.atomic
def plan_document_request(*, actor: User, plan: Plan, language: str, format: str) -> PlanDocument:
    """Queue the plan as one document in one language (or Albanian and Serbian together, for
    a Kosovo plan) and format. The caller has checked that the actor may read the plan."""
    return _queued(
        PlanDocument,
        "plan_document",
        plan_document_write,
        actor=actor,
        language=language,
        languages=plan_document_languages(plan),
        format=format,
        of={"plan": plan},
        payload={"municipality": plan.municipality.code, "plan": str(plan.pk)},
    )


@transaction.atomic
def monitoring_report_request(
    *, actor: User, review: Review, language: str, format: str
) -> MonitoringReport:
    """Queue the monitoring report of the review's year in one language and format. The
    caller has checked that the actor may edit the plan under review."""
    plan = review.plan
    return _queued(
        MonitoringReport,
        "monitoring_report",
        monitoring_report_write,
        actor=actor,
        language=language,
        languages=document_languages(),
        format=format,
        of={"review": review},
        payload={
            "municipality": plan.municipality.code,
            "plan": str(plan.pk),
            "year": review.year,
        },
    )

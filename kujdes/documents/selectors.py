"""Reading the generated documents: only the readers of a municipality's assessment see its
documents, and a document asked through another municipality answers 404. The documents of an
adopted plan are public. And what the plan document reads besides the plan's tree and budget:
the advisory group and the consultation."""

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import Http404

from kujdes.accounts.models import User
from kujdes.documents.models import AssessmentDocument, PlanDocument
from kujdes.planning.models import (
    AdvisoryMember,
    Comment,
    Decision,
    Meeting,
    Plan,
)
from kujdes.planning.selectors import (
    municipalities_for_reader,
    municipality_get_for_reader,
    plan_get_for_reader,
)
from kujdes.territory.models import Area

LIST_LENGTH = 20


def documents_for_reader(user: User, municipality: Area) -> list[AssessmentDocument]:
    """The municipality's latest documents, newest first, if the user may read its assessment."""
    if not municipalities_for_reader(user).filter(pk=municipality.pk).exists():
        return []
    return list(
        AssessmentDocument.objects.filter(municipality=municipality)
        .select_related("municipality")
        .order_by("-requested_at")[:LIST_LENGTH]
    )


def document_get_for_reader(user: User, code: str, document_id: uuid.UUID) -> AssessmentDocument:
    municipality = municipality_get_for_reader(user, code)
    document = (
        AssessmentDocument.objects.filter(pk=document_id, municipality=municipality)
        .select_related("municipality")
        .first()
    )
    if document is None:
        raise Http404
    return document


# ── The plan as a document ──────────────────────────────────────────────────────────────────


def plan_documents_of(plan: Plan) -> list[PlanDocument]:
    """The plan's latest documents, newest first; the caller has checked that the user may
    read the plan."""
    return list(PlanDocument.objects.filter(plan=plan).order_by("-requested_at")[:LIST_LENGTH])


def plan_document_get_for_reader(
    user: User, code: str, plan_id: uuid.UUID, document_id: uuid.UUID
) -> PlanDocument:
    plan = plan_get_for_reader(user, code, plan_id)
    document = PlanDocument.objects.filter(pk=document_id, plan=plan).first()
    if document is None:
        raise Http404
    document.plan = plan
    return document


def plan_documents_public(plan: Plan) -> list[PlanDocument]:
    """The documents anyone may download of an adopted plan (adopted, in implementation or
    closed): finished, written once the plan was adopted, the newest of each language and
    format. None for any other plan."""
    if plan.status not in Plan.ADOPTED_STATUSES:
        return []
    documents = PlanDocument.objects.filter(
        plan=plan, status=PlanDocument.Status.DONE, plan_status__in=Plan.ADOPTED_STATUSES
    ).order_by("-requested_at")
    newest: dict[tuple[str, str], PlanDocument] = {}
    for document in documents:
        document.plan = plan
        newest.setdefault((document.language, document.format), document)
    return sorted(newest.values(), key=lambda document: (document.language, document.format))


def plan_document_get_public(code: str, plan_id: uuid.UUID, document_id: uuid.UUID) -> PlanDocument:
    """A published document of an adopted plan of the municipality `code`; 404 otherwise."""
    document = (
        PlanDocument.objects.filter(
            pk=document_id,
            plan_id=plan_id,
            plan__municipality__code=code,
            plan__status__in=Plan.ADOPTED_STATUSES,
            status=PlanDocument.Status.DONE,
            plan_status__in=Plan.ADOPTED_STATUSES,
        )
        .select_related("plan__municipality")
        .first()
    )
    if document is None or not document.file:
        raise Http404
    return document


@dataclass
class Participation:
    """Who took part in writing the plan, for its annexes: the advisory group's members (the
    active ones and any former member present at a meeting on the plan), its meetings with
    those present and the decisions with the plan items they changed, and the comments of the
    consultation. The commenters' names are not read."""

    members: list[AdvisoryMember]
    meetings: list[Meeting]
    comments: list[Comment]
    # Authors of comments who hold the advisory-group role over the plan's municipality.


def plan_participation(plan: Plan) -> Participation:
    """A fixed number of queries, whatever the number of meetings and comments."""
    decisions = Decision.objects.prefetch_related(
        "objectives", "measures", "activities", "indicators"
    )
    held = plan.meetings.all()
    if plan.is_adopted and plan.decision_date:
        # The annex of an adopted plan records the meetings that prepared it; later ones
        # (yearly reviews) belong to the monitoring reports.
        held = held.filter(held_on__lte=plan.decision_date)
    meetings = list(held.prefetch_related("attendees", Prefetch("decisions", queryset=decisions)))
    present = {member.pk for meeting in meetings for member in meeting.attendees.all()}
    members = list(
        AdvisoryMember.objects.filter(municipality_id=plan.municipality_id).filter(
            Q(is_active=True) | Q(pk__in=present)
        )
    )
    # The commenter's name is personal data that no document prints: it is not even read.
    comments = list(plan.comments.defer("author_name", "sender_key").order_by("created_at"))
    return Participation(members, meetings, comments)

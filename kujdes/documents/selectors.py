"""Reading the generated documents: only the readers of a municipality's assessment see its
documents, and a document asked through another municipality answers 404. The documents of an
adopted plan are public, and so are the monitoring reports of its published reviews. And what
the documents read besides the plan's tree and budget: the advisory group and the
consultation for the plan document; the review of a year for the monitoring report."""

import uuid
from dataclasses import dataclass, fields
from datetime import date

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404

from kujdes.accounts.models import User
from kujdes.documents.models import AssessmentDocument, MonitoringReport, PlanDocument
from kujdes.monitoring.models import (
    ContractDelivery,
    Project,
    ProjectFunding,
    Review,
    ServiceContract,
)
from kujdes.monitoring.selectors import (
    ReviewState,
    review_get_for_reader,
    review_get_published,
    review_state,
)
from kujdes.monitoring.selectors.figures import actual_public, indicators_counting_people
from kujdes.planning.models import (
    Activity,
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


# ── The yearly monitoring report ────────────────────────────────────────────────────────────


def monitoring_reports_of(review: Review) -> list[MonitoringReport]:
    """The review's latest reports, newest first; the caller has checked that the user may
    read the plan."""
    reports = list(
        MonitoringReport.objects.filter(review=review).order_by("-requested_at")[:LIST_LENGTH]
    )
    for report in reports:
        report.review = review
    return reports


def monitoring_report_get_for_reader(
    user: User, code: str, plan_id: uuid.UUID, year: int, report_id: uuid.UUID
) -> MonitoringReport:
    review = review_get_for_reader(user, code, plan_id, year)
    report = MonitoringReport.objects.filter(pk=report_id, review=review).first()
    if report is None:
        raise Http404
    report.review = review
    return report


def monitoring_reports_public(review: Review) -> list[MonitoringReport]:
    """The reports anyone may download of a published review of an adopted plan: finished,
    asked for since its publication, the newest of each language and format. None for any
    other review."""
    if review.published_at is None or not review.plan.is_adopted:
        return []
    reports = MonitoringReport.objects.filter(
        review=review,
        status=MonitoringReport.Status.DONE,
        requested_at__gte=review.published_at,
    ).order_by("-requested_at")
    newest: dict[tuple[str, str], MonitoringReport] = {}
    for report in reports:
        report.review = review
        newest.setdefault((report.language, report.format), report)
    return sorted(newest.values(), key=lambda report: (report.language, report.format))


def monitoring_report_get_public(
    code: str, plan_id: uuid.UUID, year: int, report_id: uuid.UUID
) -> MonitoringReport:
    """A finished report of a published review of an adopted plan of the municipality `code`;
    404 otherwise."""
    review = review_get_published(code, plan_id, year)
    report = MonitoringReport.objects.filter(pk=report_id, review=review).first()
    if report is None:
        raise Http404
    report.review = review
    if not report.is_public or not report.file:
        raise Http404
    return report


@dataclass
class ReviewFacts(ReviewState):
    """What the monitoring report says about the review of a year, in no language yet: the
    plan's tree, the progress rolled up, each activity's progress and each indicator's actual,
    the spending against the year's planned cost by source, the projects and service contracts
    that ran in the year (with the deliveries reported in it), and the advisory group's review
    meeting."""

    # Indicator → what the report shows instead of an actual value that counts so few people
    # that it could point at someone ("<5"): the report becomes public with its review.
    hidden: dict[uuid.UUID, str]
    projects: list[Project]
    contracts: list[ServiceContract]
    meeting: Meeting | None


def review_facts(review: Review) -> ReviewFacts:
    """A fixed number of queries, whatever the size of the plan and the number of projects,
    contracts and deliveries. The review comes with its plan, the plan's municipality and the
    meeting."""
    plan = review.plan
    first, last = date(review.year, 1, 1), date(review.year, 12, 31)
    activities_of_plan = Activity.objects.filter(measure__objective__plan=plan)
    projects = list(
        Project.objects.filter(
            activities__measure__objective__plan=plan, starts__lte=last, ends__gte=first
        )
        .distinct()
        .select_related("implementer")
        .prefetch_related(
            Prefetch(
                "funding",
                queryset=ProjectFunding.objects.select_related("funder").order_by(
                    "funder__name_sq", "currency"
                ),
            ),
            Prefetch("activities", queryset=activities_of_plan),
        )
        .order_by("starts", "name_sq")
    )
    # A delivery belongs to the year its period ends in: each is reported in one year only.
    deliveries = ContractDelivery.objects.filter(period_end__range=(first, last))
    contracts = list(
        ServiceContract.objects.filter(
            activity__measure__objective__plan=plan, starts__lte=last, ends__gte=first
        )
        .select_related("provider", "service", "activity")
        .prefetch_related(Prefetch("deliveries", queryset=deliveries))
        .order_by("starts", "number")
    )
    meeting = review.meeting
    if meeting is not None:
        prefetch_related_objects([meeting], "attendees", "decisions")
    state = review_state(review)
    counting = indicators_counting_people(state.tree.indicators)
    public = {
        pk: actual_public(actual.value, pk in counting) for pk, actual in state.actuals.items()
    }
    return ReviewFacts(
        **{field.name: getattr(state, field.name) for field in fields(ReviewState)},
        hidden={pk: value.shown_as for pk, value in public.items() if value.hidden},
        projects=projects,
        contracts=contracts,
        meeting=meeting,
    )

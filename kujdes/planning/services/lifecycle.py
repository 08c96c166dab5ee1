"""The plan's life cycle: draft → public consultation → submitted → adopted → in
implementation → closed, and the next version of an adopted plan.

Adoption freezes the plan: its content can no longer change, and the Needs Assessment Report
it relied on is kept, in every language, as it stood that day. A change after adoption starts
a new version, a copy of the adopted one, which goes through the cycle again.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kujdes.accounts.models import User
from kujdes.planning.assessment import assessment_build
from kujdes.planning.assessment.report import report_build
from kujdes.planning.assessment.report.frozen import report_freeze
from kujdes.planning.models import (
    Activity,
    ActivityCost,
    Indicator,
    IndicatorTarget,
    Measure,
    MeasureGap,
    Objective,
    Plan,
)
from kujdes.planning.selectors import social_care_by_year
from kujdes.planning.services.common import InvalidInput, locked_bump
from kujdes.planning.services.plans import plan_event

Status = Plan.Status

# The steps a plan can take from each status, in the order the steps page offers them; each
# step's service accepts a plan only in a status listed here for it.
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: ("consultation",),
    Status.CONSULTATION: ("submit", "return"),
    Status.SUBMITTED: ("adopt", "return"),
    Status.ADOPTED: ("implementation", "revise", "close"),
    Status.IN_IMPLEMENTATION: ("revise", "close"),
    Status.CLOSED: (),
}


def _from(step: str) -> tuple[str, ...]:
    """The statuses a plan may take `step` from."""
    return tuple(status for status, steps in NEXT_STEPS.items() if step in steps)


WRONG_STATUS = _("The plan is not at the step this change belongs to; reload the page.")
CONSULTATION_BACKWARDS = _("The consultation cannot close before it opens.")
CONSULTATION_PAST = _("The consultation must close today or later.")
CONSULTATION_STILL_OPEN = _(
    "The public consultation is open until %(day)s; submit the plan after it closes."
)
COMMENTS_UNANSWERED = _(
    "Comments of the consultation without an answer: %(count)s. Answer every comment before "
    "submitting the plan."
)
DECISION_IN_FUTURE = _("The decision date cannot be in the future.")
DECISION_REQUIRED = _("Give the body that adopted the plan, the decision's number and its date.")
REVISION_OPEN = _("A new version of this plan is already being prepared; change that one instead.")
REVISION_OF_LATEST = _(
    "A later version of this plan has been adopted; start the new version from that one."
)
NOT_ADOPTED = _("Only an adopted plan gets a new version; change this one directly.")


def _move(
    actor: User | None,
    plan: Plan,
    expected_version: int,
    allowed_from: tuple[str, ...],
    to: str,
    **fields: Any,
) -> Plan:
    if plan.status not in allowed_from:
        raise InvalidInput(WRONG_STATUS)
    previous = plan.status
    plan.version = locked_bump(Plan, plan.pk, expected_version)
    plan.status = to
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=["status", *fields])
    plan_event(
        actor,
        f"plan.{to}",
        plan,
        plan.pk,
        previous=previous,
        version=plan.version,
        **{name: str(value) for name, value in fields.items() if not name.endswith("_frozen")},
    )
    return plan


@transaction.atomic
def plan_consultation_open(
    *,
    actor: User | None,
    plan: Plan,
    expected_version: int,
    opens: date,
    closes: date,
    today: date | None = None,
) -> Plan:
    """Open the draft to public comment from `opens` to `closes`."""
    if closes < opens:
        raise InvalidInput(CONSULTATION_BACKWARDS, "consultation_closes")
    if closes < (today or timezone.localdate()):
        raise InvalidInput(CONSULTATION_PAST, "consultation_closes")
    return _move(
        actor,
        plan,
        expected_version,
        _from("consultation"),
        Status.CONSULTATION,
        consultation_opens=opens,
        consultation_closes=closes,
    )


@transaction.atomic
def plan_submit(
    *, actor: User | None, plan: Plan, expected_version: int, today: date | None = None
) -> Plan:
    """Submit the plan for adoption once its consultation has closed and every comment has its
    answer; its content no longer changes."""
    if plan.consultation_closes is not None and plan.consultation_closes >= (
        today or timezone.localdate()
    ):
        raise InvalidInput(CONSULTATION_STILL_OPEN % {"day": plan.consultation_closes.isoformat()})
    unanswered = plan.comments.filter(answer="").count()
    if unanswered:
        raise InvalidInput(COMMENTS_UNANSWERED % {"count": unanswered})
    return _move(actor, plan, expected_version, _from("submit"), Status.SUBMITTED)


@transaction.atomic
def plan_return(*, actor: User | None, plan: Plan, expected_version: int) -> Plan:
    """Take a plan in consultation or submitted back to draft (the council asked for changes,
    or the consultation showed the draft needs more work)."""
    return _move(actor, plan, expected_version, _from("return"), Status.DRAFT)


def assessment_freeze(plan: Plan) -> dict[str, Any]:
    """The Needs Assessment Report of the plan's municipality, in every language, as it stands
    now."""
    assessment = assessment_build(plan.municipality)
    frozen = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            frozen[language] = report_freeze(report_build(assessment))
    return frozen


@transaction.atomic
def plan_adopt(
    *,
    actor: User | None,
    plan: Plan,
    expected_version: int,
    decision_body: str,
    decision_number: str,
    decision_date: date | None,
    decision_file: UploadedFile | None,
    today: date | None = None,
) -> Plan:
    """Record the council's decision and freeze the plan with the needs assessment it relied
    on."""
    if not (decision_body.strip() and decision_number.strip() and decision_date):
        raise InvalidInput(DECISION_REQUIRED)
    if decision_date > (today or timezone.localdate()):
        raise InvalidInput(DECISION_IN_FUTURE, "decision_date")
    if plan.status not in _from("adopt"):
        raise InvalidInput(WRONG_STATUS)
    fields: dict[str, Any] = {
        "decision_body": decision_body.strip(),
        "decision_number": decision_number.strip(),
        "decision_date": decision_date,
        "assessment_frozen": assessment_freeze(plan),
        "social_care_frozen": {
            str(year): str(amount)
            for year, amount in social_care_by_year(plan.municipality, plan.currency).items()
        },
    }
    plan = _move(actor, plan, expected_version, _from("adopt"), Status.ADOPTED, **fields)
    _supersede(actor, plan)
    if decision_file is not None:
        # Stored last: a refused adoption leaves no file behind.
        plan.decision_file.save(f"{plan.pk}/{decision_file.name}", decision_file, save=False)
        plan.save(update_fields=["decision_file"])
    return plan


def _supersede(actor: User | None, plan: Plan) -> None:
    """Close the earlier adopted versions of a newly adopted one: one version is in force."""
    earlier = Plan.objects.filter(
        lineage=plan.lineage, status__in=(Status.ADOPTED, Status.IN_IMPLEMENTATION)
    ).exclude(pk=plan.pk)
    for version in earlier:
        _move(actor, version, version.version, (version.status,), Status.CLOSED)


@transaction.atomic
def plan_implementation_start(*, actor: User | None, plan: Plan, expected_version: int) -> Plan:
    return _move(actor, plan, expected_version, _from("implementation"), Status.IN_IMPLEMENTATION)


@transaction.atomic
def plan_close(*, actor: User | None, plan: Plan, expected_version: int) -> Plan:
    return _move(actor, plan, expected_version, _from("close"), Status.CLOSED)


def _copy(instance: Any, **changes: Any) -> Any:
    """An unsaved copy of a row with a new primary key."""
    fields = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }
    if "version" in fields:
        fields["version"] = 1
    return type(instance)(**(fields | changes))


@transaction.atomic
def plan_revise(*, actor: User | None, plan: Plan) -> Plan:
    """Start the next version of an adopted plan: a draft copy of its content, which the
    planners change and take through consultation and adoption again."""
    # Locks the versions, so that two planners cannot start a new version at once.
    versions = list(Plan.objects.select_for_update().filter(lineage=plan.lineage))
    if any(version.status in (*Plan.EDITABLE, Status.SUBMITTED) for version in versions):
        raise InvalidInput(REVISION_OPEN)
    if any(version.is_adopted and version.revision > plan.revision for version in versions):
        raise InvalidInput(REVISION_OF_LATEST)
    if plan.status not in _from("revise"):
        raise InvalidInput(NOT_ADOPTED)
    revision = _copy(
        plan,
        revision=max(version.revision for version in versions) + 1,
        revises_id=plan.pk,
        status=Status.DRAFT,
        consultation_opens=None,
        consultation_closes=None,
        decision_body="",
        decision_number="",
        decision_date=None,
        decision_file="",
        assessment_frozen=None,
        social_care_frozen=None,
    )
    revision.save(force_insert=True)
    objectives: dict[Any, Objective] = {}
    # Strategic objectives first, so that specific ones find their parent's copy.
    for objective in sorted(plan.objectives.all(), key=lambda o: o.parent_id is not None):
        copy = _copy(
            objective,
            plan_id=revision.pk,
            parent_id=objectives[objective.parent_id].pk if objective.parent_id else None,
        )
        copy.save(force_insert=True)
        objectives[objective.pk] = copy
    measures: dict[Any, Measure] = {}
    for measure in Measure.objects.filter(objective__plan=plan).prefetch_related("gaps"):
        copy = _copy(measure, objective_id=objectives[measure.objective_id].pk)
        copy.save(force_insert=True)
        measures[measure.pk] = copy
        MeasureGap.objects.bulk_create(
            MeasureGap(measure=copy, unit_id=gap.unit_id, target_group=gap.target_group)
            for gap in measure.gaps.all()
        )
    activities = Activity.objects.filter(measure__objective__plan=plan).prefetch_related(
        "costs", "partners", "target_groups", "units"
    )
    for activity in activities:
        copy = _copy(activity, measure_id=measures[activity.measure_id].pk)
        copy.save(force_insert=True)
        copy.partners.set(activity.partners.all())
        copy.target_groups.set(activity.target_groups.all())
        copy.units.set(activity.units.all())
        ActivityCost.objects.bulk_create(
            ActivityCost(activity=copy, year=cost.year, source=cost.source, amount=cost.amount)
            for cost in activity.costs.all()
        )
    for indicator in Indicator.objects.filter(plan=plan).prefetch_related("targets"):
        copy = _copy(
            indicator,
            plan_id=revision.pk,
            objective_id=objectives[indicator.objective_id].pk if indicator.objective_id else None,
            measure_id=measures[indicator.measure_id].pk if indicator.measure_id else None,
        )
        copy.save(force_insert=True)
        IndicatorTarget.objects.bulk_create(
            IndicatorTarget(indicator=copy, year=target.year, value=target.value)
            for target in indicator.targets.all()
        )
    plan_event(
        actor,
        "plan.revised",
        revision,
        revision.pk,
        revises=str(plan.pk),
        revision=revision.revision,
    )
    return revision

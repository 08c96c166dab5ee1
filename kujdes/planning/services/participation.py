"""Participation in the plan: the advisory group's members, meetings and decisions, and the
comments of the public consultation with the planners' answers."""

import re
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kujdes.accounts.models import Role, User
from kujdes.accounts.selectors import memberships_of
from kujdes.audit.services import event_record
from kujdes.planning.models import (
    Activity,
    AdvisoryMember,
    Comment,
    Decision,
    Indicator,
    Measure,
    Meeting,
    Objective,
    Plan,
)
from kujdes.planning.services.common import InvalidInput, locked_bump
from kujdes.planning.services.plans import changes_apply, editable_check, plan_event
from kujdes.territory.models import Area

NOT_A_MUNICIPALITY = _("An advisory group belongs to a municipality.")
ATTENDEE_OF_GROUP = _("Choose those present from the members of this municipality's group.")
ITEM_OF_PLAN = _("A decision can only change items of this plan.")
ITEMS_OF_ADOPTED_PLAN = _(
    "The items of a plan past consultation no longer change; record the decision without "
    "them, or link it to the items of the plan's new version."
)
CONSULTATION_CLOSED = _("This plan is not open for comments now.")
TOO_MANY_COMMENTS = _(
    "Many comments on this plan have come from your address in the last hour. Please wait a "
    "while before sending more."
)
TOO_MANY_LINKS = _("A comment may hold at most two web addresses.")
REASON_REQUIRED = _("Give the reason when a comment is accepted only partly or rejected.")
ANSWERS_CLOSED = _("The consultation record is closed once the plan is submitted.")

# A sender (an address: a household, or a room at a public hearing) may send this many comments
# an hour on one plan.
COMMENTS_PER_HOUR = 10
LINKS_ALLOWED = 2
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)

MEMBER_FIELDS = ("name", "organization", "sector", "function", "is_active", "is_illustrative")
MEETING_FIELDS = ("held_on", "place", "agenda", "minutes")


def _group_event(
    actor: User | None, verb: str, municipality: Area, key: Any, **payload: Any
) -> None:
    event_record(
        actor=actor,
        verb=verb,
        target_type=verb.split(".", 1)[0],
        target_key=str(key),
        payload={"municipality": municipality.code, **payload},
    )


@transaction.atomic
def advisory_member_save(
    *,
    actor: User | None,
    municipality: Area,
    member: AdvisoryMember | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
) -> AdvisoryMember:
    """Add a member to the municipality's advisory group, or change one (a member who leaves
    stays on record, no longer active)."""
    if municipality.level != Area.Level.MUNICIPALITY:
        raise InvalidInput(NOT_A_MUNICIPALITY)
    given = {name: values[name] for name in MEMBER_FIELDS if name in values}
    if member is None:
        member = AdvisoryMember.objects.create(municipality=municipality, **given)
        verb, changed = "advisory_member.created", list(given)
    else:
        if member.municipality_id != municipality.pk:
            raise ValueError("The member belongs to another municipality's group.")
        changed = changes_apply(member, given, expected_version)
        verb = "advisory_member.updated"
    # Members' names stay out of the audit log's payload; the key identifies them.
    _group_event(actor, verb, municipality, member.pk, fields=changed)
    return member


@transaction.atomic
def meeting_save(
    *,
    actor: User | None,
    plan: Plan,
    meeting: Meeting | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
    attendees: Iterable[AdvisoryMember],
) -> Meeting:
    """Record a meeting of the advisory group on the plan, with who was present; `attendees`
    replace those recorded before."""
    present = list(attendees)
    if any(member.municipality_id != plan.municipality_id for member in present):
        raise InvalidInput(ATTENDEE_OF_GROUP, "attendees")
    given = {name: values[name] for name in MEETING_FIELDS if name in values}
    if meeting is None:
        meeting = Meeting.objects.create(plan=plan, **given)
        verb, changed = "meeting.created", list(given)
    else:
        if meeting.plan_id != plan.pk:
            raise ValueError("The meeting belongs to another plan.")
        changed = changes_apply(meeting, given, expected_version)
        verb = "meeting.updated"
    meeting.attendees.set(present)
    plan_event(actor, verb, plan, meeting.pk, fields=changed, present=len(present))
    return meeting


@transaction.atomic
def decision_save(
    *,
    actor: User | None,
    meeting: Meeting,
    decision: Decision | None = None,
    text: str,
    objectives: Iterable[Objective] = (),
    measures: Iterable[Measure] = (),
    activities: Iterable[Activity] = (),
    indicators: Iterable[Indicator] = (),
) -> Decision:
    """Record what a meeting decided and the plan items it changed."""
    plan = meeting.plan
    # Each kind of item, with the plan it belongs to.
    items: dict[str, tuple[list[Any], Callable[[Any], Any]]] = {
        "objectives": (list(objectives), lambda item: item.plan_id),
        "measures": (list(measures), lambda item: item.objective.plan_id),
        "activities": (list(activities), lambda item: item.measure.objective.plan_id),
        "indicators": (list(indicators), lambda item: item.plan_id),
    }
    for name, (chosen, plan_of) in items.items():
        if any(plan_of(item) != plan.pk for item in chosen):
            raise InvalidInput(ITEM_OF_PLAN, name)
        if chosen and not plan.is_editable:
            raise InvalidInput(ITEMS_OF_ADOPTED_PLAN, name)
    if decision is None:
        decision = Decision.objects.create(meeting=meeting, text=text)
        verb = "decision.created"
    else:
        if decision.meeting_id != meeting.pk:
            raise ValueError("The decision belongs to another meeting.")
        decision.text = text
        decision.save(update_fields=["text"])
        verb = "decision.updated"
    for name, (chosen, _plan_of) in items.items():
        getattr(decision, name).set(chosen)
    plan_event(
        actor,
        verb,
        plan,
        decision.pk,
        meeting=str(meeting.pk),
        items={name: len(chosen) for name, (chosen, _plan_of) in items.items()},
    )
    return decision


def is_advisory_member(user: User | None, plan: Plan) -> bool:
    return user is not None and any(
        membership.role == Role.ADVISORY_MEMBER and plan.municipality.is_within(membership.area)
        for membership in memberships_of(user)
    )


def can_comment(user: User | None, plan: Plan, now: datetime) -> bool:
    """Anyone while the consultation is open; the advisory group also on the draft."""
    if plan.consultation_is_open(timezone.localdate(now)):
        return True
    return plan.is_editable and is_advisory_member(user, plan)


@transaction.atomic
def comment_submit(
    *,
    plan: Plan,
    text: str,
    about: str = "",
    author_name: str = "",
    organization: str = "",
    author: User | None = None,
    sender_key: str,
    now: datetime | None = None,
) -> Comment:
    """Take a comment on the plan. `sender_key` identifies the sender for the rate limit (a
    keyed hash of their address, or of their account)."""
    now = now or timezone.now()
    if not can_comment(author, plan, now):
        raise InvalidInput(CONSULTATION_CLOSED)
    if len(LINK.findall(text)) > LINKS_ALLOWED:
        raise InvalidInput(TOO_MANY_LINKS, "text")
    # Locks the plan, so that the comment and the plan's submission never cross, and so that
    # parallel comments of one sender are counted one after the other.
    editable_check(plan)
    recent = Comment.objects.filter(
        plan=plan, sender_key=sender_key, created_at__gt=now - timedelta(hours=1)
    )
    if recent.count() >= COMMENTS_PER_HOUR:
        raise InvalidInput(TOO_MANY_COMMENTS)
    advisory = author is not None and is_advisory_member(author, plan)
    comment = Comment.objects.create(
        from_advisory_member=advisory,
        plan=plan,
        text=text.strip(),
        about=about.strip(),
        author_name=author_name.strip(),
        organization=organization.strip(),
        author=author,
        sender_key=sender_key,
    )
    # Anonymous comments have no actor; the comment's text and author stay out of the log.
    plan_event(
        author if author is not None and author.pk else None,
        "comment.received",
        plan,
        comment.pk,
        advisory=advisory,
    )
    return comment


@transaction.atomic
def comment_answer(
    *,
    actor: User | None,
    comment: Comment,
    expected_version: int,
    answer: str,
    reason: str,
) -> Comment:
    """The planners' answer to a comment: accepted, partly accepted or rejected, with the
    reason (required unless accepted)."""
    try:
        editable_check(comment.plan)
    except InvalidInput as error:
        raise InvalidInput(ANSWERS_CLOSED) from error
    if answer not in Comment.Answer.values:
        raise ValueError(f"Unknown answer {answer!r}.")
    if answer != Comment.Answer.ACCEPTED and not reason.strip():
        raise InvalidInput(REASON_REQUIRED, "reason")
    comment.version = locked_bump(Comment, comment.pk, expected_version)
    comment.answer, comment.reason = answer, reason.strip()
    comment.answered_by, comment.answered_at = actor, timezone.now()
    comment.save(update_fields=["answer", "reason", "answered_by", "answered_at"])
    plan_event(actor, "comment.answered", comment.plan, comment.pk, answer=answer)
    return comment

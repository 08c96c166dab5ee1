"""The advisory group, its meetings and decisions, and the comments of the consultation with
their rate limit, spam guard and answers."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from kujdes.audit.models import AuditEvent
from kujdes.directory.services import EditConflict
from kujdes.planning.models import AdvisoryMember, Comment, Plan
from kujdes.planning.services import (
    COMMENTS_PER_HOUR,
    InvalidInput,
    advisory_member_save,
    comment_answer,
    comment_submit,
    decision_save,
    meeting_save,
    objective_save,
    plan_consultation_open,
)
from tests.personas import PLAN_BULQIZE, Cast


def _member(cast: Cast, code: str = "AL-BULQIZE", name: str = "Drita Hoxha") -> AdvisoryMember:
    return advisory_member_save(
        actor=cast.planner,
        municipality=cast.areas[code],
        values={"name": name, "organization": "Qendra Sociale", "sector": "civil_society"},
    )


def _open(cast: Cast) -> Plan:
    today = timezone.localdate()
    return plan_consultation_open(
        actor=cast.planner,
        plan=Plan.objects.get(pk=PLAN_BULQIZE),
        expected_version=1,
        opens=today - timedelta(days=1),
        closes=today + timedelta(days=10),
    )


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are asserted in English."""
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_it_records_a_meeting_with_those_present_and_its_decisions(cast: Cast) -> None:
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    drita, arben = _member(cast), _member(cast, name="Arben Leka")
    meeting = meeting_save(
        actor=cast.planner,
        plan=plan,
        values={"held_on": date(2026, 2, 10), "place": "Bashkia", "agenda": "Objektivat"},
        attendees=[drita, arben],
    )
    objective = objective_save(
        actor=cast.planner, plan=plan, values={"number": "1", "name_sq": "Kujdes"}
    )
    decision = decision_save(
        actor=cast.planner, meeting=meeting, text="Shtohet objektivi 1.", objectives=[objective]
    )
    assert sorted(m.name for m in meeting.attendees.all()) == ["Arben Leka", "Drita Hoxha"]
    assert list(decision.objectives.all()) == [objective]
    assert list(objective.decisions.all()) == [decision]
    event = AuditEvent.objects.get(verb="decision.created")
    assert event.payload["items"] == {
        "objectives": 1,
        "measures": 0,
        "activities": 0,
        "indicators": 0,
    }


@pytest.mark.django_db
def test_it_refuses_attendees_of_another_group_and_items_of_another_plan(cast: Cast) -> None:
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    stranger = _member(cast, code="AL-PUKE")
    with pytest.raises(InvalidInput) as error:
        meeting_save(
            actor=cast.planner,
            plan=plan,
            values={"held_on": date(2026, 2, 10), "place": "Bashkia", "agenda": "A"},
            attendees=[stranger],
        )
    assert error.value.field == "attendees"
    assert not plan.meetings.exists()


@pytest.mark.django_db
def test_it_keeps_members_names_out_of_the_audit_log(cast: Cast) -> None:
    member = _member(cast)
    advisory_member_save(
        actor=cast.planner,
        municipality=cast.areas["AL-BULQIZE"],
        member=member,
        expected_version=1,
        values={"name": "Drita Hoxha-Leka", "is_active": False},
    )
    payloads = [
        e.payload for e in AuditEvent.objects.filter(target_key=str(member.pk)).order_by("at", "pk")
    ]
    assert payloads == [
        {"municipality": "AL-BULQIZE", "fields": ["name", "organization", "sector"]},
        {"municipality": "AL-BULQIZE", "fields": ["name", "is_active"]},
    ]
    with pytest.raises(EditConflict):
        advisory_member_save(
            actor=cast.planner,
            municipality=cast.areas["AL-BULQIZE"],
            member=member,
            expected_version=1,
            values={"name": "X"},
        )
    assert AdvisoryMember.objects.get(pk=member.pk).name == "Drita Hoxha-Leka"


@pytest.mark.django_db
def test_it_limits_comments_per_sender_and_refuses_link_lists(cast: Cast) -> None:
    plan = _open(cast)
    for number in range(COMMENTS_PER_HOUR):
        comment_submit(plan=plan, text=f"Komenti {number}", sender_key="same")
    with pytest.raises(InvalidInput) as error:
        comment_submit(plan=plan, text="Edhe një", sender_key="same")
    assert error.value.message == (
        "Many comments on this plan have come from your address in the last hour. Please wait "
        "a while before sending more."
    )
    later = timezone.now() + timedelta(hours=1, minutes=1)
    comment_submit(plan=plan, text="Pas një ore", sender_key="same", now=later)
    with pytest.raises(InvalidInput) as error:
        comment_submit(
            plan=plan, text="http://a.example www.b.example https://c.example", sender_key="o"
        )
    assert error.value.field == "text"
    assert Comment.objects.filter(plan=plan).count() == COMMENTS_PER_HOUR + 1


@pytest.mark.django_db
def test_it_needs_a_reason_to_reject_a_comment(cast: Cast) -> None:
    plan = _open(cast)
    comment = comment_submit(plan=plan, text="Hiqni masën 2.", sender_key="k")
    with pytest.raises(InvalidInput) as error:
        comment_answer(
            actor=cast.planner, comment=comment, expected_version=1, answer="rejected", reason=""
        )
    assert error.value.field == "reason"
    comment.refresh_from_db()
    assert (comment.answer, comment.version) == ("", 1)
    comment_answer(
        actor=cast.planner,
        comment=comment,
        expected_version=1,
        answer="partly",
        reason="Masa 2 mbetet, por shkurtohet.",
    )
    comment.refresh_from_db()
    assert (comment.answer, comment.reason, comment.answered_by, comment.version) == (
        "partly",
        "Masa 2 mbetet, por shkurtohet.",
        cast.planner,
        2,
    )

"""The plan's life cycle: consultation, submission, adoption that freezes the plan and the
needs assessment it relied on, and new versions of an adopted plan."""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.directory.models import FundingSource, Organization, TargetGroup
from kujdes.directory.services import EditConflict
from kujdes.planning.models import (
    Activity,
    BudgetLine,
    Comment,
    Indicator,
    MeasureGap,
    Plan,
)
from kujdes.planning.selectors import plan_budget, plan_cost_against_budget
from kujdes.planning.services import (
    InvalidInput,
    activity_save,
    comment_answer,
    comment_submit,
    decision_save,
    indicator_save,
    measure_save,
    meeting_save,
    objective_save,
    plan_adopt,
    plan_consultation_open,
    plan_implementation_start,
    plan_item_delete,
    plan_return,
    plan_revise,
    plan_save,
    plan_submit,
)
from tests.personas import PLAN_BULQIZE, Cast

OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)
AFTER = date(2026, 4, 2)
IN_MARCH = datetime(2026, 3, 15, 10, tzinfo=UTC)


def _content(cast: Cast, plan: Plan) -> Activity:
    strategic = objective_save(
        actor=cast.planner, plan=plan, values={"number": "1", "name_sq": "Kujdes në komunitet"}
    )
    specific = objective_save(
        actor=cast.planner,
        plan=plan,
        values={"number": "1.1", "name_sq": "Shërbime në shtëpi", "parent": strategic},
    )
    measure = measure_save(
        actor=cast.planner,
        objective=specific,
        values={"number": "1.1.1", "name_sq": "Kujdes në shtëpi"},
        gaps=[(cast.areas["AL-BULQIZE-ZERQAN"], "ELDERLY")],
    )
    indicator_save(
        actor=cast.planner,
        plan=plan,
        measure=measure,
        values={"name_sq": "Të moshuar të shërbyer", "unit": "persona", "baseline_value": 10},
        targets={2026: Decimal(20)},
    )
    return activity_save(
        actor=cast.planner,
        measure=measure,
        values={"number": "1.1.1.1", "name_sq": "Ekip", "start_year": 2026, "end_year": 2027},
        partners=list(Organization.objects.filter(area__code="AL-BULQIZE")[:1]),
        target_groups=list(TargetGroup.objects.filter(code="AL_ELDERLY")),
        units=[cast.areas["AL-BULQIZE-ZERQAN"]],
        costs={(2026, FundingSource.MUNICIPAL_BUDGET): Decimal("1000000")},
    )


def _submitted(cast: Cast) -> Plan:
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    _content(cast, plan)
    plan = plan_consultation_open(
        actor=cast.planner, plan=plan, expected_version=1, opens=OPENS, closes=CLOSES, today=OPENS
    )
    return plan_submit(actor=cast.planner, plan=plan, expected_version=2, today=AFTER)


def _adopted(cast: Cast) -> Plan:
    plan = _submitted(cast)
    return plan_adopt(
        actor=cast.planner,
        plan=plan,
        expected_version=3,
        decision_body="Këshilli Bashkiak Bulqizë",
        decision_number="45",
        decision_date=date(2026, 4, 20),
        decision_file=SimpleUploadedFile("vendim-45.pdf", b"%PDF-1.7 decision"),
        today=AFTER.replace(month=5),
    )


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are asserted in English."""
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_it_takes_a_plan_from_draft_to_adoption_and_freezes_the_assessment(cast: Cast) -> None:
    plan = _adopted(cast)
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (Plan.Status.ADOPTED, 4)
    assert (plan.decision_body, plan.decision_number, plan.decision_date) == (
        "Këshilli Bashkiak Bulqizë",
        "45",
        date(2026, 4, 20),
    )
    # Another test may have left a file of that name (files outlive the rolled-back rows).
    assert re.fullmatch(rf"plan-decisions/{plan.pk}/vendim-45(_\w+)?\.pdf", plan.decision_file.name)
    assert plan.decision_file.read() == b"%PDF-1.7 decision"
    frozen = plan.assessment_frozen
    assert frozen is not None
    assert sorted(frozen) == ["en", "sq", "sr-latn"]
    english = frozen["en"]
    assert english["title"] == "Needs Assessment Report"
    assert [section["code"] for section in english["sections"]] == [
        "A1",
        "A2",
        "A3",
        "A4",
        "A5",
        "A6",
        "A7",
        "A8",
    ]
    verbs = list(
        AuditEvent.objects.filter(target_key=str(plan.pk), verb__startswith="plan.")
        .order_by("at", "pk")
        .values_list("verb", flat=True)
    )
    assert verbs[-3:] == ["plan.consultation", "plan.submitted", "plan.adopted"]


@pytest.mark.django_db
def test_it_refuses_changes_to_an_adopted_plan(cast: Cast) -> None:
    plan = _adopted(cast)
    with pytest.raises(InvalidInput):
        objective_save(actor=cast.planner, plan=plan, values={"number": "9", "name_sq": "X"})
    assert plan.objectives.count() == 2


@pytest.mark.django_db
def test_it_keeps_the_consultation_window_and_the_answers_before_submission(cast: Cast) -> None:
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    with pytest.raises(InvalidInput) as error:
        plan_consultation_open(
            actor=cast.planner, plan=plan, expected_version=1, opens=CLOSES, closes=OPENS
        )
    assert error.value.field == "consultation_closes"
    plan.refresh_from_db()
    assert (plan.status, plan.version, plan.consultation_opens) == (Plan.Status.DRAFT, 1, None)
    plan = plan_consultation_open(
        actor=cast.planner, plan=plan, expected_version=1, opens=OPENS, closes=CLOSES, today=OPENS
    )
    with pytest.raises(InvalidInput) as error:
        plan_submit(actor=cast.planner, plan=plan, expected_version=2, today=CLOSES)
    assert error.value.message == (
        "The public consultation is open until 2026-03-31; submit the plan after it closes."
    )
    comment = comment_submit(plan=plan, text="Më shumë për Zerqanin.", sender_key="a", now=IN_MARCH)
    assert comment.plan_id == plan.pk
    with pytest.raises(InvalidInput) as error:
        plan_submit(actor=cast.planner, plan=plan, expected_version=2, today=AFTER)
    assert error.value.message == (
        "Comments of the consultation without an answer: 1. Answer every comment before "
        "submitting the plan."
    )
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.CONSULTATION
    comment_answer(
        actor=cast.planner, comment=comment, expected_version=1, answer="accepted", reason=""
    )
    plan = plan_submit(actor=cast.planner, plan=plan, expected_version=2, today=AFTER)
    assert plan.status == Plan.Status.SUBMITTED


@pytest.mark.django_db
def test_it_refuses_a_stale_step_and_changes_nothing(cast: Cast) -> None:
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    plan_save(
        actor=cast.planner,
        municipality=plan.municipality,
        plan=plan,
        expected_version=1,
        values={"name_sq": "Titulli i ri"},
    )
    with pytest.raises(EditConflict):
        plan_consultation_open(
            actor=cast.planner,
            plan=plan,
            expected_version=1,
            opens=OPENS,
            closes=CLOSES,
            today=OPENS,
        )
    plan.refresh_from_db()
    assert (plan.status, plan.version, plan.consultation_opens) == (Plan.Status.DRAFT, 2, None)


@pytest.mark.django_db
def test_it_refuses_an_adoption_without_its_decision_or_from_the_wrong_step(cast: Cast) -> None:
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    with pytest.raises(InvalidInput) as error:
        plan_adopt(
            actor=cast.planner,
            plan=plan,
            expected_version=1,
            decision_body="Këshilli",
            decision_number="1",
            decision_date=date(2026, 1, 1),
            decision_file=None,
        )
    assert (
        error.value.message
        == "The plan is not at the step this change belongs to; reload the page."
    )
    plan = _submitted(cast)
    with pytest.raises(InvalidInput) as error:
        plan_adopt(
            actor=cast.planner,
            plan=plan,
            expected_version=3,
            decision_body=" ",
            decision_number="1",
            decision_date=date(2026, 4, 1),
            decision_file=None,
        )
    assert error.value.field is None
    with pytest.raises(InvalidInput) as error:
        plan_adopt(
            actor=cast.planner,
            plan=plan,
            expected_version=3,
            decision_body="Këshilli",
            decision_number="1",
            decision_date=date(2030, 1, 1),
            decision_file=None,
            today=AFTER,
        )
    assert error.value.field == "decision_date"
    plan.refresh_from_db()
    assert (plan.status, plan.version, plan.assessment_frozen, plan.decision_file.name) == (
        Plan.Status.SUBMITTED,
        3,
        None,
        "",
    )


@pytest.mark.django_db
def test_it_returns_a_submitted_plan_to_draft(cast: Cast) -> None:
    plan = plan_return(actor=cast.planner, plan=_submitted(cast), expected_version=3)
    assert (plan.status, plan.version) == (Plan.Status.DRAFT, 4)
    assert plan.is_editable


@pytest.mark.django_db
def test_it_starts_a_new_version_as_a_copy_and_leaves_the_adopted_one_as_adopted(
    cast: Cast,
) -> None:
    adopted = plan_implementation_start(actor=cast.planner, plan=_adopted(cast), expected_version=4)
    revision = plan_revise(actor=cast.planner, plan=adopted)
    assert (revision.revision, revision.status, revision.lineage, revision.revises_id) == (
        2,
        Plan.Status.DRAFT,
        adopted.lineage,
        adopted.pk,
    )
    assert (revision.decision_number, revision.assessment_frozen) == ("", None)
    assert [o.number for o in revision.objectives.order_by("number")] == ["1", "1.1"]
    copied = Activity.objects.get(measure__objective__plan=revision)
    original = Activity.objects.get(measure__objective__plan=adopted)
    assert [(c.year, c.amount) for c in copied.costs.all()] == [(2026, Decimal("1000000.00"))]
    assert list(copied.partners.all()) == list(original.partners.all()) != []
    assert [g.code for g in copied.target_groups.all()] == ["AL_ELDERLY"]
    assert [u.code for u in copied.units.all()] == ["AL-BULQIZE-ZERQAN"]
    assert list(
        MeasureGap.objects.filter(measure__objective__plan=revision).values_list(
            "unit__code", "target_group"
        )
    ) == [("AL-BULQIZE-ZERQAN", "ELDERLY")]
    indicator = Indicator.objects.get(plan=revision)
    assert indicator.measure is not None
    assert indicator.measure.objective.plan_id == revision.pk
    assert [(t.year, t.value) for t in indicator.targets.all()] == [(2026, Decimal("20.00"))]
    # Changing the new version's baseline leaves the adopted one's as adopted.
    indicator_save(
        actor=cast.planner,
        plan=revision,
        indicator=indicator,
        expected_version=1,
        measure=indicator.measure,
        values={"baseline_value": Decimal(12)},
        targets={},
    )
    assert Indicator.objects.get(plan=adopted).baseline_value == Decimal("10.00")
    with pytest.raises(InvalidInput):
        plan_revise(actor=cast.planner, plan=adopted)
    assert Plan.objects.filter(lineage=adopted.lineage).count() == 2
    with pytest.raises(InvalidInput):
        plan_revise(actor=cast.planner, plan=revision)


@pytest.mark.django_db
def test_it_keeps_comments_of_advisory_members_on_the_draft_only(cast: Cast) -> None:
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    with pytest.raises(InvalidInput):
        comment_submit(plan=plan, text="Nga publiku", sender_key="x")
    outsider = cast.outsiders["advisory_member"]
    with pytest.raises(InvalidInput):
        comment_submit(plan=plan, text="Nga Puka", author=outsider, sender_key="y")
    member = cast.insiders["advisory_member"]
    comment = comment_submit(plan=plan, text="Shtoni Zerqanin.", author=member, sender_key="z")
    assert list(Comment.objects.filter(plan=plan).values_list("text", "author")) == [
        ("Shtoni Zerqanin.", member.pk)
    ]
    assert comment.answer == ""


@pytest.mark.django_db
def test_adoption_keeps_the_budget_the_plan_was_set_beside(cast: Cast) -> None:
    plan = _adopted(cast)
    before = plan_cost_against_budget(plan, plan_budget(plan))
    BudgetLine.objects.filter(budget_year__municipality=plan.municipality).update(
        amount=Decimal("1.00")
    )
    plan.refresh_from_db()
    after = plan_cost_against_budget(plan, plan_budget(plan))
    assert before.latest == after.latest == (2024, Decimal("12600000.00"))
    assert after.rows == before.rows


@pytest.mark.django_db
def test_an_adopted_plan_refuses_deletions_and_decisions_on_its_items(cast: Cast) -> None:
    plan = _adopted(cast)
    objective = plan.objectives.get(number="1")
    with pytest.raises(InvalidInput):
        plan_item_delete(actor=cast.planner, item=objective, expected_version=1)
    meeting = meeting_save(
        actor=cast.planner,
        plan=plan,
        values={"held_on": date(2026, 6, 1), "place": "Bashkia", "agenda": "Rishikimi vjetor"},
        attendees=[],
    )
    with pytest.raises(InvalidInput) as error:
        decision_save(actor=cast.planner, meeting=meeting, text="X", objectives=[objective])
    assert error.value.field == "objectives"
    assert plan.objectives.count() == 2
    assert not meeting.decisions.exists()


@pytest.mark.django_db
def test_a_new_adopted_version_closes_the_one_before(cast: Cast) -> None:
    first = _adopted(cast)
    second = plan_revise(actor=cast.planner, plan=first)
    second = plan_consultation_open(
        actor=cast.planner, plan=second, expected_version=1, opens=OPENS, closes=CLOSES, today=OPENS
    )
    second = plan_submit(actor=cast.planner, plan=second, expected_version=2, today=AFTER)
    plan_adopt(
        actor=cast.planner,
        plan=second,
        expected_version=3,
        decision_body="Këshilli Bashkiak Bulqizë",
        decision_number="90",
        decision_date=AFTER,
        decision_file=None,
        today=AFTER,
    )
    first.refresh_from_db()
    assert (first.status, second.status) == (Plan.Status.CLOSED, Plan.Status.ADOPTED)
    with pytest.raises(InvalidInput) as error:
        plan_revise(actor=cast.planner, plan=first)
    assert error.value.message == (
        "A later version of this plan has been adopted; start the new version from that one."
    )


@pytest.mark.django_db
def test_a_costed_plan_keeps_its_currency(cast: Cast) -> None:
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    _content(cast, plan)
    with pytest.raises(InvalidInput) as error:
        plan_save(
            actor=cast.planner,
            municipality=plan.municipality,
            plan=plan,
            expected_version=1,
            values={"currency": "EUR"},
        )
    assert error.value.field == "currency"
    assert Plan.objects.get(pk=PLAN_BULQIZE).currency == "ALL"

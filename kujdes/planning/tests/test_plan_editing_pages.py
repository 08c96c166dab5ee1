"""The pages where planners write the plan and take it through its life cycle, where
advisory-group members and the public comment, and where anyone reads what was published."""

import re
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kujdes.accounts.models import User
from kujdes.directory.models import FundingSource, TargetGroup
from kujdes.planning.forms import shown_token
from kujdes.planning.models import Activity, Comment, Indicator, Measure, Objective, Plan
from kujdes.planning.services import COMMENTS_PER_HOUR, objective_save
from kujdes.planning.tests.figures import DISABILITY, figures_create
from tests.personas import PASSWORD, PLAN_BULQIZE, Cast

BASE = f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/"
PUBLIC = f"/plans/AL-BULQIZE/{PLAN_BULQIZE}/"


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _plan() -> Plan:
    return Plan.objects.get(pk=PLAN_BULQIZE)


def _objectives(cast: Cast) -> tuple[Objective, Objective]:
    plan = _plan()
    strategic = objective_save(
        actor=cast.planner, plan=plan, values={"number": "1", "name_sq": "Kujdes në komunitet"}
    )
    specific = objective_save(
        actor=cast.planner,
        plan=plan,
        values={"number": "1.1", "name_sq": "Shërbime ditore", "parent": strategic},
    )
    return strategic, specific


def _guarded(**values: str) -> dict[str, str]:
    """A visitor's comment form, shown a minute ago."""
    return {"shown": shown_token(int(time.time()) - 60), "website": "", **values}


def test_a_planner_answers_a_ranked_gap_with_a_costed_measure_and_an_indicator(
    cast: Cast,
) -> None:
    figures_create()
    _strategic, specific = _objectives(cast)
    client = _client(cast.planner)

    page = client.get(f"{BASE}measures/new/?gap=AL-BULQIZE-ZERQAN:PERSONS_WITH_DISABILITIES")
    html = page.content.decode()
    assert page.status_code == 200
    checked = re.findall(r'<input type="checkbox" name="gaps" value="([^"]+)"[^>]*checked', html)
    assert checked == ["AL-BULQIZE-ZERQAN:PERSONS_WITH_DISABILITIES"]
    response = client.post(
        f"{BASE}measures/new/",
        {
            "objective": specific.pk,
            "number": "1.1.1",
            "name_sq": "Qendër ditore në Zerqan",
            "gaps": ["AL-BULQIZE-ZERQAN:PERSONS_WITH_DISABILITIES"],
            "version": 0,
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(objective__plan_id=PLAN_BULQIZE)
    assert list(measure.gaps.values_list("unit__code", "target_group")) == [
        ("AL-BULQIZE-ZERQAN", "PERSONS_WITH_DISABILITIES")
    ]

    group = TargetGroup.objects.get(code="AL_PWD")
    response = client.post(
        f"{BASE}activities/new/",
        {
            "measure": measure.pk,
            "number": "1.1.1.1",
            "name_sq": "Hapja e qendrës",
            "responsible": "Drejtoria e Shërbimeve Sociale",
            "start_year": 2026,
            "end_year": 2027,
            "target_groups": [group.pk],
            "units": [cast.areas["AL-BULQIZE-ZERQAN"].pk],
            "creates_new_service": "on",
            "contracted_to_ngo": "on",
            f"cost_2026_{FundingSource.MUNICIPAL_BUDGET}": "1500000",
            f"cost_2027_{FundingSource.SOCIAL_FUND}": "2000000.50",
            "version": 0,
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(measure=measure)
    assert [(c.year, c.source, c.amount) for c in activity.costs.all()] == [
        (2026, FundingSource.MUNICIPAL_BUDGET, Decimal("1500000.00")),
        (2027, FundingSource.SOCIAL_FUND, Decimal("2000000.50")),
    ]
    assert (activity.creates_new_service, activity.contracted_to_ngo) == (True, True)

    form = client.get(f"{BASE}indicators/new/?of=measure:{measure.pk}").content.decode()
    assert _figure_codes(form) == ["PERSONS_WITH_DISABILITIES", "DOMESTIC_VIOLENCE_CASES"]
    response = client.post(
        f"{BASE}indicators/new/",
        {
            "of": f"measure:{measure.pk}",
            "name_sq": "Persona me aftësi të kufizuara në qendër",
            "unit": "persona",
            "baseline_figure": "PERSONS_WITH_DISABILITIES",
            "target_2026": "10",
            "target_2027": "25",
            "version": 0,
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(plan_id=PLAN_BULQIZE)
    assert (indicator.baseline_figure, indicator.baseline_value, indicator.baseline_year) == (
        "PERSONS_WITH_DISABILITIES",
        Decimal(sum(DISABILITY.values())),
        2024,
    )
    assert indicator.source == "Social register"
    assert [(t.year, t.value) for t in indicator.targets.all()] == [
        (2026, Decimal("10.00")),
        (2027, Decimal("25.00")),
    ]
    detail = client.get(BASE).content.decode()
    total = detail.split("Cost by funding source and year (ALL)")[1].split("</tfoot>")[0]
    assert total.rstrip().endswith('<td class="number">3,500,000.50</td></tr>')


def _figure_codes(form_html: str) -> list[str]:
    """The figures the indicator form offers as a baseline."""
    select = form_html.split('name="baseline_figure"', 1)[1].split("</select>", 1)[0]
    codes = [part.split('"', 1)[0] for part in select.split('<option value="')[1:]]
    return [code for code in codes if code]


def test_readers_and_outsiders_cannot_edit_and_nothing_changes(cast: Cast) -> None:
    _strategic, specific = _objectives(cast)
    for user in (
        cast.insiders["case_worker"],
        cast.insiders["advisory_member"],
        cast.outsiders["planner"],
        cast.national_viewer,
    ):
        client = _client(user)
        assert client.get(f"{BASE}objectives/new/").status_code == 404
        assert client.get(f"{BASE}edit/").status_code == 404
        assert client.get(f"{BASE}steps/").status_code == 404
        response = client.post(
            f"{BASE}objectives/{specific.pk}/",
            {"number": "1.1", "name_sq": "Ndryshuar", "parent": specific.parent_id, "version": 1},
        )
        assert response.status_code == 404
        assert client.post(f"{BASE}steps/", {"step": "consultation"}).status_code == 404
    specific.refresh_from_db()
    assert (specific.name_sq, specific.version) == ("Shërbime ditore", 1)
    assert _plan().status == Plan.Status.DRAFT


def test_a_stale_edit_answers_409_and_keeps_what_was_typed(cast: Cast) -> None:
    _strategic, specific = _objectives(cast)
    client = _client(cast.planner)
    objective_save(
        actor=cast.planner,
        plan=_plan(),
        objective=specific,
        expected_version=1,
        values={"name_sq": "Emri i kolegut"},
    )
    response = client.post(
        f"{BASE}objectives/{specific.pk}/",
        {"parent": specific.parent_id, "number": "1.1", "name_sq": "Emri im", "version": 1},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert 'value="Emri im"' in html
    assert "Emri i kolegut" in html
    assert Objective.objects.get(pk=specific.pk).name_sq == "Emri i kolegut"


def test_a_planner_deletes_an_objective_with_everything_under_it(cast: Cast) -> None:
    strategic, _specific = _objectives(cast)
    client = _client(cast.planner)
    response = client.post(f"{BASE}objectives/{strategic.pk}/", {"delete": "1", "version": 1})
    assert response.status_code == 302
    assert not Objective.objects.filter(plan_id=PLAN_BULQIZE).exists()


def test_the_plan_goes_through_consultation_and_adoption_on_its_pages(cast: Cast) -> None:
    _objectives(cast)
    planner, visitor = _client(cast.planner), _client(None)
    assert visitor.get(PUBLIC).status_code == 404  # a draft is not public
    today = timezone.localdate()
    response = planner.post(
        f"{BASE}steps/",
        {
            "step": "consultation",
            "opens": today.isoformat(),
            "closes": (today + timedelta(days=14)).isoformat(),
            "version": 1,
        },
    )
    assert response.status_code == 302
    page = visitor.get(PUBLIC)
    assert page.status_code == 200
    assert "Public consultation: your comment" in page.content.decode()

    too_fast = visitor.post(
        PUBLIC, {**_guarded(text="Shpejt"), "shown": shown_token(int(time.time()))}
    )
    robot = visitor.post(PUBLIC, _guarded(text="Reklamë", website="http://spam.example"))
    assert (too_fast.status_code, robot.status_code) == (400, 400)
    assert not Comment.objects.exists()
    sent = visitor.post(
        PUBLIC,
        _guarded(
            text="Qendra duhet edhe në Shupenzë.",
            about="Masa 1.1.1",
            author_name="Arta Krasniqi",
            organization="",
        ),
    )
    assert sent.status_code == 302
    comment = Comment.objects.get()
    assert (comment.text, comment.author_name, comment.author_id) == (
        "Qendra duhet edhe në Shupenzë.",
        "Arta Krasniqi",
        None,
    )

    refused = planner.post(f"{BASE}steps/", {"step": "submit", "version": 2})
    assert refused.status_code == 400
    assert _plan().status == Plan.Status.CONSULTATION

    answer = planner.post(
        f"{BASE}comments/",
        {"comment": comment.pk, "answer": "rejected", "reason": "", "version": 1},
    )
    assert answer.status_code == 400
    assert "Give the reason" in answer.content.decode()
    answer = planner.post(
        f"{BASE}comments/",
        {"comment": comment.pk, "answer": "partly", "reason": "Shupenza në 2027.", "version": 1},
    )
    assert answer.status_code == 302

    # The consultation still runs: the plan waits for it to close.
    Plan.objects.filter(pk=PLAN_BULQIZE).update(
        consultation_opens=today - timedelta(days=20), consultation_closes=today - timedelta(days=1)
    )
    assert planner.post(f"{BASE}steps/", {"step": "submit", "version": 2}).status_code == 302
    adopted = planner.post(
        f"{BASE}steps/",
        {
            "step": "adopt",
            "decision_body": "Këshilli Bashkiak Bulqizë",
            "decision_number": "88",
            "decision_date": today.isoformat(),
            "decision_file": SimpleUploadedFile("vendim.pdf", b"%PDF-1.7 vendim"),
            "version": 3,
        },
    )
    assert adopted.status_code == 302
    plan = _plan()
    assert (plan.status, plan.decision_number) == (Plan.Status.ADOPTED, "88")

    listing = visitor.get("/plans/AL-BULQIZE/").content.decode()
    assert "Këshilli Bashkiak Bulqizë, no. 88" in listing
    decision = visitor.get(f"{PUBLIC}decision/")
    assert b"".join(decision.streaming_content) == b"%PDF-1.7 vendim"  # type: ignore[attr-defined]
    record = visitor.get(PUBLIC).content.decode()
    assert "Qendra duhet edhe në Shupenzë." in record
    assert "Arta Krasniqi" not in record
    assert "citizen" in record


def test_an_advisory_member_comments_on_the_draft_but_cannot_answer(cast: Cast) -> None:
    member = _client(cast.insiders["advisory_member"])
    response = member.post(f"{BASE}comments/", {"text": "Shtoni Ostrenin.", "about": ""})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == cast.insiders["advisory_member"]
    denied = member.post(
        f"{BASE}comments/",
        {"comment": comment.pk, "answer": "accepted", "reason": "", "version": 1},
    )
    assert denied.status_code == 404
    comment.refresh_from_db()
    assert (comment.answer, comment.version) == ("", 1)
    reader = _client(cast.insiders["case_worker"])
    assert reader.post(f"{BASE}comments/", {"text": "X"}).status_code == 404
    assert Comment.objects.count() == 1


def test_a_new_version_is_compared_with_the_adopted_one(cast: Cast) -> None:
    _objectives(cast)
    Plan.objects.filter(pk=PLAN_BULQIZE).update(status=Plan.Status.IN_IMPLEMENTATION)
    planner = _client(cast.planner)
    assert planner.post(f"{BASE}steps/", {"step": "revise"}).status_code == 302
    revision = Plan.objects.get(revises_id=PLAN_BULQIZE)
    specific = revision.objectives.get(number="1.1")
    planner.post(
        f"/planning/AL-BULQIZE/plans/{revision.pk}/objectives/{specific.pk}/",
        {
            "parent": specific.parent_id,
            "number": "1.1",
            "name_sq": "Shërbime ditore dhe në shtëpi",
            "version": 1,
        },
    )
    html = planner.get(f"/planning/AL-BULQIZE/plans/{revision.pk}/compare/").content.decode()
    row = html.split("Objective 1.1")[1].split("</tr>")[0]
    assert "changed" in row
    assert "Shërbime ditore</td>" in row
    assert "Shërbime ditore dhe në shtëpi" in row
    assert _plan().objectives.get(number="1.1").name_sq == "Shërbime ditore"


@pytest.mark.parametrize("path", ["/plans/AL-BULQIZE/", "/plans/"])
def test_public_lists_run_a_fixed_number_of_queries(cast: Cast, path: str) -> None:
    Plan.objects.filter(pk=PLAN_BULQIZE).update(status=Plan.Status.IN_IMPLEMENTATION)
    visitor = _client(None)
    with CaptureQueriesContext(connection) as one:
        visitor.get(path)
    plan = _plan()
    for year in (2030, 2031, 2032):
        Plan.objects.create(
            municipality=plan.municipality,
            kind=plan.kind,
            name_sq=f"Plani {year}",
            start_year=year,
            end_year=year,
            currency="ALL",
            status=Plan.Status.ADOPTED,
        )
    with CaptureQueriesContext(connection) as four:
        response = visitor.get(path)
    assert response.content.decode().count("Plani 203") == 3
    assert len(four.captured_queries) == len(one.captured_queries)


def test_behind_a_proxy_each_visitor_has_a_comment_limit_of_their_own(cast: Cast) -> None:
    today = timezone.localdate()
    Plan.objects.filter(pk=PLAN_BULQIZE).update(
        status=Plan.Status.CONSULTATION,
        consultation_opens=today,
        consultation_closes=today + timedelta(days=3),
    )
    with override_settings(TRUSTED_PROXIES=1):
        for visitor in ("203.0.113.7", "203.0.113.8"):
            for number in range(COMMENTS_PER_HOUR + 1):
                _client(None).post(
                    PUBLIC,
                    _guarded(text=f"Komenti {number}"),
                    HTTP_X_FORWARDED_FOR=f"198.51.100.1, {visitor}",
                    REMOTE_ADDR="127.0.0.1",
                )
    assert Comment.objects.count() == 2 * COMMENTS_PER_HOUR


def test_a_draft_stays_private_until_its_consultation_opens(cast: Cast) -> None:
    today = timezone.localdate()
    Plan.objects.filter(pk=PLAN_BULQIZE).update(
        status=Plan.Status.CONSULTATION,
        consultation_opens=today + timedelta(days=2),
        consultation_closes=today + timedelta(days=20),
    )
    visitor = _client(None)
    assert visitor.get(PUBLIC).status_code == 404
    assert str(PLAN_BULQIZE) not in visitor.get("/plans/AL-BULQIZE/").content.decode()
    Plan.objects.filter(pk=PLAN_BULQIZE).update(consultation_opens=today)
    assert visitor.get(PUBLIC).status_code == 200


def test_a_stale_comment_form_is_refused(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    today = timezone.localdate()
    Plan.objects.filter(pk=PLAN_BULQIZE).update(
        status=Plan.Status.CONSULTATION,
        consultation_opens=today,
        consultation_closes=today + timedelta(days=20),
    )
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: two_days_ago)
    token = shown_token(int(two_days_ago))
    monkeypatch.undo()
    response = _client(None).post(PUBLIC, {"shown": token, "website": "", "text": "Vjetër"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_stale_delete_shows_the_item_as_saved_now(cast: Cast) -> None:
    _strategic, specific = _objectives(cast)
    objective_save(
        actor=cast.planner,
        plan=_plan(),
        objective=specific,
        expected_version=1,
        values={"name_sq": "Emri i kolegut"},
    )
    response = _client(cast.planner).post(
        f"{BASE}objectives/{specific.pk}/", {"delete": "1", "version": 1}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert 'value="Emri i kolegut"' in html
    assert "This field is required" not in html
    assert Objective.objects.filter(pk=specific.pk).exists()


def test_a_signed_in_commenter_outside_the_group_is_a_citizen_in_the_record(
    cast: Cast,
) -> None:
    today = timezone.localdate()
    Plan.objects.filter(pk=PLAN_BULQIZE).update(
        status=Plan.Status.CONSULTATION,
        consultation_opens=today,
        consultation_closes=today + timedelta(days=20),
    )
    for persona in ("case_worker", "advisory_member"):
        _client(cast.insiders[persona]).post(f"{BASE}comments/", {"text": f"Nga {persona}"})
    assert list(Comment.objects.order_by("text").values_list("text", "from_advisory_member")) == [
        ("Nga advisory_member", True),
        ("Nga case_worker", False),
    ]
    Plan.objects.filter(pk=PLAN_BULQIZE).update(status=Plan.Status.SUBMITTED)
    record = _client(None).get(PUBLIC).content.decode()
    assert "<td>advisory-group member</td>" in record
    assert "<td>citizen</td>" in record

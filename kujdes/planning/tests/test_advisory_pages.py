"""The advisory group's pages: its members, and its meetings on a plan with those present and
the decisions with the plan items they changed. Everyone who reads the plans reads them,
advisory-group members included; only planners and administrators record anything, and a
refused or stale save changes nothing."""

from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kujdes.accounts.models import Role, User
from kujdes.audit.models import AuditEvent
from kujdes.directory.tests.test_manage_support import edit_page
from kujdes.planning import services
from kujdes.planning.models import (
    Activity,
    AdvisoryMember,
    Decision,
    Indicator,
    Measure,
    Meeting,
    Objective,
    Plan,
)
from tests.personas import PASSWORD, PLAN_BULQIZE, Cast
from tests.test_routes import PERSONAS

GROUP = "/planning/AL-BULQIZE/advisory-group/"
MEETINGS = f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/meetings/"
EN = {"accept-language": "en"}


@pytest.fixture(autouse=True)
def _group_from_nothing(cast: Cast) -> None:
    """These tests build the advisory group and its meetings themselves: the cast's former
    member and meeting (there for the route matrix) go first."""
    Meeting.objects.all().delete()
    AdvisoryMember.objects.all().delete()


def _client(user: User | None, language: str = "en") -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _member(
    cast: Cast, name: str = "Drita Hoxha", code: str = "AL-BULQIZE", **values: Any
) -> AdvisoryMember:
    return services.advisory_member_save(
        actor=None,
        municipality=cast.areas[code],
        values={"name": name, "organization": "Shoqata Jeta", "sector": "civil_society"} | values,
    )


def _plan() -> Plan:
    plan = Plan.objects.select_related("municipality").get(pk=PLAN_BULQIZE)
    return plan


def _meeting(*attendees: AdvisoryMember, held_on: date = date(2026, 2, 10)) -> Meeting:
    return services.meeting_save(
        actor=None,
        plan=_plan(),
        values={
            "held_on": held_on,
            "place": "Bashkia Bulqizë",
            "agenda": "Objektivat e planit",
            "minutes": "U diskutuan objektivat.",
        },
        attendees=attendees,
    )


def _meeting_path(meeting: Meeting) -> str:
    return f"{MEETINGS}{meeting.pk}/"


def _items(plan: Plan | None = None) -> tuple[Objective, Objective, Measure, Activity, Indicator]:
    """A strategic objective 1 with specific objective 1.1, measure 1.1.1, activity 1.1.1.1
    and an indicator of 1.1."""
    plan = plan or _plan()
    strategic = services.objective_save(
        actor=None, plan=plan, values={"number": "1", "name_sq": "Kujdes në shtëpi"}
    )
    specific = services.objective_save(
        actor=None,
        plan=plan,
        values={"number": "1.1", "name_sq": "Kujdes për të moshuarit", "parent": strategic},
    )
    measure = services.measure_save(
        actor=None,
        objective=specific,
        values={"number": "1.1.1", "name_sq": "Shërbim në shtëpi"},
        gaps=[],
    )
    activity = services.activity_save(
        actor=None,
        measure=measure,
        values={
            "number": "1.1.1.1",
            "name_sq": "Punësimi i dy kujdestarëve",
            "start_year": 2026,
            "end_year": 2027,
        },
        partners=[],
        target_groups=[],
        units=[],
        costs={},
    )
    indicator = services.indicator_save(
        actor=None,
        plan=plan,
        objective=specific,
        values={"name_sq": "Të moshuar që marrin kujdes", "unit": "persona"},
        targets={},
    )
    return strategic, specific, measure, activity, indicator


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            AdvisoryMember,
            Meeting,
            Meeting.attendees.through,
            Decision,
            Decision.objectives.through,
            AuditEvent,
        )
    )


def _errors(response: Any, name: str = "form") -> dict[str, list[str]]:
    return {field: list(errors) for field, errors in response.context[name].errors.items()}


# ── The group and its members ────────────────────────────────────────────────────────────────


def test_a_planner_adds_a_member_to_the_group(cast: Cast) -> None:
    client = _client(cast.planner)

    response = client.post(
        GROUP,
        {
            "name": "Arben Leka",
            "organization": "Qendra për Punë Sociale",
            "sector": "social_work_centre",
            "function": "kryetar",
        },
    )

    assert (response.status_code, response["Location"]) == (302, GROUP)
    member = AdvisoryMember.objects.get()
    assert (
        member.municipality,
        member.name,
        member.organization,
        member.sector,
        member.function,
        member.is_active,
        member.version,
    ) == (
        cast.areas["AL-BULQIZE"],
        "Arben Leka",
        "Qendra për Punë Sociale",
        "social_work_centre",
        "kryetar",
        True,
        1,
    )
    event = AuditEvent.objects.get(target_key=str(member.pk))
    assert (event.verb, event.actor, event.payload) == (
        "advisory_member.created",
        cast.planner,
        {
            "municipality": "AL-BULQIZE",
            "fields": ["name", "organization", "sector", "function"],
        },
    )
    assert [str(m) for m in client.get(GROUP).context["messages"]] == [
        "Arben Leka was added to the advisory group."
    ]


def test_a_reader_sees_the_members_active_first_but_no_form(cast: Cast) -> None:
    _member(cast, "Vera Gjoka", sector="municipality", function="sekretare")
    _member(cast, "Besnik Doda", is_active=False)
    _member(cast, "Agim Marku", organization="", sector="service_users")
    _member(cast, "Petrit Kola", code="AL-PUKE")

    response = _client(cast.persona(Role.ADVISORY_MEMBER)).get(GROUP)

    assert response.status_code == 200
    assert [member.name for member in response.context["members"]] == [
        "Vera Gjoka",
        "Agim Marku",
        "Besnik Doda",
    ]
    assert response.context["form"] is None
    html = response.content.decode()
    assert (
        '<th scope="row">Vera Gjoka</th>\n  <td>Shoqata Jeta</td>\n  <td>Municipality</td>\n'
        "  <td>sekretare</td>\n  <td>member</td>"
    ) in html
    assert (
        '<th scope="row">Agim Marku</th>\n  <td>—</td>\n'
        "  <td>Service users and their families</td>\n  <td>—</td>\n  <td>member</td>"
    ) in html
    assert "<td>has left the group</td>" in html
    assert "Petrit Kola" not in html
    assert "Add a member" not in html
    assert "/advisory-group/" + str(AdvisoryMember.objects.get(name="Vera Gjoka").pk) not in html


def test_an_editor_sees_links_to_edit_each_member(cast: Cast) -> None:
    member = _member(cast)

    html = _client(cast.planner).get(GROUP).content.decode()

    assert f'<a href="{GROUP}{member.pk}/">Drita Hoxha</a>' in html
    assert '<h2 id="add-heading">Add a member</h2>' in html
    assert '<label for="id_name">Name</label>' in html
    assert f'<a href="{MEETINGS}">Meetings on Plani Social i Bulqizës 2026–2028</a>' in html


def test_a_member_who_leaves_stays_on_record(cast: Cast) -> None:
    member = _member(cast)
    path = f"{GROUP}{member.pk}/"
    client = _client(cast.planner)
    data = edit_page(client, path, "form")
    assert data == {
        "name": "Drita Hoxha",
        "organization": "Shoqata Jeta",
        "sector": "civil_society",
        "function": "",
        "is_active": "on",
        "version": "1",
    }
    del data["is_active"]

    response = client.post(path, data | {"function": "anëtare"})

    assert (response.status_code, response["Location"]) == (302, GROUP)
    member.refresh_from_db()
    assert (member.is_active, member.function, member.version) == (False, "anëtare", 2)
    event = AuditEvent.objects.filter(target_key=str(member.pk)).latest("at")
    assert (event.verb, event.payload["fields"]) == (
        "advisory_member.updated",
        ["function", "is_active"],
    )
    assert [str(m) for m in client.get(GROUP).context["messages"]] == [
        "The details of Drita Hoxha were saved."
    ]


def test_it_keeps_the_members_details_typed_when_someone_saved_first(cast: Cast) -> None:
    member = _member(cast)
    path = f"{GROUP}{member.pk}/"
    client = _client(cast.planner)
    data = edit_page(client, path, "form")
    services.advisory_member_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        member=member,
        expected_version=1,
        values={"organization": "Caritas", "is_active": False},
    )
    before = _counts()

    response = client.post(path, data | {"function": "nënkryetare"})

    assert response.status_code == 409
    html = response.content.decode()
    assert (
        "Someone else saved this member&#x27;s details while you were editing them. Your "
        "changes are below and have not been saved"
    ) in html
    assert 'value="nënkryetare"' in html
    assert "<dt>Organization</dt><dd>Caritas</dd>" in html
    assert "<dt>Still a member</dt><dd>no</dd>" in html
    assert response.context["form"]["version"].value() == "2"
    assert _counts() == before
    member.refresh_from_db()
    assert (member.organization, member.function, member.is_active, member.version) == (
        "Caritas",
        "",
        False,
        2,
    )


@pytest.mark.parametrize(
    ("language", "message"),
    [("sr-latn", "Ovo polje se mora popuniti."), ("sq", "Kjo fushë është e domosdoshme.")],
)
def test_it_refuses_a_member_without_a_name_in_the_users_language(
    cast: Cast, language: str, message: str
) -> None:
    before = _counts()

    response = _client(cast.planner, language=language).post(GROUP, {"name": "", "sector": "donor"})

    assert response.status_code == 400
    assert _errors(response) == {"name": [message]}
    assert f'<span class="error" role="alert">{message}</span>' in response.content.decode()
    assert _counts() == before


def test_a_member_of_another_municipality_is_not_found(cast: Cast) -> None:
    member = _member(cast, code="AL-PUKE")
    before = _counts()
    client = _client(cast.planner)

    assert client.get(f"{GROUP}{member.pk}/").status_code == 404
    response = client.post(f"{GROUP}{member.pk}/", {"name": "X", "sector": "other", "version": 1})

    assert response.status_code == 404
    assert _counts() == before
    member.refresh_from_db()
    assert (member.name, member.version) == ("Drita Hoxha", 1)


# ── Meetings and decisions ───────────────────────────────────────────────────────────────────


def _meeting_data(*attendees: AdvisoryMember, **values: str) -> dict[str, Any]:
    return {
        "held_on": "2026-03-05",
        "place": "Zyra e Drejtorisë",
        "agenda": "Masat e vitit 2026",
        "minutes": "",
        "attendees": [str(member.pk) for member in attendees],
    } | values


def test_a_planner_records_a_meeting_with_those_present(cast: Cast) -> None:
    drita, arben = _member(cast), _member(cast, "Arben Leka")
    client = _client(cast.planner)

    response = client.post(MEETINGS, _meeting_data(drita, arben))

    meeting = Meeting.objects.get()
    assert (response.status_code, response["Location"]) == (302, _meeting_path(meeting))
    assert (
        meeting.plan_id,
        meeting.held_on,
        meeting.place,
        meeting.agenda,
        meeting.minutes,
        meeting.version,
    ) == (PLAN_BULQIZE, date(2026, 3, 5), "Zyra e Drejtorisë", "Masat e vitit 2026", "", 1)
    assert sorted(member.name for member in meeting.attendees.all()) == [
        "Arben Leka",
        "Drita Hoxha",
    ]
    event = AuditEvent.objects.get(target_key=str(meeting.pk))
    assert (event.verb, event.actor, event.payload["present"]) == (
        "meeting.created",
        cast.planner,
        2,
    )
    assert [str(m) for m in client.get(_meeting_path(meeting)).context["messages"]] == [
        "The meeting was recorded. Add its decisions here."
    ]


def test_the_boxes_offer_the_active_members_of_the_municipality(cast: Cast) -> None:
    _member(cast, "Vera Gjoka")
    _member(cast, "Besnik Doda", is_active=False)
    _member(cast, "Agim Marku", organization="")
    _member(cast, "Petrit Kola", code="AL-PUKE")

    response = _client(cast.planner).get(MEETINGS)

    form = response.context["form"]
    assert [label for _value, label in form.fields["attendees"].choices] == [
        "Agim Marku",
        "Vera Gjoka (Shoqata Jeta)",
    ]
    html = response.content.decode()
    assert '<fieldset class="field">\n  <legend>Present</legend>' in html
    assert 'type="checkbox" name="attendees"' in html
    assert '<input type="date" name="held_on"' in html
    assert "The advisory group has no active members yet" not in html


def test_it_says_when_the_group_has_no_members_to_tick(cast: Cast) -> None:
    html = _client(cast.planner).get(MEETINGS).content.decode()

    assert "The advisory group has no active members yet" in html


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("sq", "Zgjidhni të pranishmit nga anëtarët e grupit të kësaj bashkie."),
        ("sr-latn", "Izaberite prisutne među članovima grupe ove opštine."),
    ],
)
def test_it_refuses_those_present_from_outside_the_group_in_the_users_language(
    cast: Cast, language: str, message: str
) -> None:
    outsider, former = _member(cast, code="AL-PUKE"), _member(cast, is_active=False)
    before = _counts()
    client = _client(cast.planner, language=language)

    for attendee in (outsider, former):
        response = client.post(MEETINGS, _meeting_data(attendee, place="Bashkia"))

        assert response.status_code == 400
        assert _errors(response) == {"attendees": [message]}
        html = response.content.decode()
        assert message in html
        assert 'value="Bashkia"' in html
    assert _counts() == before


def test_a_planner_edits_a_meeting_and_a_member_who_left_stays_present(cast: Cast) -> None:
    drita, arben = _member(cast), _member(cast, "Arben Leka")
    meeting = _meeting(drita)
    services.advisory_member_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        member=drita,
        expected_version=1,
        values={"is_active": False},
    )
    path = _meeting_path(meeting)
    client = _client(cast.planner)
    data = edit_page(client, path, "form")
    assert data == {
        "held_on": "2026-02-10",
        "place": "Bashkia Bulqizë",
        "agenda": "Objektivat e planit",
        "minutes": "U diskutuan objektivat.",
        "attendees": [str(drita.pk)],
        "version": "1",
    }

    response = client.post(path, data | {"attendees": [str(drita.pk), str(arben.pk)]})

    assert (response.status_code, response["Location"]) == (302, MEETINGS)
    meeting.refresh_from_db()
    assert meeting.version == 2
    assert sorted(member.name for member in meeting.attendees.all()) == [
        "Arben Leka",
        "Drita Hoxha",
    ]
    event = AuditEvent.objects.filter(target_key=str(meeting.pk)).latest("at")
    assert (event.verb, event.payload["fields"], event.payload["present"]) == (
        "meeting.updated",
        [],
        2,
    )


def test_it_keeps_the_meeting_typed_when_someone_saved_first(cast: Cast) -> None:
    drita = _member(cast)
    meeting = _meeting(drita)
    path = _meeting_path(meeting)
    client = _client(cast.planner)
    data = edit_page(client, path, "form")
    services.meeting_save(
        actor=None,
        plan=_plan(),
        meeting=meeting,
        expected_version=1,
        values={"place": "Qendra Kulturore"},
        attendees=[],
    )
    before = _counts()

    response = client.post(path, data | {"minutes": "Procesverbali im"})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this meeting while you were editing it." in html
    assert "Procesverbali im</textarea>" in html
    assert "<dt>Place</dt><dd>Qendra Kulturore</dd>" in html
    assert "<dt>Date</dt><dd>Feb. 10, 2026</dd>" in html
    assert "<dt>Present</dt><dd>—</dd>" in html
    assert response.context["form"]["version"].value() == "2"
    assert _counts() == before
    meeting.refresh_from_db()
    assert (meeting.place, meeting.minutes, meeting.version) == (
        "Qendra Kulturore",
        "U diskutuan objektivat.",
        2,
    )
    assert list(meeting.attendees.all()) == []


def test_a_planner_adds_a_decision_with_the_plan_items_it_changed(cast: Cast) -> None:
    _strategic, specific, measure, activity, indicator = _items()
    meeting = _meeting()
    path = _meeting_path(meeting)
    client = _client(cast.planner)

    response = client.post(
        path,
        {
            "decision": "1",
            "decision-text": "Shtohet masa 1.1.1.",
            "decision-objectives": [str(specific.pk)],
            "decision-measures": [str(measure.pk)],
            "decision-activities": [str(activity.pk)],
            "decision-indicators": [str(indicator.pk)],
        },
    )

    assert (response.status_code, response["Location"]) == (302, path)
    decision = Decision.objects.get()
    assert (
        decision.meeting,
        decision.text,
        list(decision.objectives.all()),
        list(decision.measures.all()),
        list(decision.activities.all()),
        list(decision.indicators.all()),
    ) == (meeting, "Shtohet masa 1.1.1.", [specific], [measure], [activity], [indicator])
    event = AuditEvent.objects.get(verb="decision.created")
    assert (event.actor, event.payload["items"]) == (
        cast.planner,
        {"objectives": 1, "measures": 1, "activities": 1, "indicators": 1},
    )
    page = client.get(path)
    assert [str(m) for m in page.context["messages"]] == ["The decision was recorded."]
    assert page.context["decisions"] == [decision]
    meeting.refresh_from_db()
    assert meeting.version == 1


def test_the_decision_form_offers_the_plans_items_by_number_and_name(cast: Cast) -> None:
    *_items_above, measure, _activity, _indicator = _items()
    services.objective_save(
        actor=None, plan=_plan(), values={"number": "10", "name_sq": "Objektivi i dhjetë"}
    )
    services.objective_save(
        actor=None, plan=_plan(), values={"number": "2", "name_sq": "Objektivi i dytë"}
    )
    other = services.plan_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        values={
            "name_sq": "Plani tjetër",
            "kind": "social_plan",
            "start_year": 2029,
            "end_year": 2030,
            "currency": "ALL",
        },
    )
    services.objective_save(actor=None, plan=other, values={"number": "1", "name_sq": "Tjetër"})

    response = _client(cast.planner).get(_meeting_path(_meeting()))

    form = response.context["decision_form"]
    labels = {
        name: [label for _value, label in form.fields[name].choices]
        for name in ("objectives", "measures", "activities", "indicators")
    }
    assert labels == {
        "objectives": [
            "1 Kujdes në shtëpi",
            "1.1 Kujdes për të moshuarit",
            "2 Objektivi i dytë",
            "10 Objektivi i dhjetë",
        ],
        "measures": ["1.1.1 Shërbim në shtëpi"],
        "activities": ["1.1.1.1 Punësimi i dy kujdestarëve"],
        "indicators": ["1.1 Të moshuar që marrin kujdes"],
    }
    html = response.content.decode()
    assert '<label for="id_decision-objectives">Objectives it changed</label>' in html
    assert f'<option value="{measure.pk}">1.1.1 Shërbim në shtëpi</option>' in html


def test_it_refuses_an_item_of_another_plan_and_keeps_the_text(cast: Cast) -> None:
    meeting = _meeting()
    other = services.plan_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        values={
            "name_sq": "Plani tjetër",
            "kind": "social_plan",
            "start_year": 2029,
            "end_year": 2030,
            "currency": "ALL",
        },
    )
    foreign = services.objective_save(
        actor=None, plan=other, values={"number": "1", "name_sq": "Tjetër"}
    )
    before = _counts()

    response = _client(cast.planner, language="sq").post(
        _meeting_path(meeting),
        {"decision": "1", "decision-text": "Ndryshohet.", "decision-objectives": [foreign.pk]},
    )

    assert response.status_code == 400
    message = "Një vendim mund të ndryshojë vetëm elemente të këtij plani."
    assert _errors(response, "decision_form") == {"objectives": [message]}
    html = response.content.decode()
    assert message in html
    assert "Ndryshohet.</textarea>" in html
    assert _counts() == before


def test_a_reader_sees_the_meetings_with_those_present_and_the_decisions(cast: Cast) -> None:
    drita, arben = _member(cast), _member(cast, "Arben Leka", organization="")
    strategic, specific, measure, activity, indicator = _items()
    first = _meeting(drita, arben)
    services.decision_save(
        actor=None,
        meeting=first,
        text="Miratohet objektivi 1.",
        objectives=[strategic, specific],
        measures=[measure],
        activities=[activity],
        indicators=[indicator],
    )
    services.decision_save(actor=None, meeting=first, text="Takimi tjetër në mars.")
    _meeting(held_on=date(2026, 4, 2))

    response = _client(cast.persona(Role.ADVISORY_MEMBER)).get(MEETINGS)

    assert response.status_code == 200
    assert response.context["form"] is None
    html = response.content.decode()
    assert html.index("Feb. 10, 2026 · Bashkia Bulqizë") < html.index("April 2, 2026")
    assert "<dt>Agenda</dt><dd>Objektivat e planit</dd>" in html
    assert "<dt>Present</dt><dd>Arben Leka; Drita Hoxha (Shoqata Jeta)</dd>" in html
    assert "<dt>Minutes</dt><dd>U diskutuan objektivat.</dd>" in html
    # Each item the decision changed on a line of its own, by kind, number and name.
    row = html.split('<th scope="row">Miratohet objektivi 1.</th>\n  <td>')[1]
    assert [line.strip() for line in row.split("</td>")[0].split("<br>")] == [
        "Strategic objective 1: Kujdes në shtëpi",
        "Specific objective 1.1: Kujdes për të moshuarit",
        "Measure 1.1.1: Shërbim në shtëpi",
        "Activity 1.1.1.1: Punësimi i dy kujdestarëve",
        "Indicator of 1.1: Të moshuar që marrin kujdes",
        "",
    ]
    assert '<th scope="row">Takimi tjetër në mars.</th>\n  <td>—</td>' in html
    assert "<dt>Present</dt><dd>No one recorded</dd>" in html
    assert "No decision has been recorded for this meeting." in html
    assert "Record a meeting" not in html
    assert "/meetings/" + str(first.pk) not in html


def test_the_plan_pages_link_to_the_group_and_its_meetings(cast: Cast) -> None:
    client = _client(cast.persona(Role.ADVISORY_MEMBER))

    detail = client.get(f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/").content.decode()
    plans = client.get("/planning/AL-BULQIZE/plans/").content.decode()

    assert f'<a href="{MEETINGS}">Meetings of the advisory group</a>' in detail
    assert f'<a href="{GROUP}">Advisory group</a>' in detail
    assert f'<a href="{GROUP}">Advisory group</a>' in plans


# ── Access ───────────────────────────────────────────────────────────────────────────────────

# Everyone holding a role over Bulqizë, and the national viewer, reads the pages.
READERS = {"case_worker", "supervisor", "provider_staff", "advisory_member", "national_viewer"}
EDITORS = {"planner", "administrator", "municipal_administrator"}


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - EDITORS))
def test_only_planners_and_administrators_record_anything_and_a_refusal_changes_nothing(
    cast: Cast, persona: str
) -> None:
    drita = _member(cast)
    meeting = _meeting(drita)
    strategic, *_rest = _items()
    member_path, meeting_path = f"{GROUP}{drita.pk}/", _meeting_path(meeting)
    client = _client(cast.persona(persona))
    before = _counts()

    reads = {path: client.get(path).status_code for path in (GROUP, MEETINGS)}
    edits = {path: client.get(path).status_code for path in (member_path, meeting_path)}
    posts = [
        client.post(GROUP, {"name": "Hacked", "sector": "other"}),
        client.post(member_path, {"name": "Hacked", "sector": "other", "version": "1"}),
        client.post(MEETINGS, _meeting_data(drita)),
        client.post(meeting_path, _meeting_data(version="1")),
        client.post(
            meeting_path,
            {"decision": "1", "decision-text": "Hacked", "decision-objectives": [strategic.pk]},
        ),
    ]

    if persona == "anonymous":
        assert set(reads.values()) | set(edits.values()) == {302}
        assert [response["Location"].split("?")[0] for response in posts] == [
            "/accounts/sign-in/"
        ] * 5
    else:
        readable = 200 if persona in READERS else 404
        assert reads == {GROUP: readable, MEETINGS: readable}
        assert edits == {member_path: 404, meeting_path: 404}
        assert [response.status_code for response in posts] == [404] * 5
    assert _counts() == before
    drita.refresh_from_db()
    meeting.refresh_from_db()
    assert (drita.name, drita.version, meeting.place, meeting.version) == (
        "Drita Hoxha",
        1,
        "Bashkia Bulqizë",
        1,
    )


@pytest.mark.parametrize("persona", sorted(EDITORS))
def test_planners_and_administrators_open_every_page(cast: Cast, persona: str) -> None:
    meeting = _meeting(_member(cast))
    client = _client(cast.persona(persona))

    for path in (GROUP, f"{GROUP}{AdvisoryMember.objects.get().pk}/", MEETINGS):
        assert client.get(path).status_code == 200, path
    assert client.get(_meeting_path(meeting)).status_code == 200


# ── Queries ──────────────────────────────────────────────────────────────────────────────────


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["planner", "advisory_member"])
def test_the_lists_run_a_constant_number_of_queries(cast: Cast, persona: str) -> None:
    client = _client(cast.persona(persona))
    strategic, specific, measure, activity, indicator = _items()
    drita = _member(cast)
    services.decision_save(actor=None, meeting=_meeting(drita), text="Një", objectives=[strategic])
    client.get(GROUP)
    few = [_queries(client, path) for path in (GROUP, MEETINGS)]

    members = [_member(cast, f"Anëtar {number}") for number in range(4)]
    for day in (3, 4, 5):
        meeting = _meeting(*members, held_on=date(2026, 3, day))
        for text in ("Një", "Dy"):
            services.decision_save(
                actor=None,
                meeting=meeting,
                text=text,
                objectives=[strategic, specific],
                measures=[measure],
                activities=[activity],
                indicators=[indicator],
            )
    many = [_queries(client, path) for path in (GROUP, MEETINGS)]

    assert Decision.objects.count() == 7
    assert few == many

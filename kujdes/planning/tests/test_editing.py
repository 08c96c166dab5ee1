"""Planners edit what the needs assessment cannot compute: structures and staff (A6), budget
years (A7), gap weights and notes (A8). Only planners and administrators over the
municipality may; every refused or stale save changes nothing."""

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.directory.tests.test_manage_support import edit_page
from kujdes.planning import services
from kujdes.planning.models import (
    BudgetLine,
    BudgetYear,
    GapNote,
    GapWeights,
    Programme,
    Structure,
)
from kujdes.planning.views.editing import StaffTotals
from tests.personas import Cast

BASE = "/planning/AL-BULQIZE/"
STRUCTURES = f"{BASE}structures/"
BUDGET = f"{BASE}budget/"
GAPS = f"{BASE}gaps/"
NOTE = f"{GAPS}AL-BULQIZE-ZERQAN/CHILDREN/"
EN = {"accept-language": "en"}


@pytest.fixture(autouse=True)
def _without_the_casts_entries(db: None) -> None:
    """The cast has a structure and a budget year for the route matrix; these tests count
    from none."""
    Structure.objects.all().delete()
    BudgetYear.objects.all().delete()


def _structure(cast: Cast, **values: Any) -> Structure:
    return services.structure_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        values={"kind": Structure.Kind.DIRECTORATE, "staff_required": 4, "staff_in_post": 3}
        | values,
    )


def _budget(cast: Cast, year: int = 2023, lines: dict[str, Decimal] | None = None) -> BudgetYear:
    return services.budget_year_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        values={
            "year": year,
            "stage": BudgetYear.Stage.EXECUTED,
            "currency": "ALL",
            "municipal_total": Decimal("1000000.00"),
        },
        lines=lines or {"10.2": Decimal("50000.00")},
    )


def _lines(budget: BudgetYear) -> dict[str, Decimal]:
    return {line.programme: line.amount for line in BudgetLine.objects.filter(budget_year=budget)}


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Structure, BudgetYear, BudgetLine, GapWeights, GapNote, AuditEvent)
    )


def _errors(response: Any) -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


# ── A6 Structures ────────────────────────────────────────────────────────────────────────────


def test_it_adds_social_workers_of_an_administrative_unit(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    zerqan = cast.areas["AL-BULQIZE-ZERQAN"]
    response = client.post(
        STRUCTURES,
        {
            "kind": Structure.Kind.SOCIAL_WORKER,
            "unit": zerqan.pk,
            "name": "Punonjës social Zerqan",
            "legal_basis": "VKM 518/2018",
            "staff_required": "3",
            "staff_in_post": "1",
            "notes": "",
        },
    )
    assert (response.status_code, response["Location"]) == (302, STRUCTURES)
    structure = Structure.objects.get()
    assert (
        structure.municipality,
        structure.kind,
        structure.unit,
        structure.name,
        structure.legal_basis,
        structure.staff_required,
        structure.staff_in_post,
        structure.vacancies,
        structure.version,
    ) == (
        cast.areas["AL-BULQIZE"],
        Structure.Kind.SOCIAL_WORKER,
        zerqan,
        "Punonjës social Zerqan",
        "VKM 518/2018",
        3,
        1,
        2,
        1,
    )
    event = AuditEvent.objects.get(target_key=str(structure.pk))
    assert (event.verb, event.actor, event.payload["unit"]) == (
        "structure.created",
        cast.planner,
        "AL-BULQIZE-ZERQAN",
    )
    # The message was written in the language of the request that saved (Albanian).
    assert [str(m) for m in client.get(STRUCTURES, headers=EN).context["messages"]] == [
        "Struktura u ruajt."
    ]


def test_it_lists_staff_required_in_post_and_vacancies(cast: Cast, client: Client) -> None:
    _structure(cast)
    _structure(
        cast,
        kind=Structure.Kind.SOCIAL_WORKER,
        unit=cast.areas["AL-BULQIZE-ZERQAN"],
        staff_required=2,
        staff_in_post=2,
    )
    client.force_login(cast.planner)
    response = client.get(STRUCTURES, headers=EN)
    assert response.status_code == 200
    assert [s.kind for s in response.context["structures"]] == ["directorate", "social_worker"]
    assert response.context["totals"] == StaffTotals(required=6, in_post=5, vacancies=1)
    assert [u.code for u in response.context["units_without_workers"]] == [
        "AL-BULQIZE-FUSHE-BULQIZE"
    ]
    assert '<td class="number">6</td>' in response.content.decode()


def test_it_edits_a_structure_and_moves_the_version_on(cast: Cast, client: Client) -> None:
    structure = _structure(cast)
    path = f"{STRUCTURES}{structure.pk}/"
    client.force_login(cast.planner)
    data = edit_page(client, path, "form")
    assert data["version"] == "1"
    response = client.post(path, data | {"staff_in_post": "4", "name": "Drejtoria"})
    assert (response.status_code, response["Location"]) == (302, STRUCTURES)
    structure.refresh_from_db()
    assert (structure.name, structure.staff_in_post, structure.version) == ("Drejtoria", 4, 2)
    event = AuditEvent.objects.filter(target_key=str(structure.pk)).latest("at")
    assert (event.verb, event.payload["fields"]) == ("structure.updated", ["name", "staff_in_post"])


def test_it_deletes_a_structure(cast: Cast, client: Client) -> None:
    structure = _structure(cast)
    client.force_login(cast.planner)
    response = client.post(f"{STRUCTURES}{structure.pk}/", {"delete": "1", "version": "1"})
    assert (response.status_code, response["Location"]) == (302, STRUCTURES)
    assert not Structure.objects.exists()
    event = AuditEvent.objects.filter(target_key=str(structure.pk)).latest("at")
    assert (event.verb, event.actor, event.payload) == (
        "structure.deleted",
        cast.planner,
        {"municipality": "AL-BULQIZE", "kind": "directorate"},
    )


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("AL-PUKE-QERRET", "Choose an administrative unit of this municipality."),
        ("AL-BULQIZE", "Choose an administrative unit of this municipality."),
        ("", "Social workers work in an administrative unit: choose one."),
    ],
)
def test_it_refuses_social_workers_outside_the_municipalitys_units(
    cast: Cast, client: Client, unit: str, message: str
) -> None:
    client.force_login(cast.planner)
    before = _counts()
    data = {
        "kind": Structure.Kind.SOCIAL_WORKER,
        "unit": cast.areas[unit].pk if unit else "",
        "staff_required": "1",
        "staff_in_post": "0",
    }
    response = client.post(STRUCTURES, data, headers=EN)
    assert response.status_code == 400
    assert _errors(response) == {"unit": [message]}
    assert message in response.content.decode()
    assert _counts() == before


def test_the_service_refuses_a_unit_of_another_municipality(cast: Cast) -> None:
    before = _counts()
    with (
        translation.override("en"),
        pytest.raises(ValueError, match="administrative unit of this municipality") as error,
    ):
        _structure(cast, unit=cast.areas["AL-PUKE-QERRET"])
    assert isinstance(error.value, services.InvalidInput)
    assert error.value.field == "unit"
    assert _counts() == before


def test_it_keeps_the_input_when_someone_saved_the_structure_meanwhile(
    cast: Cast, client: Client
) -> None:
    structure = _structure(cast)
    path = f"{STRUCTURES}{structure.pk}/"
    client.force_login(cast.planner)
    data = edit_page(client, path, "form")
    services.structure_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        structure=structure,
        expected_version=1,
        values={"staff_in_post": 2},
    )
    before = _counts()
    response = client.post(path, data | {"name": "Drejtoria e re"}, headers=EN)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else saved this structure while you were editing it." in content
    assert 'value="Drejtoria e re"' in content
    assert "<dt>Staff in post</dt><dd>2</dd>" in content
    assert response.context["form"]["version"].value() == "2"
    structure.refresh_from_db()
    assert (structure.name, structure.staff_in_post, structure.version) == ("", 2, 2)
    assert _counts() == before


def test_it_does_not_delete_a_structure_someone_changed_meanwhile(
    cast: Cast, client: Client
) -> None:
    structure = _structure(cast)
    services.structure_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        structure=structure,
        expected_version=1,
        values={"staff_in_post": 2},
    )
    client.force_login(cast.planner)
    before = _counts()
    response = client.post(
        f"{STRUCTURES}{structure.pk}/", {"delete": "1", "version": "1"}, headers=EN
    )
    assert response.status_code == 409
    assert "so it was not deleted" in response.content.decode()
    assert _counts() == before


# ── A7 Budget ────────────────────────────────────────────────────────────────────────────────


def _budget_data(**values: str) -> dict[str, str]:
    data = {
        "year": "2023",
        "stage": BudgetYear.Stage.EXECUTED,
        "currency": "ALL",
        "municipal_total": "1000000.00",
        "source": "Raporti i zbatimit të buxhetit 2023",
    }
    data |= {services.programme_field(code): "" for code in Programme.values}
    return data | values


def test_it_adds_a_budget_year_with_its_programme_lines(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    assert client.get(BUDGET).context["form"]["currency"].value() == "ALL"
    response = client.post(BUDGET, _budget_data(programme_10_2="50000", programme_10_4="25000.50"))
    assert (response.status_code, response["Location"]) == (302, BUDGET)
    budget = BudgetYear.objects.get()
    assert (
        budget.municipality,
        budget.year,
        budget.stage,
        budget.currency,
        budget.municipal_total,
        budget.source,
        budget.version,
    ) == (
        cast.areas["AL-BULQIZE"],
        2023,
        "executed",
        "ALL",
        Decimal("1000000.00"),
        "Raporti i zbatimit të buxhetit 2023",
        1,
    )
    assert _lines(budget) == {"10.2": Decimal("50000.00"), "10.4": Decimal("25000.50")}
    event = AuditEvent.objects.get(target_key=str(budget.pk))
    assert (event.verb, event.actor, event.payload["programmes"]) == (
        "budget_year.created",
        cast.planner,
        ["10.2", "10.4"],
    )
    response = client.get(BUDGET, headers=EN)
    assert [str(m) for m in response.context["messages"]] == ["Buxheti i 2023 u ruajt."]
    [row] = response.context["rows"]
    assert (row.social_care, row.share_percent) == (Decimal("75000.50"), Decimal("7.50"))


def test_it_replaces_the_lines_of_a_budget_year(cast: Cast, client: Client) -> None:
    budget = _budget(cast, lines={"10.2": Decimal(50000), "10.4": Decimal(100)})
    path = f"{BUDGET}{budget.pk}/"
    client.force_login(cast.planner)
    data = edit_page(client, path, "form")
    assert (data["version"], data["programme_10_2"], data["programme_10_4"]) == (
        "1",
        "50000.00",
        "100.00",
    )
    data |= {"programme_10_2": "", "programme_10_7": "1200.40", "stage": "planned"}
    response = client.post(path, data)
    assert (response.status_code, response["Location"]) == (302, BUDGET)
    budget.refresh_from_db()
    assert (budget.stage, budget.version) == ("planned", 2)
    assert _lines(budget) == {"10.4": Decimal("100.00"), "10.7": Decimal("1200.40")}
    event = AuditEvent.objects.filter(target_key=str(budget.pk)).latest("at")
    assert (event.verb, event.payload["fields"]) == ("budget_year.updated", ["stage"])


def test_it_deletes_a_budget_year_with_its_lines(cast: Cast, client: Client) -> None:
    budget = _budget(cast)
    client.force_login(cast.planner)
    response = client.post(f"{BUDGET}{budget.pk}/", {"delete": "1", "version": "1"})
    assert (response.status_code, response["Location"]) == (302, BUDGET)
    assert (BudgetYear.objects.count(), BudgetLine.objects.count()) == (0, 0)
    event = AuditEvent.objects.filter(target_key=str(budget.pk)).latest("at")
    assert (event.verb, event.payload) == (
        "budget_year.deleted",
        {"municipality": "AL-BULQIZE", "year": 2023},
    )


def test_it_refuses_a_second_budget_for_the_same_year(cast: Cast, client: Client) -> None:
    _budget(cast, 2023)
    other = _budget(cast, 2024)
    client.force_login(cast.planner)
    before = _counts()
    message = "This municipality already has a budget for that year; edit that one instead."
    response = client.post(BUDGET, _budget_data(year="2023"), headers=EN)
    assert (response.status_code, _errors(response)) == (400, {"year": [message]})
    data = edit_page(client, f"{BUDGET}{other.pk}/", "form") | {"year": "2023"}
    response = client.post(f"{BUDGET}{other.pk}/", data, headers=EN)
    assert (response.status_code, _errors(response)) == (400, {"year": [message]})
    assert message in response.content.decode()
    assert _counts() == before
    other.refresh_from_db()
    assert (other.year, other.version) == (2024, 1)


def test_it_refuses_a_negative_amount(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    before = _counts()
    response = client.post(BUDGET, _budget_data(programme_10_4="-5"), headers=EN)
    assert (response.status_code, _errors(response)) == (
        400,
        {"programme_10_4": ["An amount cannot be negative."]},
    )
    with pytest.raises(services.InvalidInput, match="An amount cannot be negative"):
        _budget(cast, lines={"10.4": Decimal(-5)})
    assert _counts() == before


def test_it_refuses_programme_lines_above_the_municipal_total(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    before = _counts()
    data = _budget_data(municipal_total="1000", programme_10_1="600", programme_10_2="400.01")
    response = client.post(BUDGET, data, headers=EN)
    assert (response.status_code, _errors(response)) == (
        400,
        {
            "municipal_total": [
                "The programme amounts add up to more than the total municipal budget, which "
                "includes them."
            ]
        },
    )
    assert _counts() == before


def test_it_keeps_the_input_when_someone_saved_the_budget_year_meanwhile(
    cast: Cast, client: Client
) -> None:
    budget = _budget(cast)
    path = f"{BUDGET}{budget.pk}/"
    client.force_login(cast.planner)
    data = edit_page(client, path, "form")
    services.budget_year_save(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        budget_year=budget,
        expected_version=1,
        values={"source": "Buxheti i miratuar"},
        lines={"10.2": Decimal(60000)},
    )
    before = _counts()
    response = client.post(path, data | {"programme_10_2": "70000"}, headers=EN)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else saved this budget year while you were editing it." in content
    assert 'value="70000"' in content
    assert "<dt>10.2 Old age</dt><dd>60000.00</dd>" in content
    assert _counts() == before
    assert _lines(budget) == {"10.2": Decimal("60000.00")}


# ── A8 Gaps ──────────────────────────────────────────────────────────────────────────────────


def test_it_sets_the_gap_weights_from_the_defaults_then_again(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    data = edit_page(client, GAPS, "form")
    assert data == {"need": "40", "coverage": "40", "distance": "20", "version": "0"}
    response = client.post(GAPS, data | {"need": "50", "coverage": "30"})
    assert (response.status_code, response["Location"]) == (302, GAPS)
    data = edit_page(client, GAPS, "form")
    assert client.post(GAPS, data | {"distance": "0"}).status_code == 302
    weights = GapWeights.objects.get()
    assert (
        weights.municipality,
        weights.need,
        weights.coverage,
        weights.distance,
        weights.version,
    ) == (cast.areas["AL-BULQIZE"], 50, 30, 0, 2)
    events = AuditEvent.objects.filter(verb="gap_weights.set", target_key="AL-BULQIZE")
    assert [event.payload for event in events.order_by("at")] == [
        {"need": 50, "coverage": 30, "distance": 20, "version": 1},
        {"need": 50, "coverage": 30, "distance": 0, "version": 2},
    ]


@pytest.mark.parametrize(
    ("weights", "errors"),
    [
        (
            {"need": "0", "coverage": "0", "distance": "0"},
            {"__all__": ["At least one weight must be above zero."]},
        ),
        (
            {"need": "101", "coverage": "0", "distance": "0"},
            {"need": ["A weight lies between 0 and 100."]},
        ),
    ],
)
def test_it_refuses_weights_out_of_range(
    cast: Cast, client: Client, weights: dict[str, str], errors: dict[str, list[str]]
) -> None:
    client.force_login(cast.planner)
    before = _counts()
    response = client.post(GAPS, weights | {"version": "0"}, headers=EN)
    assert (response.status_code, _errors(response)) == (400, errors)
    assert _counts() == before


def test_it_keeps_the_weights_typed_when_someone_saved_first(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    data = edit_page(client, GAPS, "form")
    services.gap_weights_set(
        actor=None,
        municipality=cast.areas["AL-BULQIZE"],
        expected_version=0,
        need=10,
        coverage=10,
        distance=80,
    )
    before = _counts()
    response = client.post(GAPS, data | {"need": "70"}, headers=EN)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else saved the weights while you were editing them." in content
    assert 'value="70"' in content
    assert response.context["form"]["version"].value() == "1"
    assert _counts() == before
    assert GapWeights.objects.get().distance == 80


def test_it_writes_a_note_on_a_gap(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    assert edit_page(client, NOTE, "form") == {"adjustment": "0", "version": "0"}
    response = client.post(
        NOTE, {"adjustment": "15", "note": "Shkolla raporton më shumë raste.", "version": "0"}
    )
    assert (response.status_code, response["Location"]) == (302, GAPS)
    note = GapNote.objects.get()
    assert (
        note.unit,
        note.target_group,
        note.adjustment,
        note.note,
        note.updated_by,
        note.version,
    ) == (
        cast.areas["AL-BULQIZE-ZERQAN"],
        "CHILDREN",
        15,
        "Shkolla raporton më shumë raste.",
        cast.planner,
        1,
    )
    event = AuditEvent.objects.get(target_key=str(note.pk))
    # The note's text stays out of the audit log.
    assert (event.verb, event.payload) == (
        "gap_note.set",
        {"unit": "AL-BULQIZE-ZERQAN", "target_group": "CHILDREN", "adjustment": 15, "version": 1},
    )
    response = client.get(GAPS, headers=EN)
    assert [(row.note.pk, row.target_group) for row in response.context["notes"]] == [
        (note.pk, "children")
    ]
    data = edit_page(client, NOTE, "form")
    assert client.post(NOTE, data | {"adjustment": "-20"}).status_code == 302
    note.refresh_from_db()
    assert (note.adjustment, note.version) == (-20, 2)


def test_it_refuses_an_adjustment_beyond_fifty_points(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    before = _counts()
    response = client.post(NOTE, {"adjustment": "80", "note": "", "version": "0"}, headers=EN)
    assert (response.status_code, _errors(response)) == (
        400,
        {"adjustment": ["An adjustment lies between −50 and +50 points."]},
    )
    with pytest.raises(services.InvalidInput):
        services.gap_note_set(
            actor=None,
            unit=cast.areas["AL-BULQIZE-ZERQAN"],
            target_group="CHILDREN",
            adjustment=80,
            note="",
            expected_version=0,
        )
    assert _counts() == before


def test_it_keeps_the_note_typed_when_someone_saved_one_first(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    services.gap_note_set(
        actor=None,
        unit=cast.areas["AL-BULQIZE-ZERQAN"],
        target_group="CHILDREN",
        adjustment=5,
        note="E para",
        expected_version=0,
    )
    before = _counts()
    response = client.post(NOTE, {"adjustment": "10", "note": "E dyta", "version": "0"}, headers=EN)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else saved a note on this gap while you were writing yours." in content
    assert "E dyta</textarea>" in content
    assert "<dd>E para</dd>" in content
    assert _counts() == before


def test_it_opens_the_note_of_the_gap_chosen(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    response = client.get(GAPS, {"unit": "AL-BULQIZE-ZERQAN", "target_group": "CHILDREN"})
    assert (response.status_code, response["Location"]) == (302, NOTE)


@pytest.mark.parametrize(
    "path",
    [
        f"{GAPS}AL-PUKE-QERRET/CHILDREN/",
        f"{GAPS}AL-BULQIZE/CHILDREN/",
        f"{GAPS}AL-BULQIZE-ZERQAN/AL_CHILDREN/",
    ],
)
def test_it_answers_not_found_for_a_gap_outside_the_municipality(
    cast: Cast, client: Client, path: str
) -> None:
    client.force_login(cast.planner)
    before = _counts()
    assert client.get(path).status_code == 404
    assert client.post(path, {"adjustment": "5", "version": "0"}).status_code == 404
    assert _counts() == before


# ── Access ───────────────────────────────────────────────────────────────────────────────────


def _paths(structure: Structure, budget: BudgetYear) -> list[str]:
    return [
        STRUCTURES,
        f"{STRUCTURES}{structure.pk}/",
        BUDGET,
        f"{BUDGET}{budget.pk}/",
        GAPS,
        NOTE,
    ]


EVERYTHING = {
    "kind": Structure.Kind.OTHER,
    "name": "Hacked",
    "staff_required": "9",
    "staff_in_post": "9",
    "version": "1",
    **_budget_data(year="2030", programme_10_1="1"),
    "need": "1",
    "coverage": "1",
    "distance": "1",
    "adjustment": "50",
}


@pytest.mark.parametrize(
    "persona", ["advisory_member", "case_worker", "national_viewer", "planner@other", "no_role"]
)
def test_it_answers_not_found_to_anyone_but_editors_and_changes_nothing(
    cast: Cast, client: Client, persona: str
) -> None:
    structure, budget = _structure(cast), _budget(cast)
    user = cast.persona(persona)
    assert user is not None
    client.force_login(user)
    before = _counts()
    for path in _paths(structure, budget):
        assert client.get(path).status_code == 404, path
        assert client.post(path, EVERYTHING).status_code == 404, path
        assert client.post(path, {"delete": "1", "version": "1"}).status_code == 404, path
    assert _counts() == before
    structure.refresh_from_db()
    assert (structure.name, structure.version) == ("", 1)


def test_it_sends_an_anonymous_visitor_to_sign_in_and_changes_nothing(
    cast: Cast, client: Client
) -> None:
    structure, budget = _structure(cast), _budget(cast)
    before = _counts()
    for path in _paths(structure, budget):
        response = client.post(path, EVERYTHING)
        assert (response.status_code, response["Location"]) == (
            302,
            f"/accounts/sign-in/?next={path}",
        )
    assert _counts() == before


def test_an_administrator_of_the_municipality_may_edit(cast: Cast, client: Client) -> None:
    assert cast.municipal_administrator is not None
    client.force_login(cast.municipal_administrator)
    for path in (STRUCTURES, BUDGET, GAPS, NOTE):
        assert client.get(path).status_code == 200, path


# ── Queries ──────────────────────────────────────────────────────────────────────────────────


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_lists_run_a_constant_number_of_queries(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    _structure(cast)
    _budget(cast, 2021)
    services.gap_note_set(
        actor=None,
        unit=cast.areas["AL-BULQIZE-ZERQAN"],
        target_group="CHILDREN",
        adjustment=5,
        note="",
        expected_version=0,
    )
    few = [_queries(client, path) for path in (STRUCTURES, BUDGET, GAPS)]
    for year in (2022, 2023):
        _structure(cast, kind=Structure.Kind.SOCIAL_WORKER, unit=cast.areas["AL-BULQIZE-ZERQAN"])
        _budget(cast, year, lines={"10.1": Decimal(1), "10.9": Decimal(2)})
    services.gap_note_set(
        actor=None,
        unit=cast.areas["AL-BULQIZE-FUSHE-BULQIZE"],
        target_group="ELDERLY",
        adjustment=-5,
        note="",
        expected_version=0,
    )
    many = [_queries(client, path) for path in (STRUCTURES, BUDGET, GAPS)]
    assert few == many

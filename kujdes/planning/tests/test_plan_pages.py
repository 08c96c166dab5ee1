"""The plan pages: the municipality's plans, where its planners start one, and a plan with
its objectives, activities, indicators, budget and the gaps no measure answers."""

import io
import re
from decimal import Decimal

import openpyxl
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kujdes.accounts.models import Role, User
from kujdes.audit.models import AuditEvent
from kujdes.directory.models import FundingSource, TargetGroup
from kujdes.planning.models import Plan
from kujdes.planning.services import (
    activity_save,
    indicator_save,
    measure_save,
    objective_save,
)
from kujdes.planning.tests.figures import figures_create
from tests.personas import PASSWORD, PLAN_BULQIZE, PLANS, Cast

LIST = "/planning/AL-BULQIZE/plans/"
DETAIL = f"{LIST}{PLAN_BULQIZE}/"
NEW_PLAN = {
    "name_sq": "Plani Social i Bulqizës 2029–2033",
    "name_sr_latn": "",
    "name_en": "Social Plan of Bulqizë 2029–2033",
    "kind": "social_plan",
    "start_year": "2029",
    "end_year": "2033",
    "currency": "ALL",
}


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _others() -> list[Plan]:
    return list(Plan.objects.exclude(pk__in=PLANS))


def test_a_planner_starts_a_plan(cast: Cast) -> None:
    response = _client(cast.planner).post(LIST, NEW_PLAN)

    [plan] = _others()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{plan.pk}/"
    assert (plan.name_en, plan.kind, plan.start_year, plan.end_year, plan.status) == (
        "Social Plan of Bulqizë 2029–2033",
        "social_plan",
        2029,
        2033,
        "draft",
    )
    assert (
        AuditEvent.objects.get(verb="plan.created", target_key=str(plan.pk)).actor == cast.planner
    )


def test_a_reader_sees_the_plans_but_cannot_start_one(cast: Cast) -> None:
    client = _client(cast.persona(Role.CASE_WORKER))

    page = client.get(LIST).content.decode()
    response = client.post(LIST, NEW_PLAN)

    assert "Plani Social i Bulqizës 2026–2028" in page
    assert "Start a plan" not in page
    assert response.status_code == 404
    assert _others() == []


def test_it_offers_only_the_kinds_of_plan_of_the_country_and_keeps_bad_input(cast: Cast) -> None:
    client = _client(cast.planner)

    page = client.get(LIST).content.decode()
    response = client.post(LIST, {**NEW_PLAN, "kind": "municipal_strategy", "end_year": "2027"})

    assert '<option value="social_plan"' in page
    assert '<option value="ALL" selected>' in page
    assert 'value="municipal_strategy"' not in page
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice. municipal_strategy is not one of the available choices." in html
    assert 'value="Social Plan of Bulqizë 2029–2033"' in html
    assert _others() == []


def test_the_last_year_before_the_first_is_refused_on_the_page(cast: Cast) -> None:
    response = _client(cast.planner).post(LIST, {**NEW_PLAN, "end_year": "2027"})

    assert response.status_code == 400
    assert "The last year cannot come before the first." in response.content.decode()
    assert _others() == []


def _fill(cast: Cast, activities: int) -> None:
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    strategic = objective_save(
        actor=None,
        plan=plan,
        values={"number": "1", "name_en": "Care at home", "name_sq": "Kujdes në shtëpi"},
    )
    specific = objective_save(
        actor=None,
        plan=plan,
        values={
            "number": "1.1",
            "name_sq": "Kujdes për personat me aftësi të kufizuara",
            "parent": strategic,
        },
    )
    measure = measure_save(
        actor=None,
        objective=specific,
        values={"number": "1.1.1", "name_sq": "Kujdes në shtëpi në Zerqan"},
        gaps=[(cast.areas["AL-BULQIZE-ZERQAN"], "PERSONS_WITH_DISABILITIES")],
    )
    for number in range(activities):
        activity_save(
            actor=None,
            measure=measure,
            values={
                "number": f"1.1.1.{number + 1}",
                "name_sq": f"Aktiviteti {number + 1}",
                "start_year": 2026,
                "end_year": 2028,
            },
            partners=[],
            target_groups=list(TargetGroup.objects.filter(code="AL_PWD")),
            units=[cast.areas["AL-BULQIZE-ZERQAN"]],
            costs={
                (2026, FundingSource.MUNICIPAL_BUDGET): Decimal(1000),
                (2027, FundingSource.DONOR): Decimal(500),
            },
        )
    indicator_save(
        actor=None,
        plan=plan,
        objective=strategic,
        values={
            "name_sq": "Persona që marrin kujdes në shtëpi",
            "unit": "persona",
            "baseline_value": Decimal(31),
            "baseline_year": 2024,
        },
        targets={2026: Decimal(40), 2028: Decimal(60)},
    )


def test_the_plan_page_shows_the_tree_the_budget_and_the_indicators(cast: Cast) -> None:
    _fill(cast, activities=2)

    html = _client(cast.persona(Role.ADVISORY_MEMBER)).get(DETAIL).content.decode()

    assert "Strategic objective 1: Care at home" in html
    assert "Specific objective 1.1: Kujdes për personat me aftësi të kufizuara" in html
    assert "Answers the gaps: Zerqan – persons with disabilities" in html
    assert html.count('<td class="number">1,500.00</td>') == 2  # each activity's cost
    # Municipal budget 2026: 2 × 1,000; donor 2027: 2 × 500; total 3,000.
    budget_row = '<td class="number">2,000.00</td><td class="number">0</td>'
    assert budget_row + '<td class="number">0</td><td class="number">2,000.00</td>' in html
    assert '<td class="number">3,000.00</td></tr></tfoot>' in html
    assert "2026: 40.00; 2028: 60.00" in html


def test_the_plan_page_lists_the_ranked_gaps_no_measure_answers(cast: Cast) -> None:
    figures_create()  # persons with disabilities and domestic violence in Zerqan and Fushë
    _fill(cast, activities=1)  # answers Zerqan's persons with disabilities

    html = _client(cast.planner).get(DETAIL).content.decode()

    section = html.split("<h2>Gaps no measure answers</h2>")[1].split("</ol>")[0]
    listed = re.findall(r"<li>(.*?):", section)
    assert "3 gaps of the needs assessment are not answered" in section
    assert sorted(listed) == [
        "Fushë-Bulqizë – Domestic violence cases",
        "Fushë-Bulqizë – Persons with disabilities",
        "Zerqan – Domestic violence cases",
    ]


def test_the_plan_page_runs_the_same_queries_however_large_the_plan(cast: Cast) -> None:
    _fill(cast, activities=1)
    client = _client(cast.planner)
    client.get(DETAIL)
    with CaptureQueriesContext(connection) as small:
        client.get(DETAIL)
    Plan.objects.filter(pk=PLAN_BULQIZE).update(status="draft")
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    measure = plan.objectives.get(number="1.1").measures.get()
    for number in range(4):
        activity_save(
            actor=None,
            measure=measure,
            values={"number": f"9.{number}", "name_sq": "x", "start_year": 2026, "end_year": 2026},
            partners=[],
            target_groups=list(TargetGroup.objects.filter(code__in=["AL_PWD", "AL_ELDERLY"])),
            units=[],
            costs={(2026, FundingSource.DONOR): Decimal(1)},
        )

    with CaptureQueriesContext(connection) as large:
        response = client.get(DETAIL)

    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_action_plan_downloads_as_a_workbook_finance_offices_can_use(cast: Cast) -> None:
    _fill(cast, activities=2)
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    activity_save(
        actor=None,
        measure=plan.objectives.get(number="1.1").measures.get(),
        values={
            "number": "9",
            "name_sq": '=HYPERLINK("http://x")',
            "start_year": 2028,
            "end_year": 2028,
        },
        partners=[],
        target_groups=[],
        units=[],
        costs={(2028, FundingSource.SOCIAL_FUND): Decimal("250.50")},
    )

    response = _client(cast.persona(Role.ADVISORY_MEMBER)).get(f"{DETAIL}action-plan.xlsx")

    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="action-plan-AL-BULQIZE-2026-2028.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["Action plan"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Plani Social i Bulqizës 2026–2028"
    header = rows[2]
    assert header[:3] == ["Number", "Activity", "Measure"]
    assert header[11:] == [
        "2026 donor", "2026 municipal budget", "2026 Social Fund (conditional transfer)",
        "2027 donor", "2027 municipal budget", "2027 Social Fund (conditional transfer)",
        "2028 donor", "2028 municipal budget", "2028 Social Fund (conditional transfer)",
        "Total",
    ]  # fmt: skip
    first = rows[3]
    assert first[:2] == ["1.1.1.1", "Aktiviteti 1"]
    assert first[7:11] == ["Persons with disabilities", "Zerqan", "no", "no"]
    assert first[11:] == [0, 1000, 0, 500, 0, 0, 0, 0, 0, 1500]
    # Text that looks like a formula stays text.
    assert rows[5][1] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=6, column=2).data_type == "s"
    assert rows[6][0] == "Total"
    assert rows[6][11:] == [0, 2000, 0, 1000, 0, 0, 0, 0, 250.5, 3250.5]
    summary = [[cell.value for cell in row] for row in workbook["Budget"].iter_rows()]
    assert summary == [
        ["Source", 2026, 2027, 2028, "Total"],
        ["Donor", 0, 1000, 0, 1000],
        ["Municipal budget", 2000, 0, 0, 2000],
        ["Social Fund (conditional transfer)", 0, 0, 250.5, 250.5],
        ["Total", 2000, 1000, 250.5, 3250.5],
    ]

"""The national comparison of municipalities: the current public plan, the social-care budget
per resident, the coverage of the key target groups and the share of activities on track at
the latest published review, for every municipality, with small counts hidden."""

import re
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kujdes.directory import services as directory
from kujdes.directory.models import BeneficiaryCount, Organization, Service, TargetGroup
from kujdes.lib.suppression import PublicValue
from kujdes.monitoring.models import ActivityProgress, Review
from kujdes.monitoring.selectors import national_comparison
from kujdes.monitoring.services import activity_progress_set, review_open, review_publish
from kujdes.planning.models import (
    Activity,
    BudgetLine,
    BudgetYear,
    Measure,
    Objective,
    Plan,
    Programme,
)
from kujdes.territory.models import AgeBand, Area, AreaBoundary, Observation, Sex, Source
from kujdes.territory.services import (
    AreaRow,
    ObservationRow,
    age_band_upsert,
    areas_upsert,
    boundary_set,
    observations_upsert,
    source_upsert,
    variable_upsert,
)
from tests.personas import (
    OBJECTIVE_BULQIZE,
    PLAN_BULQIZE_ADOPTED,
    SERVICE_DAY_CENTRE,
    SERVICE_SHELTER,
    SERVICE_SOS_LINE,
    Cast,
)

PAGE, CSV = "/progress/", "/progress/national.csv"
PLAN_PEJE = uuid.UUID("00000000-0000-4000-8000-00000000c701")


def _figure(variable: str, area: str, year: int, value: int, source: str) -> ObservationRow:
    return ObservationRow(variable, area, year, Sex.TOTAL, "TOTAL", source, Decimal(value))


def _served(service_id: uuid.UUID, year: int, people: int) -> None:
    directory.service_year_set(
        actor=None,
        service=Service.objects.get(pk=service_id),
        expected_version=None,
        year=year,
        beneficiaries={(Sex.TOTAL, "TOTAL"): people},
        funding=[],
    )


def _square(west: float, south: float) -> dict[str, Any]:
    ring = [[west, south], [west + 0.1, south], [west + 0.1, south + 0.1], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _budget(area: Area, year: int, currency: str, stage: str, social_care: int) -> None:
    budget = BudgetYear.objects.create(
        municipality=area,
        year=year,
        stage=stage,
        currency=currency,
        municipal_total=Decimal(social_care * 20),
    )
    BudgetLine.objects.create(
        budget_year=budget, programme=Programme.FAMILY_CHILDREN, amount=Decimal(social_care)
    )


@pytest.fixture
def country(cast: Cast) -> dict[str, Area]:
    """Four municipalities:

    - Bulqizë: its adopted plan 2021–2025 in implementation, four activities, a published
      review of 2023 (A on track, B completed, C cancelled, D delayed) and an unpublished one
      of 2024 (all completed); its 2024 budget of 12,600,000 ALL (the cast's) against 6,072
      residents in 2023; 340 persons with disabilities, 3 elderly people living alone and 9
      violence cases in 2024, against 34 people served by its day centre and 20 + 3 by its SOS
      line and shelter;
    - Kukës: no plan, a 2023 budget of 30,000,000 ALL for 10,000 residents;
    - Pukë: nothing public (its service reports people served, but nothing counts its need);
    - Pejë (Kosovo, no outline): its strategy in public consultation, a planned 2024 budget of
      1,000,000 EUR for 96,000 residents.
    """
    areas_upsert(
        rows=[
            AreaRow("AL-QARK-KUKES", "AL", Area.Level.REGION, "Kukës"),
            AreaRow("AL-KUKES", "AL-QARK-KUKES", Area.Level.MUNICIPALITY, "Kukës"),
            AreaRow("XK", "", Area.Level.COUNTRY, "Kosovë", "Kosovo", "Kosovo"),
            AreaRow("XK-PEJE", "XK", Area.Level.MUNICIPALITY, "Pejë", "Peć", "Peja"),
        ],
        actor=None,
        origin="tests",
    )
    areas = {area.code: area for area in Area.objects.all()}
    source_upsert(actor=None, code="CENSUS", name="Census")
    source_upsert(actor=None, code="REGISTER", name="Social register")
    age_band_upsert(code="TOTAL", name_sq="Të gjitha moshat", name_en="All ages")
    variable_upsert(actor=None, code="POPULATION", name_sq="Popullsia", unit="persons")
    for code, name, unit, position in (
        ("PERSONS_WITH_DISABILITIES", "Persons with disabilities", "persons", 10),
        ("ELDERLY_LIVING_ALONE", "Elderly people living alone", "persons", 20),
        ("DOMESTIC_VIOLENCE_CASES", "Domestic violence cases", "cases", 50),
    ):
        variable_upsert(
            actor=None,
            code=code,
            name_sq=name,
            name_en=name,
            unit=unit,
            is_sensitive=True,
            position=position,
        )
    observations_upsert(
        rows=[
            _figure("POPULATION", "AL-BULQIZE", 2011, 7453, "CENSUS"),
            _figure("POPULATION", "AL-BULQIZE", 2023, 6072, "CENSUS"),
            _figure("POPULATION", "AL-KUKES", 2023, 10000, "CENSUS"),
            _figure("POPULATION", "XK-PEJE", 2024, 96000, "CENSUS"),
            _figure("PERSONS_WITH_DISABILITIES", "AL-BULQIZE", 2023, 300, "REGISTER"),
            _figure("PERSONS_WITH_DISABILITIES", "AL-BULQIZE", 2024, 340, "REGISTER"),
            _figure("ELDERLY_LIVING_ALONE", "AL-BULQIZE", 2024, 3, "REGISTER"),
            _figure("DOMESTIC_VIOLENCE_CASES", "AL-BULQIZE", 2024, 9, "REGISTER"),
        ],
        actor=None,
        origin="tests",
    )
    _served(SERVICE_DAY_CENTRE, 2023, 30)
    _served(SERVICE_DAY_CENTRE, 2024, 34)
    _served(SERVICE_SOS_LINE, 2024, 20)
    _served(SERVICE_SHELTER, 2024, 3)
    puke_service = Service.objects.get(area=areas["AL-PUKE"])
    _served(puke_service.pk, 2024, 12)

    plan = Plan.objects.get(pk=PLAN_BULQIZE_ADOPTED)
    specific = Objective.objects.create(
        plan=plan, parent_id=OBJECTIVE_BULQIZE, number="1.1", name_sq="P"
    )
    measure = Measure.objects.create(objective=specific, number="1.1.1", name_sq="M")
    activities = {
        number: Activity.objects.create(
            measure=measure, number=number, name_sq=number, start_year=2021, end_year=2025
        )
        for number in "ABCD"
    }
    # Due from 2024 only: not behind at the review of 2023, so not counted in it.
    activities["E"] = Activity.objects.create(
        measure=measure, number="E", name_sq="E", start_year=2024, end_year=2025
    )
    published = review_open(actor=None, plan=plan, year=2023)
    for number, status, percent in (
        ("A", "on_track", 40),
        ("B", "completed", 100),
        ("C", "cancelled", 0),
        ("D", "delayed", 10),
    ):
        activity_progress_set(
            actor=None,
            review=published,
            activity=activities[number],
            status=status,
            percent=percent,
        )
    review_publish(actor=None, review=published, published=True)
    draft = review_open(actor=None, plan=plan, year=2024)
    for activity in activities.values():
        activity_progress_set(
            actor=None, review=draft, activity=activity, status="completed", percent=100
        )

    for west, code in enumerate(("AL-BULQIZE", "AL-KUKES", "AL-PUKE")):
        boundary_set(area=areas[code], geometry=_square(20 + west / 10, 41), source="tests")
    _budget(areas["AL-KUKES"], 2023, "ALL", BudgetYear.Stage.EXECUTED, 30_000_000)
    _budget(areas["XK-PEJE"], 2024, "EUR", BudgetYear.Stage.PLANNED, 1_000_000)
    Plan.objects.create(
        id=PLAN_PEJE,
        municipality=areas["XK-PEJE"],
        kind=Plan.Kind.MUNICIPAL_STRATEGY,
        name_sq="Strategjia komunale 2025–2027",
        start_year=2025,
        end_year=2027,
        currency="EUR",
        status=Plan.Status.CONSULTATION,
        consultation_opens=timezone.localdate() - timedelta(days=30),
        consultation_closes=timezone.localdate(),
    )
    return areas


def _english_client() -> Client:
    client = Client()
    client.cookies["kujdes_language"] = "en"
    return client


def _row_order(html: str) -> list[str]:
    return re.findall(r'<tr id="([A-Z-]+)">', html)


def test_it_gives_each_municipality_its_plan_budget_coverage_and_progress(
    country: dict[str, Area],
) -> None:
    with translation.override("en"):
        comparison = national_comparison()

    rows = {row.municipality.code: row for row in comparison.rows}
    assert list(rows) == ["AL-BULQIZE", "AL-KUKES", "XK-PEJE", "AL-PUKE"]
    bulqize = rows["AL-BULQIZE"]
    assert bulqize.plan is not None and bulqize.plan.pk == PLAN_BULQIZE_ADOPTED
    assert bulqize.budget is not None
    assert (bulqize.budget.year, bulqize.budget.currency) == (2024, "ALL")
    assert bulqize.budget.social_care == Decimal("12600000")
    assert bulqize.budget.residents == PublicValue(Decimal(6072))
    assert bulqize.budget.residents_year == 2023
    # 12,600,000 / 6,072 = 2,075.1
    assert bulqize.budget.per_resident == Decimal(2075)
    coverage = bulqize.coverage
    assert coverage is not None and coverage.year == 2024
    assert [
        (group.label, group.need, group.need_year, group.served, group.percent)
        for group in coverage.groups
    ] == [
        # The day centre's 34 of 340 (the 2023 figures are older).
        ("Persons with disabilities", PublicValue(Decimal(340)), 2024, PublicValue(34), 10),
        # 3 is a small count: no rate from it; Bulqizë lists no service for the elderly.
        ("Elderly people living alone", PublicValue(None, "<5"), 2024, PublicValue(0), None),
        # 20 + 3: the sum would give away the shelter's 3 beside the SOS line's 20.
        ("Domestic violence cases", PublicValue(Decimal(9)), 2024, PublicValue(None, "x"), None),
    ]
    assert (coverage.percent, coverage.counted) == (Decimal(10), 1)
    # Only the published review of 2023 counts: A and B of A, B, D (C is cancelled).
    progress = bulqize.progress
    assert progress is not None
    assert (progress.year, progress.on_track, progress.counted, progress.share) == (
        2023,
        2,
        3,
        Decimal(67),
    )

    kukes = rows["AL-KUKES"]
    assert kukes.plan is None and kukes.progress is None and kukes.coverage is None
    assert kukes.budget is not None and kukes.budget.per_resident == Decimal(3000)

    peje = rows["XK-PEJE"]
    assert peje.plan is not None and peje.plan.pk == PLAN_PEJE
    assert peje.progress is None
    # 1,000,000 / 96,000 = 10.4166…: euros to the cent.
    assert peje.budget is not None and peje.budget.per_resident == Decimal("10.42")
    assert peje.country is not None and peje.country.code == "XK"

    puke = rows["AL-PUKE"]
    assert not puke.has_data


def test_the_current_plan_is_the_adopted_one_else_the_one_on_its_way_never_a_draft(
    country: dict[str, Area],
) -> None:
    kukes = country["AL-KUKES"]
    values = {"municipality": kukes, "kind": Plan.Kind.SOCIAL_PLAN, "currency": "ALL"}
    closed = Plan.objects.create(
        **values, name_sq="2016", start_year=2016, end_year=2020, status=Plan.Status.CLOSED
    )
    upcoming = Plan.objects.create(
        **values,
        name_sq="2026",
        start_year=2026,
        end_year=2030,
        status=Plan.Status.CONSULTATION,
        consultation_opens=date(2099, 1, 1),
    )

    def current() -> Plan | None:
        rows = {row.municipality.code: row for row in national_comparison(country="AL").rows}
        return rows["AL-KUKES"].plan

    # Bulqizë's draft 2026–2028 is newer than its adopted plan, and not public.
    bulqize = {row.municipality.code: row for row in national_comparison().rows}["AL-BULQIZE"]
    assert bulqize.plan is not None and bulqize.plan.pk == PLAN_BULQIZE_ADOPTED
    # A consultation that has not opened yet is not public: the closed plan is all there is.
    assert (plan := current()) is not None and plan.pk == closed.pk
    Plan.objects.filter(pk=upcoming.pk).update(consultation_opens=timezone.localdate())
    assert (plan := current()) is not None and plan.pk == upcoming.pk


def test_it_counts_the_municipalities_of_one_country(country: dict[str, Area]) -> None:
    comparison = national_comparison(country="XK")

    assert [row.municipality.code for row in comparison.rows] == ["XK-PEJE"]
    assert [area.code for area in comparison.countries] == ["AL", "XK"]


@pytest.mark.parametrize(
    ("query", "order"),
    [
        ("", ["AL-BULQIZE", "AL-KUKES", "XK-PEJE", "AL-PUKE"]),
        ("?order=desc", ["AL-PUKE", "XK-PEJE", "AL-KUKES", "AL-BULQIZE"]),
        # Within a currency, lek before euro; Pukë has no budget and comes last either way.
        ("?sort=budget", ["AL-BULQIZE", "AL-KUKES", "XK-PEJE", "AL-PUKE"]),
        ("?sort=budget&order=desc", ["AL-KUKES", "AL-BULQIZE", "XK-PEJE", "AL-PUKE"]),
        ("?sort=on_track&order=desc", ["AL-BULQIZE", "AL-KUKES", "XK-PEJE", "AL-PUKE"]),
        # Consultation before in implementation, in the plan's life cycle.
        ("?sort=plan", ["XK-PEJE", "AL-BULQIZE", "AL-KUKES", "AL-PUKE"]),
        ("?sort=period&order=desc", ["XK-PEJE", "AL-BULQIZE", "AL-KUKES", "AL-PUKE"]),
        ("?sort=coverage&country=AL", ["AL-BULQIZE", "AL-KUKES", "AL-PUKE"]),
    ],
)
def test_it_sorts_by_the_column_asked_for(
    country: dict[str, Area], query: str, order: list[str]
) -> None:
    response = _english_client().get(PAGE + query)

    assert response.status_code == 200
    assert _row_order(response.content.decode()) == order


def test_the_sorted_column_says_so_to_assistive_technology(country: dict[str, Area]) -> None:
    html = _english_client().get(PAGE + "?sort=budget&order=desc").content.decode()

    assert html.count("aria-sort=") == 1
    assert (
        '<th scope="col" aria-sort="descending" class="number">'
        '<a href="?sort=budget">Social-care budget per resident</a>'
    ) in html
    assert '<a href="?sort=coverage&amp;order=desc">' not in html
    assert '<a href="?sort=coverage">Coverage of key target groups</a>' in html


def test_anyone_reads_the_page_with_small_counts_hidden(country: dict[str, Area]) -> None:
    response = _english_client().get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>2,075 ALL</strong>" in html
    assert "<strong>10.42 EUR</strong>" in html
    assert "<strong>67 %</strong>" in html
    assert "2 of 3 activities, review of 2023" in html
    assert "<strong>10 %</strong>" in html
    assert "1 of 3 groups, people served in 2024" in html
    assert ">&lt;5</abbr>" in html
    assert ">x</abbr>" in html
    # Nothing public about Pukë: one plain sentence instead of empty cells.
    assert "Kujdes has no public plan, budget or figures on people in need for Pukë yet." in html
    assert "No review published yet" not in html
    assert "Not adopted yet" in html
    # Pejë has no outline: the map says so, and the map shows the others.
    assert "so the map does not show them (the table does): Peja." in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html


def test_a_country_without_outlines_gets_no_map_but_says_so(country: dict[str, Area]) -> None:
    html = _english_client().get(PAGE + "?country=XK").content.decode()

    assert "No outline is recorded for these municipalities, so there is no map" in html
    assert "<svg" not in html


@pytest.mark.parametrize("language", ["sq", "sr-latn", "en"])
def test_the_page_and_the_file_open_in_every_language(
    country: dict[str, Area], language: str
) -> None:
    client = Client()
    client.cookies["kujdes_language"] = language

    page = client.get(PAGE + "?measure=budget")
    download = client.get(CSV)

    assert page.status_code == 200
    assert f'<html lang="{language}">' in page.content.decode()
    assert download.status_code == 200


def test_an_unknown_country_is_not_found(country: dict[str, Area]) -> None:
    assert _english_client().get(PAGE + "?country=ZZ").status_code == 404
    assert _english_client().get(CSV + "?country=ZZ").status_code == 404


def test_the_file_holds_the_same_figures_with_the_same_suppression(
    country: dict[str, Area],
) -> None:
    response = _english_client().get(CSV + "?sort=budget&order=desc")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kujdes-municipalities.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").split("\r\n")
    groups = ("Persons with disabilities", "Elderly people living alone", "Domestic violence cases")
    assert lines[0].split(",") == [
        "Country",
        "Code",
        "Municipality",
        "Plan",
        "Kind of plan",
        "Status",
        "First year",
        "Last year",
        "Budget year",
        "Budget stage",
        "Currency",
        "Social-care budget",
        "Residents",
        "Residents' year",
        "Social-care budget per resident",
        "Coverage of key target groups (%)",
        "Key target groups counted",
        "Year of people served",
        *(
            f"{group}: {column}"
            for group in groups
            for column in (
                "people in need",
                "year of the need figure",
                "people served",
                "coverage (%)",
            )
        ),
        "Year of the latest published review",
        "Activities on track or completed",
        "Activities not cancelled",
        "Activities on track (%)",
        "Illustrative figures",
    ]
    no_groups = "," * 11
    assert lines[1:] == [
        "AL,AL-KUKES,Kukës,,,,,,2023,executed,ALL,30000000.00,10000,2023,3000,,,,"
        + no_groups
        + ",,,,,",
        "AL,AL-BULQIZE,Bulqizë,Plani Social i Bulqizës 2021–2025,Social Plan,in implementation,"
        "2021,2025,2024,executed,ALL,12600000.00,6072,2023,2075,10,1,2024,"
        "340,2024,34,10,<5,2024,0,,9,2024,x,,2023,2,3,67,",
        "XK,XK-PEJE,Peja,Strategjia komunale 2025–2027,"
        '"Municipal Strategy for social and family services, with its Action Plan",'
        "in public consultation,2025,2027,2024,planned,EUR,1000000.00,96000,2024,10.42,,,,"
        + no_groups
        + ",,,,,",
        "AL,AL-PUKE,Pukë,,,,,,,,,,,,,,,," + no_groups + ",,,,,",
        "",
    ]


def test_the_file_of_one_country_is_named_for_it(country: dict[str, Area]) -> None:
    response = _english_client().get(CSV + "?country=XK")

    assert response["Content-Disposition"] == (
        'attachment; filename="kujdes-municipalities-XK.csv"'
    )
    assert len(response.content.decode("utf-8-sig").split("\r\n")) == 3


# ── A fixed number of queries ───────────────────────────────────────────────────────────────


def _municipality_with_everything(number: int) -> None:
    """A municipality of Albania with an adopted plan of two activities and a published
    review, a budget, residents, a need figure, a service with people served and an
    outline."""
    code = f"AL-TEST-{number:02}"
    areas_upsert(
        rows=[AreaRow(code, "AL-QARK-DIBER", Area.Level.MUNICIPALITY, f"Test {number:02}")],
        actor=None,
        origin="tests",
    )
    area = Area.objects.get(code=code)
    plan = Plan.objects.create(
        municipality=area,
        kind=Plan.Kind.SOCIAL_PLAN,
        name_sq=code,
        start_year=2022,
        end_year=2026,
        currency="ALL",
        status=Plan.Status.IN_IMPLEMENTATION,
    )
    strategic = Objective.objects.create(plan=plan, number="1", name_sq="S")
    measure = Measure.objects.create(
        objective=Objective.objects.create(plan=plan, parent=strategic, number="1.1", name_sq="P"),
        number="1.1.1",
        name_sq="M",
    )
    review = Review.objects.create(plan=plan, year=2024, published_at=timezone.now())
    for index, status in enumerate(["on_track", "delayed"]):
        activity = Activity.objects.create(
            measure=measure, number=str(index), name_sq="A", start_year=2022, end_year=2026
        )
        ActivityProgress.objects.create(review=review, activity=activity, status=status, percent=50)
    _budget(area, 2024, "ALL", BudgetYear.Stage.EXECUTED, 1_000_000 * number)
    total = AgeBand.objects.get(code="TOTAL")
    source = Source.objects.get(code="CENSUS")
    for variable, value in (("POPULATION", 5000 + number), ("PERSONS_WITH_DISABILITIES", 200)):
        Observation.objects.create(
            variable_id=variable_upsert(actor=None, code=variable).pk,
            area=area,
            year=2024,
            age_band=total,
            source=source,
            value=Decimal(value),
        )
    organization = Organization.objects.create(
        area=area, kind=Organization.Kind.NGO, name_sq=f"OJF {number}"
    )
    service = Service.objects.create(organization=organization, area=area, name_sq="Shërbim")
    service.target_groups.set([TargetGroup.objects.get(code="AL_PWD")])
    BeneficiaryCount.objects.create(service=service, year=2024, age_band=total, count=20 + number)
    AreaBoundary.objects.create(
        area=area,
        geometry={
            "type": "Polygon",
            "coordinates": [[[20, 41], [20.1, 41], [20.1, 41.1], [20, 41]]],
        },
        source="tests",
    )


def _queries(count: int, first: int) -> tuple[int, int]:
    for number in range(first, first + count):
        _municipality_with_everything(number)
    with CaptureQueriesContext(connection) as selector:
        comparison = national_comparison(country="AL", with_boundaries=True)
    assert sum(1 for row in comparison.rows if row.progress and row.coverage) == first + count
    client = _english_client()
    with CaptureQueriesContext(connection) as page:
        assert client.get(PAGE + "?country=AL&sort=coverage").status_code == 200
    return len(selector.captured_queries), len(page.captured_queries)


def test_it_reads_a_fixed_number_of_queries_whatever_the_number_of_municipalities(
    country: dict[str, Area],
) -> None:
    selector_3, page_3 = _queries(3, 1)
    selector_10, page_10 = _queries(7, 4)

    # Countries, municipalities, plans, published reviews, their progress, their plans'
    # activities, budgets, residents, need variables, need figures, services' target groups,
    # people served, outlines.
    assert selector_3 == selector_10 == 13
    assert page_3 == page_10

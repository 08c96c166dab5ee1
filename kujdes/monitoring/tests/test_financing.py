"""Each activity's planned cost against what projects, contracts and awarded funds commit."""

from datetime import date
from decimal import Decimal

from django.test import Client

from kujdes.directory.models import Organization
from kujdes.monitoring.selectors.financing import plan_financing
from kujdes.monitoring.services import application_save, contract_save, project_save
from kujdes.monitoring.tests.conftest import activity_add, measure_add
from kujdes.planning.models import Activity, ActivityCost, Plan
from tests.personas import ORGANIZATION_BULQIZE, Cast


def _by_number(plan: Plan) -> dict[str, Activity]:
    return {a.number: a for a in Activity.objects.filter(measure__objective__plan=plan)}


def test_commitments_are_set_against_the_planned_cost(
    cast: Cast, plan: Plan, django_assert_num_queries: object
) -> None:
    bulqize = cast.areas["AL-BULQIZE"]
    organization = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    activities = _by_number(plan)
    # A donor pays half of C's planned cost; D was never costed.
    ActivityCost.objects.create(
        activity=activities["C"], year=2027, source="donor", amount=Decimal(600)
    )
    project_save(
        actor=None,
        municipality=bulqize,
        values={
            "name_sq": "P",
            "implementer": organization,
            "starts": date(2026, 1, 1),
            "ends": date(2026, 12, 31),
        },
        funding=[(organization, Decimal(200), "ALL"), (cast_funder(), Decimal(10), "EUR")],
        activities=[activities["A"], activities["B"]],
        target_groups=[],
        units=[],
    )
    contract_save(
        actor=None,
        municipality=bulqize,
        values={
            "provider": organization,
            "activity": activities["C"],
            "number": "1/2026",
            "starts": date(2026, 1, 1),
            "ends": date(2026, 12, 31),
            "amount": Decimal(400),
            "currency": "ALL",
            "units_of_service": 10,
            "unit_name": "visits",
            "reporting": "yearly",
        },
    )
    application_save(
        actor=None,
        municipality=bulqize,
        values={
            "fund": organization,
            "call": "Social Fund 2026",
            "call_opens": date(2025, 10, 1),
            "call_closes": date(2025, 11, 1),
            "activity": activities["C"],
            "source": "social_fund",
            "currency": "ALL",
            "requested": Decimal(500),
            "outcome": "awarded",
            "awarded": Decimal(250),
        },
    )

    with django_assert_num_queries(7):  # type: ignore[operator]
        financing = plan_financing(plan)

    rows = {
        row.activity.number: (
            row.planned_total,
            row.projects,
            row.contracts,
            row.awarded,
            row.gap,
            row.co_financing_gap,
            row.elsewhere,
        )
        for row in financing.activities
    }
    # The project's 200 ALL shared 300:100 between A and B; its 10 EUR is named, not summed.
    assert rows == {
        "A": (
            Decimal(300),
            Decimal("150.00"),
            0,
            0,
            Decimal("150.00"),
            0,
            [("P", Decimal("10.00"), "EUR")],
        ),
        "B": (Decimal(100), Decimal("50.00"), 0, 0, Decimal("50.00"), 0, []),
        "C": (
            Decimal(1200),
            0,
            Decimal("400.00"),
            Decimal("250.00"),
            Decimal("550.00"),
            Decimal("350.00"),
            [],
        ),
        "D": (0, 0, 0, 0, 0, 0, []),
    }
    assert [row.activity.number for row in financing.activities] == ["A", "B", "C", "D"]
    assert [
        (line.source, line.planned, line.committed, line.gap) for line in financing.by_source()
    ] == [
        ("municipal_budget", Decimal(1000), Decimal(400), Decimal(600)),
        ("social_fund", 0, Decimal(250), 0),
        ("donor", Decimal(600), Decimal(200), Decimal(400)),
    ]
    assert (financing.planned_total, financing.committed, financing.gap) == (
        Decimal(1600),
        Decimal("850.00"),
        Decimal("750.00"),
    )


def cast_funder() -> Organization:
    return Organization.objects.exclude(pk=ORGANIZATION_BULQIZE).first()  # type: ignore[return-value]


def test_the_page_shows_the_gaps_to_the_plans_readers(
    cast: Cast, client: Client, plan: Plan
) -> None:
    client.force_login(cast.planner)
    response = client.get(f"/monitoring/AL-BULQIZE/plans/{plan.pk}/financing/")
    assert response.status_code == 200
    # The municipal budget's 1,000 not covered, and A, B and C.
    assert response.content.decode().count('class="number flagged"') == 4


def test_a_project_of_two_plans_is_shared_between_them(cast: Cast, plan: Plan) -> None:
    """200 for A (300 planned here) and Z (300 planned in another plan): 100 each."""
    bulqize = cast.areas["AL-BULQIZE"]
    organization = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    other = Plan.objects.create(
        municipality=bulqize,
        kind=plan.kind,
        name_sq="Tjetër",
        start_year=2026,
        end_year=2027,
        currency="ALL",
    )
    z = activity_add(measure_add(other, "9"), "Z", 300)
    project_save(
        actor=None,
        municipality=bulqize,
        values={
            "name_sq": "P",
            "implementer": organization,
            "starts": date(2026, 1, 1),
            "ends": date(2026, 12, 31),
        },
        funding=[(organization, Decimal(200), "ALL")],
        activities=[_by_number(plan)["A"], z],
        target_groups=[],
        units=[],
    )

    rows = {row.activity.number: row.projects for row in plan_financing(plan).activities}

    assert rows == {"A": Decimal("100.00"), "B": 0, "C": 0, "D": 0}
    assert [row.projects for row in plan_financing(other).activities] == [Decimal("100.00")]

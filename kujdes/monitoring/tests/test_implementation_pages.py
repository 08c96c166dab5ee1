"""The implementation pages: planners record projects with their funders, contracts with
their deliveries and applications; readers see the lists and change nothing; a stale save
answers 409 and writes nothing."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client

from kujdes.monitoring.models import (
    ContractDelivery,
    FundingApplication,
    Project,
    ProjectFunding,
    ServiceContract,
)
from kujdes.planning.models import Activity, Plan
from tests.personas import ORGANIZATION_BULQIZE, Cast

BASE = "/monitoring/AL-BULQIZE/"


@pytest.fixture(autouse=True)
def _english(client: Client) -> Iterator[None]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield


def _project_form(plan: Plan, **extra: str) -> dict[str, str]:
    activity = Activity.objects.get(measure__objective__plan=plan, number="A")
    return {
        "name_sq": "Kujdes në shtëpi",
        "implementer": str(ORGANIZATION_BULQIZE),
        "starts": "2026-01-01",
        "ends": "2027-12-31",
        "status": "ongoing",
        "activities": str(activity.pk),
        "funder_0": str(ORGANIZATION_BULQIZE),
        "amount_0": "1500",
        "currency_0": "EUR",
        "currency_1": "ALL",
        "currency_2": "ALL",
        "currency_3": "ALL",
        "version": "0",
        **extra,
    }


def test_a_planner_records_a_project_with_its_funding(
    cast: Cast, client: Client, plan: Plan
) -> None:
    client.force_login(cast.planner)
    response = client.post(f"{BASE}projects/new/", _project_form(plan))
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}projects/{project.pk}/"
    assert (project.name_sq, project.status, project.version) == ("Kujdes në shtëpi", "ongoing", 1)
    assert list(project.activities.values_list("number", flat=True)) == ["A"]
    assert list(ProjectFunding.objects.values_list("funder_id", "amount", "currency")) == [
        (ORGANIZATION_BULQIZE, 1500, "EUR")
    ]

    changed = client.post(
        f"{BASE}projects/{project.pk}/", _project_form(plan, status="completed", version="1")
    )
    stale = client.post(
        f"{BASE}projects/{project.pk}/", _project_form(plan, name_sq="Late", version="1")
    )

    project.refresh_from_db()
    assert (changed.status_code, stale.status_code) == (302, 409)
    assert (project.name_sq, project.status, project.version) == (
        "Kujdes në shtëpi",
        "completed",
        2,
    )
    assert 'value="Late"' in stale.content.decode()
    reach = client.post(
        f"{BASE}projects/{project.pk}/reach/", {"year": "2026", "people_F_65+": "12"}
    )
    outside = client.post(f"{BASE}projects/{project.pk}/reach/", {"year": "2030"})
    assert (reach.status_code, outside.status_code) == (302, 400)
    assert list(project.reach.values_list("year", "sex", "age_group", "people")) == [
        (2026, "F", "65+", 12)
    ]


def test_a_reader_sees_the_lists_but_records_nothing(
    cast: Cast, client: Client, plan: Plan
) -> None:
    reader = cast.persona("case_worker")
    assert reader is not None
    client.force_login(reader)
    page = client.get(BASE)
    created = client.post(f"{BASE}projects/new/", _project_form(plan))
    assert page.status_code == 200
    assert "Record a project" not in page.content.decode()
    assert created.status_code == 404
    assert not Project.objects.exists()


def test_a_planner_records_a_contract_its_deliveries_and_an_application(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    created = client.post(
        f"{BASE}contracts/new/",
        {
            "provider": str(ORGANIZATION_BULQIZE),
            "number": "7/2026",
            "starts": "2026-01-01",
            "ends": "2026-12-31",
            "amount": "2400000",
            "currency": "ALL",
            "units_of_service": "1200",
            "unit_name": "visits",
            "reporting": "quarterly",
            "version": "0",
        },
    )
    contract = ServiceContract.objects.get()
    delivered = client.post(
        f"{BASE}contracts/{contract.pk}/deliveries/",
        {
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "units_delivered": "290",
            "people_served": "31",
        },
    )
    outside = client.post(
        f"{BASE}contracts/{contract.pk}/deliveries/",
        {
            "period_start": "2027-01-01",
            "period_end": "2027-03-31",
            "units_delivered": "1",
            "people_served": "1",
        },
    )
    applied = client.post(
        f"{BASE}applications/new/",
        {
            "fund": str(ORGANIZATION_BULQIZE),
            "call": "Social Fund 2027",
            "call_opens": "2026-10-01",
            "call_closes": "2026-11-15",
            "source": "social_fund",
            "currency": "ALL",
            "requested": "4000000",
            "outcome": "awarded",
            "version": "0",
        },
    )

    assert (created.status_code, delivered.status_code, outside.status_code) == (302, 302, 400)
    assert list(ContractDelivery.objects.values_list("units_delivered", "people_served")) == [
        (290, 31)
    ]
    # Awarded without the amount awarded: refused, nothing written.
    assert applied.status_code == 400
    assert "Give the amount awarded, and only for an awarded application." in (
        applied.content.decode()
    )
    assert not FundingApplication.objects.exists()
    listing = client.get(BASE).content.decode()
    assert "7/2026" in listing
    assert ">290<" in listing


def test_a_date_reaches_the_date_picker_in_iso_whatever_the_language(
    cast: Cast, client: Client, plan: Plan
) -> None:
    """Serbian writes 01.01.2026., which a date input cannot show."""
    client.force_login(cast.planner)
    client.post(f"{BASE}projects/new/", _project_form(plan))
    project = Project.objects.get()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sr-latn"

    html = client.get(f"{BASE}projects/{project.pk}/").content.decode()

    assert 'type="date" name="starts" value="2026-01-01"' in html

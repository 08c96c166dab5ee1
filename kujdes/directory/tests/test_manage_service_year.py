"""The yearly figures of a service: people served by sex and age band, and funding by source."""

from decimal import Decimal
from typing import Any

from django.test import Client

from kujdes.directory import services
from kujdes.directory.models import BeneficiaryCount, Funding, FundingSource, Service
from kujdes.directory.tests.test_manage_support import age_bands_create, edit_page
from kujdes.territory.models import AgeBand
from tests.personas import SERVICE_DAY_CENTRE, SERVICE_PUKE, Cast

PATH = f"/directory/manage/services/{SERVICE_DAY_CENTRE}/figures/?year=2024"
FORMS = ("form", "funding")
EN = {"accept-language": "en"}


def _cell(sex: str, band: str) -> str:
    return f"count_{sex}_{AgeBand.objects.get(code=band).pk}"


def _figures() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    counts = BeneficiaryCount.objects.order_by("year", "sex", "age_band__position")
    funding = Funding.objects.order_by("year", "source")
    return (
        list(counts.values_list("year", "sex", "age_band__code", "count")),
        list(funding.values_list("year", "source", "funder", "amount", "currency")),
    )


def test_it_saves_people_served_and_funding_for_the_year(cast: Cast, client: Client) -> None:
    age_bands_create()
    client.force_login(cast.planner)
    data = edit_page(client, PATH, *FORMS)
    data |= {
        _cell("T", "TOTAL"): "31",
        _cell("F", "0-17"): "12",
        _cell("M", "0-17"): "0",
        "funding-0-source": FundingSource.MUNICIPAL_BUDGET,
        "funding-0-amount": "2400000",
        "funding-1-source": FundingSource.DONOR,
        "funding-1-funder": "UNDP",
        "funding-1-amount": "15000.50",
        "funding-1-currency": "EUR",
    }
    response = client.post(PATH, data)
    assert response.status_code == 302
    assert response["Location"] == PATH
    assert _figures() == (
        [(2024, "F", "0-17", 12), (2024, "M", "0-17", 0), (2024, "T", "TOTAL", 31)],
        [
            (2024, "donor", "UNDP", Decimal("15000.50"), "EUR"),
            (2024, "municipal_budget", "", Decimal("2400000.00"), "ALL"),
        ],
    )
    assert Service.objects.get(pk=SERVICE_DAY_CENTRE).version == 2


def test_it_shows_the_years_saved_figures_to_change_them(cast: Cast, client: Client) -> None:
    age_bands_create()
    service = Service.objects.get(pk=SERVICE_DAY_CENTRE)
    services.service_year_set(
        actor=None,
        service=service,
        expected_version=None,
        year=2024,
        beneficiaries={("T", "TOTAL"): 40},
        funding=[services.FundingInput(FundingSource.SOCIAL_FUND, Decimal(900000), "ALL")],
    )
    client.force_login(cast.planner)
    data = edit_page(client, PATH, *FORMS)
    assert (data[_cell("T", "TOTAL")], data["funding-0-amount"]) == ("40", "900000.00")
    data |= {"funding-0-DELETE": "on", _cell("T", "TOTAL"): "41"}
    assert client.post(PATH, data).status_code == 302
    assert _figures() == ([(2024, "T", "TOTAL", 41)], [])
    # Another year starts empty.
    other = client.get(PATH.replace("2024", "2023")).context["form"]
    assert other[_cell("T", "TOTAL")].value() is None


def test_it_refuses_negative_counts_and_the_same_source_twice(cast: Cast, client: Client) -> None:
    age_bands_create()
    client.force_login(cast.planner)
    data = edit_page(client, PATH, *FORMS)
    data |= {
        _cell("T", "TOTAL"): "-1",
        "funding-0-source": FundingSource.DONOR,
        "funding-0-amount": "1",
        "funding-1-source": FundingSource.DONOR,
        "funding-1-amount": "2",
    }
    response = client.post(PATH, data, headers=EN)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        _cell("T", "TOTAL"): ["Ensure this value is greater than or equal to 0."]
    }
    assert response.context["funding"].non_form_errors() == [
        "Two rows have the same source and funder; add their amounts together."
    ]
    assert _figures() == ([], [])


def test_it_keeps_the_figures_typed_when_the_service_was_saved_meanwhile(
    cast: Cast, client: Client
) -> None:
    age_bands_create()
    client.force_login(cast.planner)
    data = edit_page(client, PATH, *FORMS)
    other = Client()
    other.force_login(cast.insiders["provider_staff"])
    other_data = edit_page(other, PATH, *FORMS)
    assert other.post(PATH, {**other_data, _cell("T", "TOTAL"): "7"}).status_code == 302
    response = client.post(PATH, {**data, _cell("T", "TOTAL"): "8"}, headers=EN)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else saved this service while you were editing it." in content
    assert f'name="{_cell("T", "TOTAL")}" value="8"' in content
    assert "<li>All ages, total: 7</li>" in content
    assert _figures() == ([(2024, "T", "TOTAL", 7)], [])


def test_it_answers_not_found_for_a_service_elsewhere_or_a_year_out_of_range(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    puke = f"/directory/manage/services/{SERVICE_PUKE}/figures/?year=2024"
    assert client.get(puke).status_code == 404
    assert client.post(puke, {"version": "1"}).status_code == 404
    assert client.get(PATH.replace("2024", "1800")).status_code == 404
    assert _figures() == ([], [])

"""Service contracts with providers and what they deliver, and the municipality's applications
to funds."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.directory.models import FundingSource, Organization, Service
from kujdes.directory.services import EditConflict, organization_create
from kujdes.monitoring.models import ContractDelivery, FundingApplication, Project, ServiceContract
from kujdes.monitoring.selectors.access import organizations_for
from kujdes.monitoring.services import (
    application_save,
    contract_save,
    delivery_record,
    project_save,
)
from kujdes.planning.services import InvalidInput
from kujdes.territory.models import Area
from kujdes.territory.services import AreaRow, areas_upsert
from tests.personas import (
    ORGANIZATION_BULQIZE,
    ORGANIZATION_PUKE,
    SERVICE_DAY_CENTRE,
    SERVICE_PUKE,
    Cast,
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _contract(cast: Cast, **values: object) -> ServiceContract:
    return contract_save(
        actor=cast.planner,
        municipality=cast.areas["AL-BULQIZE"],
        values={
            "provider": Organization.objects.get(pk=ORGANIZATION_BULQIZE),
            "service": Service.objects.get(pk=SERVICE_DAY_CENTRE),
            "number": "KB-2026/14",
            "starts": date(2026, 1, 1),
            "ends": date(2026, 12, 31),
            "amount": Decimal("3600000"),
            "currency": "ALL",
            "units_of_service": 4800,
            "unit_name": "ditë-persona",
            "reporting": ServiceContract.Reporting.QUARTERLY,
            **values,
        },
    )


def test_a_contract_records_what_the_provider_delivers_each_period(cast: Cast) -> None:
    contract = _contract(cast)
    delivery_record(
        actor=cast.planner,
        contract=contract,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        units_delivered=1150,
        people_served=24,
    )
    with pytest.raises(InvalidInput) as error:
        delivery_record(
            actor=cast.planner,
            contract=contract,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 3, 31),
            units_delivered=1,
            people_served=1,
        )
    assert error.value.message == "This period is reported already."
    with pytest.raises(InvalidInput):
        delivery_record(
            actor=cast.planner,
            contract=contract,
            period_start=date(2026, 10, 1),
            period_end=date(2027, 1, 31),
            units_delivered=1,
            people_served=1,
        )
    assert list(ContractDelivery.objects.values_list("units_delivered", "people_served")) == [
        (1150, 24)
    ]
    assert AuditEvent.objects.get(verb="contract_delivery.recorded").payload == {
        "period": ["2026-01-01", "2026-03-31"],
        "units": 1150,
        "people": 24,
    }


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"ends": date(2025, 12, 31)}, "ends"),
        ({"amount": Decimal(-1)}, "amount"),
        ({"service": SERVICE_PUKE}, "service"),
    ],
)
def test_it_refuses_a_contract_that_does_not_hold_together(
    cast: Cast, values: dict[str, object], field: str
) -> None:
    if values.get("service") == SERVICE_PUKE:
        # A service of another provider (Pukë's), not the contracted one's.
        values = {"service": Service.objects.get(pk=SERVICE_PUKE)}
    with pytest.raises(InvalidInput) as error:
        _contract(cast, **values)
    assert error.value.field == field
    assert not ServiceContract.objects.exists()


def test_a_stale_contract_change_changes_nothing(cast: Cast) -> None:
    contract = _contract(cast)
    contract_save(
        actor=cast.planner,
        municipality=cast.areas["AL-BULQIZE"],
        contract=contract,
        expected_version=1,
        values={"amount": Decimal("3900000")},
    )
    with pytest.raises(EditConflict):
        contract_save(
            actor=cast.planner,
            municipality=cast.areas["AL-BULQIZE"],
            contract=contract,
            expected_version=1,
            values={"amount": Decimal("1")},
        )
    contract.refresh_from_db()
    assert (contract.amount, contract.version) == (Decimal("3900000.00"), 2)


def test_an_application_is_awarded_with_its_amount_only(cast: Cast) -> None:
    fund = Organization.objects.get(pk=ORGANIZATION_PUKE)
    values = {
        "fund": fund,
        "call": "Fondi Social 2026, thirrja 2",
        "call_opens": date(2026, 2, 1),
        "call_closes": date(2026, 3, 15),
        "source": FundingSource.SOCIAL_FUND,
        "currency": "ALL",
        "requested": Decimal("5000000"),
    }
    application = application_save(
        actor=cast.planner, municipality=cast.areas["AL-BULQIZE"], values=values
    )
    assert application.outcome == FundingApplication.Outcome.PENDING
    with pytest.raises(InvalidInput) as error:
        application_save(
            actor=cast.planner,
            municipality=cast.areas["AL-BULQIZE"],
            application=application,
            expected_version=1,
            values={"outcome": "awarded"},
        )
    assert error.value.field == "awarded"
    application_save(
        actor=cast.planner,
        municipality=cast.areas["AL-BULQIZE"],
        application=application,
        expected_version=1,
        values={"outcome": "awarded", "awarded": Decimal("4200000")},
    )
    application.refresh_from_db()
    assert (application.outcome, application.awarded, application.version) == (
        "awarded",
        Decimal("4200000.00"),
        2,
    )
    with pytest.raises(InvalidInput):
        application_save(
            actor=cast.planner,
            municipality=cast.areas["AL-BULQIZE"],
            values={**values, "call_closes": date(2026, 1, 1)},
        )
    assert FundingApplication.objects.count() == 1


def test_it_refuses_organizations_of_another_country(cast: Cast) -> None:
    """A Kosovo NGO may not be Bulqizë's provider, fund, implementer or funder (Pukë's may)."""
    bulqize = cast.areas["AL-BULQIZE"]
    areas_upsert(
        rows=[AreaRow(code="XK", name_sq="Kosova", level="country", parent_code="")],
        actor=None,
        origin="tests",
    )
    stranger = organization_create(
        actor=None,
        area=Area.objects.get(code="XK"),
        values={"kind": Organization.Kind.NGO, "name_sq": "OJQ në Kosovë"},
    )
    message = "Choose an organization of this municipality's country."
    period = {"starts": date(2026, 1, 1), "ends": date(2026, 12, 31)}
    attempts = (
        lambda: contract_save(
            actor=None,
            municipality=bulqize,
            values={
                "provider": stranger,
                "number": "9/2026",
                "amount": Decimal(1),
                "currency": "ALL",
                "units_of_service": 1,
                "unit_name": "x",
                "reporting": "yearly",
                **period,
            },
        ),
        lambda: application_save(
            actor=None,
            municipality=bulqize,
            values={
                "fund": stranger,
                "call": "x",
                "call_opens": date(2026, 1, 1),
                "call_closes": date(2026, 2, 1),
                "source": FundingSource.DONOR,
                "currency": "ALL",
                "requested": Decimal(1),
            },
        ),
        lambda: project_save(
            actor=None,
            municipality=bulqize,
            values={"name_sq": "x", "implementer": stranger, **period},
            funding=[],
            activities=[],
            target_groups=[],
            units=[],
        ),
        lambda: project_save(
            actor=None,
            municipality=bulqize,
            values={
                "name_sq": "x",
                "implementer": Organization.objects.get(pk=ORGANIZATION_BULQIZE),
                **period,
            },
            funding=[(stranger, Decimal(1), "ALL")],
            activities=[],
            target_groups=[],
            units=[],
        ),
    )
    fields = []
    for attempt in attempts:
        with pytest.raises(InvalidInput) as error:
            attempt()
        assert error.value.message == message
        fields.append(error.value.field)
    assert fields == ["provider", "fund", "implementer", "funding"]
    assert not ServiceContract.objects.exists()
    assert not FundingApplication.objects.exists()
    assert not Project.objects.exists()
    assert organizations_for(bulqize).filter(pk=ORGANIZATION_PUKE).exists()
    assert not organizations_for(bulqize).filter(pk=stranger.pk).exists()

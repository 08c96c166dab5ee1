"""Service contracts with providers, what the providers report they delivered, and
applications to funds."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.monitoring.models import (
    ContractDelivery,
    FundingApplication,
    ServiceContract,
)
from kujdes.monitoring.services.common import (
    given_and_merged,
    organization_check,
    period_check,
)
from kujdes.monitoring.services.projects import ACTIVITY_OF_MUNICIPALITY
from kujdes.planning.models import Activity
from kujdes.planning.services import (
    AMOUNT_NEGATIVE,
    InvalidInput,
    changes_apply,
)
from kujdes.territory.models import Area

CONTRACT_PERIOD_BACKWARDS = _("A contract cannot end before it starts.")
SERVICE_OF_PROVIDER = _("Choose a service this provider runs.")
DELIVERY_OUTSIDE_CONTRACT = _("Report a period within the contract's.")
DELIVERY_REPORTED = _("This period is reported already.")
CALL_BACKWARDS = _("A call cannot close before it opens.")
AWARD_WITHOUT_AMOUNT = _("Give the amount awarded, and only for an awarded application.")

CONTRACT_FIELDS = (
    "provider",
    "service",
    "activity",
    "number",
    "starts",
    "ends",
    "amount",
    "currency",
    "units_of_service",
    "unit_name",
    "reporting",
)
APPLICATION_FIELDS = (
    "fund",
    "call",
    "call_opens",
    "call_closes",
    "activity",
    "source",
    "currency",
    "requested",
    "outcome",
    "awarded",
)


def _activity_of(activity: Activity | None, municipality: Area) -> None:
    if activity is not None and activity.measure.objective.plan.municipality_id != municipality.pk:
        raise InvalidInput(ACTIVITY_OF_MUNICIPALITY, "activity")


def _record_save(
    model: type[ServiceContract] | type[FundingApplication],
    *,
    actor: User | None,
    municipality: Area,
    record: ServiceContract | FundingApplication | None,
    expected_version: int | None,
    given: dict[str, Any],
) -> Any:
    """Create or change a contract or an application of the municipality, with its event."""
    if record is None:
        record = model.objects.create(municipality=municipality, **given)
        verb, changed = "created", list(given)
    else:
        if record.municipality_id != municipality.pk:
            raise ValueError("The record belongs to another municipality.")
        changed = changes_apply(record, given, expected_version)
        verb = "updated"
    kind = "service_contract" if model is ServiceContract else "funding_application"
    event_record(
        actor=actor,
        verb=f"{kind}.{verb}",
        target_type=kind,
        target_key=str(record.pk),
        payload={"municipality": municipality.code, "fields": changed},
    )
    return record


@transaction.atomic
def contract_save(
    *,
    actor: User | None,
    municipality: Area,
    contract: ServiceContract | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
) -> ServiceContract:
    """Record a service contract of the municipality with a provider, or change one."""
    given, merged = given_and_merged(values, CONTRACT_FIELDS, contract)
    period_check(merged["starts"], merged["ends"], CONTRACT_PERIOD_BACKWARDS, "ends")
    if (merged["amount"] or 0) < 0:
        raise InvalidInput(AMOUNT_NEGATIVE, "amount")
    service, provider = merged["service"], merged["provider"]
    organization_check(provider, municipality, "provider")
    if service is not None and service.organization_id != provider.pk:
        raise InvalidInput(SERVICE_OF_PROVIDER, "service")
    _activity_of(merged["activity"], municipality)
    result: ServiceContract = _record_save(
        ServiceContract,
        actor=actor,
        municipality=municipality,
        record=contract,
        expected_version=expected_version,
        given=given,
    )
    return result


@transaction.atomic
def delivery_record(
    *,
    actor: User | None,
    contract: ServiceContract,
    period_start: date,
    period_end: date,
    units_delivered: int,
    people_served: int,
    note: str = "",
) -> ContractDelivery:
    """Record what the provider reports it delivered in one period of the contract."""
    if not contract.starts <= period_start <= period_end <= contract.ends:
        raise InvalidInput(DELIVERY_OUTSIDE_CONTRACT, "period_start")
    try:
        with transaction.atomic():
            delivery = ContractDelivery.objects.create(
                contract=contract,
                period_start=period_start,
                period_end=period_end,
                units_delivered=units_delivered,
                people_served=people_served,
                note=note.strip(),
            )
    except IntegrityError as error:
        raise InvalidInput(DELIVERY_REPORTED, "period_start") from error
    event_record(
        actor=actor,
        verb="contract_delivery.recorded",
        target_type="service_contract",
        target_key=str(contract.pk),
        payload={
            "period": [period_start.isoformat(), period_end.isoformat()],
            "units": units_delivered,
            "people": people_served,
        },
    )
    return delivery


@transaction.atomic
def application_save(
    *,
    actor: User | None,
    municipality: Area,
    application: FundingApplication | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
) -> FundingApplication:
    """Record an application of the municipality to a fund, or its outcome."""
    given, merged = given_and_merged(values, APPLICATION_FIELDS, application)
    period_check(merged["call_opens"], merged["call_closes"], CALL_BACKWARDS, "call_closes")
    if any((merged[name] or 0) < 0 for name in ("requested", "awarded")):
        raise InvalidInput(AMOUNT_NEGATIVE, "requested")
    outcome = merged["outcome"] or FundingApplication.Outcome.PENDING
    if (outcome == FundingApplication.Outcome.AWARDED) != (merged["awarded"] is not None):
        raise InvalidInput(AWARD_WITHOUT_AMOUNT, "awarded")
    organization_check(merged["fund"], municipality, "fund")
    _activity_of(merged["activity"], municipality)
    result: FundingApplication = _record_save(
        FundingApplication,
        actor=actor,
        municipality=municipality,
        record=application,
        expected_version=expected_version,
        given=given,
    )
    return result

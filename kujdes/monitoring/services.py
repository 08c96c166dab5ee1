"""Every change of a plan's delivery and yearly review: projects with their funding and the
people they reached; opening the review of a year, each activity's progress, each indicator's
actual value, the year's spending by source. Each writes its audit
event in its own transaction; records carry a version (0: nothing saved yet), as the plan's
own do."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.directory.models import Currency, FundingSource, Organization, TargetGroup
from kujdes.monitoring.models import (
    ActivityProgress,
    ContractDelivery,
    FundingApplication,
    IndicatorActual,
    Project,
    ProjectFunding,
    ProjectReach,
    Review,
    ServiceContract,
    Spending,
)
from kujdes.planning.models import Activity, Indicator, Plan
from kujdes.planning.services import (
    AMOUNT_NEGATIVE,
    InvalidInput,
    changes_apply,
    row_set,
)
from kujdes.territory.models import Area

NOT_ADOPTED = _("Only an adopted plan is reviewed.")
YEAR_OUTSIDE_PLAN = _("Choose a year of the plan's period.")
YEAR_REVIEWED = _("This year of the plan has a review already; open it instead.")
NOT_OF_PLAN = _("Choose an activity or indicator of the plan under review.")
PERCENT_OUT_OF_RANGE = _("Progress lies between 0 and 100 %.")
PERCENT_OF_STATUS = _(
    "An activity not started stands at 0 % and a completed one at 100 %; change the status or "
    "the progress."
)
SOURCE_UNKNOWN = _("Choose a funding source from the list.")

Status = ActivityProgress.Status


def _event(actor: User | None, verb: str, review: Review, key: Any, **payload: Any) -> None:
    event_record(
        actor=actor,
        verb=verb,
        target_type=verb.split(".", 1)[0],
        target_key=str(key),
        payload={"plan": str(review.plan_id), "year": review.year, **payload},
    )


@transaction.atomic
def review_open(*, actor: User | None, plan: Plan, year: int) -> Review:
    """Start the review of one year of an adopted plan."""
    if not plan.is_adopted:
        raise InvalidInput(NOT_ADOPTED)
    if year not in plan.years:
        raise InvalidInput(YEAR_OUTSIDE_PLAN, "year")
    try:
        with transaction.atomic():
            review = Review.objects.create(plan=plan, year=year)
    except IntegrityError as error:
        raise InvalidInput(YEAR_REVIEWED, "year") from error
    _event(actor, "review.opened", review, review.pk)
    return review


def _of_plan(review: Review, plan_id: Any) -> None:
    if plan_id != review.plan_id:
        raise InvalidInput(NOT_OF_PLAN)


@transaction.atomic
def activity_progress_set(
    *,
    actor: User | None,
    review: Review,
    activity: Activity,
    status: str,
    percent: int,
    note: str = "",
    expected_version: int | None = None,
) -> ActivityProgress:
    """Record where the activity stands in the review's year."""
    _of_plan(review, activity.measure.objective.plan_id)
    if status not in Status.values:
        raise ValueError(f"Unknown status {status!r}.")
    if not 0 <= percent <= 100:
        raise InvalidInput(PERCENT_OUT_OF_RANGE, "percent")
    if (status == Status.NOT_STARTED and percent) or (status == Status.COMPLETED and percent < 100):
        raise InvalidInput(PERCENT_OF_STATUS, "percent")
    values = {"status": status, "percent": percent, "note": note.strip()}
    progress = row_set(
        ActivityProgress, {"review": review, "activity": activity}, values, expected_version
    )
    _event(
        actor,
        "activity_progress.set",
        review,
        progress.pk,
        activity=str(activity.pk),
        status=status,
        percent=percent,
    )
    return progress


@transaction.atomic
def indicator_actual_set(
    *,
    actor: User | None,
    review: Review,
    indicator: Indicator,
    value: Decimal,
    source: str = "",
    expected_version: int | None = None,
) -> IndicatorActual:
    """Record what the indicator measured in the review's year."""
    _of_plan(review, indicator.plan_id)
    actual = row_set(
        IndicatorActual,
        {"review": review, "indicator": indicator},
        {"value": value, "source": source.strip()},
        expected_version,
    )
    _event(
        actor,
        "indicator_actual.set",
        review,
        actual.pk,
        indicator=str(indicator.pk),
        value=str(value),
    )
    return actual


@transaction.atomic
def spending_set(
    *, actor: User | None, review: Review, amounts: dict[str, Decimal]
) -> list[Spending]:
    """Replace what the year's review records as spent, by funding source."""
    for source, amount in amounts.items():
        if source not in FundingSource.values:
            raise InvalidInput(SOURCE_UNKNOWN, "amounts")
        if amount < 0:
            raise InvalidInput(AMOUNT_NEGATIVE, "amounts")
    Spending.objects.filter(review=review).delete()
    rows = Spending.objects.bulk_create(
        Spending(review=review, source=source, amount=amount)
        for source, amount in sorted(amounts.items())
        if amount
    )
    _event(
        actor,
        "spending.set",
        review,
        review.pk,
        amounts={source: str(amount) for source, amount in sorted(amounts.items())},
    )
    return rows


# ── Projects ─────────────────────────────────────────────────────────────────────────────────

PERIOD_BACKWARDS = _("A project cannot end before it starts.")
ACTIVITY_OF_MUNICIPALITY = _("Choose activities of this municipality's plans.")
UNIT_OF_MUNICIPALITY = _("Choose administrative units of this municipality.")
TARGET_GROUP_OF_COUNTRY = _("Choose target groups from this country's list.")
FUNDER_TWICE = _("Name each funder once per currency.")
YEAR_OF_PROJECT = _("Give a year in which the project ran.")

PROJECT_FIELDS = (
    "name_sq",
    "name_sr_latn",
    "name_en",
    "implementer",
    "starts",
    "ends",
    "status",
    "results_sq",
    "results_sr_latn",
    "results_en",
    "is_illustrative",
)


@transaction.atomic
def project_save(
    *,
    actor: User | None,
    municipality: Area,
    project: Project | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
    funding: Iterable[tuple[Organization, Decimal, str]],
    activities: Iterable[Activity],
    target_groups: Iterable[TargetGroup],
    units: Iterable[Area],
) -> Project:
    """Record a project of the municipality, or change one. Its funding (funder, amount,
    currency), the plan activities it implements, its target groups and units replace the
    ones it had, so an update names them all."""
    given = {name: values[name] for name in PROJECT_FIELDS if name in values}
    starts = given.get("starts", project.starts if project else None)
    ends = given.get("ends", project.ends if project else None)
    if starts is None or ends is None or ends < starts:
        raise InvalidInput(PERIOD_BACKWARDS, "ends")
    chosen = list(activities)
    if any(a.measure.objective.plan.municipality_id != municipality.pk for a in chosen):
        raise InvalidInput(ACTIVITY_OF_MUNICIPALITY, "activities")
    places = list(units)
    if any(
        unit.level != Area.Level.ADMIN_UNIT or not unit.is_within(municipality) for unit in places
    ):
        raise InvalidInput(UNIT_OF_MUNICIPALITY, "units")
    groups = list(target_groups)
    if any(group.country != municipality.country_code for group in groups):
        raise InvalidInput(TARGET_GROUP_OF_COUNTRY, "target_groups")
    lines = list(funding)
    if len({(funder.pk, currency) for funder, _amount, currency in lines}) != len(lines):
        raise InvalidInput(FUNDER_TWICE, "funding")
    for _funder, amount, currency in lines:
        if amount < 0:
            raise InvalidInput(AMOUNT_NEGATIVE, "funding")
        if currency not in Currency.values:
            raise ValueError(f"Unknown currency {currency!r}.")
    if project is None:
        project = Project.objects.create(municipality=municipality, **given)
        verb, changed = "project.created", list(given)
    else:
        if project.municipality_id != municipality.pk:
            raise ValueError("The project belongs to another municipality.")
        changed = changes_apply(project, given, expected_version)
        verb = "project.updated"
    project.activities.set(chosen)
    project.target_groups.set(groups)
    project.units.set(places)
    ProjectFunding.objects.filter(project=project).delete()
    ProjectFunding.objects.bulk_create(
        ProjectFunding(project=project, funder=funder, amount=amount, currency=currency)
        for funder, amount, currency in lines
    )
    event_record(
        actor=actor,
        verb=verb,
        target_type="project",
        target_key=str(project.pk),
        payload={
            "municipality": municipality.code,
            "fields": changed,
            "funding": [[str(f.pk), str(a), c] for f, a, c in lines],
            "activities": sorted(str(a.pk) for a in chosen),
        },
    )
    return project


@transaction.atomic
def project_reach_set(
    *, actor: User | None, project: Project, year: int, people: dict[tuple[str, str], int]
) -> list[ProjectReach]:
    """Replace the people the project reached in `year`: (sex, age group) → people."""
    if not project.starts.year <= year <= project.ends.year:
        raise InvalidInput(YEAR_OF_PROJECT, "year")
    for (sex, age_group), count in people.items():
        if sex not in ProjectReach.Sex.values or age_group not in ProjectReach.AgeGroup.values:
            raise ValueError(f"Unknown group {sex!r}, {age_group!r}.")
        if count < 0:
            raise InvalidInput(AMOUNT_NEGATIVE, "people")
    ProjectReach.objects.filter(project=project, year=year).delete()
    rows = ProjectReach.objects.bulk_create(
        ProjectReach(project=project, year=year, sex=sex, age_group=age_group, people=count)
        for (sex, age_group), count in sorted(people.items())
    )
    # Counts of people, not people: they may be small, but they name no one.
    event_record(
        actor=actor,
        verb="project_reach.set",
        target_type="project",
        target_key=str(project.pk),
        payload={"year": year, "people": sum(people.values())},
    )
    return rows


# ── Service contracts and funding applications ──────────────────────────────────────────────

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
    given = {name: values[name] for name in CONTRACT_FIELDS if name in values}
    merged: dict[str, Any] = {
        name: given.get(name, getattr(contract, name, None)) for name in CONTRACT_FIELDS
    }
    if merged["starts"] is None or merged["ends"] is None or merged["ends"] < merged["starts"]:
        raise InvalidInput(CONTRACT_PERIOD_BACKWARDS, "ends")
    if (merged["amount"] or 0) < 0:
        raise InvalidInput(AMOUNT_NEGATIVE, "amount")
    service, provider = merged["service"], merged["provider"]
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
    given = {name: values[name] for name in APPLICATION_FIELDS if name in values}
    merged = {
        name: given.get(name, getattr(application, name, None)) for name in APPLICATION_FIELDS
    }
    opens, closes = merged["call_opens"], merged["call_closes"]
    if opens is None or closes is None or closes < opens:
        raise InvalidInput(CALL_BACKWARDS, "call_closes")
    if any((merged[name] or 0) < 0 for name in ("requested", "awarded")):
        raise InvalidInput(AMOUNT_NEGATIVE, "requested")
    outcome = merged["outcome"] or FundingApplication.Outcome.PENDING
    if (outcome == FundingApplication.Outcome.AWARDED) != (merged["awarded"] is not None):
        raise InvalidInput(AWARD_WITHOUT_AMOUNT, "awarded")
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

"""Every change to the directory. Staff pages, imports (tabular and HSDS), the demo loader and
the reference-data command call these; each writes an audit event in its own transaction.

Organizations and services carry a version number. An update names the version its editor
started from; if someone saved in between, `EditConflict` is raised and nothing is written.
"""

import csv
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F, Model

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.directory.models import (
    LANGUAGE_SUFFIXES,
    BeneficiaryCount,
    Funding,
    Licence,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceType,
    SpokenLanguage,
    TargetGroup,
)
from kujdes.territory.models import AgeBand, Area
from kujdes.territory.services import UpsertCounts

DATA_DIR = Path(__file__).parent / "data"


class EditConflict(Exception):
    """Someone else saved the record after the editor opened it."""

    def __init__(self, current: Model) -> None:
        super().__init__(f"{type(current).__name__} {current.pk} changed meanwhile")
        self.current = current


# ── Reference data ───────────────────────────────────────────────────────────────────────────


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(model: type[Model], code: str, values: dict[str, Any], counts: UpsertCounts) -> None:
    instance = model._default_manager.filter(code=code).first()
    if instance is None:
        model._default_manager.create(code=code, **values)
        counts.created += 1
        return
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        counts.updated += 1
    else:
        counts.unchanged += 1


# Taxonomy-term ids derive from the codes, so a term has the same HSDS id on every installation.
_TERM_NAMESPACE = uuid.UUID("0d7c5a4e-2f61-4c3b-9a8e-6b1f2d9e4c70")


def _term_id(kind: str, code: str) -> uuid.UUID:
    return uuid.uuid5(_TERM_NAMESPACE, f"{kind}:{code}")


@transaction.atomic
def taxonomies_load() -> dict[str, UpsertCounts]:
    """Load the service types, target groups and spoken languages from `data/`. Idempotent;
    codes are stable, so a second run changes only what the files changed."""
    names = ("name_sq", "name_sr_latn", "name_en")
    counts = {kind: UpsertCounts() for kind in ("service types", "target groups", "languages")}
    common = {row["code"]: row["common_code"] for row in _read("service_type_common_codes.csv")}
    types = _read("service_types.csv")
    for position, row in enumerate(types, start=1):
        values = {name: row[name] for name in names} | {
            "hsds_id": _term_id("service_type", row["code"]),
            "country": row["country"],
            "legal_basis": row["legal_basis"],
            "common_code": common[row["code"]],
            "position": position,
        }
        _upsert(ServiceType, row["code"], values, counts["service types"])
    parents = {t.code: t for t in ServiceType.objects.all()}
    for row in types:
        child = parents[row["code"]]
        parent = parents[row["parent_code"]] if row["parent_code"] else None
        if child.parent_id != (parent.pk if parent else None):
            child.parent = parent
            child.save(update_fields=["parent"])
    for position, row in enumerate(_read("target_groups.csv"), start=1):
        values = {name: row[name] for name in names} | {
            "hsds_id": _term_id("target_group", row["code"]),
            "country": row["code"].split("_", 1)[0],
            "legal_basis": row["legal_basis"],
            "common_code": row["common_code"],
            "position": position,
        }
        _upsert(TargetGroup, row["code"], values, counts["target groups"])
    for row in _read("spoken_languages.csv"):
        values = {name: row[name] for name in names} | {"position": int(row["position"])}
        _upsert(SpokenLanguage, row["code"], values, counts["languages"])
    return counts


# ── Organizations, licences, locations ───────────────────────────────────────────────────────

ORGANIZATION_FIELDS = (
    "kind",
    "registration_number",
    "email",
    "website",
    "is_illustrative",
    *(f"name_{suffix}" for suffix in LANGUAGE_SUFFIXES),
    *(f"description_{suffix}" for suffix in LANGUAGE_SUFFIXES),
)


def _locked_bump(model: type[Model], instance: Any, expected_version: int) -> None:
    """Take the next version if the row is still at `expected_version`, else raise."""
    bumped = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise EditConflict(model._default_manager.get(pk=instance.pk))
    instance.version = expected_version + 1


@transaction.atomic
def organization_create(
    *,
    actor: User | None,
    area: Area,
    values: dict[str, Any],
    organization_id: uuid.UUID | None = None,
) -> Organization:
    organization = Organization(area=area, **_pick(values, ORGANIZATION_FIELDS))
    if organization_id is not None:
        organization.id = organization_id
    organization.save()
    event_record(
        actor=actor,
        verb="organization.created",
        target_type="organization",
        target_key=str(organization.pk),
        payload={"area": area.code, "name": organization.name_sq},
    )
    return organization


@transaction.atomic
def organization_update(
    *, actor: User | None, organization: Organization, expected_version: int, values: dict[str, Any]
) -> Organization:
    _locked_bump(Organization, organization, expected_version)
    changed = _assign(organization, _pick(values, ORGANIZATION_FIELDS))
    organization.save(update_fields=[*changed, "updated_at"])
    if any(name.startswith("name_") for name in changed):
        for service in organization.services.all():
            service.organization = organization
            _search_text_refresh(service)
    event_record(
        actor=actor,
        verb="organization.updated",
        target_type="organization",
        target_key=str(organization.pk),
        payload={"fields": changed, "version": organization.version},
    )
    return organization


LICENCE_FIELDS = ("kind", "issuer", "number", "valid_from", "valid_to", "status")


@transaction.atomic
def licence_save(
    *,
    actor: User | None,
    organization: Organization,
    expected_version: int,
    values: dict[str, Any],
    licence: Licence | None = None,
    licence_id: uuid.UUID | None = None,
) -> Licence:
    """Add a licence, or change one; either way the organization moves to a new version."""
    _locked_bump(Organization, organization, expected_version)
    if licence is None:
        licence = Licence(organization=organization, **_pick(values, LICENCE_FIELDS))
        if licence_id is not None:
            licence.id = licence_id
        licence.save()
        changed = list(LICENCE_FIELDS)
    else:
        changed = _assign(licence, _pick(values, LICENCE_FIELDS))
        licence.save(update_fields=changed)
    event_record(
        actor=actor,
        verb="licence.saved",
        target_type="organization",
        target_key=str(organization.pk),
        payload={"licence": str(licence.pk), "number": licence.number, "fields": changed},
    )
    return licence


LOCATION_FIELDS = (
    "address",
    "city",
    "postal_code",
    "area",
    "latitude",
    "longitude",
    "is_confidential",
    *(f"name_{suffix}" for suffix in LANGUAGE_SUFFIXES),
)


@transaction.atomic
def location_save(
    *,
    actor: User | None,
    organization: Organization,
    expected_version: int | None,
    values: dict[str, Any],
    location: Location | None = None,
    location_id: uuid.UUID | None = None,
) -> Location:
    """Add or change a location of the organization. `expected_version` None skips the
    version check (imports, which run in one transaction of their own)."""
    if expected_version is not None:
        _locked_bump(Organization, organization, expected_version)
    if location is None:
        location = Location(organization=organization, **_pick(values, LOCATION_FIELDS))
        if location_id is not None:
            location.id = location_id
        location.save()
        changed = list(LOCATION_FIELDS)
    else:
        changed = _assign(location, _pick(values, LOCATION_FIELDS))
        location.save(update_fields=changed)
    # The payload names no address: the audit log is read by people who may not see shelters.
    event_record(
        actor=actor,
        verb="location.saved",
        target_type="organization",
        target_key=str(organization.pk),
        payload={"location": str(location.pk), "fields": [str(name) for name in changed]},
    )
    return location


# ── Services ─────────────────────────────────────────────────────────────────────────────────

SERVICE_TEXTS = ("name", "description", "eligibility", "application_process", "fees")
SERVICE_FIELDS = (
    "service_type",
    "is_free",
    "status",
    "email",
    "url",
    "capacity",
    "minimum_age",
    "maximum_age",
    "is_illustrative",
    *(f"{text}_{suffix}" for text in SERVICE_TEXTS for suffix in LANGUAGE_SUFFIXES),
)


@dataclass
class PhoneInput:
    number: str
    kind: str = Phone.Kind.ORDINARY
    description: dict[str, str] = field(default_factory=dict)  # by language suffix
    language_codes: list[str] = field(default_factory=list)
    id: uuid.UUID | None = None


@dataclass
class ScheduleInput:
    weekdays: str  # "MO,TU,WE,TH,FR"
    opens_at: time
    closes_at: time
    id: uuid.UUID | None = None


@dataclass
class ServiceInput:
    """A whole service as an editor or an importer gives it. Lists replace what was there."""

    values: dict[str, Any]  # SERVICE_FIELDS; missing ones keep their defaults on create
    target_group_codes: list[str] = field(default_factory=list)
    language_codes: list[str] = field(default_factory=list)
    areas_served: list[Area] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    phones: list[PhoneInput] = field(default_factory=list)
    schedules: list[ScheduleInput] = field(default_factory=list)


@transaction.atomic
def service_create(
    *,
    actor: User | None,
    organization: Organization,
    area: Area,
    data: ServiceInput,
    service_id: uuid.UUID | None = None,
) -> Service:
    service = Service(organization=organization, area=area, **_pick(data.values, SERVICE_FIELDS))
    if service_id is not None:
        service.id = service_id
    service.save()
    _service_parts_set(service, data)
    _search_text_refresh(service)
    event_record(
        actor=actor,
        verb="service.created",
        target_type="service",
        target_key=str(service.pk),
        payload={"area": area.code, "name": service.name_sq},
    )
    return service


@transaction.atomic
def service_update(
    *, actor: User | None, service: Service, expected_version: int, data: ServiceInput
) -> Service:
    _locked_bump(Service, service, expected_version)
    changed = _assign(service, _pick(data.values, SERVICE_FIELDS))
    service.save(update_fields=[*changed, "updated_at"])
    _service_parts_set(service, data)
    _search_text_refresh(service)
    event_record(
        actor=actor,
        verb="service.updated",
        target_type="service",
        target_key=str(service.pk),
        payload={"fields": changed, "version": service.version},
    )
    return service


def _service_parts_set(service: Service, data: ServiceInput) -> None:
    service.target_groups.set(TargetGroup.objects.filter(code__in=data.target_group_codes))
    service.languages.set(SpokenLanguage.objects.filter(code__in=data.language_codes))
    service.areas_served.set(data.areas_served)
    wanted = {location.pk for location in data.locations}
    service.at_locations.exclude(location__in=wanted).delete()
    present = set(service.at_locations.values_list("location_id", flat=True))
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(service=service, location=location)
        for location in data.locations
        if location.pk not in present
    )
    languages = {language.code: language for language in SpokenLanguage.objects.all()}
    kept_phones = [phone.id for phone in data.phones if phone.id]
    service.phones.exclude(id__in=kept_phones).delete()
    for position, given in enumerate(data.phones):
        phone, _created = Phone.objects.update_or_create(
            id=given.id or uuid.uuid4(),
            defaults={
                "service": service,
                "number": given.number,
                "kind": given.kind,
                "position": position,
                **{f"description_{s}": given.description.get(s, "") for s in LANGUAGE_SUFFIXES},
            },
        )
        phone.languages.set([languages[code] for code in given.language_codes])
    kept_schedules = [schedule.id for schedule in data.schedules if schedule.id]
    service.schedules.exclude(id__in=kept_schedules).delete()
    for position, hours in enumerate(data.schedules):
        Schedule.objects.update_or_create(
            id=hours.id or uuid.uuid4(),
            defaults={
                "service": service,
                "weekdays": hours.weekdays,
                "opens_at": hours.opens_at,
                "closes_at": hours.closes_at,
                "position": position,
            },
        )


def _search_text_refresh(service: Service) -> None:
    text = service.folded_text()
    if text != service.search_text:
        service.search_text = text
        service.save(update_fields=["search_text"])


@dataclass(frozen=True)
class FundingInput:
    source: str
    amount: Decimal
    currency: str
    funder: str = ""


@transaction.atomic
def service_year_set(
    *,
    actor: User | None,
    service: Service,
    expected_version: int | None,
    year: int,
    beneficiaries: dict[tuple[str, str], int],
    funding: Iterable[FundingInput],
) -> None:
    """Replace the year's beneficiary counts ((sex, age band code) → people) and funding."""
    if expected_version is not None:
        _locked_bump(Service, service, expected_version)
    bands = {band.code: band for band in AgeBand.objects.all()}
    service.beneficiaries.filter(year=year).delete()
    BeneficiaryCount.objects.bulk_create(
        BeneficiaryCount(service=service, year=year, sex=sex, age_band=bands[band], count=count)
        for (sex, band), count in beneficiaries.items()
    )
    service.funding.filter(year=year).delete()
    rows = list(funding)
    Funding.objects.bulk_create(
        Funding(
            service=service,
            year=year,
            source=row.source,
            funder=row.funder,
            amount=row.amount,
            currency=row.currency,
        )
        for row in rows
    )
    event_record(
        actor=actor,
        verb="service.year_set",
        target_type="service",
        target_key=str(service.pk),
        payload={"year": year, "beneficiary_cells": len(beneficiaries), "funding_rows": len(rows)},
    )


# ── Helpers ──────────────────────────────────────────────────────────────────────────────────


def _pick(values: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    return {name: values[name] for name in names if name in values}


def _assign(instance: Model, values: dict[str, Any]) -> list[str]:
    """Set the values that differ; return the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed


# ── HSDS import ──────────────────────────────────────────────────────────────────────────────


@transaction.atomic
def spoken_language_add(*, actor: User | None, code: str, name: str) -> SpokenLanguage:
    """Add a language an imported dataset names that the reference list lacks. The dataset
    gives one name; it stands for every language until someone translates it."""
    position = 1 + max(SpokenLanguage.objects.values_list("position", flat=True), default=0)
    language = SpokenLanguage.objects.create(
        code=code, name_sq=name, name_sr_latn=name, name_en=name, position=position
    )
    event_record(
        actor=actor,
        verb="spoken_language.created",
        target_type="spoken_language",
        target_key=code,
        payload={"name": name},
    )
    return language


@transaction.atomic
def service_at_locations_identify(*, service: Service, ids: dict[uuid.UUID, uuid.UUID]) -> None:
    """Give links of the service to its locations (location id → link id) the ids an imported
    dataset names, so that the next import finds them. Only for links made in the same
    transaction, before anything refers to them; the service's own event records the change."""
    for location_id, link_id in ids.items():
        service.at_locations.filter(location_id=location_id).exclude(id=link_id).update(id=link_id)

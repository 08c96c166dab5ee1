"""Importing a read HSDS dataset: checked against what Kujdes holds (whose records, which
ids are taken, which terms and areas are known), then written through the directory's
services in one transaction."""

import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kujdes.accounts.models import User
from kujdes.directory import services
from kujdes.directory.hsds.reading import (
    KIND_NAMES,
    LOCATION,
    ORGANIZATION,
    SERVICE,
    HsdsImportReport,
    HsdsProblem,
    LocationRecord,
    OrganizationRecord,
    Reader,
    ServiceRecord,
    shown,
)
from kujdes.directory.models import (
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
from kujdes.directory.selectors import editable_areas
from kujdes.lib.text import fold
from kujdes.territory.models import Area
from kujdes.territory.services import UpsertCounts


def hsds_import(*, data: bytes, area: Area, actor: User | None) -> HsdsImportReport:
    """Import an HSDS 3.0 JSON dataset into the municipality `area`. `actor` None is the
    command line; a user must be allowed to edit the municipality's directory."""
    report = HsdsImportReport()
    if area.level != Area.Level.MUNICIPALITY:
        report.errors.append(
            HsdsProblem(
                "$",
                _("Records are filed under a municipality; %(area)s is not one.")
                % {"area": area.name_sq},
            )
        )
        return report
    if actor is not None and not editable_areas(actor).filter(pk=area.pk).exists():
        report.errors.append(
            HsdsProblem(
                "$", _("You may not edit the directory of %(area)s.") % {"area": area.name_sq}
            )
        )
        return report
    document = _parse(data, report)
    if report.errors:
        return report
    reader = Reader(report)
    reader.read_document(document)
    if report.errors:
        return report
    plan = _Plan(reader, area, report)
    plan.check()
    if report.errors:
        return report
    try:
        with transaction.atomic():
            plan.write(actor)
    except services.EditConflict:
        report.errors.append(
            HsdsProblem("$", _("Someone changed the directory during the import; import again."))
        )
        report.organizations = UpsertCounts()
        report.locations = UpsertCounts()
        report.services = UpsertCounts()
    return report


def _parse(data: bytes, report: HsdsImportReport) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append(HsdsProblem("$", _("The file is not UTF-8 text.")))
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        report.errors.append(
            HsdsProblem(
                "$",
                _("The file is not JSON: a mistake at line %(line)s, column %(column)s.")
                % {"line": error.lineno, "column": error.colno},
            )
        )
        return None


# ── Checking against the database, then writing ─────────────────────────────────────────────


class _Plan:
    def __init__(self, reader: Reader, area: Area, report: HsdsImportReport) -> None:
        self.reader = reader
        self.area = area
        self.report = report
        self.organizations = {
            organization.pk: organization
            for organization in Organization.objects.filter(
                pk__in=[*reader.organizations, *_referenced_organizations(reader)]
            ).select_related("area")
        }
        self.locations = {
            location.pk: location
            for location in Location.objects.filter(
                pk__in=[*reader.locations, *_referenced_locations(reader)]
            ).select_related("organization__area")
        }
        self.services = {
            service.pk: service
            for service in Service.objects.filter(pk__in=list(reader.services))
            .select_related("area", "organization__area", "service_type")
            .prefetch_related("target_groups", "languages", "areas_served", "schedules")
            .prefetch_related("at_locations__location", "phones__languages")
        }
        for service in self.services.values():
            # One instance per organization, so that a service saved after its organization
            # was updated folds the new name into its search text.
            organization = self.organizations.setdefault(
                service.organization_id, service.organization
            )
            service.organization = organization
        self.service_types = {str(row.hsds_id): row for row in ServiceType.objects.all()}
        self.service_types |= {row.code: row for row in self.service_types.values()}
        self.target_groups = {str(row.hsds_id): row for row in TargetGroup.objects.all()}
        self.target_groups |= {row.code: row for row in self.target_groups.values()}
        self.known_languages = set(SpokenLanguage.objects.values_list("code", flat=True))
        self.areas: dict[str, Area] = {}
        for served in Area.objects.subtree(area):
            for name in (served.name_sq, served.name_sr_latn, served.name_en):
                if name:
                    self.areas.setdefault(fold(name), served)
        # Resolved while checking: service id → its organization id, service type and
        # target group codes (None: keep), areas served (None: keep).
        self.service_organization: dict[uuid.UUID, uuid.UUID] = {}
        self.service_types_wanted: dict[uuid.UUID, ServiceType | None] = {}
        self.target_groups_wanted: dict[uuid.UUID, list[str] | None] = {}
        self.areas_wanted: dict[uuid.UUID, list[Area] | None] = {}

    def error(self, path: str, message: str) -> None:
        self.report.errors.append(HsdsProblem(path, message))

    def in_area(self, area: Area) -> bool:
        return area.is_within(self.area)

    def elsewhere(self, path: str, kind: str, area: Area) -> None:
        self.error(
            path,
            _("Kept by %(other)s, not %(area)s (%(kind)s); import it there.")
            % {"kind": KIND_NAMES[kind], "other": area.name_sq, "area": self.area.name_sq},
        )

    def organization_known(self, organization_id: uuid.UUID | None, path: str) -> bool:
        if organization_id is None:
            self.error(path, _("The organization is missing: give organization_id."))
            return False
        if organization_id in self.reader.organizations:
            return True
        organization = self.organizations.get(organization_id)
        if organization is None:
            self.error(
                path,
                _("No organization %(id)s in the file or in Kujdes.") % {"id": organization_id},
            )
            return False
        if not self.in_area(organization.area):
            self.elsewhere(path, ORGANIZATION, organization.area)
            return False
        return True

    def check(self) -> None:
        reader = self.reader
        for organization_id, organization_record in reader.organizations.items():
            existing = self.organizations.get(organization_id)
            if existing is not None and not self.in_area(existing.area):
                self.elsewhere(organization_record.path, ORGANIZATION, existing.area)
        for service_id, service_record in reader.services.items():
            self.service_check(service_id, service_record)
        for location_id, record in reader.locations.items():
            location = self.locations.get(location_id)
            if record.organization_id is None:
                record.organization_id = self.linking_organization(location_id)
            if location is None:
                known = self.organization_known(record.organization_id, record.path)
                if known and "name_sq" not in record.values:
                    self.error(f"{record.path}.name", _("Required: a new location's name."))
                continue
            if not self.in_area(location.organization.area):
                self.elsewhere(record.path, LOCATION, location.organization.area)
            elif record.organization_id not in (None, location.organization_id):
                self.error(
                    f"{record.path}.organization_id",
                    _("This location belongs to another organization in Kujdes."),
                )
        self.owners_check(Phone, reader.phone_owners, "phone")
        self.owners_check(Schedule, reader.schedule_owners, "schedule")
        taken = ServiceAtLocation.objects.filter(pk__in=list(reader.link_owners))
        for link in taken:
            service_id, location_id, path = reader.link_owners[link.pk]
            if (link.service_id, link.location_id) != (service_id, location_id):
                self.error(f"{path}.id", _("This id names another service at a location."))

    def linking_organization(self, location_id: uuid.UUID) -> uuid.UUID | None:
        """The organization of a service at the location: a location in a service at a
        location object often does not name its own."""
        for service_id, record in self.reader.services.items():
            if location_id in record.links and service_id in self.service_organization:
                return self.service_organization[service_id]
        return None

    def service_check(self, service_id: uuid.UUID, record: ServiceRecord) -> None:
        existing = self.services.get(service_id)
        if existing is None and record.reference_only:
            self.error(
                f"{record.path}.service_id",
                _("No service %(id)s in the file or in Kujdes.") % {"id": service_id},
            )
            return
        if existing is not None and not self.in_area(existing.area):
            self.elsewhere(record.path, SERVICE, existing.area)
            return
        organization_id = record.organization_id
        if organization_id is None and existing is not None:
            organization_id = existing.organization_id
        if not self.organization_known(organization_id, record.path):
            return
        assert organization_id is not None
        if existing is not None and existing.organization_id != organization_id:
            self.error(
                f"{record.path}.organization",
                _("This service belongs to another organization in Kujdes."),
            )
            return
        self.service_organization[service_id] = organization_id
        for location_id, (path, _link) in record.links.items():
            if location_id not in self.reader.locations:
                location = self.locations.get(location_id)
                if location is None:
                    self.error(
                        f"{path}.location_id",
                        _("No location %(id)s in the file or in Kujdes.") % {"id": location_id},
                    )
                elif not self.in_area(location.organization.area):
                    self.elsewhere(path, LOCATION, location.organization.area)
        self.terms_check(service_id, record)
        if record.area_names is None:
            self.areas_wanted[service_id] = None
        else:
            served: list[Area] = []
            for path, name in record.area_names:
                match = self.areas.get(fold(name))
                if match is None:
                    self.reader.notice(
                        f"{path}.name",
                        _("“%(name)s” is not %(area)s or one of its areas; left out.")
                        % {"name": shown(name), "area": self.area.name_sq},
                    )
                elif match not in served:
                    served.append(match)
            self.areas_wanted[service_id] = served

    def terms_check(self, service_id: uuid.UUID, record: ServiceRecord) -> None:
        self.service_types_wanted[service_id] = None
        self.target_groups_wanted[service_id] = None
        if record.terms is None:
            return
        types: list[ServiceType] = []
        groups: list[str] = []
        for term in record.terms:
            keys = [str(term.id) if term.id else "", term.code]
            service_type = next(
                (self.service_types[k] for k in keys if k in self.service_types), None
            )
            group = next((self.target_groups[k] for k in keys if k in self.target_groups), None)
            if service_type is not None:
                if service_type not in types:
                    types.append(service_type)
            elif group is not None:
                if group.code not in groups:
                    groups.append(group.code)
            else:
                self.reader.notice(
                    f"{term.path}.taxonomy_term",
                    _("Not a Kujdes service type or target group; left out."),
                )
        if len(types) > 1:
            self.error(
                f"{record.path}.attributes",
                _("A service has one service type; these attributes give %(count)s.")
                % {"count": len(types)},
            )
        if types or groups:
            # Terms from other taxonomies only would otherwise wipe the Kujdes ones.
            self.service_types_wanted[service_id] = types[0] if types else None
            self.target_groups_wanted[service_id] = groups

    def owners_check(
        self,
        model: type[Phone] | type[Schedule],
        owners: dict[uuid.UUID, tuple[uuid.UUID, str]],
        kind: str,
    ) -> None:
        rows = model._default_manager.filter(pk__in=list(owners)).values_list("pk", "service_id")
        for key, owner in rows:
            service_id, path = owners[key]
            if owner != service_id:
                self.error(
                    f"{path}.id",
                    _("This id names a %(kind)s of another service.") % {"kind": KIND_NAMES[kind]},
                )

    # ── writing ──

    def write(self, actor: User | None) -> None:
        reader = self.reader
        for code, name in reader.languages.items():
            if code not in self.known_languages:
                services.spoken_language_add(actor=actor, code=code, name=name)
        for organization_id, organization_record in reader.organizations.items():
            self.organization_write(actor, organization_id, organization_record)
        for location_id, location_record in reader.locations.items():
            self.location_write(actor, location_id, location_record)
        for service_id, service_record in reader.services.items():
            self.service_write(actor, service_id, service_record)

    def organization_write(
        self, actor: User | None, organization_id: uuid.UUID, record: OrganizationRecord
    ) -> None:
        counts = self.report.organizations
        existing = self.organizations.get(organization_id)
        if existing is None:
            values = {"kind": Organization.Kind.NGO, **record.values}
            self.organizations[organization_id] = services.organization_create(
                actor=actor, area=self.area, values=values, organization_id=organization_id
            )
            counts.created += 1
        elif _differs(existing, record.values):
            services.organization_update(
                actor=actor,
                organization=existing,
                expected_version=existing.version,
                values=record.values,
            )
            counts.updated += 1
        else:
            counts.unchanged += 1

    def location_write(
        self, actor: User | None, location_id: uuid.UUID, record: LocationRecord
    ) -> None:
        counts = self.report.locations
        existing = self.locations.get(location_id)
        if existing is None:
            assert record.organization_id is not None
            self.locations[location_id] = services.location_save(
                actor=actor,
                organization=self.organizations[record.organization_id],
                expected_version=None,
                values={"area": self.area, **record.values},
                location_id=location_id,
            )
            counts.created += 1
        elif _differs(existing, record.values):
            services.location_save(
                actor=actor,
                organization=existing.organization,
                expected_version=None,
                values=record.values,
                location=existing,
            )
            counts.updated += 1
        else:
            counts.unchanged += 1

    def service_write(
        self, actor: User | None, service_id: uuid.UUID, record: ServiceRecord
    ) -> None:
        counts = self.report.services
        existing = self.services.get(service_id)
        data = self.service_input(service_id, record, existing)
        linked = {link.location_id for link in existing.at_locations.all()} if existing else set()
        if existing is None:
            service = services.service_create(
                actor=actor,
                organization=self.organizations[self.service_organization[service_id]],
                area=self.area,
                data=data,
                service_id=service_id,
            )
            counts.created += 1
        elif _differs(existing, data.values) or _parts(existing) != _input_parts(data):
            service = services.service_update(
                actor=actor, service=existing, expected_version=existing.version, data=data
            )
            counts.updated += 1
        else:
            counts.unchanged += 1
            return
        new_ids = {
            location_id: link_id
            for location_id, (_path, link_id) in record.links.items()
            if location_id not in linked
        }
        if new_ids:
            services.service_at_locations_identify(service=service, ids=new_ids)

    def service_input(
        self, service_id: uuid.UUID, record: ServiceRecord, existing: Service | None
    ) -> services.ServiceInput:
        values = dict(record.values)
        service_type = self.service_types_wanted[service_id]
        target_groups = self.target_groups_wanted[service_id]
        areas = self.areas_wanted[service_id]
        if target_groups is not None:
            values["service_type"] = service_type
        current = _current_parts(existing)
        locations = [self.locations[location_id] for location_id in record.links]
        if not record.links_complete:
            locations += [loc for loc in current.locations if loc.pk not in record.links]
        else:
            # A public export never shows confidential locations; importing one back must not
            # take the service away from its shelter.
            locations += [
                loc
                for loc in current.locations
                if loc.is_confidential and loc.pk not in record.links
            ]
        return services.ServiceInput(
            values=values,
            target_group_codes=current.target_group_codes
            if target_groups is None
            else target_groups,
            language_codes=current.language_codes
            if record.language_codes is None
            else record.language_codes,
            areas_served=current.areas_served if areas is None else areas,
            locations=locations,
            phones=current.phones if record.phones is None else _phones(record.phones, existing),
            schedules=current.schedules if record.schedules is None else record.schedules,
        )


def _referenced_organizations(reader: Reader) -> Iterable[uuid.UUID]:
    records: list[ServiceRecord | LocationRecord] = [
        *reader.services.values(),
        *reader.locations.values(),
    ]
    for record in records:
        if record.organization_id is not None:
            yield record.organization_id


def _referenced_locations(reader: Reader) -> Iterable[uuid.UUID]:
    for record in reader.services.values():
        yield from record.links


def _differs(instance: Any, values: dict[str, Any]) -> bool:
    return any(getattr(instance, name) != value for name, value in values.items())


def _current_parts(service: Service | None) -> services.ServiceInput:
    """What the service has now, as an input that would leave it as it is."""
    if service is None:
        return services.ServiceInput(values={})
    return services.ServiceInput(
        values={},
        target_group_codes=[group.code for group in service.target_groups.all()],
        language_codes=[language.code for language in service.languages.all()],
        areas_served=list(service.areas_served.all()),
        locations=[link.location for link in service.at_locations.all()],
        phones=[
            services.PhoneInput(
                number=phone.number,
                kind=phone.kind,
                description={
                    suffix: getattr(phone, f"description_{suffix}")
                    for suffix in ("sq", "sr_latn", "en")
                },
                language_codes=[language.code for language in phone.languages.all()],
                id=phone.pk,
            )
            for phone in service.phones.all()
        ],
        schedules=[
            services.ScheduleInput(hours.weekdays, hours.opens_at, hours.closes_at, id=hours.pk)
            for hours in service.schedules.all()
        ],
    )


def _phones(
    given: list[services.PhoneInput], existing: Service | None
) -> list[services.PhoneInput]:
    """The file's phones, keeping what the file cannot say of a phone Kujdes has: its kind
    (SOS line, helpline) and its descriptions in other languages."""
    current = {phone.pk: phone for phone in existing.phones.all()} if existing else {}
    phones = []
    for phone in given:
        known = current.get(phone.id) if phone.id else None
        if known is None:
            phones.append(phone)
            continue
        description = {
            suffix: getattr(known, f"description_{suffix}") for suffix in ("sq", "sr_latn", "en")
        }
        phones.append(
            services.PhoneInput(
                number=phone.number,
                kind=known.kind,
                description=description | phone.description,
                language_codes=phone.language_codes,
                id=phone.id,
            )
        )
    return phones


def _parts(service: Service) -> tuple[Any, ...]:
    return _input_parts(_current_parts(service))


def _input_parts(data: services.ServiceInput) -> tuple[Any, ...]:
    """What a ServiceInput would set besides the fields, in a form that compares."""
    return (
        sorted(data.target_group_codes),
        sorted(data.language_codes),
        sorted(area.pk for area in data.areas_served),
        sorted(str(location.pk) for location in data.locations),
        [
            (
                phone.id,
                phone.number,
                phone.kind,
                tuple(phone.description.get(s, "") for s in ("sq", "sr_latn", "en")),
                sorted(phone.language_codes),
            )
            for phone in data.phones
        ],
        [(hours.id, hours.weekdays, hours.opens_at, hours.closes_at) for hours in data.schedules],
    )

"""Reading an HSDS dataset: every object is walked and checked, and what it describes is
gathered by id, before anything touches the database. Problems carry their JSON path."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from kujdes.directory import services
from kujdes.directory.models import WEEKDAYS, Organization, Service
from kujdes.lib.text import fold
from kujdes.territory.services import UpsertCounts

# ── The report ───────────────────────────────────────────────────────────────────────────────


@dataclass
class HsdsProblem:
    path: str  # JSON path: "$.contents[3].phones[0].number"
    message: str


@dataclass
class HsdsImportReport:
    errors: list[HsdsProblem] = field(default_factory=list)
    # What was left out without stopping the import: fields Kujdes has no place for, service
    # areas that are not areas of the municipality, terms of other taxonomies.
    notices: list[HsdsProblem] = field(default_factory=list)
    organizations: UpsertCounts = field(default_factory=UpsertCounts)
    locations: UpsertCounts = field(default_factory=UpsertCounts)
    services: UpsertCounts = field(default_factory=UpsertCounts)

    @property
    def ok(self) -> bool:
        return not self.errors


# ── Reading ──────────────────────────────────────────────────────────────────────────────────

ORGANIZATION, SERVICE, LOCATION, SERVICE_AT_LOCATION = (
    "organization",
    "service",
    "location",
    "service_at_location",
)
COLLECTIONS = {
    "organizations": ORGANIZATION,
    "services": SERVICE,
    "service_at_locations": SERVICE_AT_LOCATION,
    "locations": LOCATION,
}
# The fields each HSDS object has in Kujdes. Others are reported as left out, except those
# Kujdes derives itself (back-references, timestamps, the address's country and region).
KEPT = {
    "organization": {
        *("id", "name", "description", "email", "website", "tax_id", "legal_status"),
        *("locations", "services"),
    },
    "service": {
        *("id", "organization_id", "organization", "name", "description", "url", "email"),
        *("status", "application_process", "fees_description", "eligibility_description"),
        *("minimum_age", "maximum_age", "phones", "schedules", "service_areas", "languages"),
        *("service_at_locations", "attributes", "last_modified"),
    },
    "location": {
        *("id", "organization_id", "location_type", "name", "latitude", "longitude"),
        "addresses",
    },
    "address": {
        *("id", "location_id", "address_1", "city", "postal_code", "region", "state_province"),
        *("country", "address_type"),
    },
    "phone": {"id", "service_id", "number", "type", "description", "languages"},
    "schedule": {"id", "service_id", "freq", "wkst", "byday", "opens_at", "closes_at"},
    "language": {"id", "service_id", "phone_id", "name", "code"},
    "service_area": {"id", "service_id", "name"},
    "service_at_location": {"id", "service_id", "location_id", "service", "location"},
    "attribute": {
        *("id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "taxonomy_term"),
    },
}
KIND_NAMES = {
    "organization": pgettext_lazy("HSDS object", "organization"),
    "service": pgettext_lazy("HSDS object", "service"),
    "location": pgettext_lazy("HSDS object", "location"),
    "address": pgettext_lazy("HSDS object", "address"),
    "phone": pgettext_lazy("HSDS object", "phone"),
    "schedule": pgettext_lazy("HSDS object", "schedule"),
    "language": pgettext_lazy("HSDS object", "language"),
    "service_area": pgettext_lazy("HSDS object", "service area"),
    "service_at_location": pgettext_lazy("HSDS object", "service at a location"),
    "attribute": pgettext_lazy("HSDS object", "attribute"),
}
# Keys only one kind of object has: how a bare object says what it is.
_SERVICE_KEYS = {
    *("status", "organization", "organization_id", "program", "program_id", "service_areas"),
    *("service_at_locations", "application_process", "fees_description", "fees", "alert"),
    *("eligibility_description", "minimum_age", "maximum_age", "interpretation_services"),
    *("wait_time", "accreditations", "assured_date", "assurer_email", "licenses"),
    *("cost_options", "required_documents"),
}
_ORGANIZATION_KEYS = {
    *("website", "services", "locations", "tax_id", "tax_status", "legal_status", "logo"),
    *("year_incorporated", "organization_identifiers", "parent_organization_id", "programs"),
}
# ISO 639-2 and 639-3 codes of the languages Kujdes lists by their ISO 639-1 code.
_LANGUAGE_ALIASES = {
    "sqi": "sq",
    "alb": "sq",
    "srp": "sr",
    "eng": "en",
    "tur": "tr",
    "bos": "bs",
    "mkd": "mk",
    "mac": "mk",
}
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?")
_OLDEST = 150
_COORDINATE_PLACES = Decimal("0.000001")


@dataclass
class OrganizationRecord:
    path: str
    values: dict[str, Any]


@dataclass
class LocationRecord:
    path: str
    organization_id: uuid.UUID | None
    values: dict[str, Any]


@dataclass
class Term:
    path: str
    id: uuid.UUID | None
    code: str


@dataclass
class ServiceRecord:
    path: str
    organization_id: uuid.UUID | None
    values: dict[str, Any]
    # None: the file does not give it, so an update keeps what is there.
    phones: list[services.PhoneInput] | None = None
    schedules: list[services.ScheduleInput] | None = None
    language_codes: list[str] | None = None
    area_names: list[tuple[str, str]] | None = None  # (path, name)
    terms: list[Term] | None = None
    # location id → (path, service-at-location id). Complete when the service object lists
    # its service_at_locations; otherwise (links from service-at-location objects) added.
    links: dict[uuid.UUID, tuple[str, uuid.UUID]] = field(default_factory=dict)
    links_complete: bool = False
    # Named only by a service at a location's service_id: Kujdes must have it already.
    reference_only: bool = False


class Reader:
    """Walks the document, checks every value and gathers what it describes by id."""

    def __init__(self, report: HsdsImportReport) -> None:
        self.report = report
        self.organizations: dict[uuid.UUID, OrganizationRecord] = {}
        self.locations: dict[uuid.UUID, LocationRecord] = {}
        self.services: dict[uuid.UUID, ServiceRecord] = {}
        self.languages: dict[str, str] = {}  # code → name, as the file names them
        self.phone_owners: dict[uuid.UUID, tuple[uuid.UUID, str]] = {}
        self.schedule_owners: dict[uuid.UUID, tuple[uuid.UUID, str]] = {}
        self.link_owners: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID, str]] = {}
        self.left_out: dict[str, tuple[str, set[str]]] = {}  # kind → (first path, fields)

    # ── problems ──

    def error(self, path: str, message: str) -> None:
        self.report.errors.append(HsdsProblem(path, message))

    def notice(self, path: str, message: str) -> None:
        self.report.notices.append(HsdsProblem(path, message))

    # ── shapes ──

    def read_document(self, document: Any) -> None:
        if isinstance(document, list):
            self.read_items(document, "$", None)
        elif not isinstance(document, dict):
            self.error("$", _("Expected an HSDS object or a list of them."))
        elif isinstance(document.get("contents"), list):
            self.read_items(document["contents"], "$.contents", None)
        elif "id" not in document and any(key in document for key in COLLECTIONS):
            for key, kind in COLLECTIONS.items():
                if key not in document:
                    continue
                if isinstance(document[key], list):
                    self.read_items(document[key], f"$.{key}", kind)
                else:
                    self.error(f"$.{key}", _("Expected a list."))
        else:
            self.read_item(document, "$", None)
        self.left_out_report()

    def read_items(self, items: list[Any], path: str, kind: str | None) -> None:
        for index, item in enumerate(items):
            self.read_item(item, f"{path}[{index}]", kind)

    def read_item(self, item: Any, path: str, kind: str | None) -> None:
        if not isinstance(item, dict):
            self.error(path, _("Expected an object."))
            return
        kind = kind or self.kind_of(item, path)
        if kind == ORGANIZATION:
            self.organization(item, path)
        elif kind == SERVICE:
            self.service(item, path, None)
        elif kind == SERVICE_AT_LOCATION:
            self.service_at_location(item, path, None, None)
        elif kind == LOCATION:
            self.location(item, path, None)

    def kind_of(self, item: dict[str, Any], path: str) -> str | None:
        if "location_type" in item:
            return LOCATION
        if "service" in item or "location" in item or {"service_id", "location_id"} <= item.keys():
            return SERVICE_AT_LOCATION
        if _SERVICE_KEYS & item.keys():
            return SERVICE
        if _ORGANIZATION_KEYS & item.keys():
            return ORGANIZATION
        self.error(
            path,
            _(
                "Cannot tell what this is: an HSDS service needs its status, an organization "
                "its website, services or locations, a service at a location its service."
            ),
        )
        return None

    def left_out_note(self, kind: str, item: dict[str, Any], path: str) -> None:
        unknown = set(item) - KEPT[kind]
        if unknown:
            _first_path, names = self.left_out.setdefault(kind, (path, set()))
            names |= unknown

    def left_out_report(self) -> None:
        for kind, (path, names) in self.left_out.items():
            self.notice(
                path,
                _("Left out, as Kujdes does not keep them: %(kind)s fields %(fields)s.")
                % {"fields": ", ".join(sorted(names)), "kind": KIND_NAMES[kind]},
            )

    # ── objects ──

    def organization(self, item: dict[str, Any], path: str) -> uuid.UUID | None:
        self.left_out_note(ORGANIZATION, item, path)
        organization_id = self.uuid(item, "id", path, required=True)
        values: dict[str, Any] = {}
        self.put(values, "name_sq", self.text(item, "name", path, 200, required=True))
        self.put(values, "description_sq", self.text(item, "description", path))
        self.put(values, "email", self.email(item, "email", path))
        self.put(values, "website", self.url(item, "website", path))
        self.put(values, "registration_number", self.text(item, "tax_id", path, 64))
        legal_status = self.text(item, "legal_status", path)
        if legal_status:
            kind = _organization_kinds().get(fold(legal_status))
            if kind is None:
                self.notice(
                    f"{path}.legal_status",
                    _(
                        "“%(status)s” is not a kind of organization Kujdes knows; a new "
                        "organization is recorded as a non-governmental organization."
                    )
                    % {"status": legal_status},
                )
            else:
                values["kind"] = kind
        if organization_id is not None:
            self.merge(self.organizations, organization_id, OrganizationRecord(path, values))
        for index, location in enumerate(self.objects(item, "locations", path)):
            self.location(location, f"{path}.locations[{index}]", organization_id)
        for index, service in enumerate(self.objects(item, "services", path)):
            self.service(service, f"{path}.services[{index}]", organization_id)
        return organization_id

    def location(
        self, item: dict[str, Any], path: str, organization_id: uuid.UUID | None
    ) -> uuid.UUID | None:
        self.left_out_note(LOCATION, item, path)
        location_id = self.uuid(item, "id", path, required=True)
        given_organization = self.uuid(item, "organization_id", path)
        if given_organization is not None:
            organization_id = given_organization
        values: dict[str, Any] = {}
        self.put(values, "name_sq", self.text(item, "name", path, 200))
        self.put(values, "latitude", self.coordinate(item, "latitude", path))
        self.put(values, "longitude", self.coordinate(item, "longitude", path))
        addresses = self.objects(item, "addresses", path)
        if addresses:
            if len(addresses) > 1:
                self.notice(
                    f"{path}.addresses", _("Kujdes keeps one address per location: the first.")
                )
            address_path = f"{path}.addresses[0]"
            self.left_out_note("address", addresses[0], address_path)
            self.uuid(addresses[0], "id", address_path, required=True)
            address = addresses[0]
            self.put(values, "address", self.text(address, "address_1", address_path, 300))
            self.put(values, "city", self.text(address, "city", address_path, 120))
            self.put(values, "postal_code", self.text(address, "postal_code", address_path, 16))
        if location_id is not None:
            self.merge(self.locations, location_id, LocationRecord(path, organization_id, values))
        return location_id

    def service(
        self, item: dict[str, Any], path: str, organization_id: uuid.UUID | None
    ) -> uuid.UUID | None:
        self.left_out_note(SERVICE, item, path)
        service_id = self.uuid(item, "id", path, required=True)
        given_organization = self.uuid(item, "organization_id", path)
        if given_organization is not None:
            organization_id = given_organization
        if isinstance(item.get("organization"), dict):
            nested = self.organization(item["organization"], f"{path}.organization")
            if nested is not None:
                organization_id = nested
        elif item.get("organization") is not None:
            self.error(f"{path}.organization", _("Expected an object."))
        values: dict[str, Any] = {}
        self.put(values, "name_sq", self.text(item, "name", path, 200, required=True))
        texts = {
            "description": "description_sq",
            "application_process": "application_process_sq",
            "fees_description": "fees_sq",
            "eligibility_description": "eligibility_sq",
        }
        for key, name in texts.items():
            self.put(values, name, self.text(item, key, path))
        self.put(values, "url", self.url(item, "url", path))
        self.put(values, "email", self.email(item, "email", path))
        status = self.text(item, "status", path, required=True)
        if status is not None:
            if status in Service.Status.values:
                values["status"] = status
            else:
                self.error(
                    f"{path}.status",
                    _("“%(status)s” is not an HSDS status: use one of %(allowed)s.")
                    % {"status": status, "allowed": ", ".join(Service.Status.values)},
                )
        for key in ("minimum_age", "maximum_age"):
            self.put(values, key, self.age(item, key, path))
        if (
            values.get("minimum_age") is not None
            and values.get("maximum_age") is not None
            and values["minimum_age"] > values["maximum_age"]
        ):
            self.error(f"{path}.maximum_age", _("The maximum age is below the minimum age."))
        record = ServiceRecord(path, organization_id, values)
        # A service with a bad id is still checked through, so that every problem is reported.
        checked_id = service_id or uuid.uuid4()
        if "phones" in item:
            record.phones = [
                phone
                for index, phone_item in enumerate(self.objects(item, "phones", path))
                if (phone := self.phone(phone_item, f"{path}.phones[{index}]", checked_id))
            ]
            self.unique(record.phones, f"{path}.phones")
        if "schedules" in item:
            record.schedules = [
                schedule
                for index, hours in enumerate(self.objects(item, "schedules", path))
                if (schedule := self.schedule(hours, f"{path}.schedules[{index}]", checked_id))
            ]
            self.unique(record.schedules, f"{path}.schedules")
        if "languages" in item:
            record.language_codes = self.language_codes(item, path)
        if "service_areas" in item:
            record.area_names = []
            for index, served in enumerate(self.objects(item, "service_areas", path)):
                area_path = f"{path}.service_areas[{index}]"
                self.left_out_note("service_area", served, area_path)
                self.uuid(served, "id", area_path, required=True)
                area_name = self.text(served, "name", area_path)
                if area_name:
                    record.area_names.append((area_path, area_name))
        if "attributes" in item:
            record.terms = [
                term
                for index, attribute in enumerate(self.objects(item, "attributes", path))
                if (term := self.term(attribute, f"{path}.attributes[{index}]"))
            ]
        if "service_at_locations" in item:
            record.links_complete = True
        if service_id is not None:
            self.merge(self.services, service_id, record)
        for index, link in enumerate(self.objects(item, "service_at_locations", path)):
            self.service_at_location(
                link, f"{path}.service_at_locations[{index}]", checked_id, organization_id
            )
        return service_id

    def service_at_location(
        self,
        item: dict[str, Any],
        path: str,
        service_id: uuid.UUID | None,
        organization_id: uuid.UUID | None,
    ) -> None:
        self.left_out_note(SERVICE_AT_LOCATION, item, path)
        link_id = self.uuid(item, "id", path, required=True)
        given_service = self.uuid(item, "service_id", path)
        if isinstance(item.get("service"), dict):
            given_service = self.service(item["service"], f"{path}.service", None)
            if given_service is not None:
                organization_id = self.services[given_service].organization_id
        if given_service is not None:
            service_id = given_service
        if service_id is None:
            if "service" not in item:
                self.error(path, _("A service at a location needs its service or its service_id."))
            return
        location_id = self.uuid(item, "location_id", path)
        if isinstance(item.get("location"), dict):
            location_id = self.location(item["location"], f"{path}.location", organization_id)
        elif location_id is None and "location" not in item:
            self.error(path, _("A service at a location needs its location or its location_id."))
        if link_id is None or location_id is None:
            return
        if service_id not in self.services:
            self.services[service_id] = ServiceRecord(path, None, {}, reference_only=True)
        first = self.link_owners.setdefault(link_id, (service_id, location_id, path))
        if first[:2] != (service_id, location_id):
            self.error(
                f"{path}.id",
                _("The same id names another service at a location at %(path)s.")
                % {"path": first[2]},
            )
            return
        self.services[service_id].links[location_id] = (path, link_id)

    def phone(
        self, item: dict[str, Any], path: str, service_id: uuid.UUID
    ) -> services.PhoneInput | None:
        self.left_out_note("phone", item, path)
        phone_id = self.uuid(item, "id", path, required=True)
        number = self.text(item, "number", path, 40, required=True)
        description = self.text(item, "description", path)
        codes = self.language_codes(item, path) if "languages" in item else []
        if phone_id is None or number is None:
            return None
        if not self.owned(self.phone_owners, phone_id, service_id, path):
            return None
        return services.PhoneInput(
            number=number,
            description={"sq": description} if description is not None else {},
            language_codes=codes,
            id=phone_id,
        )

    def schedule(
        self, item: dict[str, Any], path: str, service_id: uuid.UUID
    ) -> services.ScheduleInput | None:
        self.left_out_note("schedule", item, path)
        schedule_id = self.uuid(item, "id", path, required=True)
        freq = self.text(item, "freq", path)
        byday = self.text(item, "byday", path)
        opens_at = self.clock(item, "opens_at", path)
        closes_at = self.clock(item, "closes_at", path)
        if freq not in (None, "WEEKLY") or not (byday and opens_at and closes_at):
            self.notice(
                path,
                _(
                    "Kujdes keeps weekly opening hours only (freq WEEKLY with byday, opens_at "
                    "and closes_at); this schedule is left out."
                ),
            )
            return None
        days = [day.strip().upper() for day in byday.split(",") if day.strip()]
        wrong = [day for day in days if day not in WEEKDAYS]
        if wrong:
            self.error(
                f"{path}.byday",
                _("“%(days)s” are not days of the week: use %(allowed)s.")
                % {"days": ", ".join(wrong), "allowed": ",".join(WEEKDAYS)},
            )
            return None
        if schedule_id is None or not self.owned(
            self.schedule_owners, schedule_id, service_id, path
        ):
            return None
        weekdays = ",".join(day for day in WEEKDAYS if day in days)
        return services.ScheduleInput(weekdays, opens_at, closes_at, id=schedule_id)

    def language_codes(self, item: dict[str, Any], path: str) -> list[str]:
        codes: list[str] = []
        for index, language in enumerate(self.objects(item, "languages", path)):
            language_path = f"{path}.languages[{index}]"
            self.left_out_note("language", language, language_path)
            self.uuid(language, "id", language_path, required=True)
            given = self.text(language, "code", language_path)
            name = self.text(language, "name", language_path, 200)
            if not given:
                self.notice(language_path, _("A language without its ISO 639 code; left out."))
                continue
            code = _LANGUAGE_ALIASES.get(given.lower(), given.lower())
            if not _LANGUAGE_CODE.fullmatch(code):
                self.error(
                    f"{language_path}.code",
                    _("“%(code)s” is not an ISO 639 language code.") % {"code": given},
                )
                continue
            self.languages.setdefault(code, name or code)
            if code not in codes:
                codes.append(code)
        return codes

    def term(self, item: dict[str, Any], path: str) -> Term | None:
        self.left_out_note("attribute", item, path)
        self.uuid(item, "id", path, required=True)
        term_id = self.uuid(item, "taxonomy_term_id", path)
        code = ""
        nested = item.get("taxonomy_term")
        if isinstance(nested, dict):
            term_id = self.uuid(nested, "id", f"{path}.taxonomy_term") or term_id
            code = self.text(nested, "code", f"{path}.taxonomy_term") or ""
        if term_id is None and not code:
            self.notice(path, _("An attribute without a taxonomy term; left out."))
            return None
        return Term(path, term_id, code)

    # ── gathering ──

    def owned(
        self,
        owners: dict[uuid.UUID, tuple[uuid.UUID, str]],
        key: uuid.UUID,
        service_id: uuid.UUID,
        path: str,
    ) -> bool:
        """Whether the id names a phone (or schedule) of this service only. A service that
        appears twice in a file brings its phones twice, and that is no conflict."""
        owner, first_path = owners.setdefault(key, (service_id, path))
        if owner != service_id:
            self.error(
                f"{path}.id",
                _("The same id names one of another service's at %(path)s.") % {"path": first_path},
            )
            return False
        return True

    def unique(self, elements: list[Any], path: str) -> None:
        ids = [element.id for element in elements]
        if len(set(ids)) != len(ids):
            self.error(path, _("The same id appears twice in this list."))

    def merge(self, records: dict[uuid.UUID, Any], key: uuid.UUID, record: Any) -> None:
        """Keep the first occurrence of a record; later ones may add to it but not differ."""
        first = records.get(key)
        if first is None:
            records[key] = record
            return
        if isinstance(first, ServiceRecord) and first.reference_only:
            record.links |= first.links
            records[key] = record
            return
        different = sorted(
            name
            for name, value in record.values.items()
            if name in first.values and first.values[name] != value
        )
        for name, value in record.values.items():
            first.values.setdefault(name, value)
        if getattr(record, "organization_id", None) is not None:
            if first.organization_id is None:
                first.organization_id = record.organization_id
            elif first.organization_id != record.organization_id:
                different.append("organization")
        if isinstance(record, ServiceRecord):
            for name in ("phones", "schedules", "language_codes", "area_names", "terms"):
                mine, theirs = getattr(first, name), getattr(record, name)
                if mine is None:
                    setattr(first, name, theirs)
                elif theirs is not None and _comparable(mine) != _comparable(theirs):
                    different.append(name)
            first.links_complete = first.links_complete or record.links_complete
        if different:
            self.error(
                record.path,
                _("The same id appears at %(path)s with other details: %(fields)s.")
                % {"path": first.path, "fields": ", ".join(different)},
            )

    # ── values ──

    def objects(self, item: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
        value = item.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"{path}.{key}", _("Expected a list."))
            return []
        good = []
        for index, element in enumerate(value):
            if isinstance(element, dict):
                good.append(element)
            else:
                self.error(f"{path}.{key}[{index}]", _("Expected an object."))
        return good

    @staticmethod
    def put(values: dict[str, Any], name: str, value: Any) -> None:
        if value is not None:
            values[name] = value

    def uuid(
        self, item: dict[str, Any], key: str, path: str, required: bool = False
    ) -> uuid.UUID | None:
        value = item.get(key)
        if value is None:
            if required:
                self.error(f"{path}.{key}", _("Required: give the id (a UUID)."))
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return uuid.UUID(value)
        except ValueError:
            self.error(
                f"{path}.{key}",
                _("“%(value)s” is not a UUID.") % {"value": shown(value)},
            )
            return None

    def text(
        self,
        item: dict[str, Any],
        key: str,
        path: str,
        max_length: int | None = None,
        required: bool = False,
    ) -> str | None:
        value = item.get(key)
        if value is None or (required and value == ""):
            if required:
                self.error(f"{path}.{key}", _("Required: this may not be empty."))
            return None
        if not isinstance(value, str):
            self.error(f"{path}.{key}", _("Expected text."))
            return None
        if max_length is not None and len(value) > max_length:
            self.error(
                f"{path}.{key}",
                _("Too long: %(length)s characters where Kujdes keeps at most %(limit)s.")
                % {"length": len(value), "limit": max_length},
            )
            return None
        return value

    def checked(
        self,
        item: dict[str, Any],
        key: str,
        path: str,
        max_length: int,
        validator: Callable[[str], None],
        message: str,
    ) -> str | None:
        value = self.text(item, key, path, max_length)
        if not value:
            return value
        try:
            validator(value)
        except ValidationError:
            self.error(f"{path}.{key}", message % {"value": shown(value)})
            return None
        return value

    def email(self, item: dict[str, Any], key: str, path: str) -> str | None:
        message = _("“%(value)s” is not an email address.")
        return self.checked(item, key, path, 254, EmailValidator(), message)

    def url(self, item: dict[str, Any], key: str, path: str) -> str | None:
        message = _("“%(value)s” is not a web address (http:// or https://).")
        return self.checked(item, key, path, 200, URLValidator(), message)

    def number(self, item: dict[str, Any], key: str, path: str) -> Decimal | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(f"{path}.{key}", _("Expected a number."))
            return None
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            self.error(f"{path}.{key}", _("Expected a number."))
            return None
        return number

    def age(self, item: dict[str, Any], key: str, path: str) -> int | None:
        number = self.number(item, key, path)
        if number is None:
            return None
        if number != number.to_integral_value() or not 0 <= number <= _OLDEST:
            self.error(
                f"{path}.{key}",
                _("An age is a whole number of years from 0 to %(oldest)s; “%(value)s” is not.")
                % {"value": number, "oldest": _OLDEST},
            )
            return None
        return int(number)

    def coordinate(self, item: dict[str, Any], key: str, path: str) -> Decimal | None:
        number = self.number(item, key, path)
        if number is None:
            return None
        if abs(number) >= 1000:
            self.error(
                f"{path}.{key}",
                _("“%(value)s” is not a coordinate in degrees.") % {"value": number},
            )
            return None
        return number.quantize(_COORDINATE_PLACES)

    def clock(self, item: dict[str, Any], key: str, path: str) -> time | None:
        text = self.text(item, key, path)
        if not text:
            return None
        match = _CLOCK.fullmatch(text)
        if match is None:
            self.error(
                f"{path}.{key}",
                _("“%(value)s” is not a time of day such as 08:00 or 16:30:00.")
                % {"value": shown(text)},
            )
            return None
        hours, minutes, seconds = match.groups()
        return time(int(hours), int(minutes), int(seconds or 0))


def _comparable(value: Any) -> Any:
    if isinstance(value, list):
        return [_comparable(element) for element in value]
    if isinstance(value, Term):
        return (value.id, value.code)
    if isinstance(value, tuple):
        return value[1]  # (path, name): the name
    return value


def shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _organization_kinds() -> dict[str, str]:
    """Every kind of organization by its code and its name in each language, folded."""
    kinds: dict[str, str] = {}
    for value, label in Organization.Kind.choices:
        kinds[fold(value)] = value
        for language in ("sq", "sr-latn", "en"):
            with translation.override(language):
                kinds[fold(str(label))] = value
    return kinds

"""Import of services from CSV and XLSX, one row per service, into one municipality. The
upload page and the `import_services` command both call `import_upload`.

Every row is checked before anything is written; then every row is written in one
transaction, or none is. A row names its service by `id`, or else by its organization and
Albanian name, and a service whose row matches what is saved is left alone: importing the
same file twice changes nothing the second time.

The lists in a row replace the service's own (target groups, languages, areas served, its
telephone, its location); opening hours and fields without a column are kept.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from kujdes.accounts.models import User
from kujdes.directory import services
from kujdes.directory.models import (
    LANGUAGE_SUFFIXES,
    Location,
    Organization,
    Phone,
    Service,
    ServiceType,
    SpokenLanguage,
    TargetGroup,
)
from kujdes.directory.selectors import editable_areas, organizations_for_editor, services_for_editor
from kujdes.lib.importing import ColumnChecker, ImportReport, RowError
from kujdes.lib.tabular import MEDIA_TYPES, Cell, TableError, read_table, write_csv, write_xlsx
from kujdes.territory.models import Area

TEXT_COLUMNS = [
    f"{text}_{suffix}"
    for text in ("description", "eligibility", "application_process", "fees")
    for suffix in LANGUAGE_SUFFIXES
]
NAME_COLUMNS = [f"name_{suffix}" for suffix in LANGUAGE_SUFFIXES]
LOCATION_COLUMNS = [
    "location_name",
    "location_address",
    "location_area",
    "location_latitude",
    "location_longitude",
    "location_confidential",
]
COLUMNS = [
    "id",
    "organization",
    *NAME_COLUMNS,
    "service_type",
    "target_groups",
    "languages",
    "areas_served",
    "status",
    "capacity",
    "phone",
    "phone_kind",
    *TEXT_COLUMNS,
    *LOCATION_COLUMNS,
]
# Without an `id` column services are found by organization and name; every other column must
# be there, so that a file cannot wipe texts or lists by leaving a column out.
OPTIONAL_COLUMNS = {"id"}
EXAMPLE = {
    "organization": "L91234567A",
    "name_sq": "Qendër ditore për të moshuarit",
    "name_sr_latn": "Dnevni centar za starije",
    "name_en": "Day centre for older people",
    "service_type": "AL_COMMUNITY_DAY",
    "target_groups": "AL_ELDERLY;AL_PWD",
    "languages": "sq;en",
    "areas_served": "AL-BULQIZE-ZERQAN;AL-BULQIZE-FUSHE-BULQIZE",
    "status": "active",
    "capacity": "25",
    "phone": "+355 219 20 010",
    "phone_kind": "ordinary",
    "description_sq": "Kujdes ditor, ushqim dhe aktivitete.",
    "description_en": "Day care, meals and activities.",
    "eligibility_sq": "Të moshuar mbi 65 vjeç.",
    "eligibility_en": "People over 65.",
    "application_process_sq": "Kërkesë në Qendrën e Shërbimeve Sociale.",
    "fees_sq": "Falas.",
    "location_name": "Qendra ditore Zerqan",
    "location_address": "Rruga Kryesore 1",
    "location_area": "AL-BULQIZE-ZERQAN",
    "location_latitude": "41.498",
    "location_longitude": "20.356",
    "location_confidential": "0",
}
NUMERIC_COLUMNS = {"capacity", "location_latitude", "location_longitude"}
LIST_SEPARATOR = ";"
MAX_CAPACITY = 2_147_483_647
# Field lengths of the models, for the columns that have one.
MAX_LENGTHS = {
    **dict.fromkeys(NAME_COLUMNS, 200),
    "phone": 40,
    "location_name": 200,
    "location_address": 300,
}

# The columns read as plain text.
TEXTS = [*NAME_COLUMNS, *TEXT_COLUMNS, "phone", "location_name", "location_address"]


class _Checker(ColumnChecker):
    optional_columns = OPTIONAL_COLUMNS
    # Integer digits of a capacity (PositiveIntegerField); the exact limit is checked too.
    whole_digits = {"capacity": 10}


def template_file(*, file_format: str) -> tuple[bytes, str]:
    """An empty file with the header and one example row."""
    example = [EXAMPLE.get(name, "") for name in COLUMNS]
    if file_format == "csv":
        return write_csv([COLUMNS, example]), MEDIA_TYPES["csv"]
    typed = [
        Decimal(text) if name in NUMERIC_COLUMNS and text else text
        for name, text in zip(COLUMNS, example, strict=True)
    ]
    text_columns = [index for index, name in enumerate(COLUMNS) if name not in NUMERIC_COLUMNS]
    return write_xlsx([COLUMNS, typed], text_columns=text_columns), MEDIA_TYPES["xlsx"]


def import_upload(*, data: bytes, filename: str, area: Area, actor: User | None) -> ImportReport:
    """Check the file and, if every row is good, import it into `area` (a municipality). `actor`
    None is the command line, which may import anywhere; a user imports only organizations,
    services and areas they keep."""
    report = ImportReport(kind="services")
    if actor is not None and not editable_areas(actor).filter(pk=area.pk).exists():
        report.errors.append(RowError(1, "", _("You cannot import services into this area.")))
        return report
    try:
        table = read_table(data=data, filename=filename)
    except TableError as error:
        report.errors.append(RowError(line=1, column="", message=str(error)))
        return report
    checker = _Checker(table, COLUMNS, report.errors)
    if report.errors:
        return report
    directory = _Directory(area, actor)
    rows = [row for line, cells in table.rows if (row := directory.check(checker, line, cells))]
    if report.errors:
        return report
    try:
        with transaction.atomic():
            _write(rows, area, actor, report)
    except services.EditConflict:
        # Someone saved one of these services between the check and the write.
        report.errors.append(
            RowError(1, "", _("A service changed while the file was imported; import it again."))
        )
        report.created = report.updated = report.unchanged = 0
    return report


@dataclass
class _PlannedLocation:
    key: tuple[uuid.UUID, int, str]  # organization, area, address
    organization: Organization
    # The location's values from the row, the columns left empty omitted.
    given: dict[str, Any]
    existing: Location | None

    def changes(self) -> dict[str, Any]:
        if self.existing is None:
            return self.given
        return {
            name: value
            for name, value in self.given.items()
            if getattr(self.existing, name) != value
        }


@dataclass
class _Row:
    line: int
    organization: Organization
    service: Service | None
    service_id: uuid.UUID | None
    values: dict[str, Any]
    target_group_codes: list[str]
    language_codes: list[str]
    areas_served: list[Area]
    phone: tuple[str, str] | None  # number, kind
    location: _PlannedLocation | None
    changed: bool = True


@dataclass
class _Directory:
    """What rows are checked against, read once: the organizations and services in the area
    that the user keeps, the code lists, and the areas the user may name."""

    area: Area
    actor: User | None
    first_lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    locations_planned: dict[tuple[uuid.UUID, int, str], tuple[int, dict[str, Any]]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        actor, area = self.actor, self.area
        organizations: QuerySet[Organization] = (
            Organization.objects.all() if actor is None else organizations_for_editor(actor)
        )
        organizations = organizations.filter(area__path__startswith=area.path)
        self.by_number: dict[str, list[Organization]] = {}
        self.by_name: dict[str, list[Organization]] = {}
        for organization in organizations:
            if organization.registration_number:
                self.by_number.setdefault(organization.registration_number, []).append(organization)
            self.by_name.setdefault(organization.name_sq, []).append(organization)
        in_scope = Service.objects.all() if actor is None else services_for_editor(actor)
        self.services = {
            service.pk: service
            for service in in_scope.filter(organization__in=organizations).prefetch_related(
                "target_groups",
                "languages",
                "areas_served",
                "at_locations",
                Prefetch("phones", queryset=Phone.objects.prefetch_related("languages")),
                "schedules",
            )
        }
        self.by_key = {(s.organization_id, s.name_sq): s for s in self.services.values()}
        country = area.path.split("/", 1)[0]
        self.types = {t.code: t for t in ServiceType.objects.filter(country=country)}
        self.foreign_types = set(
            ServiceType.objects.exclude(country=country).values_list("code", flat=True)
        )
        self.groups = set(
            TargetGroup.objects.filter(country=country).values_list("code", flat=True)
        )
        self.foreign_groups = set(
            TargetGroup.objects.exclude(country=country).values_list("code", flat=True)
        )
        self.languages = set(SpokenLanguage.objects.values_list("code", flat=True))
        areas = Area.objects.all() if actor is None else editable_areas(actor)
        self.areas: dict[str, Area] = {a.code: a for a in areas}
        self.locations = {
            (location.organization_id, location.area_id, location.address): location
            for location in Location.objects.filter(organization__in=organizations)
        }

    # ── One row ──────────────────────────────────────────────────────────────────────────────

    def check(self, checker: _Checker, line: int, raw: Sequence[Cell]) -> _Row | None:
        cells = checker.fit(line, raw)
        if cells is None:
            return None
        before = len(checker.errors)
        organization = self._organization(checker, line, cells)
        texts = {name: self._text(checker, line, cells, name) for name in TEXTS}
        name_sq = texts["name_sq"]
        if name_sq == "":
            checker.error(line, "name_sq", _("empty: a value is required"))
            name_sq = None
        values: dict[str, Any] = {name: texts[name] for name in [*NAME_COLUMNS, *TEXT_COLUMNS]}
        values["service_type"] = self._service_type(checker, line, cells)
        values["status"] = self._status(checker, line, cells)
        values["capacity"] = self._capacity(checker, line, cells)
        groups = self._codes(checker, line, cells, "target_groups", self._group_problem)
        languages = self._codes(
            checker, line, cells, "languages", self._language_problem, lower=True
        )
        served = self._codes(checker, line, cells, "areas_served", self._area_problem)
        phone = self._phone(checker, line, cells, texts["phone"])
        service, service_id = self._service(checker, line, cells, organization, name_sq)
        location = None
        if organization is not None:
            location = self._location(checker, line, cells, organization, name_sq, texts)
        if len(checker.errors) > before:
            # A row's problems in the order of its columns, as the reader goes along the line.
            positions = {checker.labels[name]: index for name, index in checker.index.items()}
            checker.errors[before:] = sorted(
                checker.errors[before:], key=lambda error: positions.get(error.column, -1)
            )
            return None
        assert organization is not None
        row = _Row(
            line=line,
            organization=organization,
            service=service,
            service_id=service_id,
            values=values,
            target_group_codes=groups,
            language_codes=languages,
            areas_served=[self.areas[code] for code in served],
            phone=phone,
            location=location,
        )
        row.changed = service is None or _differs(row, service)
        return row

    def _text(self, checker: _Checker, line: int, cells: Sequence[Cell], name: str) -> str | None:
        text = checker.text(line, cells, name)
        if text is not None and name in MAX_LENGTHS and len(text) > MAX_LENGTHS[name]:
            checker.error(
                line,
                name,
                _("longer than %(count)s characters") % {"count": MAX_LENGTHS[name]},
            )
            return None
        return text

    def _organization(
        self, checker: _Checker, line: int, cells: Sequence[Cell]
    ) -> Organization | None:
        text = checker.required(line, cells, "organization")
        if text is None:
            return None
        found = self.by_number.get(text) or self.by_name.get(text) or []
        if len(found) == 1:
            return found[0]
        if found:
            checker.error(
                line,
                "organization",
                _("more than one organization is called “%(name)s”; give its registration number")
                % {"name": text},
            )
        else:
            # Said the same way whether it does not exist or lies outside the user's areas.
            checker.error(
                line,
                "organization",
                _(
                    "no organization “%(name)s” in %(area)s: give its registration number or its "
                    "name in Albanian"
                )
                % {"name": text, "area": self.area.name},
            )
        return None

    def _service_type(
        self, checker: _Checker, line: int, cells: Sequence[Cell]
    ) -> ServiceType | None:
        code = checker.text(line, cells, "service_type")
        if not code:
            return None
        if code in self.types:
            return self.types[code]
        if code in self.foreign_types:
            message = _("the service type “%(code)s” belongs to another country's typology")
        else:
            message = _("unknown service type code “%(code)s”")
        checker.error(line, "service_type", message % {"code": code})
        return None

    def _status(self, checker: _Checker, line: int, cells: Sequence[Cell]) -> str | None:
        status = checker.required(line, cells, "status")
        if status is not None and status not in Service.Status.values:
            checker.error(
                line,
                "status",
                _("unknown status “%(status)s”: use one of %(statuses)s")
                % {"status": status, "statuses": ", ".join(Service.Status.values)},
            )
            return None
        return status

    def _capacity(self, checker: _Checker, line: int, cells: Sequence[Cell]) -> int | None:
        number = checker.number(line, cells, "capacity")
        if number is None:
            return None
        if number != number.to_integral_value():
            checker.error(
                line, "capacity", _("not a whole number: %(number)s") % {"number": number}
            )
            return None
        if number > MAX_CAPACITY:
            checker.error(line, "capacity", _("too large: %(number)s") % {"number": number})
            return None
        return int(number)

    def _codes(
        self,
        checker: _Checker,
        line: int,
        cells: Sequence[Cell],
        name: str,
        problem: Any,
        *,
        lower: bool = False,
    ) -> list[str]:
        text = checker.text(line, cells, name)
        if not text:
            return []
        codes = []
        for piece in text.split(LIST_SEPARATOR):
            code = piece.strip().lower() if lower else piece.strip()
            if not code or code in codes:
                continue
            message = problem(code)
            if message:
                checker.error(line, name, message % {"code": code})
            codes.append(code)
        return codes

    def _group_problem(self, code: str) -> str:
        if code in self.groups:
            return ""
        if code in self.foreign_groups:
            return _("the target group “%(code)s” belongs to another country's list")
        return _("unknown target group code “%(code)s”")

    def _language_problem(self, code: str) -> str:
        return "" if code in self.languages else _("unknown language code “%(code)s”")

    def _area_problem(self, code: str) -> str:
        # An area outside the user's scope is refused exactly like one that does not exist.
        return "" if code in self.areas else _("unknown area code “%(code)s”")

    def _phone(
        self, checker: _Checker, line: int, cells: Sequence[Cell], number: str | None
    ) -> tuple[str, str] | None:
        kind = checker.text(line, cells, "phone_kind")
        if kind and kind not in Phone.Kind.values:
            checker.error(
                line,
                "phone_kind",
                _("unknown phone kind “%(kind)s”: use one of %(kinds)s")
                % {"kind": kind, "kinds": ", ".join(Phone.Kind.values)},
            )
        elif kind and number == "":
            checker.error(line, "phone_kind", _("a phone kind without a phone number"))
        if not number:
            return None
        return number, kind or Phone.Kind.ORDINARY

    def _service(
        self,
        checker: _Checker,
        line: int,
        cells: Sequence[Cell],
        organization: Organization | None,
        name_sq: str | None,
    ) -> tuple[Service | None, uuid.UUID | None]:
        """The saved service the row names, and the id a new one is to take."""
        text = checker.text(line, cells, "id")
        service_id = None
        if text:
            try:
                service_id = uuid.UUID(text)
            except ValueError:
                checker.error(line, "id", _("not a valid id: “%(id)s”") % {"id": text})
                return None, None
        if organization is None or name_sq is None:
            return None, None
        service = None
        if service_id is not None:
            service = self.services.get(service_id)
            if service is None and Service.objects.filter(pk=service_id).exists():
                checker.error(line, "id", _("the id “%(id)s” cannot be used") % {"id": text})
                return None, None
            if service is not None and service.organization_id != organization.pk:
                checker.error(
                    line,
                    "organization",
                    _("a service cannot be moved to another organization by an import"),
                )
                return None, None
            namesake = self.by_key.get((organization.pk, name_sq))
            if namesake is not None and namesake is not service:
                checker.error(
                    line,
                    "name_sq",
                    _("another service of this organization has this name (id %(id)s)")
                    % {"id": namesake.pk},
                )
                return None, None
        else:
            service = self.by_key.get((organization.pk, name_sq))
        duplicate_of = None
        if service_id is not None:
            duplicate_of = self._first_line(("id", service_id), line)
        if duplicate_of is None and service is not None:
            duplicate_of = self._first_line(("service", service.pk), line)
        if duplicate_of is not None:
            checker.error(
                line,
                "id" if service_id is not None else "name_sq",
                _("the same service as line %(line)s") % {"line": duplicate_of},
            )
            return None, None
        duplicate_of = self._first_line(("name", organization.pk, name_sq), line)
        if duplicate_of is not None:
            checker.error(
                line,
                "name_sq",
                _("the same organization and name as line %(line)s") % {"line": duplicate_of},
            )
        return service, service_id

    def _first_line(self, key: tuple[Any, ...], line: int) -> int | None:
        """The earlier line with the same key, or None if this is the first."""
        first = self.first_lines.setdefault(key, line)
        return None if first == line else first

    def _location(
        self,
        checker: _Checker,
        line: int,
        cells: Sequence[Cell],
        organization: Organization,
        service_name: str | None,
        texts: dict[str, str | None],
    ) -> _PlannedLocation | None:
        before = len(checker.errors)
        code = checker.text(line, cells, "location_area")
        latitude = self._coordinate(checker, line, cells, "location_latitude", 90)
        longitude = self._coordinate(checker, line, cells, "location_longitude", 180)
        flag_cell = cells[checker.index["location_confidential"]]
        flag_given = not (flag_cell == "" or (type(flag_cell) is str and flag_cell.isspace()))
        confidential = checker.flag(line, cells, "location_confidential")
        name, address = texts["location_name"], texts["location_address"]
        given_any = any(
            value not in ("", None) for value in (code, name, address, latitude, longitude)
        )
        if not given_any and not flag_given:
            return None
        if (latitude is None) != (longitude is None) and len(checker.errors) == before:
            checker.error(
                line,
                "location_longitude" if longitude is None else "location_latitude",
                _("give both latitude and longitude, or neither"),
            )
        area = None
        if code == "":
            checker.error(line, "location_area", _("empty: a value is required"))
        elif code is not None:
            area = self.areas.get(code)
            if area is None:
                checker.error(
                    line, "location_area", _("unknown area code “%(code)s”") % {"code": code}
                )
        if len(checker.errors) > before or area is None or address is None or name is None:
            return None
        key = (organization.pk, area.pk, address)
        existing = self.locations.get(key)
        given: dict[str, Any] = {}
        if name:
            given["name_sq"] = name
        if latitude is not None:
            given |= {"latitude": latitude, "longitude": longitude}
        if flag_given:
            given["is_confidential"] = confidential
        if existing is not None and existing.is_confidential and flag_given and not confidential:
            checker.error(
                line,
                "location_confidential",
                _(
                    "a confidential address cannot be made public by an import; change it "
                    "on the location's page"
                ),
            )
            return None
        planned = self.locations_planned.setdefault(key, (line, given))
        if planned[1] != given:
            checker.error(
                line,
                "location_address",
                _("the same location as line %(line)s, with other details") % {"line": planned[0]},
            )
            return None
        if existing is None:
            given = {
                "name_sq": name or address or service_name or "",
                "address": address,
                "area": area,
                **given,
            }
        return _PlannedLocation(key, organization, given, existing)

    def _coordinate(
        self, checker: _Checker, line: int, cells: Sequence[Cell], name: str, limit: int
    ) -> Decimal | None:
        number = checker.decimal(line, cells, name)
        if number is None:
            return None
        if not -limit <= number <= limit:
            checker.error(
                line,
                name,
                _("outside −%(limit)s to %(limit)s: %(number)s")
                % {"limit": limit, "number": number},
            )
            return None
        if number != number.quantize(Decimal("0.000001")):
            checker.error(
                line, name, _("more than six decimal places: %(number)s") % {"number": number}
            )
            return None
        return number


def _differs(row: _Row, service: Service) -> bool:
    """Whether importing the row would change the saved service or its location."""
    for name, value in row.values.items():
        if name == "service_type":
            if service.service_type_id != (value.pk if value else None):
                return True
        elif getattr(service, name) != value:
            return True
    if {group.code for group in service.target_groups.all()} != set(row.target_group_codes):
        return True
    if {language.code for language in service.languages.all()} != set(row.language_codes):
        return True
    if {area.pk for area in service.areas_served.all()} != {area.pk for area in row.areas_served}:
        return True
    phones = [(phone.number, phone.kind) for phone in service.phones.all()]
    if phones != ([row.phone] if row.phone else []):
        return True
    linked = [link.location_id for link in service.at_locations.all()]
    if row.location is None:
        return bool(linked)
    existing = row.location.existing
    return existing is None or linked != [existing.pk] or bool(row.location.changes())


def _write(rows: list[_Row], area: Area, actor: User | None, report: ImportReport) -> None:
    written: dict[tuple[uuid.UUID, int, str], Location] = {}
    for row in rows:
        if not row.changed:
            report.unchanged += 1
            continue
        locations = []
        if row.location is not None:
            locations = [_location_write(row.location, written, actor)]
        data = services.ServiceInput(
            values=row.values,
            target_group_codes=row.target_group_codes,
            language_codes=row.language_codes,
            areas_served=row.areas_served,
            locations=locations,
            phones=_phones(row),
        )
        if row.service is None:
            services.service_create(
                actor=actor,
                organization=row.organization,
                area=area,
                data=data,
                service_id=row.service_id,
            )
            report.created += 1
        else:
            # Opening hours have no column: the service keeps its own.
            data.schedules = [
                services.ScheduleInput(hours.weekdays, hours.opens_at, hours.closes_at, hours.id)
                for hours in row.service.schedules.all()
            ]
            services.service_update(
                actor=actor, service=row.service, expected_version=row.service.version, data=data
            )
            report.updated += 1


def _location_write(
    planned: _PlannedLocation,
    written: dict[tuple[uuid.UUID, int, str], Location],
    actor: User | None,
) -> Location:
    if planned.key in written:
        return written[planned.key]
    location = planned.existing
    changes = planned.changes()
    if location is None or changes:
        location = services.location_save(
            actor=actor,
            organization=planned.organization,
            expected_version=None,
            values=changes,
            location=location,
        )
    written[planned.key] = location
    return location


def _phones(row: _Row) -> list[services.PhoneInput]:
    """The row's telephone; a saved one with the same number keeps its languages and notes."""
    if row.phone is None:
        return []
    number, kind = row.phone
    saved = row.service.phones.all() if row.service is not None else []
    for phone in saved:
        if phone.number == number:
            return [
                services.PhoneInput(
                    number=number,
                    kind=kind,
                    description={s: getattr(phone, f"description_{s}") for s in LANGUAGE_SUFFIXES},
                    language_codes=[language.code for language in phone.languages.all()],
                    id=phone.id,
                )
            ]
    return [services.PhoneInput(number=number, kind=kind)]

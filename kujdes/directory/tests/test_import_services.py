"""The services import: all rows or none, every problem by line and column, scoped to the
user's areas, and idempotent."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.directory import importers
from kujdes.directory.models import Location, Phone, Schedule, Service
from kujdes.directory.tests.test_import_services_support import (
    HEADER,
    counts_of,
    errors_of,
    row,
    services_csv,
    services_import,
)
from tests.personas import (
    LOCATION_DAY_CENTRE,
    LOCATION_SHELTER,
    SERVICE_DAY_CENTRE,
    SERVICE_PUKE,
    SERVICE_SHELTER,
    SHELTER_ADDRESS,
    Cast,
)

NEW_NAME = importers.EXAMPLE["name_sq"]
DAY_CENTRE_NAME = "Qendër ditore për fëmijë me aftësi të kufizuara"


def _snapshot() -> tuple[object, ...]:
    return (
        list(Service.objects.order_by("pk").values_list("pk", "version", "name_sq", "capacity")),
        Location.objects.count(),
        Phone.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_it_reads_its_own_template_back(cast: Cast, file_format: str) -> None:
    data, _content_type = importers.template_file(file_format=file_format)
    report = services_import(data, actor=cast.planner, filename=f"services.{file_format}")
    assert counts_of(report) == ([], 1, 0, 0)
    service = Service.objects.get(name_sq=NEW_NAME)
    assert (service.area.code, service.organization.registration_number, service.capacity) == (
        "AL-BULQIZE",
        "L91234567A",
        25,
    )
    assert service.service_type is not None
    assert (service.service_type.code, service.status, service.name_en) == (
        "AL_COMMUNITY_DAY",
        "active",
        "Day centre for older people",
    )
    assert sorted(service.target_groups.values_list("code", flat=True)) == ["AL_ELDERLY", "AL_PWD"]
    assert sorted(service.languages.values_list("code", flat=True)) == ["en", "sq"]
    assert sorted(service.areas_served.values_list("code", flat=True)) == [
        "AL-BULQIZE-FUSHE-BULQIZE",
        "AL-BULQIZE-ZERQAN",
    ]
    assert list(service.phones.values_list("number", "kind")) == [("+355 219 20 010", "ordinary")]
    # The organization's location at the same unit and address is reused, not copied.
    assert list(service.locations.values_list("pk", flat=True)) == [LOCATION_DAY_CENTRE]
    assert Location.objects.filter(address="Rruga Kryesore 1").count() == 1


def test_it_changes_nothing_when_the_same_file_comes_again(cast: Cast) -> None:
    rows = [
        row(),
        row(
            name_sq="Këshillim për familjet",
            phone="",
            phone_kind="",
            location_name="",
            location_address="Rruga e Re 5",
            location_latitude="",
            location_longitude="",
            location_confidential="",
        ),
    ]
    assert counts_of(services_import(services_csv(rows), actor=cast.planner)) == ([], 2, 0, 0)
    before = _snapshot()
    assert counts_of(services_import(services_csv(rows), actor=cast.planner)) == ([], 0, 0, 2)
    assert _snapshot() == before
    location = Location.objects.get(address="Rruga e Re 5")
    assert (location.name_sq, location.area.code, location.is_confidential) == (
        "Rruga e Re 5",
        "AL-BULQIZE-ZERQAN",
        False,
    )


def test_it_updates_a_service_found_by_organization_and_name(cast: Cast) -> None:
    phone = Phone.objects.get(service_id=SERVICE_DAY_CENTRE)
    phone.description_en = "Weekdays"
    phone.save()
    hours = list(Schedule.objects.filter(service_id=SERVICE_DAY_CENTRE).values_list("pk"))
    data = services_csv(
        [
            row(
                organization="Qendra e Shërbimeve Sociale Bulqizë",
                name_sq=DAY_CENTRE_NAME,
                capacity="24",
                phone=phone.number,
                phone_kind="helpline",
            )
        ]
    )
    assert counts_of(services_import(data, actor=cast.planner)) == ([], 0, 1, 0)
    service = Service.objects.get(pk=SERVICE_DAY_CENTRE)
    assert (service.capacity, service.version, service.name_en) == (
        24,
        2,
        "Day centre for older people",
    )
    # The telephone with the same number keeps its id and notes; opening hours stay.
    assert list(service.phones.values_list("pk", "kind", "description_en")) == [
        (phone.pk, "helpline", "Weekdays")
    ]
    assert list(service.schedules.values_list("pk")) == hours


def test_it_renames_a_service_named_by_its_id(cast: Cast) -> None:
    data = services_csv([row(id=str(SERVICE_DAY_CENTRE), name_sq="Qendër ditore Zerqan")])
    assert counts_of(services_import(data, actor=cast.planner)) == ([], 0, 1, 0)
    assert Service.objects.get(pk=SERVICE_DAY_CENTRE).name_sq == "Qendër ditore Zerqan"


def test_it_creates_a_service_with_the_id_given(cast: Cast) -> None:
    new_id = "5b0c9a34-58f1-4a8e-9c1f-0d6a3c0b1e2f"
    assert counts_of(services_import(services_csv([row(id=new_id)]), actor=cast.planner)) == (
        [],
        1,
        0,
        0,
    )
    assert Service.objects.get(pk=new_id).name_sq == NEW_NAME


def test_it_reports_every_bad_row_and_imports_none(cast: Cast) -> None:
    before = _snapshot()
    rows = [
        row(),
        row(organization="Shoqata e Panjohur", service_type="RS_DAY_COMMUNITY"),
        row(name_sq="B", service_type="AL_NOTHING", target_groups="AL_PWD;XK_PWD;AL_NOBODY"),
        row(name_sq="C", languages="sq;klingon", status="open", capacity="2.5"),
        row(name_sq="D", phone="", phone_kind="fax"),
        row(name_sq="E", location_latitude="91", location_longitude=""),
        row(name_sq="F", location_area="", location_latitude="", location_longitude=""),
        row(),
        row(name_sq='=HYPERLINK("http://x")', id="not-an-id"),
        row(name_sq="G" * 201, location_latitude="41.1234567"),
    ]
    with translation.override("en"):
        report = services_import(services_csv(rows), actor=cast.planner)
    assert errors_of(report) == [
        (
            3,
            "B (organization)",
            "no organization “Shoqata e Panjohur” in Bulqizë: give its registration number or "
            "its name in Albanian",
        ),
        (
            3,
            "F (service_type)",
            "the service type “RS_DAY_COMMUNITY” belongs to another country's typology",
        ),
        (4, "F (service_type)", "unknown service type code “AL_NOTHING”"),
        (4, "G (target_groups)", "the target group “XK_PWD” belongs to another country's list"),
        (4, "G (target_groups)", "unknown target group code “AL_NOBODY”"),
        (5, "H (languages)", "unknown language code “klingon”"),
        (
            5,
            "J (status)",
            "unknown status “open”: use one of active, temporarily closed, inactive, defunct",
        ),
        (5, "K (capacity)", "not a whole number: 2.5"),
        (
            6,
            "M (phone_kind)",
            "unknown phone kind “fax”: use one of ordinary, helpline, sos",
        ),
        (7, "AC (location_latitude)", "outside −90 to 90: 91"),
        (8, "AB (location_area)", "empty: a value is required"),
        (9, "C (name_sq)", "the same organization and name as line 2"),
        (10, "A (id)", "not a valid id: “not-an-id”"),
        (10, "C (name_sq)", "a formula, not a value: paste values only"),
        (11, "C (name_sq)", "longer than 200 characters"),
        (11, "AC (location_latitude)", "more than six decimal places: 41.1234567"),
    ]
    assert _snapshot() == before


def test_it_refuses_what_lies_outside_the_planners_areas_like_what_does_not_exist(
    cast: Cast,
) -> None:
    before = _snapshot()
    rows = [
        row(areas_served="AL-BULQIZE-ZERQAN;AL-PUKE;AL-NOWHERE"),
        row(name_sq="B", organization="Shoqata Zemra Pukë"),
        row(name_sq="C", organization="Shoqata Asgjëkund"),
        row(name_sq="D", id=str(SERVICE_PUKE)),
        row(name_sq="E", location_area="AL-PUKE-QERRET"),
    ]
    with translation.override("en"):
        report = services_import(services_csv(rows), actor=cast.planner)
    not_found = "in Bulqizë: give its registration number or its name in Albanian"
    assert errors_of(report) == [
        (2, "I (areas_served)", "unknown area code “AL-PUKE”"),
        (2, "I (areas_served)", "unknown area code “AL-NOWHERE”"),
        (3, "B (organization)", f"no organization “Shoqata Zemra Pukë” {not_found}"),
        (4, "B (organization)", f"no organization “Shoqata Asgjëkund” {not_found}"),
        (5, "A (id)", f"the id “{SERVICE_PUKE}” cannot be used"),
        (6, "AB (location_area)", "unknown area code “AL-PUKE-QERRET”"),
    ]
    assert _snapshot() == before


def test_it_refuses_an_area_the_user_does_not_keep(cast: Cast) -> None:
    before = _snapshot()
    with translation.override("en"):
        report = services_import(
            services_csv([row()]), actor=cast.outsiders["planner"], area="AL-BULQIZE"
        )
    assert errors_of(report) == [(1, "", "You cannot import services into this area.")]
    assert _snapshot() == before


def test_it_never_makes_a_confidential_address_public(cast: Cast) -> None:
    shelter = {
        "id": str(SERVICE_SHELTER),
        "name_sq": "Strehim emergjent 72-orësh",
        "location_name": "",
        "location_address": SHELTER_ADDRESS,
        "location_area": "AL-BULQIZE-FUSHE-BULQIZE",
        "location_latitude": "",
        "location_longitude": "",
    }
    with translation.override("en"):
        report = services_import(
            services_csv([row(**shelter, location_confidential="no")]), actor=cast.planner
        )
    assert errors_of(report) == [
        (
            2,
            "AE (location_confidential)",
            "a confidential address cannot be made public by an import; change it on the "
            "location's page",
        )
    ]
    # Left empty, the flag keeps the address confidential.
    report = services_import(
        services_csv([row(**shelter, location_confidential="")]), actor=cast.planner
    )
    assert counts_of(report) == ([], 0, 1, 0)
    assert Location.objects.get(pk=LOCATION_SHELTER).is_confidential is True


def test_it_refuses_a_file_with_a_missing_or_unknown_column(cast: Cast) -> None:
    header = [name for name in HEADER if name != "phone"] + ["remarks"]
    rows = [[cell for name, cell in zip(HEADER, row(), strict=True) if name != "phone"] + ["x"]]
    with translation.override("en"):
        report = services_import(services_csv(rows, header=header), actor=cast.planner)
    assert errors_of(report) == [
        (1, "AE (remarks)", "unknown column “remarks”"),
        (1, "phone", "the required column “phone” is missing"),
    ]
    assert not Service.objects.filter(name_sq=NEW_NAME).exists()


def test_it_works_without_an_id_column(cast: Cast) -> None:
    rows = [row()[1:]]
    report = services_import(services_csv(rows, header=HEADER[1:]), actor=cast.planner)
    assert counts_of(report) == ([], 1, 0, 0)


def test_it_refuses_formula_cells_in_an_xlsx_file(cast: Cast) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    cells: list[object] = list(row())
    cells[HEADER.index("capacity")] = "=10+15"
    # Text "41.498" in an XLSX cell is ambiguous; a number cell is not.
    cells[HEADER.index("location_latitude")] = Decimal("41.498")
    cells[HEADER.index("location_longitude")] = 20.356
    sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with translation.override("en"):
        report = services_import(buffer.getvalue(), actor=cast.planner, filename="s.xlsx")
    assert errors_of(report) == [(2, "K (capacity)", "a formula, not a value: paste values only")]
    assert not Service.objects.filter(name_sq=NEW_NAME).exists()


def test_it_replaces_the_lists_and_keeps_the_opening_hours(cast: Cast) -> None:
    data = services_csv(
        [
            row(
                id=str(SERVICE_DAY_CENTRE),
                name_sq=DAY_CENTRE_NAME,
                target_groups="",
                languages="",
                areas_served="",
                phone="",
                phone_kind="",
                location_name="",
                location_address="",
                location_area="",
                location_latitude="",
                location_longitude="",
                location_confidential="",
            )
        ]
    )
    assert counts_of(services_import(data, actor=cast.planner)) == ([], 0, 1, 0)
    service = Service.objects.get(pk=SERVICE_DAY_CENTRE)
    assert (
        service.target_groups.count(),
        service.languages.count(),
        service.areas_served.count(),
        service.phones.count(),
        service.locations.count(),
        service.schedules.count(),
    ) == (0, 0, 0, 0, 0, 1)
    assert Location.objects.filter(pk=LOCATION_DAY_CENTRE).exists()


def test_it_skips_blank_lines_and_accepts_a_header_alone(cast: Cast) -> None:
    assert counts_of(services_import(services_csv([]), actor=cast.planner)) == ([], 0, 0, 0)
    report = services_import(services_csv([[""] * len(HEADER), row()]), actor=cast.planner)
    assert counts_of(report) == ([], 1, 0, 0)


def test_it_lets_the_command_line_import_into_any_municipality(cast: Cast) -> None:
    data = services_csv(
        [
            row(
                organization="Shoqata Zemra Pukë",
                name_sq="Ndihmë në shtëpi",
                areas_served="AL-PUKE",
                location_name="",
                location_address="Qendra",
                location_area="AL-PUKE-QERRET",
                location_latitude="",
                location_longitude="",
            )
        ]
    )
    report = services_import(data, actor=None, area="AL-PUKE")
    assert counts_of(report) == ([], 1, 0, 0)
    service = Service.objects.get(name_sq="Ndihmë në shtëpi")
    assert (service.area.code, [location.name_sq for location in service.locations.all()]) == (
        "AL-PUKE",
        ["Zyra Qerret"],
    )

from decimal import Decimal

from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.territory import importers
from kujdes.territory.models import Area
from kujdes.territory.tests.test_import_support import AREA_HEADER, csv_bytes, errors_of
from tests.personas import Cast


def areas_import(rows: list[list[str]], cast: Cast) -> importers.ImportReport:
    data = csv_bytes([AREA_HEADER, *rows])
    return importers.import_upload(kind="areas", data=data, filename="a.csv", actor=cast.planner)


def test_it_creates_children_after_parents_in_the_same_file(cast: Cast) -> None:
    report = areas_import(
        [
            ["AL-BULQIZE-GJORICE", "AL-BULQIZE", "admin_unit", "Gjoricë", "Gjorica", "", ""],
            ["AL-BULQIZE-GJORICE-V1", "AL-BULQIZE-GJORICE", "settlement", "Vlashaj", "", "", "2.5"],
        ],
        cast,
    )
    assert (report.errors, report.created, report.updated, report.unchanged) == ([], 2, 0, 0)
    village = Area.objects.get(code="AL-BULQIZE-GJORICE-V1")
    assert (village.path, village.depth, village.area_km2) == (
        "AL/AL-QARK-DIBER/AL-BULQIZE/AL-BULQIZE-GJORICE/AL-BULQIZE-GJORICE-V1/",
        4,
        Decimal("2.50"),
    )
    assert AuditEvent.objects.filter(verb="areas.imported").latest("id").payload == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }


def test_it_updates_the_names_of_an_existing_area(cast: Cast) -> None:
    report = areas_import(
        [["AL-BULQIZE-ZERQAN", "AL-BULQIZE", "admin_unit", "Zerqan", "Zerćan", "Zerqan", ""]],
        cast,
    )
    assert (report.created, report.updated) == (0, 1)
    assert Area.objects.get(code="AL-BULQIZE-ZERQAN").name_sr_latn == "Zerćan"


def test_it_refuses_bad_area_rows(cast: Cast) -> None:
    rows = [
        ["al-bulqize-x", "AL-BULQIZE", "admin_unit", "X", "", "", ""],
        ["AL-BULQIZE-Y", "AL-BULQIZE-Z", "village", "", "", "", "-1"],
        ["AL-BULQIZE-ZERQAN", "AL-BULQIZE-FUSHE-BULQIZE", "admin_unit", "Zerqan", "", "", ""],
        ["AL-BULQIZE-W", "AL-BULQIZE", "admin_unit", "W", "", "", ""],
        ["AL-BULQIZE-W", "AL-BULQIZE", "admin_unit", "W", "", "", ""],
    ]
    with translation.override("en"):
        report = areas_import(rows, cast)
    assert errors_of(report) == [
        (2, "A (code)", "not a valid code: “al-bulqize-x”; use capital letters, digits and “-”"),
        (3, "D (name_sq)", "empty: a value is required"),
        (3, "G (area_km2)", "a negative number: values cannot be below zero"),
        (
            3,
            "B (parent_code)",
            "unknown area code “AL-BULQIZE-Z”; a parent must exist or come earlier",
        ),
        (
            3,
            "C (level)",
            "unknown level “village”: use one of country, region, municipality, admin_unit, "
            "settlement",
        ),
        (4, "B (parent_code)", "an area cannot be moved to another parent by an import"),
        (
            4,
            "C (level)",
            "an area of level “admin_unit” cannot lie within one of level “admin_unit”",
        ),
        (6, "A (code)", "the same code as line 5"),
    ]
    assert not Area.objects.filter(code="AL-BULQIZE-W").exists()

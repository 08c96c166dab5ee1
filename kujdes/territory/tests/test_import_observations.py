from decimal import Decimal

from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.territory.models import Observation
from kujdes.territory.tests.test_import_support import (
    csv_bytes,
    errors_of,
    observations_csv,
    observations_import,
    statistics_create,
)
from tests.personas import Cast

GOOD_ROWS = [
    ["POPULATION", "AL-BULQIZE", "2023", "T", "TOTAL", "CENSUS-2023", "28000", ""],
    ["POPULATION", "AL-BULQIZE", "2023", "F", "TOTAL", "CENSUS-2023", "14100", "false"],
    ["POPULATION", "AL-BULQIZE-ZERQAN", "2023", "M", "65+", "CENSUS-2023", "310.5", "po"],
]


def stored() -> list[tuple[str, str, int, str, str, Decimal, bool]]:
    return list(
        Observation.objects.order_by("area__code", "sex", "age_band__code").values_list(
            "variable__code", "area__code", "year", "sex", "age_band__code", "value", "provisional"
        )
    )


def test_it_imports_observations_and_reports_the_counts(cast: Cast) -> None:
    statistics_create()
    report = observations_import(observations_csv(GOOD_ROWS), actor=cast.planner)
    assert (report.ok, report.created, report.updated, report.unchanged) == (True, 3, 0, 0)
    assert stored() == [
        ("POPULATION", "AL-BULQIZE", 2023, "F", "TOTAL", Decimal("14100.00"), False),
        ("POPULATION", "AL-BULQIZE", 2023, "T", "TOTAL", Decimal("28000.00"), False),
        ("POPULATION", "AL-BULQIZE-ZERQAN", 2023, "M", "65+", Decimal("310.50"), True),
    ]
    event = AuditEvent.objects.get(verb="observations.imported")
    assert (event.actor, event.target_key, event.payload) == (
        cast.planner,
        "figures.csv",
        {"created": 3, "updated": 0, "unchanged": 0},
    )


def test_it_writes_nothing_when_one_row_of_four_is_bad(cast: Cast) -> None:
    statistics_create()
    bad = ["POPULATION", "AL-BULQIZE", "1850", "T", "65+", "CENSUS-2023", "12", ""]
    events_before = AuditEvent.objects.count()
    with translation.override("en"):
        report = observations_import(observations_csv([*GOOD_ROWS, bad]), actor=cast.planner)
    assert errors_of(report) == [(5, "C (year)", "the year 1850 is outside 1900–2100")]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 0)
    assert Observation.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


def test_it_reports_every_bad_cell_with_its_line_and_column(cast: Cast) -> None:
    statistics_create()
    rows = [
        ["POPULATION", "AL-NOWHERE", "2023", "T", "TOTAL", "CENSUS-2023", "1", ""],
        ["DEATHS", "AL-BULQIZE", "20x3", "X", "0-4", "GUESS", "-5", "maybe"],
        ["POPULATION", "AL-BULQIZE", "2023", "T", "TOTAL", "CENSUS-2023", "", ""],
        ["POPULATION", "AL-BULQIZE", "2023", "T", "TOTAL", "CENSUS-2023", "1.234", ""],
    ]
    with translation.override("en"):
        report = observations_import(observations_csv(rows), actor=cast.planner)
    assert errors_of(report) == [
        (2, "B (area)", "unknown area code “AL-NOWHERE”"),
        (3, "A (variable)", "unknown variable code “DEATHS”"),
        (3, "C (year)", "not a year: “20x3”"),
        (3, "D (sex)", "unknown sex code “X”: use T (total), F (female) or M (male)"),
        (3, "E (age_band)", "unknown age band code “0-4”"),
        (3, "F (source)", "unknown source code “GUESS”"),
        (3, "G (value)", "a negative number: values cannot be below zero"),
        (3, "H (provisional)", "not yes or no: “maybe”; use true/false, 1/0, po/jo or da/ne"),
        (4, "G (value)", "empty: a value is required"),
        (5, "G (value)", "more than two decimal places: 1.234"),
    ]
    assert Observation.objects.count() == 0


def test_it_refuses_a_key_that_appears_twice_in_the_file(cast: Cast) -> None:
    statistics_create()
    rows = [*GOOD_ROWS, ["POPULATION", "AL-BULQIZE", "2023", "F", "TOTAL", "CENSUS-2023", "9", ""]]
    with translation.override("en"):
        report = observations_import(observations_csv(rows), actor=cast.planner)
    assert errors_of(report) == [
        (
            5,
            "variable, area, year, sex, age_band, source",
            "the same variable, area, year, sex, age band and source as line 3",
        )
    ]
    assert Observation.objects.count() == 0


def test_it_reports_missing_and_unknown_columns_once_against_the_header(cast: Cast) -> None:
    statistics_create()
    header = ["variable", "area", "year", "sex", "source", "value", "colour"]
    rows = [["POPULATION", "AL-BULQIZE", "2023", "T", "CENSUS-2023", "1", "red"]] * 3
    with translation.override("en"):
        report = observations_import(csv_bytes([header, *rows]), actor=cast.planner)
    assert errors_of(report) == [
        (1, "G (colour)", "unknown column “colour”"),
        (1, "age_band", "the required column “age_band” is missing"),
    ]


def test_it_takes_an_absent_provisional_column_as_false_and_skips_blank_lines(
    cast: Cast,
) -> None:
    statistics_create()
    header = ["variable", "area", "year", "sex", "age_band", "source", "value"]
    data = csv_bytes(
        [header, ["POPULATION", " AL-BULQIZE ", "2023", "T", "TOTAL", "CENSUS-2023", "7"]]
    )
    report = observations_import(data + b"\r\n,,,,,,\r\n", actor=cast.planner)
    assert (report.errors, report.created) == ([], 1)
    assert stored() == [("POPULATION", "AL-BULQIZE", 2023, "T", "TOTAL", Decimal("7.00"), False)]

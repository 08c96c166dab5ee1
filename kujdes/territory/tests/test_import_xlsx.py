import io
from collections.abc import Sequence
from decimal import Decimal

import openpyxl
from django.utils import translation

from kujdes.territory.models import Observation
from kujdes.territory.tests.test_import_support import (
    OBSERVATION_HEADER,
    errors_of,
    observations_csv,
    observations_import,
    statistics_create,
)
from tests.personas import Cast


def workbook_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_takes_number_cells_as_numbers(cast: Cast) -> None:
    statistics_create()
    data = workbook_bytes(
        [
            OBSERVATION_HEADER,
            ["POPULATION", "AL-BULQIZE", 2023, "T", "TOTAL", "CENSUS-2023", 1234.5, True],
            ["POPULATION", "AL-BULQIZE", 2023.0, "F", "TOTAL", "CENSUS-2023", 600, None],
            ["POPULATION", "AL-BULQIZE", "2023", "M", "TOTAL", "CENSUS-2023", "1.234,5", "jo"],
        ]
    )
    report = observations_import(data, actor=cast.planner, filename="figures.xlsx")
    assert (report.errors, report.created) == ([], 3)
    assert list(Observation.objects.order_by("sex").values_list("sex", "value", "provisional")) == [
        ("F", Decimal("600.00"), False),
        ("M", Decimal("1234.50"), False),
        ("T", Decimal("1234.50"), True),
    ]


def test_it_refuses_a_formula_cell(cast: Cast) -> None:
    statistics_create()
    data = workbook_bytes(
        [
            OBSERVATION_HEADER,
            ["POPULATION", "AL-BULQIZE", 2023, "T", "TOTAL", "CENSUS-2023", 100, ""],
            ["POPULATION", "AL-BULQIZE", 2023, "F", "TOTAL", "CENSUS-2023", "=G2/2", ""],
        ]
    )
    with translation.override("en"):
        report = observations_import(data, actor=cast.planner, filename="figures.xlsx")
    assert errors_of(report) == [(3, "G (value)", "a formula, not a value: paste values only")]
    assert Observation.objects.count() == 0


def test_it_refuses_a_csv_cell_that_starts_with_an_equals_sign_as_a_formula(cast: Cast) -> None:
    statistics_create()
    row = ["POPULATION", "=HYPERLINK(1)", "2023", "T", "TOTAL", "CENSUS-2023", "1", ""]
    with translation.override("en"):
        report = observations_import(observations_csv([row]), actor=cast.planner)
    assert errors_of(report) == [(2, "B (area)", "a formula, not a value: paste values only")]


def test_it_refuses_a_damaged_workbook(cast: Cast) -> None:
    with translation.override("en"):
        report = observations_import(b"PK\x03\x04broken", actor=cast.planner, filename="a.xlsx")
    assert errors_of(report) == [(1, "", "The file could not be read as a CSV or XLSX file.")]

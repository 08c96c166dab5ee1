from decimal import Decimal

import pytest
from django.utils import translation

from kujdes.territory.models import Observation
from kujdes.territory.tests.test_import_support import (
    errors_of,
    observations_csv,
    observations_import,
    statistics_create,
)
from tests.personas import Cast


def one_value(text: str, delimiter: str) -> bytes:
    row = ["POPULATION", "AL-BULQIZE", "2023", "T", "TOTAL", "CENSUS-2023", text, ""]
    return observations_csv([row], delimiter=delimiter)


@pytest.mark.parametrize(
    ("delimiter", "text", "value"),
    [
        (";", "1234,5", Decimal("1234.50")),
        (";", "1.234,5", Decimal("1234.50")),
        (";", "1 234 567,25", Decimal("1234567.25")),
        (";", "1\u00a0234", Decimal("1234.00")),
        (";", "1\u202f234,75", Decimal("1234.75")),
        (";", "12", Decimal("12.00")),
        (",", "1,234.5", Decimal("1234.50")),
        (",", "1 234.5", Decimal("1234.50")),
        (",", "1\u00a0234\u00a0567", Decimal("1234567.00")),
        ("\t", "1,234", Decimal("1234.00")),
        ("\t", "0.5", Decimal("0.50")),
    ],
)
def test_it_reads_numbers_as_the_separator_of_the_file_implies(
    cast: Cast, delimiter: str, text: str, value: Decimal
) -> None:
    statistics_create()
    report = observations_import(one_value(text, delimiter), actor=cast.planner)
    assert (report.errors, report.created) == ([], 1)
    assert Observation.objects.get().value == value


@pytest.mark.parametrize(
    ("delimiter", "text", "mark"),
    [(";", "1.5", ","), (";", "12.34", ","), (",", "1,5", "."), (",", "1 23.5", ".")],
)
def test_it_refuses_a_thousands_group_of_other_than_three_digits_as_ambiguous(
    cast: Cast, delimiter: str, text: str, mark: str
) -> None:
    statistics_create()
    with translation.override("en"):
        report = observations_import(one_value(text, delimiter), actor=cast.planner)
    assert errors_of(report) == [
        (
            2,
            "G (value)",
            f"an ambiguous number: “{text}”. Thousands are separated in groups of exactly "
            f"three digits and the decimal mark is “{mark}”.",
        )
    ]
    assert Observation.objects.count() == 0


@pytest.mark.parametrize("text", ["12a", "1,2,3", "--1", "1,"])
def test_it_refuses_text_that_is_no_number(cast: Cast, text: str) -> None:
    statistics_create()
    with translation.override("en"):
        report = observations_import(one_value(text, ";"), actor=cast.planner)
    assert errors_of(report) == [(2, "G (value)", f"not a number: “{text}”")]

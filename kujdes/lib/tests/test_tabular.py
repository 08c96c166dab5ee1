from decimal import Decimal

import pytest
from django.utils import translation

from kujdes.lib.tabular import (
    DECIMAL_COMMA,
    DECIMAL_DOT,
    EITHER_MARK,
    NumberError,
    column_letter,
    decode_text,
    parse_number,
    read_table,
)

LETTERS = "ë ç č ć š ž đ Ë Ç Č Š Ž Đ"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250"])
def test_it_decodes_albanian_and_serbian_letters(encoding: str) -> None:
    assert decode_text(LETTERS.encode(encoding)) == LETTERS


def test_it_decodes_western_windows_text_with_its_own_letters() -> None:
    text = "Shkodër, Çidhën, Ærø, Ålborg, España, brûlée"
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("text", "style", "number"),
    [
        ("1.234.567,5", DECIMAL_COMMA, Decimal("1234567.5")),
        ("-12,25", DECIMAL_COMMA, Decimal("-12.25")),
        ("1,234,567.5", DECIMAL_DOT, Decimal("1234567.5")),
        ("1\u202f234", DECIMAL_DOT, Decimal("1234")),
        ("1.234,5", EITHER_MARK, Decimal("1234.5")),
        ("1,234.5", EITHER_MARK, Decimal("1234.5")),
        ("1,5", EITHER_MARK, Decimal("1.5")),
        ("1.234.567", EITHER_MARK, Decimal("1234567")),
    ],
)
def test_it_parses_numbers_by_the_style(text: str, style: object, number: Decimal) -> None:
    assert parse_number(text, style) == number  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("1.5", DECIMAL_COMMA),
        ("1,5", DECIMAL_DOT),
        ("1234.567,5", DECIMAL_COMMA),
        ("1,234", EITHER_MARK),
    ],
)
def test_it_refuses_ambiguous_numbers(text: str, style: object) -> None:
    with translation.override("en"), pytest.raises(NumberError, match=r"^an ambiguous number"):
        parse_number(text, style)  # type: ignore[arg-type]


def test_it_names_columns_as_spreadsheets_do() -> None:
    assert [column_letter(index) for index in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_it_numbers_rows_by_the_line_they_start_on() -> None:
    table = read_table(data=b'a;b\r\n1;"two\r\nlines"\r\n3;4\r\n', filename="x.csv")
    assert table.header == ["a", "b"]
    assert list(table.rows) == [(2, ["1", "two\r\nlines"]), (4, ["3", "4"])]
    assert table.number_style == DECIMAL_COMMA

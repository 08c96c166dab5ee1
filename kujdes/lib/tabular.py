"""Tables as people keep them in spreadsheets: CSV in the encodings, separators and number
formats that Albanian and Serbian spreadsheets save, and XLSX.

Reading is streaming: rows come one at a time, with the line number a person sees in their
spreadsheet, so that a million-row file never becomes a million objects.
"""

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

import openpyxl
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Formula:
    """An XLSX cell that holds a formula: its value is whatever the spreadsheet last computed,
    which an import must not guess at."""

    text: str


Cell = str | int | float | Decimal | bool | datetime | date | time | Formula

NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"
_SPACES = " " + NO_BREAK_SPACE + NARROW_NO_BREAK_SPACE


@dataclass(frozen=True)
class NumberStyle:
    """How numbers are written in one file. `decimal_mark` None means "decide per cell" (text
    cells of an XLSX file, where the spreadsheet's locale is unknown)."""

    decimal_mark: str | None
    thousands_separators: str

    def plain_number(self) -> Callable[[Cell], Decimal | None]:
        """A fast check for the common case, a number without thousands separators; None for
        anything else (which then goes through `parse_number`)."""
        if self.decimal_mark == ".":
            match = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,2})?").fullmatch
        elif self.decimal_mark == ",":
            match = re.compile(r"[0-9]{1,12}").fullmatch
        else:
            return lambda cell: None

        def plain(cell: Cell) -> Decimal | None:
            return Decimal(cell) if type(cell) is str and match(cell) else None

        return plain


# A semicolon-separated file comes from a spreadsheet set to a comma-decimal locale (Albanian,
# Serbian); a comma- or tab-separated one from a dot-decimal locale.
DECIMAL_COMMA = NumberStyle(",", "." + _SPACES)
DECIMAL_DOT = NumberStyle(".", "," + _SPACES)
EITHER_MARK = NumberStyle(None, _SPACES)


class NumberError(ValueError):
    """A cell that is not a number; the message is for the person who wrote the file."""


_DIGITS = re.compile(r"[0-9]+")


def parse_number(text: str, style: NumberStyle) -> Decimal:
    """The number written in `text` by the rules of `style`.

    A thousands group must have exactly three digits: "1.5" in a decimal-comma file could be
    one and a half or a mistyped thousand, so it is refused rather than guessed.
    """
    text = text.strip()
    negative = text[:1] in ("-", "−")
    body = text[1:].strip() if negative else text
    mark = style.decimal_mark
    separators = style.thousands_separators
    if mark is None:
        mark, separators = _guess_mark(body)
    whole, _mark, fraction = body.partition(mark)
    if fraction and not _DIGITS.fullmatch(fraction):
        raise NumberError(_("not a number: “%(text)s”") % {"text": text})
    groups = re.split("[" + re.escape(separators) + "]", whole) if separators else [whole]
    if not all(_DIGITS.fullmatch(group) for group in groups) or (_mark and not fraction):
        raise NumberError(_("not a number: “%(text)s”") % {"text": text})
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:])):
        raise NumberError(
            _(
                "an ambiguous number: “%(text)s”. Thousands are separated in groups of exactly "
                "three digits and the decimal mark is “%(mark)s”."
            )
            % {"text": text, "mark": mark}
        )
    try:
        number = Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        raise NumberError(_("not a number: “%(text)s”") % {"text": text}) from None
    return -number if negative else number


def _guess_mark(body: str) -> tuple[str, str]:
    """The decimal mark and thousands separators of one text cell of unknown locale."""
    last_dot, last_comma = body.rfind("."), body.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        # "1.234,5" or "1,234.5": the mark that comes last is the decimal one.
        return ("," if last_comma > last_dot else "."), ("." if last_comma > last_dot else ",")
    mark = "," if last_comma >= 0 else "."
    position = max(last_dot, last_comma)
    if position >= 0 and body.count(mark) == 1 and len(body) - position - 1 == 3:
        raise NumberError(
            _(
                "an ambiguous number: “%(text)s”. Write it without thousands separators, "
                "or enter it as a number."
            )
            % {"text": body}
        )
    if body.count(mark) > 1:
        return "\0", mark + _SPACES
    return mark, _SPACES


def decode_text(data: bytes) -> str:
    """The text of a file saved as UTF-8 (with or without BOM), Windows-1250 (Albanian and
    Serbian Windows) or Windows-1252 (Western Windows)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text".
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # The two code pages put different letters on the same bytes: č ć đ (Windows-1250) where
    # Western Windows has è æ ð, and Czech, Polish or Hungarian letters where it has ø å ñ.
    # The decoding that yields the local alphabets rather than foreign ones is the right one.
    central, western = data.decode("cp1250", "replace"), data.decode("cp1252", "replace")
    central_score = _count(central, _LOCAL_LETTERS) - _count(central, _CENTRAL_FOREIGN)
    western_score = _count(western, _LOCAL_LETTERS) - _count(western, _WESTERN_FOREIGN)
    return central if central_score >= western_score else western


_LOCAL_LETTERS = re.compile("[čćđšžČĆĐŠŽëËçÇ]")
_CENTRAL_FOREIGN = re.compile("[ŕăĺěďńňőřůűţľąęłśźżşťŔĂĹĚĎŃŇŐŘŮŰŢĽĄĘŁŚŹŻŞŤ]")
_WESTERN_FOREIGN = re.compile("[èæðÈÆÐ]")


def _count(text: str, letters: re.Pattern[str]) -> int:
    return len(letters.findall(text))


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class TableError(Exception):
    """A file that cannot be read as a table at all."""


@dataclass
class Table:
    header: list[str]
    # (line number as the spreadsheet shows it, cells); blank lines may be included.
    rows: Iterator[tuple[int, Sequence[Cell]]]
    number_style: NumberStyle
    # Whether a text cell starting with "=" is a formula (CSV); XLSX marks formulas itself.
    text_formulas: bool


def read_table(*, data: bytes, filename: str) -> Table:
    """The table in a CSV or XLSX file, chosen by content first (an XLSX file is a zip) and
    the file name second."""
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        raise TableError(_("The file is empty."))

    def rows() -> Iterator[tuple[int, Sequence[Cell]]]:
        # A quoted cell may span lines; a row starts on the line after the previous one ended.
        line = reader.line_num
        for cells in reader:
            yield line + 1, cells
            line = reader.line_num

    style = DECIMAL_COMMA if delimiter == ";" else DECIMAL_DOT
    return Table(_trim_header(header), rows(), style, text_formulas=True)


def _read_xlsx(data: bytes) -> Table:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableError(_("The file could not be read as a CSV or XLSX file.")) from error
    sheet = workbook.worksheets[0]
    # Some programs write a wrong sheet size; without this the reader would cut rows short.
    sheet.reset_dimensions()
    rows = enumerate(sheet.iter_rows(), start=1)
    for _line, header_cells in rows:
        header = [_xlsx_value(cell) for cell in header_cells]
        if any(header):
            names = [cell if isinstance(cell, str) else str(cell) for cell in header]
            return Table(_trim_header(names), _xlsx_rows(rows), EITHER_MARK, text_formulas=False)
    raise TableError(_("The file is empty."))


def _xlsx_rows(rows: Iterator[tuple[int, tuple[object, ...]]]) -> Iterator[tuple[int, list[Cell]]]:
    for line, cells in rows:
        yield line, [_xlsx_value(cell) for cell in cells]


def _xlsx_value(cell: object) -> Cell:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(value))
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float | Decimal | bool | datetime | date | time):
        return value
    return str(value)


def _trim_header(names: list[str]) -> list[str]:
    names = [name.strip().lstrip("\ufeff").strip() for name in names]
    while names and not names[-1]:
        names.pop()
    return names


def write_csv(rows: Sequence[Sequence[object]]) -> bytes:
    """UTF-8 with a BOM, so that spreadsheets open ë and č correctly."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(rows: Sequence[Sequence[object]], *, text_columns: Sequence[int] = ()) -> bytes:
    """An XLSX file with one sheet; `text_columns` are formatted as text so that codes such
    as "01" keep their leading zero."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    for index in text_columns:
        for (cell,) in sheet.iter_rows(min_col=index + 1, max_col=index + 1):
            cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

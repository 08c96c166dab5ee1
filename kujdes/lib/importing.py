"""What every tabular import shares: the report of problems by line and column, and the checks
of a file's header and cells. The territory and directory importers build on these."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.utils.translation import gettext as _

from kujdes.lib.tabular import Cell, Formula, NumberError, Table, column_letter, parse_number

FIRST_YEAR, LAST_YEAR = 1900, 2100
FLAGS: dict[Cell, bool] = {"": False, "0": False, "false": False, "no": False, "jo": False}
FLAGS |= {"ne": False, "1": True, "true": True, "yes": True, "po": True, "da": True}


@dataclass
class RowError:
    line: int
    column: str
    message: str


# The upload page lists this many problems; the command line prints them all.
ERRORS_SHOWN = 500


@dataclass
class ImportReport:
    kind: str
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def errors_shown(self) -> list[RowError]:
        """The first problems, as many as a page can usefully list."""
        return self.errors[:ERRORS_SHOWN]

    @property
    def errors_not_shown(self) -> int:
        return max(0, len(self.errors) - ERRORS_SHOWN)


def _is_blank(cell: Cell) -> bool:
    return cell == "" or (type(cell) is str and cell.isspace())


class ColumnChecker:
    """The header of one file and the checks of its cells; every problem becomes a RowError.

    A subclass names the columns that may be left out and, for `number`, how many digits each
    numeric column may have before the decimal mark (max_digits − decimal_places)."""

    optional_columns: frozenset[str] | set[str] = frozenset()
    whole_digits: Mapping[str, int] = {}

    def __init__(self, table: Table, expected: list[str], errors: list[RowError]) -> None:
        self.table = table
        self.errors = errors
        self.index: dict[str, int] = {}
        self.labels: dict[str, str] = {}
        for position, name in enumerate(table.header):
            label = f"{column_letter(position)} ({name})" if name else column_letter(position)
            if name not in expected:
                errors.append(RowError(1, label, _("unknown column “%(name)s”") % {"name": name}))
            elif name in self.index:
                errors.append(
                    RowError(1, label, _("the column “%(name)s” appears twice") % {"name": name})
                )
            else:
                self.index[name], self.labels[name] = position, label
        for name in expected:
            if name not in self.index and name not in self.optional_columns:
                errors.append(
                    RowError(
                        1, name, _("the required column “%(name)s” is missing") % {"name": name}
                    )
                )
        self.width = len(table.header)

    def error(self, line: int, name: str, message: str) -> None:
        self.errors.append(RowError(line, self.labels.get(name, name), message))

    def fit(self, line: int, cells: Sequence[Cell]) -> Sequence[Cell] | None:
        """The row padded to the header's width, or None for a blank or overlong row."""
        if all(_is_blank(cell) for cell in cells):
            return None
        if len(cells) > self.width:
            extra = cells[self.width :]
            if not all(_is_blank(cell) for cell in extra):
                letter = column_letter(self.width)
                self.errors.append(
                    RowError(line, letter, _("a value in a column without a header"))
                )
                return None
            return cells[: self.width]
        return [*cells, *[""] * (self.width - len(cells))]

    def text(self, line: int, cells: Sequence[Cell], name: str) -> str | None:
        """The cell as text, None (reported) for a formula; "" when the column is absent."""
        if name not in self.index:
            return ""
        cell = cells[self.index[name]]
        if type(cell) is str:
            text = cell.strip()
            if not (self.table.text_formulas and text.startswith("=")):
                return text
        elif not isinstance(cell, Formula):
            return str(cell)
        self.error(line, name, _("a formula, not a value: paste values only"))
        return None

    def required(self, line: int, cells: Sequence[Cell], name: str) -> str | None:
        text = self.text(line, cells, name)
        if text == "":
            self.error(line, name, _("empty: a value is required"))
            return None
        return text

    def code(
        self, line: int, cells: Sequence[Cell], name: str, known: dict[Cell, int], unknown: str
    ) -> int | None:
        code = self.required(line, cells, name)
        if code is None:
            return None
        if code not in known:
            self.error(line, name, unknown % {"code": code})
            return None
        return known[code]

    def year(self, line: int, cells: Sequence[Cell], name: str) -> int | None:
        cell = cells[self.index[name]]
        if isinstance(cell, int | float) and not isinstance(cell, bool) and cell == int(cell):
            year = int(cell)
        else:
            text = self.required(line, cells, name)
            if text is None:
                return None
            if not (text.isascii() and text.isdigit()):
                self.error(line, name, _("not a year: “%(text)s”") % {"text": text})
                return None
            year = int(text)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.error(
                line,
                name,
                _("the year %(year)s is outside %(first)s–%(last)s")
                % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
            return None
        return year

    def decimal(self, line: int, cells: Sequence[Cell], name: str) -> Decimal | None:
        """The cell as a finite number of any sign and precision; None if empty or bad."""
        cell = cells[self.index[name]]
        if isinstance(cell, bool | datetime | date | time):
            self.error(line, name, _("not a number: “%(text)s”") % {"text": cell})
            return None
        if isinstance(cell, int | Decimal):
            number = Decimal(cell)
        elif isinstance(cell, float):
            # repr is the shortest text that reads back as the same float: 0.1, not 0.1000…01.
            number = Decimal(repr(cell))
        else:
            text = self.text(line, cells, name)
            if not text:
                return None
            try:
                number = parse_number(text, self.table.number_style)
            except NumberError as error:
                self.error(line, name, str(error))
                return None
        if not number.is_finite():
            self.error(line, name, _("not a number: “%(text)s”") % {"text": cell})
            return None
        return number

    def number(self, line: int, cells: Sequence[Cell], name: str) -> Decimal | None:
        """A non-negative number with at most two decimals; None if empty or bad."""
        number = self.decimal(line, cells, name)
        if number is None:
            return None
        if number < 0:
            self.error(line, name, _("a negative number: values cannot be below zero"))
        elif number.adjusted() >= self.whole_digits[name]:
            self.error(line, name, _("too large: %(number)s") % {"number": number})
        elif number != number.quantize(Decimal("0.01")):
            self.error(
                line, name, _("more than two decimal places: %(number)s") % {"number": number}
            )
        else:
            return number
        return None

    def flag(self, line: int, cells: Sequence[Cell], name: str) -> bool | None:
        if name in self.index and isinstance(cells[self.index[name]], bool):
            return bool(cells[self.index[name]])
        text = self.text(line, cells, name)
        if text is None:
            return None
        if text.lower() not in FLAGS:
            self.error(
                line,
                name,
                _("not yes or no: “%(text)s”; use true/false, 1/0, po/jo or da/ne")
                % {"text": text},
            )
            return None
        return FLAGS[text.lower()]

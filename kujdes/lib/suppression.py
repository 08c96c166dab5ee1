"""The one place where small counts are hidden before they leave the case-worker circle.

Primary suppression: a count from 1 to SUPPRESSION_THRESHOLD - 1 is shown as "<5"; zero stays
zero (it identifies nobody). Secondary suppression: in a row whose cells add up to a shown
total, one hidden cell could be recomputed as total minus the others, so a second cell (or the
total) is hidden too.

Not handled yet: column totals (a table with both row and column totals needs the hidden cells
chosen across both), and interval disclosure (two hidden cells whose shown total is 2 must
both be 1).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

Count = Decimal | int


@dataclass(frozen=True)
class PublicValue:
    """A count as it may be shown publicly: the value, or None with what to show instead."""

    value: Count | None
    shown_as: str = ""

    @property
    def hidden(self) -> bool:
        return self.value is None


# What a cell hidden only to protect another one shows: it is not a small count.
SECONDARY_MARK = "x"


def suppress(value: Count | None) -> PublicValue:
    """Every sensitive figure goes through this before it is shown publicly."""
    threshold = settings.SUPPRESSION_THRESHOLD
    if value is not None and 0 < value < threshold:
        return PublicValue(value=None, shown_as=f"<{threshold}")
    return PublicValue(value=value)


@dataclass(frozen=True)
class Row:
    """A table row: its cells and their total (None when the table shows no total)."""

    cells: Sequence[Count | None]
    total: Count | None = None


@dataclass(frozen=True)
class PublicRow:
    cells: list[PublicValue]
    total: PublicValue


_SECONDARY = PublicValue(value=None, shown_as=SECONDARY_MARK)


def suppress_row(row: Row) -> PublicRow:
    """Primary suppression of every cell and the total, then secondary suppression so that no
    hidden figure equals the total minus the shown cells."""
    cells = [suppress(value) for value in row.cells]
    total = suppress(row.total)
    if row.total is None:
        return PublicRow(cells=cells, total=total)
    hidden = sum(cell.hidden for cell in cells) + total.hidden
    if hidden != 1:
        return PublicRow(cells=cells, total=total)
    # Hide the smallest shown non-zero cell: it gives away the least. A zero would protect
    # nothing, since readers take a hidden cell next to zeros for the whole rest.
    candidates = [
        (cell.value, index)
        for index, cell in enumerate(cells)
        if cell.value is not None and cell.value != 0
    ]
    if candidates:
        cells[min(candidates)[1]] = _SECONDARY
    elif not total.hidden:
        total = _SECONDARY
    return PublicRow(cells=cells, total=total)


def suppress_table(rows: Sequence[Row]) -> list[PublicRow]:
    return [suppress_row(row) for row in rows]

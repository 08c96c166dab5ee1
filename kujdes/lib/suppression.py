"""The one place where small counts are hidden before they leave the case-worker circle.

Primary suppression: a count from 1 to SUPPRESSION_THRESHOLD - 1 is shown as "<5"; zero stays
zero (it identifies nobody).

Secondary suppression, for tables with any mix of row totals, column totals and a grand total
(a list with its total is a one-column table): a reader who knows that each total is the sum
of its line can treat the shown figures as a system of linear equations. So more figures are
hidden, shown as "x", until the equations leave every hidden figure open: first wherever a
line has a single unknown figure, then after an exact check that also finds what no single
line gives away, such as a hidden cell that is the only link between two otherwise protected
groups of hidden cells. The check asks whether a hidden figure is a bridge of the graph whose
nodes are the lines and whose edges are the unknown figures; only when one is does Gaussian
elimination over fractions run, to find the lines that give it away. A missing total (None) is
still the sum of its line, only unknown to the reader: the grand total with the other row
totals gives it away. A missing cell is unknown too, but is not a secret to protect.

Not handled: interval disclosure. A reader also knows that counts are not negative and that
"<5" means 1 to 4, so the range left for a hidden figure can be narrow, even a single value:
two hidden cells whose shown total is 2 are both 1.
"""

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

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
class Table:
    """Counts in rows and columns, with whichever totals the published table shows. None is a
    figure the table does not have; a totals list of None means the table has no such totals."""

    cells: Sequence[Sequence[Count | None]]
    row_totals: Sequence[Count | None] | None = None
    column_totals: Sequence[Count | None] | None = None
    grand_total: Count | None = None


@dataclass(frozen=True)
class PublicTable:
    cells: list[list[PublicValue]]
    row_totals: list[PublicValue] | None
    column_totals: list[PublicValue] | None
    grand_total: PublicValue


# A figure of a table: ("cell", row, column), ("row_total", row, 0), ("column_total", 0,
# column) or ("grand_total", 0, 0).
Figure = tuple[str, int, int]

CELL = "cell"
ROW_TOTAL = "row_total"
COLUMN_TOTAL = "column_total"
GRAND_TOTAL = "grand_total"


@dataclass(frozen=True)
class _Line:
    """Figures whose sum is the line's total: a row, a column, or one of the totals lists."""

    members: tuple[Figure, ...]
    total: Figure

    @property
    def figures(self) -> tuple[Figure, ...]:
        return (*self.members, self.total)


class _Shape:
    """The figures of a table of this many rows and columns, and the lines that tie them
    together: the same for every table of the shape, so it is built once."""

    def __init__(self, row_count: int, column_count: int) -> None:
        self.row_count, self.column_count = row_count, column_count
        figures: list[Figure] = [
            (CELL, row, column) for row in range(row_count) for column in range(column_count)
        ]
        figures += [(ROW_TOTAL, row, 0) for row in range(row_count)]
        figures += [(COLUMN_TOTAL, 0, column) for column in range(column_count)]
        figures.append((GRAND_TOTAL, 0, 0))
        self.order = {figure: position for position, figure in enumerate(figures)}
        self.lines = [
            *(
                _Line(
                    members=tuple((CELL, row, column) for column in range(column_count)),
                    total=(ROW_TOTAL, row, 0),
                )
                for row in range(row_count)
            ),
            *(
                _Line(
                    members=tuple((CELL, row, column) for row in range(row_count)),
                    total=(COLUMN_TOTAL, 0, column),
                )
                for column in range(column_count)
            ),
            _Line(
                members=tuple((ROW_TOTAL, row, 0) for row in range(row_count)),
                total=(GRAND_TOTAL, 0, 0),
            ),
            _Line(
                members=tuple((COLUMN_TOTAL, 0, column) for column in range(column_count)),
                total=(GRAND_TOTAL, 0, 0),
            ),
        ]
        self.lines_of: dict[Figure, list[_Line]] = {figure: [] for figure in figures}
        # Every figure is on exactly two lines: seen as a graph whose nodes are the lines, the
        # figures are its edges (see _disclosed).
        ends: dict[Figure, list[int]] = {figure: [] for figure in figures}
        for index, line in enumerate(self.lines):
            for figure in line.figures:
                self.lines_of[figure].append(line)
                ends[figure].append(index)
        self.ends = {figure: (first, second) for figure, (first, second) in ends.items()}


@functools.lru_cache(maxsize=256)
def _shape(row_count: int, column_count: int) -> _Shape:
    return _Shape(row_count, column_count)


class _Layout:
    """Every figure of a table, with its true value, and the lines that tie them together."""

    def __init__(self, table: Table) -> None:
        row_count = len(table.cells)
        if table.cells:
            column_count = len(table.cells[0])
        else:
            column_count = len(table.column_totals) if table.column_totals is not None else 0
        self.row_count, self.column_count = row_count, column_count
        if any(len(row) != column_count for row in table.cells):
            raise ValueError("Every row of a table needs the same number of cells.")
        if table.row_totals is not None and len(table.row_totals) != row_count:
            raise ValueError("A table needs one row total per row.")
        if table.column_totals is not None and len(table.column_totals) != column_count:
            raise ValueError("A table needs one column total per column.")
        shape = _shape(row_count, column_count)
        self.order, self.lines, self.lines_of = shape.order, shape.lines, shape.lines_of

        self.values: dict[Figure, Count | None] = {}
        for row, row_cells in enumerate(table.cells):
            for column, value in enumerate(row_cells):
                self.values[(CELL, row, column)] = value
        # Totals the table does not show still exist, unknown to the reader: a grand total
        # shown without row totals still tells the sum of all cells.
        for row in range(row_count):
            total = table.row_totals[row] if table.row_totals is not None else None
            self.values[(ROW_TOTAL, row, 0)] = total
        for column in range(column_count):
            total = table.column_totals[column] if table.column_totals is not None else None
            self.values[(COLUMN_TOTAL, 0, column)] = total
        self.values[(GRAND_TOTAL, 0, 0)] = table.grand_total


def suppress_table(table: Table) -> PublicTable:
    """Primary suppression of every figure, then secondary suppression until no hidden figure
    can be computed from the shown ones."""
    layout = _Layout(table)
    threshold = settings.SUPPRESSION_THRESHOLD
    small = f"<{threshold}"
    hidden: dict[Figure, str] = {
        figure: small
        for figure, value in layout.values.items()
        if value is not None and 0 < value < threshold
    }
    if not hidden:
        # Nothing small: nothing to protect, and no elimination to run (most tables).
        return _public_table(table, layout, hidden)
    while True:
        _hide_where_a_line_gives_away(layout, hidden)
        revealed = _determinable(layout, hidden)
        if not revealed or not _hide_to_protect(layout, hidden, revealed):
            break
    public_table = _public_table(table, layout, hidden)
    if revealed:
        # Only a table whose totals cover no cells gets here: such a total is zero by
        # definition, so a small one is not consistent with its table.
        raise ValueError("A total of no cells must be zero.")
    return public_table


def suppress_column(
    cells: Sequence[Count | None], total: Count | None
) -> tuple[list[PublicValue], PublicValue]:
    """Suppression of a list with its total, such as counts per administrative unit with the
    municipality's total."""
    public = suppress_table(Table(cells=[[value] for value in cells], column_totals=[total]))
    assert public.column_totals is not None
    return [row[0] for row in public.cells], public.column_totals[0]


def determinable_cells(table: Table, public: PublicTable) -> list[Figure]:
    """The hidden figures of `public` that a reader could compute exactly from the shown ones,
    in the order cells (row by row), row totals, column totals, grand total."""
    layout = _Layout(table)
    shown: dict[Figure, PublicValue] = {}
    for row, row_cells in enumerate(public.cells):
        for column, value in enumerate(row_cells):
            shown[(CELL, row, column)] = value
    for row, value in enumerate(public.row_totals or []):
        shown[(ROW_TOTAL, row, 0)] = value
    for column, value in enumerate(public.column_totals or []):
        shown[(COLUMN_TOTAL, 0, column)] = value
    shown[(GRAND_TOTAL, 0, 0)] = public.grand_total
    hidden = {
        figure: shown[figure].shown_as
        for figure, value in layout.values.items()
        if value is not None and shown[figure].hidden
    }
    return list(_determinable(layout, hidden))


def _unknown(layout: _Layout, hidden: dict[Figure, str], figure: Figure) -> bool:
    return figure in hidden or layout.values[figure] is None


def _gives_away(layout: _Layout, hidden: dict[Figure, str], line: _Line) -> bool:
    """Whether the line's only unknown figure is a hidden one, which is then its total minus
    the rest."""
    values = layout.values
    only = None
    for figure in line.figures:
        if figure in hidden or values[figure] is None:
            if only is not None:
                return False  # two unknowns: nothing given away
            only = figure
    return only is not None and only in hidden


def _hide_where_a_line_gives_away(layout: _Layout, hidden: dict[Figure, str]) -> None:
    """Hide one more figure in every line whose only unknown figure is a hidden one, until
    there is no such line; this settles most tables before the exact check."""
    changed = True
    while changed:
        changed = False
        for line in layout.lines:
            if _gives_away(layout, hidden, line):
                choice = _choose(layout, hidden, [line])
                if choice is not None:
                    hidden[choice] = SECONDARY_MARK
                    changed = True


def _hide_to_protect(
    layout: _Layout, hidden: dict[Figure, str], revealed: dict[Figure, list[_Line]]
) -> bool:
    """Hide one more figure in a line that gives a hidden figure away, its own line if it can;
    False when those lines have no shown figure left."""
    for figure, lines in revealed.items():
        own_lines = [line for line in layout.lines_of[figure] if line in lines]
        choice = _choose(layout, hidden, own_lines) or _choose(layout, hidden, lines)
        if choice is not None:
            hidden[choice] = SECONDARY_MARK
            return True
    return False


def _choose(layout: _Layout, hidden: dict[Figure, str], lines: list[_Line]) -> Figure | None:
    """The shown figure of these lines that is best hidden.

    First one whose other line also gives a figure away, so that one more hidden figure
    protects two lines: that closes a rectangle instead of starting a chain across the table.
    Then a cell before the total, and the smallest count, which loses the least. A zero comes
    last: it protects nothing, since readers take a hidden figure next to zeros for the rest.
    """
    best: tuple[tuple[bool, bool, bool, Count, int], Figure] | None = None
    for line in lines:
        for figure in line.figures:
            value = layout.values[figure]
            if value is None or figure in hidden:
                continue
            serves_two_lines = any(
                _gives_away(layout, hidden, crossing)
                for crossing in layout.lines_of[figure]
                if crossing is not line
            )
            is_total = figure == line.total
            rank = (
                value == 0 and not is_total,
                not serves_two_lines,
                is_total,
                value,
                layout.order[figure],
            )
            if best is None or rank < best[0]:
                best = (rank, figure)
    return best[1] if best is not None else None


def _determinable(layout: _Layout, hidden: dict[Figure, str]) -> dict[Figure, list[_Line]]:
    """The hidden figures fixed by the lines' equations whatever values the unknowns take,
    each with the lines whose equations combine to give it away."""
    unknown = frozenset(figure for figure in layout.values if _unknown(layout, hidden, figure))
    if not _disclosed(_shape(layout.row_count, layout.column_count), unknown) & hidden.keys():
        return {}
    found = _determinable_in_pattern(
        _shape(layout.row_count, layout.column_count), unknown, frozenset(hidden)
    )
    return {figure: [layout.lines[index] for index in lines] for figure, lines in found}


def _disclosed(shape: _Shape, unknown: frozenset[Figure]) -> set[Figure]:
    """The unknown figures that the lines' equations fix: the bridges of the graph whose nodes
    are the lines and whose edges are the unknown figures.

    Each figure is on two lines, with opposite signs once the lines' signs are chosen well (a
    row with its column, a row total with the row totals' line, …), so the equations are the
    rows of a directed graph's incidence matrix. Their span is the graph's cut space, and a
    figure's unit vector lies in it exactly when the figure is on no cycle. This answers in
    linear time what the elimination answers slowly; the elimination still runs when a
    figure is disclosed, to say which lines give it away.
    """
    adjacency: dict[int, list[tuple[int, Figure]]] = {}
    for figure in unknown:
        first, second = shape.ends[figure]
        adjacency.setdefault(first, []).append((second, figure))
        adjacency.setdefault(second, []).append((first, figure))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    bridges: set[Figure] = set()
    for start in adjacency:
        if start in order:
            continue
        order[start] = low[start] = len(order)
        stack: list[tuple[int, Figure | None, Iterator[tuple[int, Figure]]]] = [
            (start, None, iter(adjacency[start]))
        ]
        while stack:
            node, arrived_by, edges = stack[-1]
            for neighbour, figure in edges:
                if figure == arrived_by:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = len(order)
                    stack.append((neighbour, figure, iter(adjacency[neighbour])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        assert arrived_by is not None
                        bridges.add(arrived_by)
    return bridges


def _determinable_in_pattern(
    shape: _Shape, unknown: frozenset[Figure], hidden: frozenset[Figure]
) -> tuple[tuple[Figure, tuple[int, ...]], ...]:
    """The hidden figures that the equations of a table of this shape fix, each with the
    indexes of the lines whose equations combine to give it away (Gaussian elimination over
    fractions).

    Only the unknowns' coefficients matter: the shown figures move to the right-hand side. A
    hidden figure is fixed exactly when its unit vector lies in the row space of the
    coefficients, that is, when the reduced row echelon form has a row with that figure alone.
    Each row also keeps which lines it was combined from, so that a figure hidden to protect it
    is taken from a line that matters.
    """
    pivots: dict[Figure, tuple[dict[Figure, Fraction], dict[int, Fraction]]] = {}
    for index, line in enumerate(shape.lines):
        equation: dict[Figure, Fraction] = {}
        for figure in line.figures:
            if figure in unknown:
                equation[figure] = Fraction(-1 if figure == line.total else 1)
        combination = {index: Fraction(1)}
        for pivot, (pivot_equation, pivot_combination) in pivots.items():
            if pivot in equation:
                factor = equation[pivot]
                _subtract(equation, pivot_equation, factor)
                _subtract(combination, pivot_combination, factor)
        if not equation:
            continue
        pivot = min(equation, key=shape.order.__getitem__)
        scale = equation[pivot]
        equation = {figure: value / scale for figure, value in equation.items()}
        combination = {number: value / scale for number, value in combination.items()}
        # Keeping earlier rows free of the new pivot keeps the form reduced, so each row
        # shows directly which unknowns it still mixes.
        for pivot_equation, pivot_combination in pivots.values():
            if pivot in pivot_equation:
                factor = pivot_equation[pivot]
                _subtract(pivot_equation, equation, factor)
                _subtract(pivot_combination, combination, factor)
        pivots[pivot] = (equation, combination)
    return tuple(
        (figure, tuple(sorted(pivots[figure][1])))
        for figure in sorted(pivots, key=shape.order.__getitem__)
        if figure in hidden and len(pivots[figure][0]) == 1
    )


Key = TypeVar("Key")


def _subtract(target: dict[Key, Fraction], source: dict[Key, Fraction], factor: Fraction) -> None:
    for key, value in source.items():
        result = target.get(key, Fraction(0)) - factor * value
        if result:
            target[key] = result
        else:
            target.pop(key, None)


def _public_table(table: Table, layout: _Layout, hidden: dict[Figure, str]) -> PublicTable:
    def public(figure: Figure) -> PublicValue:
        if figure in hidden:
            return PublicValue(value=None, shown_as=hidden[figure])
        return PublicValue(value=layout.values[figure])

    row_count, column_count = layout.row_count, layout.column_count
    return PublicTable(
        cells=[
            [public((CELL, row, column)) for column in range(column_count)]
            for row in range(row_count)
        ],
        row_totals=(
            [public((ROW_TOTAL, row, 0)) for row in range(row_count)]
            if table.row_totals is not None
            else None
        ),
        column_totals=(
            [public((COLUMN_TOTAL, 0, column)) for column in range(column_count)]
            if table.column_totals is not None
            else None
        ),
        grand_total=public((GRAND_TOTAL, 0, 0)),
    )


@dataclass(frozen=True)
class Row:
    """A table row: its cells and their total (None when the table shows no total)."""

    cells: Sequence[Count | None]
    total: Count | None = None


@dataclass(frozen=True)
class PublicRow:
    cells: list[PublicValue]
    total: PublicValue


def suppress_row(row: Row) -> PublicRow:
    """A one-row table: primary suppression of every cell and the total, then secondary
    suppression so that no hidden figure equals the total minus the shown cells."""
    public = suppress_table(Table(cells=[row.cells], row_totals=[row.total]))
    assert public.row_totals is not None
    return PublicRow(cells=public.cells[0], total=public.row_totals[0])

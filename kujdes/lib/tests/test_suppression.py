import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

import pytest
from django.test import override_settings
from pytest_django import Settings

from kujdes.lib import suppression
from kujdes.lib.suppression import (
    Count,
    PublicTable,
    PublicValue,
    Row,
    Table,
    determinable_cells,
    suppress,
    suppress_column,
    suppress_row,
    suppress_table,
)

SMALL = PublicValue(value=None, shown_as="<5")
SECONDARY = PublicValue(value=None, shown_as="x")


def shown(*values: int | None) -> list[PublicValue]:
    return [PublicValue(value=value) for value in values]


def with_totals(cells: list[list[int]]) -> Table:
    return Table(
        cells=cells,
        row_totals=[sum(row) for row in cells],
        column_totals=[sum(column) for column in zip(*cells, strict=True)],
        grand_total=sum(map(sum, cells)),
    )


def text(value: PublicValue) -> str:
    if value.hidden:
        return value.shown_as
    return str(value.value)


def grid(public: PublicTable) -> list[list[str]]:
    """The table as a reader sees it: cells with the row total at the end of each row, then
    the column totals with the grand total."""
    lines = [
        [*map(text, row), *([text(public.row_totals[index])] if public.row_totals else [])]
        for index, row in enumerate(public.cells)
    ]
    if public.column_totals is not None:
        lines.append([*map(text, public.column_totals), text(public.grand_total)])
    return lines


def public_table(table: Table, show: Callable[[Count | None], PublicValue]) -> PublicTable:
    """The table with each figure shown as `show` decides, for hidden figures chosen by hand."""

    def each(values: Sequence[Count | None] | None) -> list[PublicValue] | None:
        return None if values is None else [show(value) for value in values]

    return PublicTable(
        cells=[[show(value) for value in row] for row in table.cells],
        row_totals=each(table.row_totals),
        column_totals=each(table.column_totals),
        grand_total=show(table.grand_total),
    )


def fixed_by_brute_force(
    table: Table, public: PublicTable, largest: int
) -> list[tuple[str, int, int]]:
    """The hidden figures that have the same value in every table a reader could fill in:
    each unknown cell from 0 to `largest`, every shown figure as shown, totals as sums.

    Independent of the elimination in the module, so that it is not only checked against
    itself; small tables only.
    """
    row_count, column_count = len(public.cells), len(public.cells[0])
    row_totals, column_totals = public.row_totals, public.column_totals

    def rows_of(index: int) -> list[list[int]]:
        known = [value.value for value in public.cells[index]]
        unknown = [column for column, value in enumerate(known) if value is None]
        rows = []
        for guess in itertools.product(range(largest + 1), repeat=len(unknown)):
            row = [int(value) if value is not None else 0 for value in known]
            for column, value in zip(unknown, guess, strict=True):
                row[column] = value
            if (
                row_totals is None
                or row_totals[index].hidden
                or sum(row) == row_totals[index].value
            ):
                rows.append(row)
        return rows

    def completions() -> Iterator[list[list[int]]]:
        for rows in itertools.product(*(rows_of(index) for index in range(row_count))):
            columns = [sum(column) for column in zip(*rows, strict=True)]
            if column_totals is not None and any(
                not total.hidden and total.value != sum_
                for total, sum_ in zip(column_totals, columns, strict=True)
            ):
                continue
            if not public.grand_total.hidden and public.grand_total.value != sum(columns):
                continue
            yield list(rows)

    seen: dict[tuple[str, int, int], set[int]] = {}
    for rows in completions():
        figures: dict[tuple[str, int, int], int] = {}
        for row, column in itertools.product(range(row_count), range(column_count)):
            figures[("cell", row, column)] = rows[row][column]
        for row in range(row_count):
            figures[("row_total", row, 0)] = sum(rows[row])
        for column in range(column_count):
            figures[("column_total", 0, column)] = sum(
                rows[row][column] for row in range(row_count)
            )
        figures[("grand_total", 0, 0)] = sum(map(sum, rows))
        for figure, value in figures.items():
            seen.setdefault(figure, set()).add(value)
    assert seen, "the true table itself must be one of the completions"
    secrets = []
    for row, column in itertools.product(range(row_count), range(column_count)):
        if table.cells[row][column] is not None and public.cells[row][column].hidden:
            secrets.append(("cell", row, column))
    for row in range(row_count):
        if table.row_totals and table.row_totals[row] is not None and row_totals:
            secrets += [("row_total", row, 0)] if row_totals[row].hidden else []
    for column in range(column_count):
        if table.column_totals and table.column_totals[column] is not None and column_totals:
            secrets += [("column_total", 0, column)] if column_totals[column].hidden else []
    if table.grand_total is not None and public.grand_total.hidden:
        secrets.append(("grand_total", 0, 0))
    return [figure for figure in secrets if len(seen[figure]) == 1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, PublicValue(value=0)),
        (1, SMALL),
        (4, SMALL),
        (Decimal("3"), SMALL),
        (5, PublicValue(value=5)),
        (None, PublicValue(value=None)),
    ],
)
def test_it_hides_counts_from_one_to_four(value: int | None, expected: PublicValue) -> None:
    assert suppress(value) == expected


@override_settings(SUPPRESSION_THRESHOLD=10)
def test_it_follows_the_threshold_setting() -> None:
    assert suppress(9) == PublicValue(value=None, shown_as="<10")
    assert suppress(10) == PublicValue(value=10)


def test_it_hides_the_next_smallest_cell_when_one_cell_is_hidden() -> None:
    public = suppress_row(Row(cells=[3, 20, 10, 40], total=73))

    assert public.cells == [SMALL, shown(20)[0], SECONDARY, shown(40)[0]]
    assert public.total == PublicValue(value=73)


def test_it_leaves_a_row_with_two_hidden_cells_as_it_is() -> None:
    public = suppress_row(Row(cells=[3, 2, 10], total=15))

    assert public.cells == [SMALL, SMALL, PublicValue(value=10)]
    assert public.total == PublicValue(value=15)


def test_it_leaves_a_row_with_every_cell_hidden_as_it_is() -> None:
    public = suppress_row(Row(cells=[1, 2, 4], total=7))

    assert public.cells == [SMALL, SMALL, SMALL]
    assert public.total == PublicValue(value=7)


def test_it_hides_the_total_when_every_other_cell_is_zero() -> None:
    public = suppress_row(Row(cells=[0, 3, 0], total=3 + 0))

    # The total itself is small: two hidden figures already.
    assert public.cells == [PublicValue(value=0), SMALL, PublicValue(value=0)]
    assert public.total == SMALL


def test_it_hides_the_total_when_the_only_other_cells_are_zero() -> None:
    public = suppress_row(Row(cells=[0, 3, 0, 9], total=12))

    assert public.cells == [PublicValue(value=0), SMALL, PublicValue(value=0), SECONDARY]
    assert public.total == PublicValue(value=12)
    only_one = suppress_row(Row(cells=[0, 3], total=30))
    assert only_one.cells == [PublicValue(value=0), SMALL]
    assert only_one.total == SECONDARY


def test_it_hides_a_cell_when_only_the_total_is_small() -> None:
    # Inconsistent input (cells add up to more than the total) must not leak either.
    public = suppress_row(Row(cells=[0, 6, 8], total=4))

    assert public.cells == [PublicValue(value=0), SECONDARY, PublicValue(value=8)]
    assert public.total == SMALL


def test_it_cannot_recompute_a_hidden_cell_in_any_row_of_a_table() -> None:
    table = Table(
        cells=[[1, 7, 12], [0, 0, 0], [6, 7, 8], [2, 9, 0]],
        row_totals=[20, 0, 21, None],
    )
    public = suppress_table(table)

    assert grid(public) == [
        ["<5", "x", "12", "20"],
        ["0", "0", "0", "0"],
        ["6", "7", "8", "21"],
        # Without a total nothing can be recomputed, so only the small count is hidden.
        ["<5", "9", "0", ""],
    ]
    assert public.column_totals is None
    assert public.grand_total == PublicValue(value=None)
    assert determinable_cells(table, public) == []


def test_it_hides_a_rectangle_around_a_single_small_cell() -> None:
    table = with_totals([[3, 20, 30], [15, 40, 50], [25, 35, 45]])

    public = suppress_table(table)

    # The row alone would hide 20, the column 15; 40 then protects both of their lines.
    assert grid(public) == [
        ["<5", "x", "30", "53"],
        ["x", "x", "50", "105"],
        ["25", "35", "45", "105"],
        ["43", "95", "125", "263"],
    ]
    assert determinable_cells(table, public) == []
    assert fixed_by_brute_force(table, public, largest=60) == []


def test_it_protects_a_small_count_in_the_column_totals() -> None:
    table = with_totals([[10, 0, 20], [15, 3, 25], [30, 0, 40]])

    public = suppress_table(table)

    # The small cell needs a second hidden figure in its row, the small column total one in
    # the column totals: 15 and its column's total 55 close the loop with two figures.
    assert grid(public) == [
        ["10", "0", "20", "30"],
        ["x", "<5", "25", "43"],
        ["30", "0", "40", "70"],
        ["x", "<5", "85", "143"],
    ]
    assert determinable_cells(table, public) == []
    assert fixed_by_brute_force(table, public, largest=60) == []


def test_it_protects_a_small_count_in_a_row_of_zeros() -> None:
    table = with_totals([[0, 3, 0], [10, 20, 30], [15, 25, 35]])

    public = suppress_table(table)

    # The row's total is the small count itself; the column hides 20, whose row hides its
    # total, which the row totals need anyway.
    assert grid(public) == [
        ["0", "<5", "0", "<5"],
        ["10", "x", "30", "x"],
        ["15", "25", "35", "75"],
        ["25", "48", "65", "138"],
    ]
    assert determinable_cells(table, public) == []
    assert fixed_by_brute_force(table, public, largest=60) == []


def test_it_protects_two_small_counts_in_the_same_row() -> None:
    table = with_totals([[2, 3, 30], [10, 20, 40], [15, 25, 50]])

    public = suppress_table(table)

    assert grid(public) == [
        ["<5", "<5", "30", "35"],
        ["x", "x", "40", "70"],
        ["15", "25", "50", "90"],
        ["27", "48", "120", "195"],
    ]
    assert determinable_cells(table, public) == []
    assert fixed_by_brute_force(table, public, largest=40) == []


def test_it_protects_the_cell_that_links_two_hidden_rectangles() -> None:
    # Every line has at least two hidden figures, yet the link at row 0, column 2 is the only
    # hidden path between the two rectangles: rows 0 and 1 add up to their totals, so their
    # hidden cells do too, and the rectangle's columns take all of that but the link.
    table = with_totals([[1, 2, 1, 5], [2, 1, 6, 7], [5, 6, 1, 2], [7, 8, 2, 1]])
    primary = public_table(table, suppress)
    assert grid(primary) == [
        ["<5", "<5", "<5", "5", "9"],
        ["<5", "<5", "6", "7", "16"],
        ["5", "6", "<5", "<5", "14"],
        ["7", "8", "<5", "<5", "18"],
        ["15", "17", "10", "15", "57"],
    ]
    assert determinable_cells(table, primary) == [("cell", 0, 2)]
    assert fixed_by_brute_force(table, primary, largest=9) == [("cell", 0, 2)]

    public = suppress_table(table)

    # 5 links row 0 to the other rectangle's column: a second path for the link.
    assert grid(public) == [
        ["<5", "<5", "<5", "x", "9"],
        ["<5", "<5", "6", "7", "16"],
        ["5", "6", "<5", "<5", "14"],
        ["7", "8", "<5", "<5", "18"],
        ["15", "17", "10", "15", "57"],
    ]
    assert determinable_cells(table, public) == []
    assert fixed_by_brute_force(table, public, largest=9) == []


def test_it_only_hides_small_counts_in_a_table_without_totals() -> None:
    table = Table(cells=[[3, 20], [0, 7]])

    public = suppress_table(table)

    assert grid(public) == [["<5", "20"], ["0", "7"]]
    assert public.row_totals is None
    assert public.column_totals is None
    assert public.grand_total == PublicValue(value=None)


def test_it_protects_rows_in_a_table_with_only_row_totals() -> None:
    table = Table(cells=[[3, 20, 9], [0, 7, 12]], row_totals=[32, 19])

    public = suppress_table(table)

    assert grid(public) == [["<5", "20", "x", "32"], ["0", "7", "12", "19"]]
    assert public.column_totals is None
    assert determinable_cells(table, public) == []


def test_it_protects_the_cells_of_a_table_with_only_a_grand_total() -> None:
    # The grand total is the sum of all cells even when no row or column totals are shown.
    table = Table(cells=[[3, 20], [10, 7]], grand_total=40)

    public = suppress_table(table)

    assert grid(public) == [["<5", "x"], ["10", "7"]]
    assert public.grand_total == PublicValue(value=40)
    assert determinable_cells(table, public) == []


def test_it_counts_a_missing_row_total_as_the_sum_of_its_row() -> None:
    # A reader gets the missing total from the grand total, and then the small cell.
    table = Table(cells=[[3, 20], [10, 7]], row_totals=[None, 17], grand_total=40)

    public = suppress_table(table)

    assert grid(public) == [["<5", "x", ""], ["10", "7", "17"]]
    assert public.grand_total == PublicValue(value=40)
    assert determinable_cells(table, public) == []


def test_it_treats_missing_cells_as_unknown_but_not_as_secret() -> None:
    table = Table(
        cells=[[3, None, 20], [10, 7, None], [8, 9, 12]],
        row_totals=[30, 25, 29],
        column_totals=[21, 23, 40],
        grand_total=84,
    )

    public = suppress_table(table)

    # Row 0 and row 1 each have an unknown cell already; column 0 has not.
    assert grid(public) == [
        ["<5", "", "20", "30"],
        ["10", "7", "", "25"],
        ["x", "x", "12", "29"],
        ["21", "23", "40", "84"],
    ]
    assert public.cells[0][1] == PublicValue(value=None, shown_as="")
    assert determinable_cells(table, public) == []
    assert fixed_by_brute_force(table, public, largest=30) == []


def test_it_follows_the_threshold_setting_in_tables(settings: Settings) -> None:
    settings.SUPPRESSION_THRESHOLD = 10
    table = with_totals([[7, 20, 30], [15, 40, 50], [25, 45, 12]])

    public = suppress_table(table)

    assert grid(public) == [
        ["<10", "x", "30", "57"],
        ["x", "x", "50", "105"],
        ["25", "45", "12", "82"],
        ["47", "105", "92", "244"],
    ]
    assert public.cells[0][0] == PublicValue(value=None, shown_as="<10")
    assert determinable_cells(table, public) == []


def test_it_suppresses_a_list_with_its_total() -> None:
    cells, total = suppress_column([12, 3, 0, 25, 8], 48)

    assert cells == [
        PublicValue(value=12),
        SMALL,
        PublicValue(value=0),
        PublicValue(value=25),
        SECONDARY,
    ]
    assert total == PublicValue(value=48)
    assert suppress_column([3, 0], 3) == ([SMALL, PublicValue(value=0)], SMALL)
    assert suppress_column([Decimal("3"), Decimal("12")], Decimal("15")) == (
        [SMALL, SECONDARY],
        PublicValue(value=Decimal("15")),
    )
    assert suppress_column([], 0) == ([], PublicValue(value=0))


def test_it_rejects_a_small_total_of_no_cells() -> None:
    # Hiding cannot help: an empty line's total is zero, whatever the figure says.
    with pytest.raises(ValueError, match="total of no cells"):
        suppress_column([], 3)


def test_it_rejects_a_table_whose_rows_differ_in_length() -> None:
    with pytest.raises(ValueError, match="same number of cells"):
        suppress_table(Table(cells=[[1, 2], [3]]))


def test_it_leaves_narrow_ranges_to_the_reader() -> None:
    # Not handled, as the module says: both hidden cells are at least 1 and add up to 2.
    table = Table(cells=[[1, 1, 20]], row_totals=[22])

    public = suppress_table(table)

    assert grid(public) == [["<5", "<5", "20", "22"]]
    assert determinable_cells(table, public) == []


def random_table(rng: random.Random, *, rows: int, columns: int, counts: list[int]) -> Table:
    """A table with every kind of total, sometimes with some totals or cells missing; the true
    totals count missing cells too, as a table of published figures would."""
    true_cells = [[rng.choice(counts) for _ in range(columns)] for _ in range(rows)]
    cells: list[list[Count | None]] = [
        [None if rng.random() < 0.05 else value for value in row] for row in true_cells
    ]
    row_totals: list[Count | None] = [sum(row) for row in true_cells]
    column_totals: list[Count | None] = [sum(column) for column in zip(*true_cells, strict=True)]
    grand_total: int | None = sum(map(sum, true_cells))
    for totals in (row_totals, column_totals):
        if rng.random() < 0.1:
            totals[rng.randrange(len(totals))] = None
    if rng.random() < 0.1:
        grand_total = None
    return Table(
        cells=cells,
        row_totals=row_totals if rng.random() < 0.85 else None,
        column_totals=column_totals if rng.random() < 0.85 else None,
        grand_total=grand_total,
    )


def figures(table: Table, public: PublicTable) -> Iterator[tuple[Count | None, PublicValue]]:
    for row, public_row in zip(table.cells, public.cells, strict=True):
        yield from zip(row, public_row, strict=True)
    for totals, public_totals in (
        (table.row_totals, public.row_totals),
        (table.column_totals, public.column_totals),
    ):
        assert (totals is None) == (public_totals is None)
        if totals is not None and public_totals is not None:
            yield from zip(totals, public_totals, strict=True)
    yield table.grand_total, public.grand_total


def test_it_never_lets_a_hidden_figure_be_computed_in_random_tables() -> None:
    rng = random.Random(20240611)
    counts = [0, 0, 1, 2, 3, 4, 4, *range(5, 41)]
    for _ in range(300):
        table = random_table(rng, rows=rng.randint(2, 6), columns=rng.randint(2, 6), counts=counts)

        public = suppress_table(table)

        for value, public_value in figures(table, public):
            if public_value.value is not None:
                assert public_value.value == value
                assert not 0 < public_value.value < 5
            elif value is None:
                assert public_value.shown_as == ""
            elif 0 < value < 5:
                assert public_value.shown_as == "<5"
            else:
                assert public_value.shown_as == "x"
        assert determinable_cells(table, public) == []


def test_it_agrees_with_brute_force_on_which_figures_can_be_computed() -> None:
    # Any figures hidden, not only those suppress_table would hide. Every true count is at
    # least 1, so a reader's only limit is the shown figures, not that counts are positive.
    rng = random.Random(7)
    compared = with_computable = 0
    while compared < 200:
        table = random_table(
            rng, rows=rng.randint(2, 3), columns=rng.randint(2, 3), counts=[1, 2, 3]
        )
        public = hide_at_random(rng, table)
        if sum(value.hidden for row in public.cells for value in row) > 5:
            continue

        computable = fixed_by_brute_force(table, public, largest=4)

        assert determinable_cells(table, public) == computable
        compared += 1
        with_computable += bool(computable)
    # Both answers come up often enough for the comparison to mean something.
    assert 150 < with_computable < 180


def test_it_leaves_every_hidden_figure_open_to_brute_force_in_small_tables(
    settings: Settings,
) -> None:
    # With "<2" the counts stay small enough to try every completion of what suppress_table
    # shows; the counts are at least 1, as in the test above.
    settings.SUPPRESSION_THRESHOLD = 2
    rng = random.Random(11)
    checked = 0
    while checked < 150:
        table = random_table(
            rng, rows=rng.randint(2, 3), columns=rng.randint(2, 3), counts=[1, 1, 2, 3]
        )
        public = suppress_table(table)
        if sum(value.hidden for row in public.cells for value in row) > 5:
            continue

        assert fixed_by_brute_force(table, public, largest=4) == []
        checked += 1


def hide_at_random(rng: random.Random, table: Table) -> PublicTable:
    def show(value: Count | None) -> PublicValue:
        return SECONDARY if value is not None and rng.random() < 0.5 else PublicValue(value)

    return public_table(table, show)


def test_the_graph_check_finds_what_the_elimination_finds() -> None:
    # _disclosed (bridges of the lines' graph) decides quickly whether the elimination must
    # run; both must name the same figures for any pattern of unknown figures.
    rng = random.Random(3)
    with_disclosed = 0
    for _ in range(400):
        shape = suppression._shape(rng.randint(1, 7), rng.randint(1, 7))
        share = rng.choice([0.2, 0.4, 0.6])
        unknown = frozenset(figure for figure in shape.order if rng.random() < share)

        by_elimination = {
            figure
            for figure, _lines in suppression._determinable_in_pattern(shape, unknown, unknown)
        }

        assert suppression._disclosed(shape, unknown) == by_elimination
        with_disclosed += bool(by_elimination)
    # Both answers come up often enough for the comparison to mean something.
    assert 300 < with_disclosed < 380

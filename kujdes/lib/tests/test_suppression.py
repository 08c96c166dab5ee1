from decimal import Decimal

import pytest
from django.test import override_settings

from kujdes.lib.suppression import PublicValue, Row, suppress, suppress_row, suppress_table

SMALL = PublicValue(value=None, shown_as="<5")
SECONDARY = PublicValue(value=None, shown_as="x")


def shown(*values: int | None) -> list[PublicValue]:
    return [PublicValue(value=value) for value in values]


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
    rows = [
        Row(cells=[1, 7, 12], total=20),
        Row(cells=[0, 0, 0], total=0),
        Row(cells=[6, 7, 8], total=21),
        Row(cells=[2, 9]),
    ]
    public = suppress_table(rows)

    for row in public[:3]:
        figures = [*row.cells, row.total]
        assert sum(figure.hidden for figure in figures) != 1
    assert public[1].cells == shown(0, 0, 0)
    assert public[2].cells == shown(6, 7, 8)
    # Without a total nothing can be recomputed, so only the small count is hidden.
    assert public[3].cells == [SMALL, PublicValue(value=9)]

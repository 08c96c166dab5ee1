from decimal import Decimal

from kujdes.audit.models import AuditEvent
from kujdes.territory import importers
from kujdes.territory.models import Area, Observation
from kujdes.territory.tests.test_import_support import (
    AREA_HEADER,
    csv_bytes,
    observations_csv,
    observations_import,
    statistics_create,
)
from tests.personas import Cast

ROWS = [
    ["POPULATION", "AL-BULQIZE", "2023", "T", "TOTAL", "CENSUS-2023", "28000", ""],
    ["POPULATION", "AL-BULQIZE", "2023", "F", "TOTAL", "CENSUS-2023", "14100,5", "po"],
    ["HOUSEHOLDS", "AL-BULQIZE-ZERQAN", "2023", "T", "TOTAL", "CENSUS-2023", "900", ""],
]


def snapshot() -> list[tuple[int, Decimal, bool]]:
    return list(Observation.objects.order_by("id").values_list("id", "value", "provisional"))


def test_it_changes_nothing_when_the_same_file_is_imported_twice(cast: Cast) -> None:
    statistics_create()
    data = observations_csv(ROWS, delimiter=";")
    first = observations_import(data, actor=cast.planner)
    before = snapshot()
    second = observations_import(data, actor=cast.planner)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.errors, second.created, second.updated, second.unchanged) == ([], 0, 0, 3)
    assert snapshot() == before
    assert Observation.objects.count() == 3
    assert [event.payload for event in AuditEvent.objects.filter(verb="observations.imported")] == [
        {"created": 0, "updated": 0, "unchanged": 3},
        {"created": 3, "updated": 0, "unchanged": 0},
    ]


def test_it_updates_only_the_rows_whose_value_or_flag_changed(cast: Cast) -> None:
    statistics_create()
    observations_import(observations_csv(ROWS, delimiter=";"), actor=cast.planner)
    changed = [ROWS[0], [*ROWS[1][:6], "14100,5", ""], [*ROWS[2][:6], "901", ""]]
    changed.append(["POPULATION", "AL-BULQIZE", "2023", "M", "TOTAL", "CENSUS-2023", "1", ""])
    report = observations_import(observations_csv(changed, delimiter=";"), actor=cast.planner)
    assert (report.created, report.updated, report.unchanged) == (1, 2, 1)
    assert list(
        Observation.objects.order_by("variable__code", "sex").values_list(
            "variable__code", "sex", "value", "provisional"
        )
    ) == [
        ("HOUSEHOLDS", "T", Decimal("901.00"), False),
        ("POPULATION", "F", Decimal("14100.50"), False),
        ("POPULATION", "M", Decimal("1.00"), False),
        ("POPULATION", "T", Decimal("28000.00"), False),
    ]


def test_it_reports_a_reimported_area_file_as_unchanged(cast: Cast) -> None:
    rows = [
        ["AL-BULQIZE-ZERQAN", "AL-BULQIZE", "admin_unit", "Zerqan", "", "", ""],
        ["AL-BULQIZE-GJORICE", "AL-BULQIZE", "admin_unit", "Gjoricë", "Gjorica", "", "12,5"],
    ]
    data = csv_bytes([AREA_HEADER, *rows], delimiter=";")
    first = importers.import_upload(kind="areas", data=data, filename="a.csv", actor=cast.planner)
    count = Area.objects.count()
    second = importers.import_upload(kind="areas", data=data, filename="a.csv", actor=cast.planner)
    assert (first.errors, first.created, first.updated, first.unchanged) == ([], 1, 0, 1)
    assert (second.errors, second.created, second.updated, second.unchanged) == ([], 0, 0, 2)
    assert Area.objects.count() == count

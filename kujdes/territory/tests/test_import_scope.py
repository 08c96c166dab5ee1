from django.utils import translation

from kujdes.territory import importers
from kujdes.territory.models import Area, Observation
from kujdes.territory.tests.test_import_support import (
    AREA_HEADER,
    csv_bytes,
    errors_of,
    observations_csv,
    observations_import,
    statistics_create,
)
from tests.personas import Cast

PUKE_ROW = ["POPULATION", "AL-PUKE", "2023", "T", "TOTAL", "CENSUS-2023", "1", ""]
BULQIZE_ROW = ["POPULATION", "AL-BULQIZE", "2023", "T", "TOTAL", "CENSUS-2023", "2", ""]


def test_it_refuses_an_area_outside_the_planners_scope_like_an_unknown_one(cast: Cast) -> None:
    statistics_create()
    rows = [BULQIZE_ROW, PUKE_ROW, [*PUKE_ROW[:1], "AL-NOWHERE", *PUKE_ROW[2:]]]
    with translation.override("en"):
        report = observations_import(observations_csv(rows), actor=cast.planner)
    assert errors_of(report) == [
        (3, "B (area)", "unknown area code “AL-PUKE”"),
        (4, "B (area)", "unknown area code “AL-NOWHERE”"),
    ]
    assert Observation.objects.count() == 0


def test_it_lets_an_administrator_import_anywhere_in_their_subtree(cast: Cast) -> None:
    statistics_create()
    report = observations_import(
        observations_csv([BULQIZE_ROW, PUKE_ROW]), actor=cast.administrator
    )
    assert (report.errors, report.created) == ([], 2)


def test_it_refuses_areas_outside_the_planners_scope(cast: Cast) -> None:
    rows = [
        ["AL-PUKE-NEW", "AL-PUKE", "admin_unit", "E re", "", "", ""],
        ["AL-PUKE", "AL-BULQIZE", "municipality", "Pukë", "", "", ""],
        ["XK", "", "country", "Kosovë", "", "", ""],
        ["AL-BULQIZE", "AL-QARK-DIBER", "country", "HACKED", "", "", ""],
        ["XK-PEJE", "AL-BULQIZE", "admin_unit", "Pejë", "", "", ""],
        ["AL-BULQIZE-ZERQAN-X", "AL-BULQIZE-ZERQAN", "country", "X", "", "", ""],
        ["AL-BULQIZE-NEW", "AL-BULQIZE", "admin_unit", "E re", "", "", ""],
    ]
    with translation.override("en"):
        report = importers.import_upload(
            kind="areas", data=csv_bytes([AREA_HEADER, *rows]), filename="a.csv", actor=cast.planner
        )
    assert errors_of(report) == [
        (
            2,
            "B (parent_code)",
            "unknown area code “AL-PUKE”; a parent must exist or come earlier",
        ),
        (3, "A (code)", "the code “AL-PUKE” cannot be used"),
        (
            3,
            "C (level)",
            "an area of level “municipality” cannot lie within one of level “municipality”",
        ),
        (4, "B (parent_code)", "empty: a value is required"),
        # The municipality the planner holds is shared with the levels above it.
        (5, "A (code)", "the code “AL-BULQIZE” cannot be used"),
        (6, "A (code)", "a new code must begin with its parent's code: “AL-BULQIZE-…”"),
        (
            7,
            "C (level)",
            "an area of level “country” cannot lie within one of level “admin_unit”",
        ),
    ]
    assert not Area.objects.filter(code__endswith="-NEW").exists()
    assert Area.objects.get(code="AL-BULQIZE").name_sq == "Bulqizë"

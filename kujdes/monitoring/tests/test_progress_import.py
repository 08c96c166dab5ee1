"""A year's progress of a plan's activities as a workbook: downloaded with what the review
records, filled in and uploaded again, all or nothing, every problem reported by line and
column in the reader's language."""

import io
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kujdes.accounts.models import Role, User
from kujdes.audit.models import AuditEvent
from kujdes.directory.models import FundingSource
from kujdes.monitoring import importers
from kujdes.monitoring.importers import ProgressImport, progress_import, progress_workbook
from kujdes.monitoring.models import ActivityProgress, Review
from kujdes.monitoring.services import activity_progress_set, review_open
from kujdes.planning.models import Activity, ActivityCost, Measure, Objective, Plan
from kujdes.planning.services import activity_save, measure_save, objective_save
from tests.personas import OBJECTIVE_BULQIZE, PLAN_BULQIZE, PLAN_BULQIZE_ADOPTED, Cast

BUDGET, DONOR = FundingSource.MUNICIPAL_BUDGET, FundingSource.DONOR
HEADER = [
    "Specific objective",
    "Measure",
    "Number",
    "Activity",
    "Responsible",
    "Period",
    "Planned cost 2026 (ALL)",
    "Status 2026",
    "Progress 2026 (%)",
    "Note 2026",
    "Key (do not change)",
]
STATUS, PERCENT, NOTE, KEY = (
    "H (Status 2026)",
    "I (Progress 2026 (%))",
    "J (Note 2026)",
    "K (Key (do not change))",
)
PERCENT_OF_STATUS = (
    "An activity not started stands at 0 % and a completed one at 100 %; change the status or "
    "the progress."
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _activity(measure: Measure, number: str, name: str, costs: dict[Any, Decimal]) -> Activity:
    return activity_save(
        actor=None,
        measure=measure,
        values={
            "number": number,
            "name_sq": f"{name} (sq)",
            "name_en": name,
            "responsible": "Drejtoria e Shërbimeve Sociale" if number == "1" else "",
            "start_year": 2026,
            "end_year": 2027,
        },
        partners=[],
        target_groups=[],
        units=[],
        costs=costs,
    )


@pytest.fixture
def review(cast: Cast) -> Review:
    """Bulqizë's plan 2026–2028 in implementation, its year 2026 under review. Objective 1.1 has
    measure 1.1.1 with activities 1 and 2, and measure 1.1.2 with activities 1 (the number
    again) and 3. Activity 2 is recorded already: delayed at 30 %."""
    plan = Plan.objects.get(pk=PLAN_BULQIZE)
    strategic = objective_save(actor=None, plan=plan, values={"number": "1", "name_sq": "S"})
    specific = objective_save(
        actor=None, plan=plan, values={"number": "1.1", "name_sq": "P", "parent": strategic}
    )
    first, second = (
        measure_save(
            actor=None,
            objective=specific,
            values={"number": number, "name_sq": number, "position": position},
            gaps=[],
        )
        for position, number in enumerate(("1.1.1", "1.1.2"))
    )
    _activity(
        first,
        "1",
        "Day centre",
        {(2026, BUDGET): Decimal(1_000_000), (2026, DONOR): Decimal(500_000)},
    )
    delayed = _activity(first, "2", "Home care", {(2027, BUDGET): Decimal(800_000)})
    _activity(second, "1", "Foster families", {})
    _activity(second, "3", "Training", {(2026, BUDGET): Decimal("250000.50")})
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_IMPLEMENTATION)
    plan.refresh_from_db()
    review = review_open(actor=None, plan=plan, year=2026)
    activity_progress_set(
        actor=None,
        review=review,
        activity=delayed,
        status="delayed",
        percent=30,
        note="Mungon stafi",
    )
    return review


def _key(review: Review, measure: str, number: str) -> str:
    activity = Activity.objects.get(
        measure__objective__plan=review.plan, measure__number=measure, number=number
    )
    return str(activity.pk)


def _download(review: Review, language: str = "en") -> Workbook:
    with translation.override(language):
        return openpyxl.load_workbook(io.BytesIO(progress_workbook(review)))


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(
    sheet: Worksheet, line: int, status: object, percent: object, note: object = None
) -> None:
    sheet[f"H{line}"], sheet[f"I{line}"], sheet[f"J{line}"] = status, percent, note


def _import(
    review: Review, workbook: Workbook | bytes, actor: User | None = None
) -> ProgressImport:
    data = workbook if isinstance(workbook, bytes) else _bytes(workbook)
    return progress_import(actor=actor, review=review, file=io.BytesIO(data))


def _errors(report: ProgressImport) -> list[tuple[int, str, str]]:
    return [(error.line, error.column, error.message) for error in report.errors]


def _recorded(review: Review) -> dict[tuple[str, str], tuple[str, int, str, int]]:
    """(measure, activity number) → status, percent, note and version of what is recorded."""
    return {
        (progress.activity.measure.number, progress.activity.number): (
            progress.status,
            progress.percent,
            progress.note,
            progress.version,
        )
        for progress in ActivityProgress.objects.filter(review=review).select_related(
            "activity__measure"
        )
    }


def _events() -> int:
    return AuditEvent.objects.filter(verb="activity_progress.set").count()


def _values(sheet: Worksheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


# ── The workbook ─────────────────────────────────────────────────────────────────────────────


def test_it_lists_every_activity_in_plan_order_with_what_the_review_records(
    review: Review,
) -> None:
    workbook = _download(review)

    sheet = workbook.worksheets[0]
    assert sheet.title == "Progress 2026"
    assert _values(sheet) == [
        HEADER,
        [
            "1.1",
            "1.1.1",
            "1",
            "Day centre",
            "Drejtoria e Shërbimeve Sociale",
            "2026–2027",
            1500000,
            None,
            None,
            None,
            _key(review, "1.1.1", "1"),
        ],
        [
            "1.1",
            "1.1.1",
            "2",
            "Home care",
            None,
            "2026–2027",
            None,
            "delayed",
            30,
            "Mungon stafi",
            _key(review, "1.1.1", "2"),
        ],
        [
            "1.1",
            "1.1.2",
            "1",
            "Foster families",
            "Drejtoria e Shërbimeve Sociale",
            "2026–2027",
            None,
            None,
            None,
            None,
            _key(review, "1.1.2", "1"),
        ],
        [
            "1.1",
            "1.1.2",
            "3",
            "Training",
            None,
            "2026–2027",
            250000.5,
            None,
            None,
            None,
            _key(review, "1.1.2", "3"),
        ],
    ]
    assert sheet.freeze_panes == "E2"
    assert sheet.protection.sheet is True
    assert [cell.protection.locked for cell in sheet[2]] == [True] * 7 + [False] * 3 + [True]
    assert sheet["G2"].number_format == "#,##0.00"
    rules = {
        str(rule.sqref): (rule.type, rule.formula1, rule.formula2)
        for rule in sheet.data_validations.dataValidation
    }
    assert rules == {
        "H2:H5": ("list", "'Statuses'!$A$1:$A$5", None),
        "I2:I5": ("whole", "0", "100"),
    }
    statuses = workbook["Statuses"]
    assert statuses.sheet_state == "hidden"
    assert _values(statuses) == [
        ["not started"],
        ["on track"],
        ["delayed"],
        ["completed"],
        ["cancelled"],
    ]


def test_the_workbook_takes_as_many_queries_whatever_the_plans_size(review: Review) -> None:
    with CaptureQueriesContext(connection) as small:
        progress_workbook(review)
    measure = Measure.objects.get(objective__plan=review.plan, number="1.1.2")
    for number in ("4", "5", "6"):
        # Written directly: the plan is adopted, so its services refuse new activities.
        activity = Activity.objects.create(
            measure=measure, number=number, name_sq=number, start_year=2026, end_year=2026
        )
        ActivityCost.objects.create(activity=activity, year=2026, source=DONOR, amount=10)
        activity_progress_set(
            actor=None, review=review, activity=activity, status="on_track", percent=10
        )

    with CaptureQueriesContext(connection) as large:
        progress_workbook(review)

    assert len(large) == len(small)


def test_it_is_written_in_the_readers_language(review: Review) -> None:
    sheet = _download(review, "sq").worksheets[0]

    assert sheet["D2"].value == "Day centre (sq)"
    assert sheet["H3"].value == "me vonesë"
    assert _values(_download(review, "sq").worksheets[1])[0] == ["nuk ka filluar"]


def test_text_that_looks_like_a_formula_stays_text(review: Review) -> None:
    Activity.objects.filter(number="3").update(name_en='=HYPERLINK("http://x")')

    sheet = _download(review).worksheets[0]

    assert sheet["D5"].data_type == "s"
    assert sheet["D5"].value == '=HYPERLINK("http://x")'


# ── Importing ────────────────────────────────────────────────────────────────────────────────


def test_it_sets_the_progress_of_every_row_that_changes_and_leaves_the_others(
    cast: Cast, review: Review
) -> None:
    workbook = _download(review)
    sheet = workbook.worksheets[0]
    _fill(sheet, 2, "on track", 40, "  Hapur në mars ")
    _fill(sheet, 4, "completed", None)
    _fill(sheet, 5, "not started", None)
    events = _events()

    report = _import(review, workbook, cast.planner)

    assert _errors(report) == []
    assert (report.created, report.updated, report.unchanged, report.skipped) == (3, 0, 1, 0)
    assert _recorded(review) == {
        ("1.1.1", "1"): ("on_track", 40, "Hapur në mars", 1),
        ("1.1.1", "2"): ("delayed", 30, "Mungon stafi", 1),
        ("1.1.2", "1"): ("completed", 100, "", 1),
        ("1.1.2", "3"): ("not_started", 0, "", 1),
    }
    set_now = AuditEvent.objects.filter(verb="activity_progress.set").order_by("pk")[events:]
    assert [
        (event.actor_id, event.payload["status"], event.payload["percent"]) for event in set_now
    ] == [
        (cast.planner.pk, "on_track", 40),
        (cast.planner.pk, "completed", 100),
        (cast.planner.pk, "not_started", 0),
    ]


def test_importing_the_same_file_again_changes_nothing(cast: Cast, review: Review) -> None:
    workbook = _download(review)
    _fill(workbook.worksheets[0], 3, "on track", 55, "Stafi u punësua")
    assert _import(review, workbook, cast.planner).ok
    recorded, events = _recorded(review), _events()

    report = _import(review, workbook, cast.planner)

    assert (report.created, report.updated, report.unchanged, report.skipped) == (0, 0, 1, 3)
    assert _recorded(review) == recorded
    assert recorded[("1.1.1", "2")] == ("on_track", 55, "Stafi u punësua", 2)
    assert _events() == events


def test_a_row_left_empty_keeps_what_the_review_records(cast: Cast, review: Review) -> None:
    workbook = _download(review)
    _fill(workbook.worksheets[0], 3, None, None, None)

    report = _import(review, workbook, cast.planner)

    assert (report.ok, report.skipped, report.unchanged) == (True, 4, 0)
    assert _recorded(review) == {("1.1.1", "2"): ("delayed", 30, "Mungon stafi", 1)}


@pytest.mark.parametrize("language", ["sq", "sr-latn", "en"])
def test_it_reads_titles_and_statuses_in_every_language(
    cast: Cast, review: Review, language: str
) -> None:
    workbook = _download(review, language)
    sheet = workbook.worksheets[0]
    _fill(sheet, 2, "nuk ka filluar", None)
    _fill(sheet, 3, "prema planu", 45)
    _fill(sheet, 4, "  COMPLETED ", "100 %")
    _fill(sheet, 5, "on_track", "60")

    report = _import(review, workbook, cast.planner)

    assert _errors(report) == []
    assert {key: value[:2] for key, value in _recorded(review).items()} == {
        ("1.1.1", "1"): ("not_started", 0),
        ("1.1.1", "2"): ("on_track", 45),
        ("1.1.2", "1"): ("completed", 100),
        ("1.1.2", "3"): ("on_track", 60),
    }


def test_it_reads_columns_named_by_their_keys(cast: Cast, review: Review) -> None:
    workbook = _download(review)
    sheet = workbook.worksheets[0]
    for cell, key in zip(sheet[1], importers.COLUMNS, strict=True):
        cell.value = key.upper()
    sheet["K1"] = "id"
    _fill(sheet, 2, "delayed", 5)

    report = _import(review, workbook, cast.planner)

    assert _errors(report) == []
    assert _recorded(review)[("1.1.1", "1")][:2] == ("delayed", 5)


def test_a_row_without_its_key_is_matched_by_its_numbers(cast: Cast, review: Review) -> None:
    workbook = _download(review)
    sheet = workbook.worksheets[0]
    sheet.delete_cols(11)
    _fill(sheet, 4, "on track", 20)

    report = _import(review, workbook, cast.planner)

    assert _errors(report) == []
    assert _recorded(review)[("1.1.2", "1")][:2] == ("on_track", 20)


# ── Problems ─────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("status", "percent", "expected"),
    [
        ("on track", 12.5, [(2, PERCENT, "not a whole number: 12.5")]),
        ("on track", "abc", [(2, PERCENT, "not a number: “abc”")]),
        ("on track", 150, [(2, PERCENT, "Progress lies between 0 and 100 %.")]),
        ("on track", -5, [(2, PERCENT, "Progress lies between 0 and 100 %.")]),
        ("on track", "=50+1", [(2, PERCENT, "a formula, not a value: paste values only")]),
        ("not started", 40, [(2, PERCENT, PERCENT_OF_STATUS)]),
        ("completed", 90, [(2, PERCENT, PERCENT_OF_STATUS)]),
        ("delayed", None, [(2, PERCENT, "empty: a value is required")]),
        (None, 40, [(2, STATUS, "empty: a value is required")]),
        (
            "finished",
            40,
            [
                (
                    2,
                    STATUS,
                    "unknown status “finished”: choose one of not started, on track, delayed, "
                    "completed, cancelled",
                )
            ],
        ),
    ],
)
def test_it_refuses_a_bad_status_or_progress(
    cast: Cast, review: Review, status: object, percent: object, expected: list[Any]
) -> None:
    workbook = _download(review)
    _fill(workbook.worksheets[0], 2, status, percent)

    report = _import(review, workbook, cast.planner)

    assert _errors(report) == expected
    assert (report.created, report.updated, report.unchanged, report.skipped) == (0, 0, 0, 0)
    assert _recorded(review) == {("1.1.1", "2"): ("delayed", 30, "Mungon stafi", 1)}


def test_it_reports_every_problem_of_every_row_at_once(cast: Cast, review: Review) -> None:
    # An activity of Bulqizë's earlier plan.
    specific = Objective.objects.create(
        plan_id=PLAN_BULQIZE_ADOPTED, parent_id=OBJECTIVE_BULQIZE, number="1.1"
    )
    elsewhere = Activity.objects.create(
        measure=Measure.objects.create(objective=specific, number="1.1.1"),
        number="1",
        start_year=2021,
        end_year=2022,
    )
    unknown = uuid.uuid4()
    workbook = _download(review)
    sheet = workbook.worksheets[0]
    _fill(sheet, 2, "on track", 10)
    _fill(sheet, 3, None, None, "Vetëm shënim")
    _fill(sheet, 5, "on track", 10)
    sheet["B5"] = "1.1.1"
    for row in (
        [
            "1.1",
            "1.1.1",
            "1",
            None,
            None,
            None,
            None,
            "on track",
            20,
            None,
            _key(review, "1.1.1", "1"),
        ],
        [None, None, None, None, None, None, None, "finished", 10, None, "not-a-key"],
        [None, None, None, None, None, None, None, "on track", 10, "=A1", str(unknown)],
        [None, None, None, None, None, None, None, "on track", 10, None, str(elsewhere.pk)],
        ["1.1", "1.1.9", "1", None, None, None, None, "on track", 10, None, None],
        ["1.1", None, "1", None, None, None, None, "on track", 10, None, None],
    ):
        sheet.append(row)
    sheet["L12"] = "a stray value"
    recorded, events = _recorded(review), _events()

    report = _import(review, workbook, cast.planner)

    assert _errors(report) == [
        (3, NOTE, "a note without a status: choose the activity's status, or leave it empty"),
        (
            5,
            "B (Measure)",
            "the key is that of activity 3 of measure 1.1.2: the row's numbers do not match it",
        ),
        (6, KEY, "the same activity as line 2"),
        (
            7,
            STATUS,
            "unknown status “finished”: choose one of not started, on track, delayed, "
            "completed, cancelled",
        ),
        (7, KEY, "not a valid id: “not-a-key”"),
        (8, NOTE, "a formula, not a value: paste values only"),
        (8, KEY, f"no activity of this plan has the key “{unknown}”"),
        (
            9,
            KEY,
            "the key is that of an activity of another plan, or of another version of this plan: "
            "download this review's workbook",
        ),
        (
            10,
            "C (Number)",
            "no activity of the plan is numbered 1 under measure 1.1.9 of objective 1.1",
        ),
        (11, "B (Measure)", "empty: a value is required"),
        (12, "L", "a value in a column without a header"),
    ]
    assert _recorded(review) == recorded
    assert _events() == events


def test_numbers_that_name_more_than_one_activity_need_the_key(cast: Cast, review: Review) -> None:
    workbook = _download(review)
    Activity.objects.create(
        measure=Measure.objects.get(objective__plan=review.plan, number="1.1.2"),
        number="3",
        start_year=2026,
        end_year=2026,
    )
    sheet = workbook.worksheets[0]
    _fill(sheet, 5, "on track", 10)
    sheet["K5"] = None

    report = _import(review, workbook, cast.planner)

    assert _errors(report) == [
        (
            5,
            "C (Number)",
            "more than one activity of the plan has these numbers: give the key from the "
            "workbook downloaded from this page",
        )
    ]


def test_one_bad_row_among_good_ones_changes_nothing(cast: Cast, review: Review) -> None:
    workbook = _download(review)
    sheet = workbook.worksheets[0]
    _fill(sheet, 2, "on track", 40)
    _fill(sheet, 3, "completed", 100)
    _fill(sheet, 4, "cancelled", 0)
    # Read well, refused only by the service: the rows before it were set, and are undone.
    _fill(sheet, 5, "not started", 10)
    recorded, events = _recorded(review), _events()

    report = _import(review, workbook, cast.planner)

    assert _errors(report) == [(5, PERCENT, PERCENT_OF_STATUS)]
    assert (report.created, report.updated, report.unchanged, report.skipped) == (0, 0, 0, 0)
    assert recorded == {("1.1.1", "2"): ("delayed", 30, "Mungon stafi", 1)}
    assert _recorded(review) == recorded
    assert _events() == events


def test_a_row_someone_changed_meanwhile_undoes_the_whole_import(
    cast: Cast, review: Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = _download(review)
    sheet = workbook.worksheets[0]
    _fill(sheet, 2, "on track", 40)
    _fill(sheet, 3, "on track", 60)
    recorded, events = _recorded(review), _events()
    service = importers.activity_progress_set

    def saved_meanwhile(**values: Any) -> ActivityProgress:
        ActivityProgress.objects.filter(activity=values["activity"]).update(
            version=F("version") + 1
        )
        return service(**values)

    monkeypatch.setattr(importers, "activity_progress_set", saved_meanwhile)

    report = _import(review, workbook, cast.planner)

    assert _errors(report) == [
        (
            3,
            "",
            "Someone changed this activity's progress while the file was imported; import the "
            "file again.",
        )
    ]
    assert _recorded(review) == recorded
    assert _events() == events


def test_it_refuses_a_file_that_is_not_an_xlsx_workbook(cast: Cast, review: Review) -> None:
    message = (
        "The file is not an XLSX workbook. Upload the progress workbook downloaded from this "
        "page, saved as XLSX."
    )
    assert _errors(_import(review, b"Status 2026;Progress 2026 (%)\n")) == [(1, "", message)]
    assert _errors(_import(review, b"PK\x03\x04 not a zip")) == [
        (1, "", "The file could not be read as a CSV or XLSX file.")
    ]


def test_it_refuses_an_empty_sheet(review: Review) -> None:
    assert _errors(_import(review, openpyxl.Workbook())) == [(1, "", "The file is empty.")]
    workbook = _download(review)
    workbook.worksheets[0].delete_rows(2, 4)

    assert _errors(_import(review, workbook)) == [
        (2, "", "The sheet lists no activities: only its header is filled in.")
    ]


def test_it_refuses_a_sheet_without_a_column_or_with_a_foreign_one(review: Review) -> None:
    workbook = _download(review)
    workbook.worksheets[0].delete_cols(8)
    assert _errors(_import(review, workbook)) == [
        (1, "Status 2026", "the required column “Status 2026” is missing")
    ]

    workbook = _download(review)
    workbook.worksheets[0]["L1"] = "Budget"
    assert _errors(_import(review, workbook)) == [(1, "L (Budget)", "unknown column “Budget”")]


def test_it_refuses_the_sheet_of_another_year(review: Review) -> None:
    workbook = _download(review)
    workbook.worksheets[0]["H1"] = "Status 2027"

    assert _errors(_import(review, workbook)) == [
        (
            1,
            "H (Status 2027)",
            "this column is of 2027, and this is the review of 2026: download the workbook of "
            "2026 from this page",
        )
    ]


def test_problems_are_told_in_the_active_language(cast: Cast, review: Review) -> None:
    workbook = _download(review)
    sheet = workbook.worksheets[0]
    _fill(sheet, 2, "on track", 12.5)
    _fill(sheet, 3, None, 40)
    _fill(sheet, 4, "not started", 10)

    with translation.override("sq"):
        report = _import(review, workbook, cast.planner)

    assert [(line, message) for line, _column, message in _errors(report)] == [
        (2, "nuk është numër i plotë: 12.5"),
        (3, "bosh: kërkohet një vlerë"),
        (
            4,
            "Një aktivitet që nuk ka filluar është në 0 % dhe një i përfunduar në 100 %; "
            "ndryshoni statusin ose ecurinë.",
        ),
    ]


# ── The pages ────────────────────────────────────────────────────────────────────────────────


def _upload(client: Client, review: Review, data: bytes) -> Any:
    return client.post(
        _page(review, "progress/import/"),
        {"file": SimpleUploadedFile("progress.xlsx", data)},
    )


def _page(review: Review, path: str) -> str:
    return f"/monitoring/AL-BULQIZE/plans/{review.plan_id}/reviews/{review.year}/{path}"


def test_a_planner_downloads_fills_and_uploads_the_workbook(cast: Cast, review: Review) -> None:
    client = Client()
    client.cookies["kujdes_language"] = "en"
    client.force_login(cast.planner)

    download = client.get(_page(review, "progress.xlsx"))

    assert download.status_code == 200
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert download["Content-Disposition"] == (
        'attachment; filename="progress-AL-BULQIZE-2026-2028-2026.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(download.content))
    sheet = workbook.worksheets[0]
    _fill(sheet, 2, "on track", 40)
    _fill(sheet, 4, "cancelled", 0, "Pa fonde")

    response = _upload(client, review, _bytes(workbook))

    assert response.status_code == 302
    assert response["Location"] == _page(review, "progress/import/")
    page = client.get(response["Location"])
    assert f'href="{_page(review, "progress.xlsx")}"' in page.content.decode()
    assert f'href="{_page(review, "")}"' in page.content.decode()
    assert (
        "The progress of 2026 is imported. Activities changed: 2; unchanged: 1; skipped, "
        "without a status: 1." in page.content.decode()
    )
    assert {key: value[:3] for key, value in _recorded(review).items()} == {
        ("1.1.1", "1"): ("on_track", 40, ""),
        ("1.1.1", "2"): ("delayed", 30, "Mungon stafi"),
        ("1.1.2", "1"): ("cancelled", 0, "Pa fonde"),
    }


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("Line", "Problem", "not a whole number: 12.5")),
        ("sq", ("Rreshti", "Problemi", "nuk është numër i plotë: 12.5")),
    ],
)
def test_a_refused_upload_lists_every_problem_in_the_readers_language(
    cast: Cast, review: Review, language: str, words: tuple[str, ...]
) -> None:
    client = Client()
    client.force_login(cast.planner)
    client.cookies["kujdes_language"] = language
    workbook = _download(review)
    _fill(workbook.worksheets[0], 2, "on track", 12.5)
    _fill(workbook.worksheets[0], 5, "on track", 20)

    response = _upload(client, review, _bytes(workbook))

    assert response.status_code == 400
    html = response.content.decode()
    line, problem, message = words
    assert f'<th scope="col" class="number">{line}</th>' in html
    assert f'<th scope="col">{problem}</th>' in html
    # The column's title is in the reader's language too, once translated.
    assert '<tr><td class="number">2</td><td>I (' in html
    assert f"</td><td>{message}</td></tr>" in html
    assert _recorded(review) == {("1.1.1", "2"): ("delayed", 30, "Mungon stafi", 1)}


@pytest.mark.parametrize(
    ("persona", "download", "page", "upload"),
    [
        ("anonymous", 302, 302, 302),
        (Role.PLANNER, 200, 200, 302),
        ("municipal_administrator", 200, 200, 302),
        (Role.CASE_WORKER, 200, 404, 404),
        (Role.ADVISORY_MEMBER, 200, 404, 404),
        (f"{Role.PLANNER}@other", 404, 404, 404),
        (f"{Role.CASE_WORKER}@other", 404, 404, 404),
        ("national_viewer", 200, 404, 404),
        ("no_role", 404, 404, 404),
    ],
)
def test_readers_download_and_only_editors_import(
    cast: Cast, review: Review, persona: str, download: int, page: int, upload: int
) -> None:
    workbook = _download(review)
    _fill(workbook.worksheets[0], 2, "completed", 100)
    client = Client()
    user = cast.persona(persona)
    if user is not None:
        client.force_login(user)
    events = _events()

    assert client.get(_page(review, "progress.xlsx")).status_code == download
    assert client.get(_page(review, "progress/import/")).status_code == page
    assert _upload(client, review, _bytes(workbook)).status_code == upload

    if upload != 302 or persona == "anonymous":
        assert _recorded(review) == {("1.1.1", "2"): ("delayed", 30, "Mungon stafi", 1)}
        assert _events() == events

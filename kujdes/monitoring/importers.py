"""A year's progress of a plan's activities as an XLSX workbook, and its import.

Planners download the review year's progress sheet (one row per activity of the plan in plan
order, with what the review records already filled in), fill in each activity's status,
progress and note, and upload it. The sheet is read in any of Kujdes's languages: column titles
and statuses by their label in Albanian, Serbian (Latin) or English, statuses also by code.

A row names its activity by the key column (the activity's id): activity numbers repeat across
measures, and a key survives rows being sorted or filtered. A row without a key names its
activity by its objective, measure and activity numbers, where they identify one activity of
the plan. The numbers of a row with a key must be its activity's, so that a key pasted onto the
wrong row is caught rather than applied to another activity.

A row with neither status nor progress is skipped, and the review keeps what it records. A
status without progress means 0 % when not started and 100 % when completed.

All or nothing: every row is read first, then the rows that read well are set through
`activity_progress_set` in one transaction. The service applies its own rules (progress from 0
to 100, a status that agrees with it); if it refuses any row, or any row could not be read, the
transaction is rolled back. So every problem of the file is reported at once, by line and
column, and nothing is written. Rows that leave an activity as the review has it are not
rewritten.
"""

import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from typing import IO

import openpyxl
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import quote_sheetname
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from kujdes.accounts.models import User
from kujdes.directory.services import EditConflict
from kujdes.documents.xlsx import row_append
from kujdes.lib.importing import ColumnChecker, ImportReport, RowError
from kujdes.lib.tabular import Cell, Table, TableError, column_letter, read_table
from kujdes.monitoring.models import ActivityProgress, Review
from kujdes.monitoring.services import activity_progress_set
from kujdes.planning.models import Activity
from kujdes.planning.selectors import plan_tree
from kujdes.planning.services import InvalidInput

Status = ActivityProgress.Status

# The sheet's columns, in order: where the activity stands in the plan, then what the planners
# fill in, then the key.
COLUMNS = (
    "objective",
    "measure",
    "number",
    "activity",
    "responsible",
    "period",
    "planned",
    "status",
    "percent",
    "note",
    "key",
)
FILLED = ("status", "percent", "note")
NUMBERS = ("objective", "measure", "number")
# Columns that only inform the reader, and the key (rows may name activities by number).
OPTIONAL = frozenset({"activity", "responsible", "period", "planned", "key"})
# Columns whose title names the review's year: a sheet of another year is refused as such.
OF_THE_YEAR = ("planned", "status", "percent", "note")
WIDTHS = {
    "objective": 11,
    "measure": 11,
    "number": 10,
    "activity": 48,
    "responsible": 24,
    "period": 12,
    "planned": 16,
    "status": 18,
    "percent": 12,
    "note": 48,
    "key": 38,
}
XLSX_SIGNATURE = b"PK\x03\x04"
KEY_FONT = Font(color="808080")


def _folded(text: str) -> str:
    """Text compared as people mean it: case and runs of spaces aside."""
    return " ".join(text.split()).casefold()


def _letter(key: str) -> str:
    return column_letter(COLUMNS.index(key))


def _titles(review: Review, year: int) -> dict[str, str]:
    """The columns' titles in the active language, for a year of the review's plan."""
    return {
        "objective": _("Specific objective"),
        "measure": _("Measure"),
        "number": _("Number"),
        "activity": _("Activity"),
        "responsible": _("Responsible"),
        "period": _("Period"),
        "planned": _("Planned cost %(year)s (%(currency)s)")
        % {"year": year, "currency": review.plan.currency},
        "status": _("Status %(year)s") % {"year": year},
        "percent": _("Progress %(year)s (%%)") % {"year": year},
        "note": _("Note %(year)s") % {"year": year},
        "key": _("Key (do not change)"),
    }


# ── The workbook ─────────────────────────────────────────────────────────────────────────────


def progress_workbook(review: Review) -> bytes:
    """The review year's progress sheet in the active language, with what the review records.
    The planners' three columns are open to them; the rest of the sheet is protected without
    a password, against slips rather than against its reader."""
    titles = _titles(review, review.year)
    labels = dict(Status.choices)
    held = {progress.activity_id: progress for progress in review.progress.all()}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = (_("Progress %(year)s") % {"year": review.year})[:31]
    row_append(sheet, [titles[key] for key in COLUMNS], bold=True)
    for specific, measure, activity in plan_tree(review.plan).activity_lines():
        progress = held.get(activity.pk)
        planned = [cost.amount for cost in activity.costs.all() if cost.year == review.year]
        row_append(
            sheet,
            [
                specific.number,
                measure.number,
                activity.number,
                activity.name,
                activity.responsible or None,
                f"{activity.start_year}–{activity.end_year}",
                sum(planned, Decimal(0)) if planned else None,
                str(labels[progress.status]) if progress else None,
                progress.percent if progress else None,
                (progress.note or None) if progress else None,
                str(activity.pk),
            ],
        )
    _layout(workbook, sheet, [str(label) for label in labels.values()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _layout(workbook: Workbook, sheet: Worksheet, statuses: list[str]) -> None:
    last = sheet.max_row
    sheet.freeze_panes = f"{_letter('responsible')}2"
    for key, width in WIDTHS.items():
        sheet.column_dimensions[_letter(key)].width = width
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    for row in sheet.iter_rows(min_row=2):
        for key, cell in zip(COLUMNS, row, strict=False):
            cell.alignment = wrapped if key in ("activity", "note") else top
            if key in FILLED:
                cell.protection = Protection(locked=False)
            elif key == "key":
                cell.font = KEY_FONT
    for (cell,) in sheet.iter_rows(
        min_row=2, min_col=COLUMNS.index("percent") + 1, max_col=COLUMNS.index("percent") + 1
    ):
        cell.number_format = "0"
    sheet.auto_filter.ref = f"A1:{_letter('key')}{last}"
    # Sorting, filtering and column widths stay open; the cells outside the planners' columns
    # do not.
    sheet.protection = SheetProtection(
        sheet=True, formatColumns=False, formatRows=False, autoFilter=False, sort=False
    )
    if last < 2:
        return
    # The drop-down's labels live on a hidden sheet: a list written into the rule itself is
    # limited to 255 characters and breaks on a label with a comma.
    lists = workbook.create_sheet(_("Statuses")[:31])
    for label in statuses:
        lists.append([label])
    lists.sheet_state = "hidden"
    status = DataValidation(
        type="list",
        formula1=f"{quote_sheetname(lists.title)}!$A$1:$A${len(statuses)}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Status")[:32],
        error=_("Choose a status from the list."),
    )
    percent = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Progress")[:32],
        error=_("Progress is a whole number from 0 to 100."),
    )
    for rule, key in ((status, "status"), (percent, "percent")):
        rule.add(f"{_letter(key)}2:{_letter(key)}{last}")
        sheet.add_data_validation(rule)


# ── The import ───────────────────────────────────────────────────────────────────────────────


@dataclass
class ProgressImport(ImportReport):
    """What an import found and did: `created` counts the activities given their first
    progress of the year, `updated` those whose progress changed, `unchanged` those the file
    left as they were, `skipped` the rows with neither status nor progress."""

    kind: str = "activity_progress"
    skipped: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated


class _Checker(ColumnChecker):
    """The sheet's header, with each column found by any of its titles; cells are read by
    column key ("status") and problems named by the column's letter and its title in the
    active language."""

    def __init__(self, table: Table, titles: dict[str, str], errors: list[RowError]) -> None:
        self.titles = titles
        self.optional_columns = {titles[key] for key in OPTIONAL}
        super().__init__(table, [titles[key] for key in COLUMNS], errors)

    def has(self, key: str) -> bool:
        return self.titles[key] in self.index

    def cell(self, cells: Sequence[Cell], key: str) -> Cell:
        return cells[self.index[self.titles[key]]] if self.has(key) else ""

    def read(self, line: int, cells: Sequence[Cell], key: str) -> str | None:
        return self.text(line, cells, self.titles[key])

    def say(self, line: int, key: str, message: str) -> None:
        self.error(line, self.titles[key], message)


def _header(table: Table, review: Review) -> tuple[Table, list[RowError]]:
    """The table with each column title the sheet gives in any language (or as a key) put in
    the active language; or the problem of a sheet of another year."""
    aliases = {key: key for key in COLUMNS} | {"id": "key"}
    other_years: dict[str, int] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            aliases |= {_folded(title): key for key, title in _titles(review, review.year).items()}
            for year in review.plan.years:
                if year != review.year:
                    titles = _titles(review, year)
                    other_years |= {_folded(titles[key]): year for key in OF_THE_YEAR}
    problems = []
    for position, name in enumerate(table.header):
        found = other_years.get(_folded(name))
        if found is not None:
            problems.append(
                RowError(
                    1,
                    f"{column_letter(position)} ({name})",
                    _(
                        "this column is of %(found)s, and this is the review of %(year)s: "
                        "download the workbook of %(year)s from this page"
                    )
                    % {"found": found, "year": review.year},
                )
            )
    titles = _titles(review, review.year)
    header = [
        titles[aliases[_folded(name)]] if _folded(name) in aliases else name
        for name in table.header
    ]
    return replace(table, header=header), problems


@dataclass
class _Row:
    line: int
    activity: Activity
    status: str
    percent: int
    note: str
    held: ActivityProgress | None

    @property
    def changed(self) -> bool:
        held = self.held
        if held is None:
            return True
        return (held.status, held.percent, held.note) != (self.status, self.percent, self.note)


class _Sheet:
    """The rows of one upload and what they are checked against, read once: the plan's
    activities, what the review records, every way of writing a status."""

    def __init__(self, review: Review, checker: _Checker) -> None:
        self.review, self.checker = review, checker
        self.skipped = self.rows_seen = 0
        self.first_lines: dict[uuid.UUID, int] = {}
        activities = Activity.objects.filter(
            measure__objective__plan_id=review.plan_id
        ).select_related("measure__objective")
        self.activities = {activity.pk: activity for activity in activities}
        self.by_numbers: dict[tuple[str, ...], list[Activity]] = {}
        for activity in self.activities.values():
            self.by_numbers.setdefault(_numbers(activity), []).append(activity)
        self.held = {progress.activity_id: progress for progress in review.progress.all()}
        self.labels = [str(label) for label in Status.labels]
        self.statuses = {_folded(code): code for code in Status.values}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                self.statuses |= {_folded(str(label)): code for code, label in Status.choices}

    @cached_property
    def of_municipality(self) -> set[uuid.UUID]:
        """The activities of all the municipality's plans, every version: read only when a
        key is not one of this plan's."""
        return set(
            Activity.objects.filter(
                measure__objective__plan__municipality_id=self.review.plan.municipality_id
            ).values_list("pk", flat=True)
        )

    def check(self, line: int, raw: Sequence[Cell]) -> _Row | None:
        checker = self.checker
        cells = checker.fit(line, raw)
        if cells is None:
            return None
        self.rows_seen += 1
        before = len(checker.errors)
        activity = self._activity(line, cells)
        note = checker.read(line, cells, "note")
        if checker.cell(cells, "status") == "" and checker.cell(cells, "percent") == "":
            if note:
                checker.say(
                    line,
                    "note",
                    _("a note without a status: choose the activity's status, or leave it empty"),
                )
            elif len(checker.errors) == before:
                self.skipped += 1
            return None
        status = self._status(line, cells)
        percent = self._percent(line, cells, status)
        if (
            len(checker.errors) > before
            or activity is None
            or status is None
            or percent is None
            or note is None
        ):
            return None
        return _Row(line, activity, status, percent, note, self.held.get(activity.pk))

    def _activity(self, line: int, cells: Sequence[Cell]) -> Activity | None:
        checker = self.checker
        numbers = {key: checker.read(line, cells, key) for key in NUMBERS}
        key = checker.read(line, cells, "key") if checker.has("key") else ""
        if key is None or None in numbers.values():
            return None
        if key:
            activity = self._by_key(line, key)
            if activity is None:
                return None
            for column, its_own in zip(NUMBERS, _numbers(activity), strict=True):
                if numbers[column] and numbers[column] != its_own:
                    checker.say(
                        line,
                        column,
                        _(
                            "the key is that of activity %(number)s of measure %(measure)s: the "
                            "row's numbers do not match it"
                        )
                        % {"number": activity.number, "measure": activity.measure.number},
                    )
                    return None
        else:
            activity = self._by_numbers(line, numbers)
            if activity is None:
                return None
        first = self.first_lines.setdefault(activity.pk, line)
        if first != line:
            checker.say(
                line,
                "key" if key else "number",
                _("the same activity as line %(line)s") % {"line": first},
            )
            return None
        return activity

    def _by_key(self, line: int, text: str) -> Activity | None:
        try:
            activity_id = uuid.UUID(text)
        except ValueError:
            self.checker.say(line, "key", _("not a valid id: “%(id)s”") % {"id": text})
            return None
        activity = self.activities.get(activity_id)
        if activity is not None:
            return activity
        if activity_id in self.of_municipality:
            message = _(
                "the key is that of an activity of another plan, or of another version of this "
                "plan: download this review's workbook"
            )
        else:
            # Said alike of a key that exists in another municipality and one that does not.
            message = _("no activity of this plan has the key “%(key)s”") % {"key": text}
        self.checker.say(line, "key", message)
        return None

    def _by_numbers(self, line: int, numbers: dict[str, str | None]) -> Activity | None:
        missing = [key for key in NUMBERS if not numbers[key]]
        for key in missing:
            self.checker.say(line, key, _("empty: a value is required"))
        if missing:
            return None
        found = self.by_numbers.get(tuple(numbers[key] or "" for key in NUMBERS), [])
        if len(found) == 1:
            return found[0]
        if found:
            message = _(
                "more than one activity of the plan has these numbers: give the key from the "
                "workbook downloaded from this page"
            )
        else:
            message = _(
                "no activity of the plan is numbered %(number)s under measure %(measure)s of "
                "objective %(objective)s"
            ) % {key: numbers[key] for key in NUMBERS}
        self.checker.say(line, "number", message)
        return None

    def _status(self, line: int, cells: Sequence[Cell]) -> str | None:
        text = self.checker.read(line, cells, "status")
        if text is None:
            return None
        if text == "":
            self.checker.say(line, "status", _("empty: a value is required"))
            return None
        status = self.statuses.get(_folded(text))
        if status is None:
            self.checker.say(
                line,
                "status",
                _("unknown status “%(status)s”: choose one of %(statuses)s")
                % {"status": text, "statuses": ", ".join(self.labels)},
            )
        return status

    def _percent(self, line: int, cells: Sequence[Cell], status: str | None) -> int | None:
        """The progress as a whole number; its range and whether it fits the status are the
        service's rules, applied when the row is set."""
        checker, title = self.checker, self.checker.titles["percent"]
        cell = checker.cell(cells, "percent")
        if cell == "":
            if status == Status.NOT_STARTED:
                return 0
            if status == Status.COMPLETED:
                return 100
            if status is not None:
                checker.say(line, "percent", _("empty: a value is required"))
            return None
        if isinstance(cell, str) and cell.endswith("%"):
            # "40 %" typed into a text cell means 40.
            cells = list(cells)
            cells[checker.index[title]] = cell.removesuffix("%").strip()
        number = checker.decimal(line, cells, title)
        if number is None:
            return None
        if number != number.to_integral_value():
            checker.say(line, "percent", _("not a whole number: %(number)s") % {"number": number})
            return None
        return int(number)


def _numbers(activity: Activity) -> tuple[str, str, str]:
    measure = activity.measure
    return measure.objective.number, measure.number, activity.number


class _Refused(Exception):
    """A row was refused: what the import set is undone."""


def progress_import(*, actor: User | None, review: Review, file: IO[bytes]) -> ProgressImport:
    """Check the uploaded progress sheet and, if every row is good, set the review's progress
    from it in one transaction; otherwise write nothing and report every problem."""
    report = ProgressImport()
    data = file.read()
    if not data.startswith(XLSX_SIGNATURE):
        report.errors.append(
            RowError(
                1,
                "",
                _(
                    "The file is not an XLSX workbook. Upload the progress workbook downloaded "
                    "from this page, saved as XLSX."
                ),
            )
        )
        return report
    try:
        table = read_table(data=data, filename="progress.xlsx")
    except TableError as error:
        report.errors.append(RowError(1, "", str(error)))
        return report
    table, problems = _header(table, review)
    if problems:
        report.errors.extend(problems)
        return report
    checker = _Checker(table, _titles(review, review.year), report.errors)
    if report.errors:
        return report
    sheet = _Sheet(review, checker)
    rows = [row for line, cells in table.rows if (row := sheet.check(line, cells)) is not None]
    if not sheet.rows_seen and not report.errors:
        report.errors.append(
            RowError(2, "", _("The sheet lists no activities: only its header is filled in."))
        )
        return report
    report.skipped = sheet.skipped
    try:
        with transaction.atomic():
            _set(rows, report, checker, actor=actor, review=review)
            if report.errors:
                raise _Refused
    except _Refused:
        report.created = report.updated = report.unchanged = report.skipped = 0
    # Every problem in the order of the sheet: its lines, and along each line its columns.
    positions = {checker.labels[name]: position for name, position in checker.index.items()}
    report.errors.sort(key=lambda error: (error.line, positions.get(error.column, -1)))
    return report


def _set(
    rows: list[_Row],
    report: ProgressImport,
    checker: _Checker,
    *,
    actor: User | None,
    review: Review,
) -> None:
    """Set every row that changes something, each through the service; a row it refuses is
    reported and the others still tried, so that the report is complete."""
    for row in rows:
        if not row.changed:
            report.unchanged += 1
            continue
        try:
            activity_progress_set(
                actor=actor,
                review=review,
                activity=row.activity,
                status=row.status,
                percent=row.percent,
                note=row.note,
                expected_version=row.held.version if row.held is not None else 0,
            )
        except InvalidInput as error:
            column = error.field if error.field in FILLED else "status"
            checker.say(row.line, column, error.message)
        except EditConflict:
            report.errors.append(
                RowError(
                    row.line,
                    "",
                    _(
                        "Someone changed this activity's progress while the file was imported; "
                        "import the file again."
                    ),
                )
            )
        else:
            if row.held is None:
                report.created += 1
            else:
                report.updated += 1

"""Helpers shared by the service-import tests (this module holds no tests)."""

import csv
import io
from typing import Any

from kujdes.accounts.models import User
from kujdes.directory import importers
from kujdes.lib.importing import ImportReport
from kujdes.territory.models import Area

HEADER = importers.COLUMNS


def row(**values: str) -> list[str]:
    """A file row: the template's example, with `values` changed."""
    example = {**importers.EXAMPLE, **values}
    return [example.get(name, "") for name in HEADER]


def services_csv(
    rows: list[list[str]], *, header: list[str] = HEADER, delimiter: str = ","
) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def services_import(
    data: bytes, *, actor: User | None, area: str = "AL-BULQIZE", filename: str = "services.csv"
) -> ImportReport:
    return importers.import_upload(
        data=data, filename=filename, area=Area.objects.get(code=area), actor=actor
    )


def errors_of(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(error.line, error.column, error.message) for error in report.errors]


def counts_of(report: ImportReport) -> tuple[Any, ...]:
    return (report.errors, report.created, report.updated, report.unchanged)

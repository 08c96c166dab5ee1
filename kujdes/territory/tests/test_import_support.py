"""Helpers shared by the import tests (this module holds no tests): the statistics reference
data, and files built byte by byte."""

import csv
import io

from kujdes.accounts.models import User
from kujdes.territory import importers
from kujdes.territory.models import Variable
from kujdes.territory.services import age_band_upsert, source_upsert, variable_upsert

OBSERVATION_HEADER = importers.COLUMNS["observations"]
AREA_HEADER = importers.COLUMNS["areas"]


def statistics_create() -> None:
    variable_upsert(actor=None, code="POPULATION", name_sq="Popullsia", unit=Variable.Unit.PERSONS)
    variable_upsert(
        actor=None, code="HOUSEHOLDS", name_sq="Familjet", unit=Variable.Unit.HOUSEHOLDS
    )
    source_upsert(actor=None, code="CENSUS-2023", name="Census 2023")
    age_band_upsert(code="TOTAL", name_sq="Gjithsej")
    age_band_upsert(code="65+", name_sq="65 e më shumë", lower=65)


def csv_bytes(rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def observations_csv(rows: list[list[str]], *, delimiter: str = ",") -> bytes:
    return csv_bytes([OBSERVATION_HEADER, *rows], delimiter=delimiter)


def observations_import(
    data: bytes, *, actor: User | None, filename: str = "figures.csv"
) -> importers.ImportReport:
    return importers.import_upload(kind="observations", data=data, filename=filename, actor=actor)


def errors_of(report: importers.ImportReport) -> list[tuple[int, str, str]]:
    return [(error.line, error.column, error.message) for error in report.errors]

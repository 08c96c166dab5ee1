from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from kujdes.territory.models import Observation
from kujdes.territory.tests.test_import_support import observations_csv, statistics_create
from tests.personas import Cast

ROW = ["POPULATION", "AL-PUKE", "2023", "T", "TOTAL", "CENSUS-2023", "1234", ""]


def test_it_imports_a_file_from_the_command_line(cast: Cast, tmp_path: Path) -> None:
    statistics_create()
    path = tmp_path / "figures.csv"
    path.write_bytes(observations_csv([ROW]))
    out = StringIO()
    call_command("import_statistics", "observations", str(path), language="en", stdout=out)
    assert out.getvalue() == "Imported: 1 created, 0 updated, 0 unchanged.\n"
    assert Observation.objects.get().area.code == "AL-PUKE"


def test_it_prints_every_error_and_fails(cast: Cast, tmp_path: Path) -> None:
    statistics_create()
    path = tmp_path / "figures.csv"
    bad = [*ROW[:2], "1800", "W", *ROW[4:6], "1.234", ""]
    path.write_bytes(observations_csv([ROW, bad], delimiter=";"))
    err = StringIO()
    with pytest.raises(CommandError, match=r"^2 problems; nothing was imported\.$"):
        call_command("import_statistics", "observations", str(path), language="en", stderr=err)
    assert err.getvalue().splitlines() == [
        "line 3, column C (year): the year 1800 is outside 1900–2100",
        "line 3, column D (sex): unknown sex code “W”: use T (total), F (female) or M (male)",
    ]
    assert Observation.objects.count() == 0


def test_it_exits_with_a_non_zero_code_on_a_bad_file(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "import_statistics", "observations", str(path)])
    assert exit_info.value.code == 1

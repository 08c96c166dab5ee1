"""Albanian and Serbian (Latin) are complete, and the catalogues match the code."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "kujdes" / "locale"


def catalogue(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        return read_po(po_file, locale=language)


@pytest.mark.parametrize("language", ["sq", "sr_Latn"])
def test_it_translates_every_string(language: str) -> None:
    messages = [message for message in catalogue(language) if message.id]
    untranslated = [
        message.id
        for message in messages
        if message.fuzzy
        or not (all(message.string) if isinstance(message.string, tuple) else message.string)
    ]
    assert len(messages) > 100
    assert untranslated == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext")
def test_it_has_catalogues_that_match_the_code(tmp_path: Path) -> None:
    copy = tmp_path / "kujdes"
    shutil.copytree(ROOT / "kujdes", copy, ignore=shutil.ignore_patterns("data", "__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "sq",
            "--no-obsolete",
            "--no-location",
            "--verbosity",
            "0",
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={
            "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
            "PYTHONPATH": str(tmp_path),
        },
    )
    with (copy / "locale" / "sq" / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        fresh = {message.id for message in read_po(po_file) if message.id}
    current = {message.id for message in catalogue("sq") if message.id}
    assert sorted(map(str, fresh - current)) == [], "run `make messages` and translate"
    assert sorted(map(str, current - fresh)) == [], "run `make messages` to drop these"


def test_it_translates_no_string_inside_an_f_string() -> None:
    """xgettext does not look inside f-strings: a gettext call there never reaches the
    catalogues, and the text stays in English whatever the reader's language."""
    inside = re.compile(r"""f(["']).*\{\s*(_|gettext|ngettext|pgettext)\(""")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "kujdes").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inside.search(line)
    ]
    assert offenders == []

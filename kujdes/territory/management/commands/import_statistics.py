"""`manage.py import_statistics KIND FILE`: the upload page's import, from the command line."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from kujdes.lib.commands import ImportCommand
from kujdes.territory import importers


class Command(ImportCommand):
    help = "Import areas or observations from a CSV or XLSX file; all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(importers.KINDS))
        super().add_arguments(parser)

    def import_file(self, *, data: bytes, path: Path, options: dict[str, Any]) -> None:
        # The command line is the operator's: no user, so no area restriction.
        report = importers.import_upload(
            kind=options["kind"], data=data, filename=path.name, actor=None
        )
        if not report.ok:
            self.refuse(
                [
                    _("line %(line)s, column %(column)s: %(message)s")
                    % {"line": e.line, "column": e.column, "message": e.message}
                    for e in report.errors
                ]
            )
        self.counts_write(
            created=report.created, updated=report.updated, unchanged=report.unchanged
        )

"""`manage.py import_services FILE --area CODE`: the services upload page, from the command line."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from kujdes.directory import importers
from kujdes.lib.commands import ImportCommand
from kujdes.territory.models import Area


def area_argument_get(code: str) -> Area:
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise CommandError(_("Unknown area code “%(code)s”.") % {"code": code})
    return area


class Command(ImportCommand):
    help = "Import services from a CSV or XLSX file into one municipality; all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--area",
            required=True,
            help="Code of the municipality whose organizations the rows name, e.g. AL-BULQIZE.",
        )

    def import_file(self, *, data: bytes, path: Path, options: dict[str, Any]) -> None:
        area = area_argument_get(options["area"])
        # The command line is the operator's: no user, so no area restriction.
        report = importers.import_upload(data=data, filename=path.name, area=area, actor=None)
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

"""`manage.py import_hsds FILE --area CODE`: import an Open Referral HSDS 3.0 JSON dataset
into a municipality's directory, all of it or nothing (kujdes.directory.hsds)."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from kujdes.directory.hsds import hsds_import
from kujdes.directory.management.commands.import_services import area_argument_get
from kujdes.lib.commands import ImportCommand


class Command(ImportCommand):
    help = "Import an HSDS 3.0 JSON file into a municipality's directory; all records or none."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--area", required=True, help="Code of the municipality, e.g. AL-BULQIZE."
        )

    def import_file(self, *, data: bytes, path: Path, options: dict[str, Any]) -> None:
        area = area_argument_get(options["area"])
        # The command line is the operator's: no user, so any municipality.
        report = hsds_import(data=data, area=area, actor=None)
        for notice in report.notices:
            self.stdout.write(
                _("%(path)s: %(message)s") % {"path": notice.path, "message": notice.message}
            )
        if not report.ok:
            self.refuse(
                [
                    _("%(path)s: %(message)s") % {"path": p.path, "message": p.message}
                    for p in report.errors
                ]
            )
        for label, counts in [
            (_("Organizations"), report.organizations),
            (_("Locations"), report.locations),
            (_("Services"), report.services),
        ]:
            self.counts_write(
                kind=label,
                created=counts.created,
                updated=counts.updated,
                unchanged=counts.unchanged,
            )

"""`manage.py import_services FILE --area CODE`: the services upload page, from the command line."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kujdes.directory import importers
from kujdes.territory.models import Area


class Command(BaseCommand):
    help = "Import services from a CSV or XLSX file into one municipality; all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--area",
            required=True,
            help="Code of the municipality whose organizations the rows name, e.g. AL-BULQIZE.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the report and of the error messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        with translation.override(options["language"]):
            area = Area.objects.filter(code=options["area"]).first()
            if area is None:
                raise CommandError(_("Unknown area code “%(code)s”.") % {"code": options["area"]})
            try:
                data = path.read_bytes()
            except OSError as error:
                raise CommandError(
                    _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror}
                ) from error
            # The command line is the operator's: no user, so no area restriction.
            report = importers.import_upload(data=data, filename=path.name, area=area, actor=None)
            if not report.ok:
                for problem in report.errors:
                    self.stderr.write(
                        _("line %(line)s, column %(column)s: %(message)s")
                        % {
                            "line": problem.line,
                            "column": problem.column,
                            "message": problem.message,
                        }
                    )
                count = len(report.errors)
                raise CommandError(
                    ngettext(
                        "%(count)s problem; nothing was imported.",
                        "%(count)s problems; nothing was imported.",
                        count,
                    )
                    % {"count": count}
                )
            self.stdout.write(
                _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                }
            )

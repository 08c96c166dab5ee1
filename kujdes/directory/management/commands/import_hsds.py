"""`manage.py import_hsds FILE --area CODE`: import an Open Referral HSDS 3.0 JSON dataset
into a municipality's directory, all of it or nothing (kujdes.directory.hsds)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kujdes.directory.hsds import hsds_import
from kujdes.territory.models import Area


class Command(BaseCommand):
    help = "Import an HSDS 3.0 JSON file into a municipality's directory; all records or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--area", required=True, help="Code of the municipality, e.g. AL-BULQIZE."
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
                raise CommandError(_("No area with the code %(code)s.") % {"code": options["area"]})
            try:
                data = path.read_bytes()
            except OSError as error:
                raise CommandError(
                    _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror}
                ) from error
            # The command line is the operator's: no user, so any municipality.
            report = hsds_import(data=data, area=area, actor=None)
            for notice in report.notices:
                self.stdout.write(
                    _("%(path)s: %(message)s") % {"path": notice.path, "message": notice.message}
                )
            if not report.ok:
                for problem in report.errors:
                    self.stderr.write(
                        _("%(path)s: %(message)s")
                        % {"path": problem.path, "message": problem.message}
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
            lines = [
                (_("Organizations"), report.organizations),
                (_("Locations"), report.locations),
                (_("Services"), report.services),
            ]
            for label, counts in lines:
                self.stdout.write(
                    _(
                        "%(kind)s: %(created)s created, %(updated)s updated, "
                        "%(unchanged)s unchanged."
                    )
                    % {
                        "kind": label,
                        "created": counts.created,
                        "updated": counts.updated,
                        "unchanged": counts.unchanged,
                    }
                )

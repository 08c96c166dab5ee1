"""What the import commands share: the file and --language arguments, reading the file with a
clear error, and failing with every problem listed and nothing imported."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class ImportCommand(BaseCommand):
    """A subclass adds its own arguments (then calls this `add_arguments`) and writes
    `import_file`; messages come in the language asked for."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the report and of the error messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        with translation.override(options["language"]):
            try:
                data = path.read_bytes()
            except OSError as error:
                raise CommandError(
                    _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror}
                ) from error
            self.import_file(data=data, path=path, options=options)

    def import_file(self, *, data: bytes, path: Path, options: dict[str, Any]) -> None:
        raise NotImplementedError

    def refuse(self, problems: Sequence[str]) -> None:
        """Write every problem to stderr and stop: nothing was imported."""
        for problem in problems:
            self.stderr.write(problem)
        count = len(problems)
        raise CommandError(
            ngettext(
                "%(count)s problem; nothing was imported.",
                "%(count)s problems; nothing was imported.",
                count,
            )
            % {"count": count}
        )

    def counts_write(self, *, created: int, updated: int, unchanged: int, kind: str = "") -> None:
        values = {"created": created, "updated": updated, "unchanged": unchanged, "kind": kind}
        if kind:
            line = _("%(kind)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        else:
            line = _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        self.stdout.write(line % values)

"""Imports of areas and observations from CSV and XLSX (to be completed)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kujdes.accounts.models import User

KIND_CHOICES = [("areas", _("Areas")), ("observations", _("Statistics (observations)"))]
KINDS = {kind for kind, _label in KIND_CHOICES}


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportReport:
    kind: str
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def import_upload(*, kind: str, data: bytes, filename: str, actor: User) -> ImportReport:
    raise NotImplementedError


def template_file(*, kind: str, file_format: str) -> tuple[bytes, str]:
    raise NotImplementedError

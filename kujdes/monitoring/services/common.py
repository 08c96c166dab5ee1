"""What the services of projects, contracts and applications share: a record's values as an
update leaves them, and the checks of a period and of who the record may name."""

from datetime import date
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from kujdes.directory.models import Organization
from kujdes.monitoring.selectors.access import is_for
from kujdes.planning.services import InvalidInput
from kujdes.territory.models import Area

ORGANIZATION_ELSEWHERE = _("Choose an organization of this municipality's country.")


def given_and_merged(
    values: dict[str, Any], names: tuple[str, ...], record: Model | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields `values` gives, and every field as the record will have them: what is
    given, else what it holds (None for a new record)."""
    given = {name: values[name] for name in names if name in values}
    merged = {name: given.get(name, getattr(record, name, None)) for name in names}
    return given, merged


def period_check(starts: date | None, ends: date | None, message: StrOrPromise, field: str) -> None:
    if starts is None or ends is None or ends < starts:
        raise InvalidInput(message, field)


def organization_check(organization: Organization | None, municipality: Area, field: str) -> None:
    if organization is not None and not is_for(organization.area, municipality):
        raise InvalidInput(ORGANIZATION_ELSEWHERE, field)

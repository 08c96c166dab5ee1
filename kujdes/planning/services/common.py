"""What every planning service shares: the error for refused input and the version check."""

from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from kujdes.directory.services import EditConflict
from kujdes.territory.models import Area

Versioned = TypeVar("Versioned", bound=Model)

# Messages shared with the forms, which check the same rules before the services do.
UNIT_OUTSIDE = _("Choose an administrative unit of this municipality.")
UNIT_REQUIRED = _("Social workers work in an administrative unit: choose one.")
AMOUNT_NEGATIVE = _("An amount cannot be negative.")
LINES_ABOVE_TOTAL = _(
    "The programme amounts add up to more than the total municipal budget, which includes them."
)
YEAR_TAKEN = _("This municipality already has a budget for that year; edit that one instead.")
YEAR_OUT_OF_RANGE = _("Give a year between 1990 and 2100.")
WEIGHT_OUT_OF_RANGE = _("A weight lies between 0 and 100.")
WEIGHTS_ALL_ZERO = _("At least one weight must be above zero.")
ADJUSTMENT_OUT_OF_RANGE = _("An adjustment lies between −50 and +50 points.")
TARGET_GROUP_UNKNOWN = _("Choose a target group from the list.")


class InvalidInput(ValueError):
    """Input a rule of the assessment refuses. `field` names the form field it concerns, or
    None for the input as a whole; the message is translated when raised."""

    def __init__(self, message: StrOrPromise, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


def locked_bump(model: type[Model], pk: Any, expected_version: int) -> int:
    """Take the next version if the row is still at `expected_version`, else raise."""
    bumped = model._default_manager.filter(pk=pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise EditConflict(model._default_manager.get(pk=pk))
    return expected_version + 1


def admin_unit_check(unit: Area, municipality: Area | None, field: str) -> None:
    within = municipality is None or (unit.is_within(municipality) and unit != municipality)
    if unit.level != Area.Level.ADMIN_UNIT or not within:
        raise InvalidInput(UNIT_OUTSIDE, field)


def changes_apply(
    instance: Model, given: dict[str, Any], expected_version: int | None
) -> list[str]:
    """Write the fields that differ, after taking the next version when one is expected."""
    if expected_version is not None:
        instance.version = locked_bump(type(instance), instance.pk, expected_version)  # type: ignore[attr-defined]
    changed = [name for name, value in given.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, given[name])
    instance.save(update_fields=changed)
    return changed


def row_set(
    model: type[Versioned],
    lookup: dict[str, Any],
    values: dict[str, Any],
    expected_version: int | None,
    *,
    also_save: tuple[str, ...] = (),
) -> Versioned:
    """The one row `lookup` names, created with `values` or set to them. `expected_version`
    0 means the editor saw no row yet: if someone created it meanwhile, EditConflict.
    `also_save` names fields the model sets itself on every save (updated_at)."""
    manager = model._default_manager
    row = manager.filter(**lookup).first()
    if row is None:
        if expected_version not in (None, 0):
            raise ValueError(f"No {model.__name__} matches {lookup}.")
        try:
            with transaction.atomic():
                return manager.create(**lookup, **values)
        except IntegrityError as error:
            raise EditConflict(manager.get(**lookup)) from error
    if expected_version is not None:
        row.version = locked_bump(model, row.pk, expected_version)  # type: ignore[attr-defined]
    for name, value in values.items():
        setattr(row, name, value)
    row.save(update_fields=[*values, *also_save])
    return row

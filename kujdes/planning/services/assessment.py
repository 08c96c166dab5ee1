"""Every change a planner makes to the needs assessment: structures and their staff (A6), the
budget years (A7), the gap weights and notes (A8)."""

import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.directory.models import CommonTargetGroup
from kujdes.planning.models import (
    BudgetLine,
    BudgetYear,
    GapNote,
    GapWeights,
    Programme,
    Structure,
)
from kujdes.planning.services.common import (
    ADJUSTMENT_OUT_OF_RANGE,
    AMOUNT_NEGATIVE,
    LINES_ABOVE_TOTAL,
    TARGET_GROUP_UNKNOWN,
    UNIT_REQUIRED,
    WEIGHT_OUT_OF_RANGE,
    WEIGHTS_ALL_ZERO,
    YEAR_OUT_OF_RANGE,
    YEAR_TAKEN,
    InvalidInput,
    admin_unit_check,
    locked_bump,
    row_set,
)
from kujdes.territory.models import Area

# ── A6 Structures ────────────────────────────────────────────────────────────────────────────

STRUCTURE_FIELDS = (
    "kind",
    "unit",
    "name",
    "legal_basis",
    "staff_required",
    "staff_in_post",
    "notes",
    # Only the demo sets it; the forms leave it alone.
    "is_illustrative",
)


@transaction.atomic
def structure_save(
    *,
    actor: User | None,
    municipality: Area,
    structure: Structure | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
    structure_id: uuid.UUID | None = None,
) -> Structure:
    """Add a structure of the municipality, or change one. `expected_version` None skips the
    version check (imports and the demo)."""
    given = {name: values[name] for name in STRUCTURE_FIELDS if name in values}
    unit: Area | None = given.get("unit", structure.unit if structure else None)
    kind = given.get("kind", structure.kind if structure else "")
    if unit is not None:
        admin_unit_check(unit, municipality, "unit")
    elif kind == Structure.Kind.SOCIAL_WORKER:
        raise InvalidInput(UNIT_REQUIRED, "unit")
    if structure is None:
        structure = Structure.objects.create(
            id=structure_id or uuid.uuid4(), municipality=municipality, **given
        )
        verb, changed = "structure.created", list(given)
    else:
        if structure.municipality_id != municipality.pk:
            raise ValueError("The structure belongs to another municipality.")
        if expected_version is not None:
            structure.version = locked_bump(Structure, structure.pk, expected_version)
        changed = [name for name, value in given.items() if getattr(structure, name) != value]
        for name in changed:
            setattr(structure, name, given[name])
        structure.save(update_fields=changed)
        verb = "structure.updated"
    event_record(
        actor=actor,
        verb=verb,
        target_type="structure",
        target_key=str(structure.pk),
        payload={
            "municipality": municipality.code,
            "kind": structure.kind,
            "unit": structure.unit.code if structure.unit else "",
            "fields": changed,
            "version": structure.version,
        },
    )
    return structure


@transaction.atomic
def structure_delete(
    *, actor: User | None, structure: Structure, expected_version: int | None = None
) -> None:
    """Remove a structure; with `expected_version`, only if nobody changed it meanwhile."""
    if expected_version is not None:
        locked_bump(Structure, structure.pk, expected_version)
    key, kind, code = str(structure.pk), structure.kind, structure.municipality.code
    structure.delete()
    event_record(
        actor=actor,
        verb="structure.deleted",
        target_type="structure",
        target_key=key,
        payload={"municipality": code, "kind": kind},
    )


# ── A7 Budget ────────────────────────────────────────────────────────────────────────────────

# is_illustrative: only the demo sets it; the forms leave it alone.
BUDGET_YEAR_FIELDS = ("year", "stage", "currency", "municipal_total", "source", "is_illustrative")


def _amounts_check(total: Decimal, lines: dict[str, Decimal]) -> None:
    if total < 0:
        raise InvalidInput(AMOUNT_NEGATIVE, "municipal_total")
    for programme, amount in lines.items():
        if programme not in Programme.values:
            raise ValueError(f"Unknown programme {programme!r}.")
        if amount < 0:
            raise InvalidInput(AMOUNT_NEGATIVE, programme_field(programme))
    if sum(lines.values(), Decimal(0)) > total:
        raise InvalidInput(LINES_ABOVE_TOTAL, "municipal_total")


def programme_field(programme: str) -> str:
    """The form field of a programme's amount: "10.4" → "programme_10_4"."""
    return "programme_" + programme.replace(".", "_")


@transaction.atomic
def budget_year_save(
    *,
    actor: User | None,
    municipality: Area,
    budget_year: BudgetYear | None = None,
    budget_year_id: uuid.UUID | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
    lines: dict[str, Decimal],
) -> BudgetYear:
    """Add a budget year of the municipality, or change one; `lines` (programme code →
    amount) replace the year's programme lines."""
    given = {name: values[name] for name in BUDGET_YEAR_FIELDS if name in values}
    _amounts_check(
        given.get("municipal_total", budget_year.municipal_total if budget_year else Decimal(0)),
        lines,
    )
    year = given.get("year", budget_year.year if budget_year else None)
    if year is None or not 1990 <= year <= 2100:
        raise InvalidInput(YEAR_OUT_OF_RANGE, "year")
    taken = BudgetYear.objects.filter(municipality=municipality, year=year)
    if budget_year is not None:
        taken = taken.exclude(pk=budget_year.pk)
    if taken.exists():
        raise InvalidInput(YEAR_TAKEN, "year")
    try:
        # A savepoint, so that a year saved at the same moment by someone else is refused
        # with the same message and the transaction stays usable.
        with transaction.atomic():
            if budget_year is None:
                budget_year = BudgetYear.objects.create(
                    id=budget_year_id or uuid.uuid4(), municipality=municipality, **given
                )
                verb, changed = "budget_year.created", list(given)
            else:
                if budget_year.municipality_id != municipality.pk:
                    raise ValueError("The budget year belongs to another municipality.")
                if expected_version is not None:
                    budget_year.version = locked_bump(BudgetYear, budget_year.pk, expected_version)
                changed = [
                    name for name, value in given.items() if getattr(budget_year, name) != value
                ]
                for name in changed:
                    setattr(budget_year, name, given[name])
                budget_year.save(update_fields=changed)
                verb = "budget_year.updated"
    except IntegrityError as error:
        raise InvalidInput(YEAR_TAKEN, "year") from error
    budget_year.lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(budget_year=budget_year, programme=programme, amount=amount)
        for programme, amount in sorted(lines.items())
    )
    event_record(
        actor=actor,
        verb=verb,
        target_type="budget_year",
        target_key=str(budget_year.pk),
        payload={
            "municipality": municipality.code,
            "year": budget_year.year,
            "fields": changed,
            "programmes": sorted(lines),
            "version": budget_year.version,
        },
    )
    return budget_year


@transaction.atomic
def budget_year_delete(
    *, actor: User | None, budget_year: BudgetYear, expected_version: int | None = None
) -> None:
    """Remove a budget year with its lines; with `expected_version`, only if nobody changed
    it meanwhile."""
    if expected_version is not None:
        locked_bump(BudgetYear, budget_year.pk, expected_version)
    key, year, code = str(budget_year.pk), budget_year.year, budget_year.municipality.code
    budget_year.delete()
    event_record(
        actor=actor,
        verb="budget_year.deleted",
        target_type="budget_year",
        target_key=key,
        payload={"municipality": code, "year": year},
    )


# ── A8 Gaps ──────────────────────────────────────────────────────────────────────────────────


def _weights_check(weights: Iterable[tuple[str, int]]) -> None:
    given = list(weights)
    for name, weight in given:
        if not 0 <= weight <= 100:
            raise InvalidInput(WEIGHT_OUT_OF_RANGE, name)
    if not any(weight for _name, weight in given):
        raise InvalidInput(WEIGHTS_ALL_ZERO)


@transaction.atomic
def gap_weights_set(
    *,
    actor: User | None,
    municipality: Area,
    expected_version: int | None,
    need: int,
    coverage: int,
    distance: int,
) -> GapWeights:
    """Set how much need, missing coverage and distance count in the municipality's gap
    score. `expected_version` 0 means the editor saw the defaults (no row yet)."""
    _weights_check((("need", need), ("coverage", coverage), ("distance", distance)))
    values = {"need": need, "coverage": coverage, "distance": distance}
    # A first save racing another raises EditConflict: someone saved the first weights meanwhile.
    weights = row_set(GapWeights, {"municipality": municipality}, values, expected_version)
    event_record(
        actor=actor,
        verb="gap_weights.set",
        target_type="gap_weights",
        target_key=municipality.code,
        payload=values | {"version": weights.version},
    )
    return weights


@transaction.atomic
def gap_note_set(
    *,
    actor: User | None,
    unit: Area,
    target_group: str,
    adjustment: int,
    note: str,
    expected_version: int | None,
) -> GapNote:
    """Set the planner's adjustment and note on the gap of one administrative unit and one
    common target group. `expected_version` 0 means the editor saw no note yet."""
    admin_unit_check(unit, None, "unit")
    if target_group not in CommonTargetGroup.values:
        raise InvalidInput(TARGET_GROUP_UNKNOWN, "target_group")
    if not -50 <= adjustment <= 50:
        raise InvalidInput(ADJUSTMENT_OUT_OF_RANGE, "adjustment")
    values = {"adjustment": adjustment, "note": note, "updated_by": actor}
    gap_note = row_set(
        GapNote,
        {"unit": unit, "target_group": target_group},
        values,
        expected_version,
        also_save=("updated_at",),
    )
    # The note's text stays out of the audit log: planners may write about people in it.
    event_record(
        actor=actor,
        verb="gap_note.set",
        target_type="gap_note",
        target_key=str(gap_note.pk),
        payload={
            "unit": unit.code,
            "target_group": target_group,
            "adjustment": adjustment,
            "version": gap_note.version,
        },
    )
    return gap_note

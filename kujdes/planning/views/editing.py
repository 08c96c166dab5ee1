"""Pages where planners edit what the needs assessment cannot compute: the structures and
their staff (A6), the budget years (A7), the weights of the gap score and the notes on single
gaps (A8).

Every page opens with the editor's lookup of the municipality, which answers 404 to anyone
who is not a planner or administrator over it, readers included. Every record carries a
version: a save that started from an older one answers 409 and shows the editor's input beside
what is saved now, so that nothing typed is lost.
"""

import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kujdes.directory.forms import CURRENCY_OF_COUNTRY, initial_of
from kujdes.directory.models import CommonTargetGroup, Currency
from kujdes.lib.http import CONFLICT, AuthenticatedRequest
from kujdes.planning import services
from kujdes.planning.forms import (
    BudgetYearEditForm,
    BudgetYearForm,
    DeleteForm,
    GapChoiceForm,
    GapNoteForm,
    GapWeightsForm,
    StructureEditForm,
    StructureForm,
    budget_year_initial,
    version_replace,
)
from kujdes.planning.models import BudgetLine, BudgetYear, GapNote, GapWeights, Programme, Structure
from kujdes.planning.selectors import (
    budget_year_get_for_editor,
    municipality_get_for_editor,
    structure_get_for_editor,
)
from kujdes.territory.models import Area, AreaQuerySet

HUNDRED = Decimal(100)

Versioned = TypeVar("Versioned", Structure, BudgetYear, GapWeights, GapNote)


def _current(error: services.EditConflict, model: type[Versioned]) -> Versioned:
    """The record as saved now, which the conflict carries."""
    assert isinstance(error.current, model)
    return error.current


def _admin_units(municipality: Area) -> AreaQuerySet:
    return Area.objects.subtree(municipality).filter(level=Area.Level.ADMIN_UNIT)


def _display(record: Model, name: str) -> tuple[str, str]:
    """A field's label and its value as a reader would write it."""
    model_field: Any = record._meta.get_field(name)
    value = getattr(record, name)
    if model_field.choices:
        value = getattr(record, f"get_{name}_display")()
    return str(capfirst(model_field.verbose_name)), "—" if value in (None, "") else str(value)


def _saved_rows(record: Model, names: tuple[str, ...]) -> list[tuple[str, str]]:
    return [_display(record, name) for name in names]


def _invalid(form: forms.BaseForm, error: services.InvalidInput) -> None:
    form.add_error(error.field, error.message)


# ── A6 Structures ────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class StaffTotals:
    required: int
    in_post: int
    vacancies: int


def _structures_context(municipality: Area) -> dict[str, Any]:
    units = list(_admin_units(municipality))
    structures = sorted(
        Structure.objects.filter(municipality=municipality).select_related("unit"),
        key=lambda s: (Structure.Kind.values.index(s.kind), s.unit.path if s.unit else "", s.name),
    )
    staffed = {
        structure.unit_id
        for structure in structures
        if structure.kind == Structure.Kind.SOCIAL_WORKER and structure.staff_in_post
    }
    return {
        "municipality": municipality,
        "structures": structures,
        "totals": StaffTotals(
            required=sum(structure.staff_required for structure in structures),
            in_post=sum(structure.staff_in_post for structure in structures),
            vacancies=sum(structure.vacancies for structure in structures),
        ),
        "units_without_workers": [unit for unit in units if unit.pk not in staffed],
    }


@login_required
def structure_list(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    form = StructureForm(request.POST or None, units=_admin_units(municipality))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.structure_save(
                    actor=request.user, municipality=municipality, values=form.cleaned_data
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            else:
                messages.success(request, _("The structure was saved."))
                return redirect("planning:structure_list", municipality.code)
    context = _structures_context(municipality) | {"form": form}
    return render(request, "planning/structure_list.html", context, status=status)


@login_required
def structure_edit(
    request: AuthenticatedRequest, code: str, structure_id: uuid.UUID
) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    structure = structure_get_for_editor(request.user, municipality, structure_id)
    units = _admin_units(municipality)
    if request.method == "POST" and "delete" in request.POST:
        return _structure_delete(request, municipality, structure)
    initial = initial_of(structure, list(services.STRUCTURE_FIELDS), version=structure.version)
    form = StructureEditForm(request.POST or None, initial=initial, units=units)
    status, conflict, saved = 200, "", None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.structure_save(
                    actor=request.user,
                    municipality=municipality,
                    structure=structure,
                    expected_version=form.cleaned_data["version"],
                    values=form.cleaned_data,
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            except services.EditConflict as error:
                current = _current(error, Structure)
                version_replace(form, current.version)
                status, conflict = CONFLICT, _structure_conflict()
                saved = _saved_rows(current, services.STRUCTURE_FIELDS)
            else:
                messages.success(request, _("The structure was saved."))
                return redirect("planning:structure_list", municipality.code)
    context = {
        "municipality": municipality,
        "structure": structure,
        "form": form,
        "conflict": conflict,
        "saved": saved,
    }
    return render(request, "planning/structure_edit.html", context, status=status)


def _structure_conflict() -> str:
    return _(
        "Someone else saved this structure while you were editing it. Your changes are below "
        "and have not been saved; what is saved now is shown beside them. Compare the two, "
        "then save again to keep yours."
    )


def _structure_delete(
    request: AuthenticatedRequest, municipality: Area, structure: Structure
) -> HttpResponse:
    delete_form = DeleteForm(request.POST)
    if delete_form.is_valid():
        try:
            services.structure_delete(
                actor=request.user,
                structure=structure,
                expected_version=delete_form.cleaned_data["version"],
            )
        except services.EditConflict as error:
            status = CONFLICT
            conflict = _(
                "Someone else saved this structure after you opened it, so it was not "
                "deleted. It is shown below as saved now; delete it again if you still want to."
            )
            structure = _current(error, Structure)
        else:
            messages.success(request, _("The structure was deleted."))
            return redirect("planning:structure_list", municipality.code)
    else:
        status, conflict = 400, _("The structure could not be deleted; reload the page.")
    initial = initial_of(structure, list(services.STRUCTURE_FIELDS), version=structure.version)
    form = StructureEditForm(initial=initial, units=_admin_units(municipality))
    context = {
        "municipality": municipality,
        "structure": structure,
        "form": form,
        "conflict": conflict,
        "saved": None,
    }
    return render(request, "planning/structure_edit.html", context, status=status)


# ── A7 Budget ────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class BudgetRow:
    budget: BudgetYear
    social_care: Decimal
    # The social-care total as a percentage of the municipal budget; None if that is zero.
    share_percent: Decimal | None


def _budget_rows(municipality: Area) -> list[BudgetRow]:
    rows = []
    for budget in BudgetYear.objects.filter(municipality=municipality).prefetch_related("lines"):
        social_care = sum((line.amount for line in budget.lines.all()), Decimal(0))
        share = None
        if budget.municipal_total:
            share = (social_care * HUNDRED / budget.municipal_total).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        rows.append(BudgetRow(budget, social_care, share))
    return rows


@login_required
def budget_list(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    currency = CURRENCY_OF_COUNTRY.get(municipality.country_code, Currency.LEK)
    form = BudgetYearForm(request.POST or None, initial={"currency": currency})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                budget = services.budget_year_save(
                    actor=request.user,
                    municipality=municipality,
                    values=form.cleaned_data,
                    lines=form.lines(),
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            else:
                messages.success(
                    request, _("The budget of %(year)s was saved.") % {"year": budget.year}
                )
                return redirect("planning:budget_list", municipality.code)
    context = {"municipality": municipality, "rows": _budget_rows(municipality), "form": form}
    return render(request, "planning/budget_list.html", context, status=status)


@login_required
def budget_edit(
    request: AuthenticatedRequest, code: str, budget_year_id: uuid.UUID
) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    budget = budget_year_get_for_editor(request.user, municipality, budget_year_id)
    if request.method == "POST" and "delete" in request.POST:
        return _budget_delete(request, municipality, budget)
    form = BudgetYearEditForm(request.POST or None, initial=budget_year_initial(budget))
    status, conflict, saved = 200, "", None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.budget_year_save(
                    actor=request.user,
                    municipality=municipality,
                    budget_year=budget,
                    expected_version=form.cleaned_data["version"],
                    values=form.cleaned_data,
                    lines=form.lines(),
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            except services.EditConflict as error:
                current = _current(error, BudgetYear)
                version_replace(form, current.version)
                status, conflict = CONFLICT, _budget_conflict()
                saved = _budget_saved_rows(current)
            else:
                messages.success(
                    request, _("The budget of %(year)s was saved.") % {"year": budget.year}
                )
                return redirect("planning:budget_list", municipality.code)
    context = {
        "municipality": municipality,
        "budget": budget,
        "form": form,
        "conflict": conflict,
        "saved": saved,
    }
    return render(request, "planning/budget_edit.html", context, status=status)


def _budget_conflict() -> str:
    return _(
        "Someone else saved this budget year while you were editing it. Your changes are "
        "below and have not been saved; what is saved now is shown beside them. Compare the "
        "two, then save again to keep yours."
    )


def _budget_saved_rows(budget: BudgetYear) -> list[tuple[str, str]]:
    lines = {line.programme: line.amount for line in BudgetLine.objects.filter(budget_year=budget)}
    return [
        *_saved_rows(budget, services.BUDGET_YEAR_FIELDS),
        *((str(label), str(lines.get(code, "—"))) for code, label in Programme.choices),
    ]


def _budget_delete(
    request: AuthenticatedRequest, municipality: Area, budget: BudgetYear
) -> HttpResponse:
    delete_form = DeleteForm(request.POST)
    if delete_form.is_valid():
        try:
            services.budget_year_delete(
                actor=request.user,
                budget_year=budget,
                expected_version=delete_form.cleaned_data["version"],
            )
        except services.EditConflict as error:
            status = CONFLICT
            conflict = _(
                "Someone else saved this budget year after you opened it, so it was not "
                "deleted. It is shown below as saved now; delete it again if you still want to."
            )
            budget = _current(error, BudgetYear)
        else:
            messages.success(
                request, _("The budget of %(year)s was deleted.") % {"year": budget.year}
            )
            return redirect("planning:budget_list", municipality.code)
    else:
        status, conflict = 400, _("The budget year could not be deleted; reload the page.")
    form = BudgetYearEditForm(initial=budget_year_initial(budget))
    context = {
        "municipality": municipality,
        "budget": budget,
        "form": form,
        "conflict": conflict,
        "saved": None,
    }
    return render(request, "planning/budget_edit.html", context, status=status)


# ── A8 Gaps ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class NoteRow:
    note: GapNote
    target_group: str


@login_required
def gap_weights(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    units = _admin_units(municipality)
    choice = GapChoiceForm(request.GET if "unit" in request.GET else None, units=units)
    if choice.is_valid():
        unit, target_group = choice.cleaned_data["unit"], choice.cleaned_data["target_group"]
        return redirect("planning:gap_note", municipality.code, unit.code, target_group)
    weights = GapWeights.objects.filter(municipality=municipality).first()
    # No row yet: the editor sees the defaults, at version 0.
    shown = weights or GapWeights(municipality=municipality, version=0)
    initial = {name: getattr(shown, name) for name in ("need", "coverage", "distance", "version")}
    form = GapWeightsForm(request.POST or None, initial=initial)
    status, conflict, saved = 200, "", None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.gap_weights_set(
                    actor=request.user,
                    municipality=municipality,
                    expected_version=form.cleaned_data["version"],
                    need=form.cleaned_data["need"],
                    coverage=form.cleaned_data["coverage"],
                    distance=form.cleaned_data["distance"],
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            except services.EditConflict as error:
                current_weights = _current(error, GapWeights)
                version_replace(form, current_weights.version)
                status, conflict = CONFLICT, _weights_conflict()
                saved = _saved_rows(current_weights, ("need", "coverage", "distance"))
            else:
                messages.success(request, _("The weights were saved."))
                return redirect("planning:gap_weights", municipality.code)
    labels = dict(CommonTargetGroup.choices)
    notes = (
        GapNote.objects.filter(unit__in=units)
        .select_related("unit")
        .order_by("unit__path", "target_group")
    )
    context = {
        "municipality": municipality,
        "form": form,
        "choice": choice,
        "conflict": conflict,
        "saved": saved,
        "notes": [NoteRow(note, str(labels.get(note.target_group, ""))) for note in notes],
    }
    return render(request, "planning/gap_weights.html", context, status=status)


def _weights_conflict() -> str:
    return _(
        "Someone else saved the weights while you were editing them. Your weights are below "
        "and have not been saved; what is saved now is shown beside them. Compare the two, "
        "then save again to keep yours."
    )


def _note_conflict() -> str:
    return _(
        "Someone else saved a note on this gap while you were writing yours. Your note is "
        "below and has not been saved; what is saved now is shown beside it. Compare the two, "
        "then save again to keep yours."
    )


@login_required
def gap_note(
    request: AuthenticatedRequest, code: str, unit_code: str, target_group: str
) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    unit = _admin_units(municipality).filter(code=unit_code).first()
    if unit is None or target_group not in CommonTargetGroup.values:
        raise Http404
    note = GapNote.objects.filter(unit=unit, target_group=target_group).first()
    initial: dict[str, Any] = {"version": 0}
    if note is not None:
        initial = {"adjustment": note.adjustment, "note": note.note, "version": note.version}
    form = GapNoteForm(request.POST or None, initial=initial)
    status, conflict, saved = 200, "", None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.gap_note_set(
                    actor=request.user,
                    unit=unit,
                    target_group=target_group,
                    adjustment=form.cleaned_data["adjustment"],
                    note=form.cleaned_data["note"],
                    expected_version=form.cleaned_data["version"],
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            except services.EditConflict as error:
                current_note = _current(error, GapNote)
                version_replace(form, current_note.version)
                status, conflict = CONFLICT, _note_conflict()
                saved = _saved_rows(current_note, ("adjustment", "note"))
            else:
                messages.success(request, _("The note was saved."))
                return redirect("planning:gap_weights", municipality.code)
    context = {
        "municipality": municipality,
        "unit": unit,
        "target_group": CommonTargetGroup(target_group).label,
        "form": form,
        "conflict": conflict,
        "saved": saved,
    }
    return render(request, "planning/gap_note.html", context, status=status)

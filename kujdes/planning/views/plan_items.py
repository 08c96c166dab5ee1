"""Pages where planners write the plan: its texts, and its objectives, measures, activities
(with the cost grid) and indicators (with yearly targets), each added, changed or deleted.

Every page opens with the editor's lookup of the plan: 404 to anyone who is not a planner or
administrator over its municipality. A plan past consultation no longer changes: the pages
say so instead of offering a form. Every item carries a version, as on the assessment's
pages: a save that started from an older one answers 409 and keeps what the editor typed.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kujdes.directory.forms import initial_of
from kujdes.directory.models import CommonTargetGroup
from kujdes.lib.http import CONFLICT, AuthenticatedRequest
from kujdes.planning import services
from kujdes.planning.assessment import assessment_build
from kujdes.planning.forms import (
    ActivityForm,
    DeleteForm,
    IndicatorForm,
    MeasureForm,
    ObjectiveForm,
    PlanEditForm,
    activity_initial,
    gap_key,
    indicator_initial,
    version_replace,
)
from kujdes.planning.models import Activity, Indicator, Measure, Objective, Plan
from kujdes.planning.selectors import plan_get_for_editor, plan_item_get
from kujdes.planning.views.editing import _admin_units, _saved_rows

CONFLICT_MESSAGE = gettext_lazy(
    "Someone else saved this while you were editing it. Your changes are below and have not "
    "been saved; what is saved now is shown beside them. Compare the two, then save again to "
    "keep yours."
)
NAME_FIELDS = ("number", "name_sq", "name_sr_latn", "name_en")


# ── Objectives, measures, activities, indicators ────────────────────────────────────────────


@dataclass(frozen=True)
class ItemKind:
    """What the one item page needs to know of a kind of item."""

    model: type[Any]
    # Headings of the page for a new item and for an existing one.
    new_heading: Any
    edit_heading: Any
    # (request, plan, item or None, the posted data or None for an unbound form)
    form: Callable[[AuthenticatedRequest, Plan, Any, QueryDict | None], forms.BaseForm]
    initial: Callable[[Any], dict[str, Any]]
    save: Callable[[AuthenticatedRequest, Plan, Any, forms.BaseForm], Any]
    # The fields shown as "saved now" beside the editor's input after a conflict.
    shown: tuple[str, ...]


def _units(plan: Plan) -> Any:
    return _admin_units(plan.municipality)


def _gap_choices(plan: Plan, measure: Measure | None) -> list[tuple[str, str]]:
    """The ranked gaps of the needs assessment, highest score first, then those the measure
    answers that are no longer ranked."""
    labels = dict(CommonTargetGroup.choices)
    choices = [
        (
            gap_key(gap.unit.code, gap.need.group.target_group),
            _("%(unit)s – %(group)s (score %(score)s)")
            % {
                "unit": gap.unit.name,
                "group": labels.get(gap.need.group.target_group, gap.need.group.target_group),
                "score": gap.score,
            },
        )
        for gap in assessment_build(plan.municipality).gaps
    ]
    if measure is not None:
        ranked = {key for key, _label in choices}
        for gap in measure.gaps.select_related("unit"):
            key = gap_key(gap.unit.code, gap.target_group)
            if key not in ranked:
                choices.append((key, f"{gap.unit.name} – {labels.get(gap.target_group, '')}"))
    return choices


def _objective_form(
    request: AuthenticatedRequest, plan: Plan, item: Any, data: QueryDict | None
) -> forms.BaseForm:
    initial = (
        _objective_initial(item) if item else {"version": 0, "parent": request.GET.get("parent")}
    )
    return ObjectiveForm(data, initial=initial, plan=plan, exclude=item.pk if item else None)


def _objective_initial(item: Objective) -> dict[str, Any]:
    return initial_of(item, [*NAME_FIELDS, "parent"], version=item.version)


def _objective_save(
    request: AuthenticatedRequest, plan: Plan, item: Any, form: forms.BaseForm
) -> Objective:
    return services.objective_save(
        actor=request.user,
        plan=plan,
        objective=item,
        expected_version=form.cleaned_data["version"] if item else None,
        values=form.cleaned_data,
    )


def _measure_form(
    request: AuthenticatedRequest, plan: Plan, item: Any, data: QueryDict | None
) -> forms.BaseForm:
    # Arriving from a gap of the plan page, a new measure starts as its answer.
    new = {
        "version": 0,
        "gaps": request.GET.getlist("gap"),
        "objective": request.GET.get("objective"),
    }
    initial = _measure_initial(item) if item else new
    return MeasureForm(data, initial=initial, plan=plan, gap_choices=_gap_choices(plan, item))


def _measure_initial(item: Measure) -> dict[str, Any]:
    initial = initial_of(item, [*NAME_FIELDS, "objective"], version=item.version)
    initial["gaps"] = [
        gap_key(gap.unit.code, gap.target_group) for gap in item.gaps.select_related("unit")
    ]
    return initial


def _measure_save(
    request: AuthenticatedRequest, plan: Plan, item: Any, form: forms.BaseForm
) -> Measure:
    units = {unit.code: unit for unit in _units(plan)}
    gaps = []
    for key in form.cleaned_data["gaps"]:
        unit_code, _sep, group = key.partition(":")
        if unit_code not in units:
            raise services.InvalidInput(services.UNIT_OUTSIDE, "gaps")
        gaps.append((units[unit_code], group))
    return services.measure_save(
        actor=request.user,
        objective=form.cleaned_data["objective"],
        measure=item,
        expected_version=form.cleaned_data["version"] if item else None,
        values=form.cleaned_data,
        gaps=gaps,
    )


def _activity_form(
    request: AuthenticatedRequest, plan: Plan, item: Any, data: QueryDict | None
) -> forms.BaseForm:
    if item:
        initial = activity_initial(item)
    else:
        initial = {
            "version": 0,
            "measure": request.GET.get("measure"),
            "start_year": plan.start_year,
            "end_year": plan.end_year,
        }
    return ActivityForm(data, initial=initial, plan=plan)


def _activity_save(
    request: AuthenticatedRequest, plan: Plan, item: Any, form: forms.BaseForm
) -> Activity:
    assert isinstance(form, ActivityForm)
    data = form.cleaned_data
    return services.activity_save(
        actor=request.user,
        measure=data["measure"],
        activity=item,
        expected_version=data["version"] if item else None,
        values=data,
        partners=data["partners"],
        target_groups=data["target_groups"],
        units=data["units"],
        costs=form.costs(),
    )


def _indicator_form(
    request: AuthenticatedRequest, plan: Plan, item: Any, data: QueryDict | None
) -> forms.BaseForm:
    if item:
        initial = indicator_initial(item)
    else:
        owner = request.GET.get("of", "")
        initial = {"version": 0, "of": owner}
    figures = assessment_build(plan.municipality).needs
    return IndicatorForm(data, initial=initial, plan=plan, figures=figures)


def _indicator_save(
    request: AuthenticatedRequest, plan: Plan, item: Any, form: forms.BaseForm
) -> Indicator:
    assert isinstance(form, IndicatorForm)
    objective, measure = form.owner()
    return services.indicator_save(
        actor=request.user,
        plan=plan,
        indicator=item,
        expected_version=form.cleaned_data["version"] if item else None,
        values=form.values(),
        objective=objective,
        measure=measure,
        targets=form.targets(),
    )


PLAN_FIELDS = list(PlanEditForm.Meta.fields)


def _plan_form(
    request: AuthenticatedRequest, plan: Plan, item: Any, data: QueryDict | None
) -> forms.BaseForm:
    return PlanEditForm(data, initial=_plan_initial(plan), municipality=plan.municipality)


def _plan_initial(plan: Plan) -> dict[str, Any]:
    return initial_of(plan, PLAN_FIELDS, version=plan.version)


def _plan_save(request: AuthenticatedRequest, plan: Plan, item: Any, form: forms.BaseForm) -> Plan:
    return services.plan_save(
        actor=request.user,
        municipality=plan.municipality,
        plan=plan,
        expected_version=form.cleaned_data["version"],
        values=form.cleaned_data,
    )


PLAN_KIND = ItemKind(
    Plan,
    "",
    gettext_lazy("The plan's title, period, vision, mission and principles"),
    _plan_form,
    _plan_initial,
    _plan_save,
    tuple(PLAN_FIELDS),
)
KINDS = {
    "objectives": ItemKind(
        Objective,
        gettext_lazy("New objective"),
        gettext_lazy("Objective %(number)s"),
        _objective_form,
        _objective_initial,
        _objective_save,
        NAME_FIELDS,
    ),
    "measures": ItemKind(
        Measure,
        gettext_lazy("New measure"),
        gettext_lazy("Measure %(number)s"),
        _measure_form,
        _measure_initial,
        _measure_save,
        NAME_FIELDS,
    ),
    "activities": ItemKind(
        Activity,
        gettext_lazy("New activity"),
        gettext_lazy("Activity %(number)s"),
        _activity_form,
        activity_initial,
        _activity_save,
        (*NAME_FIELDS, "responsible", "start_year", "end_year"),
    ),
    "indicators": ItemKind(
        Indicator,
        gettext_lazy("New indicator"),
        gettext_lazy("The indicator"),
        _indicator_form,
        indicator_initial,
        _indicator_save,
        ("name_sq", "name_sr_latn", "name_en", "unit", "baseline_value", "baseline_year"),
    ),
}


@login_required
def plan_edit(request: AuthenticatedRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    plan = plan_get_for_editor(request.user, code, plan_id)
    return _item_page(request, plan, PLAN_KIND, plan)


def _kind(kind: str) -> ItemKind:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


@login_required
def plan_item_new(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, kind: str
) -> HttpResponse:
    plan = plan_get_for_editor(request.user, code, plan_id)
    return _item_page(request, plan, _kind(kind), None)


@login_required
def plan_item_edit(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, kind: str, item_id: uuid.UUID
) -> HttpResponse:
    plan = plan_get_for_editor(request.user, code, plan_id)
    item_kind = _kind(kind)
    item = plan_item_get(plan, item_kind.model, item_id)
    if request.method == "POST" and "delete" in request.POST:
        return _item_delete(request, plan, item_kind, item)
    return _item_page(request, plan, item_kind, item)


def _heading(kind: ItemKind, item: Any) -> str:
    if item is None:
        return str(kind.new_heading)
    return str(kind.edit_heading) % {"number": getattr(item, "number", "")}


def _item_page(
    request: AuthenticatedRequest, plan: Plan, kind: ItemKind, item: Any
) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    form = kind.form(request, plan, item, posted)
    status, conflict, saved = 200, "", None
    if posted is not None:
        status = 400
        if plan.is_editable and form.is_valid():
            try:
                kind.save(request, plan, item, form)
            except services.InvalidInput as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            except services.EditConflict as error:
                current: Any = error.current
                version_replace(form, current.version)
                status, conflict = CONFLICT, str(CONFLICT_MESSAGE)
                saved = _saved_rows(current, kind.shown)
            else:
                messages.success(request, _("The plan was saved."))
                return redirect("planning:plan_detail", plan.municipality.code, plan.pk)
    return _render(request, plan, kind, item, form, status, conflict, saved)


def _render(
    request: AuthenticatedRequest,
    plan: Plan,
    kind: ItemKind,
    item: Any,
    form: forms.BaseForm,
    status: int,
    conflict: str,
    saved: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "item": item,
        "form": form,
        "conflict": conflict,
        "saved": saved,
        "heading": _heading(kind, item),
    }
    return render(request, "planning/plan_item.html", context, status=status)


def _item_delete(
    request: AuthenticatedRequest, plan: Plan, kind: ItemKind, item: Any
) -> HttpResponse:
    delete_form = DeleteForm(request.POST)
    conflict = _("The item could not be deleted; reload the page.")
    if delete_form.is_valid():
        try:
            services.plan_item_delete(
                actor=request.user, item=item, expected_version=delete_form.cleaned_data["version"]
            )
        except services.InvalidInput as error:
            conflict = error.message
        except services.EditConflict as error:
            conflict = _(
                "Someone else saved this after you opened it, so it was not deleted. It is "
                "shown below as saved now; delete it again if you still want to."
            )
            item = error.current
        else:
            messages.success(request, _("The item was deleted."))
            return redirect("planning:plan_detail", plan.municipality.code, plan.pk)
    # Shown again as saved now (the delete form sent no field of the item).
    form = kind.form(request, plan, item, None)
    return _render(request, plan, kind, item, form, CONFLICT, conflict)

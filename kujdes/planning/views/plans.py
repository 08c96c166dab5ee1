"""The municipality's plans (Part B): the list, where planners start one, and the plan as a
whole: objectives, measures, activities and their costs, indicators, the budget summed every
way, and the ranked gaps of the needs assessment that no measure answers yet.

Read by everyone who reads the municipality's needs assessment; started by its planners and
administrators. Anyone else gets 404.
"""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from kujdes.lib.http import AuthenticatedRequest
from kujdes.lib.tabular import MEDIA_TYPES
from kujdes.planning import services
from kujdes.planning.assessment import assessment_build
from kujdes.planning.forms import PlanForm
from kujdes.planning.selectors import (
    can_edit_assessment,
    gaps_unanswered,
    municipality_get_for_reader,
    plan_budget,
    plan_cost_against_budget,
    plan_get_for_reader,
    plan_tree,
    plan_versions,
    plans_of,
)

# The unanswered gaps the plan page lists, highest score first.
GAPS_SHOWN = 10


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = municipality_get_for_reader(request.user, code)
    can_edit = can_edit_assessment(request.user, municipality)
    if request.method == "POST" and not can_edit:
        raise Http404
    form = PlanForm(request.POST or None, municipality=municipality) if can_edit else None
    status = 200
    if request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                plan = services.plan_save(
                    actor=request.user, municipality=municipality, values=form.cleaned_data
                )
            except services.InvalidInput as error:
                form.add_error(error.field, error.message)
            else:
                return redirect("planning:plan_detail", municipality.code, plan.pk)
        status = 400
    context = {
        "municipality": municipality,
        "plans": plans_of(municipality),
        "form": form,
    }
    return render(request, "planning/plan_list.html", context, status=status)


@login_required
@require_GET
def plan_detail(request: AuthenticatedRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    plan = plan_get_for_reader(request.user, code, plan_id)
    gaps = gaps_unanswered(plan, assessment_build(plan.municipality).gaps)
    can_edit = can_edit_assessment(request.user, plan.municipality)
    budget = plan_budget(plan)
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "tree": plan_tree(plan),
        "budget": budget,
        "against": plan_cost_against_budget(plan, budget),
        "gaps": gaps[:GAPS_SHOWN],
        "gaps_count": len(gaps),
        "can_edit": can_edit,
        "editing": can_edit and plan.is_editable,
        "versions": plan_versions(plan),
    }
    return render(request, "planning/plan_detail.html", context)


@login_required
@require_GET
def plan_action_plan(request: AuthenticatedRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    """The action plan as an XLSX workbook, in the reader's language."""
    # Imported here: only this download needs openpyxl's writer.
    from kujdes.documents.xlsx import action_plan_xlsx

    plan = plan_get_for_reader(request.user, code, plan_id)
    content = action_plan_xlsx(plan, plan_tree(plan), plan_budget(plan))
    response = HttpResponse(content, content_type=MEDIA_TYPES["xlsx"])
    filename = f"action-plan-{plan.municipality.code}-{plan.start_year}-{plan.end_year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

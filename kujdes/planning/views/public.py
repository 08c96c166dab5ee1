"""The public side of the plans, for everyone without signing in: the municipalities with
plans, each municipality's plans with their status and adoption, a plan as published (never a
draft), the comment form while its consultation is open, and the council's decision.

What a planner writes about people never appears here: the consultation record names only the
organization a comment came from.
"""

import uuid

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kujdes.documents.selectors import plan_documents_public
from kujdes.lib.http import sender_key
from kujdes.planning import services
from kujdes.planning.forms import CommentForm
from kujdes.planning.models import Plan
from kujdes.planning.selectors import (
    municipality_get_published,
    plan_budget,
    plan_cost_against_budget,
    plan_get_published,
    plan_tree,
    plans_published,
)


@require_GET
def plan_index(request: HttpRequest) -> HttpResponse:
    """The municipalities that have published a plan."""
    plans = list(
        plans_published().order_by("municipality__name_folded", "-start_year", "-revision")
    )
    by_municipality: dict[str, list[Plan]] = {}
    for plan in plans:
        by_municipality.setdefault(plan.municipality.code, []).append(plan)
    context = {"groups": [(items[0].municipality, items) for items in by_municipality.values()]}
    return render(request, "planning/public/index.html", context)


@require_GET
def municipality_plans(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_get_published(code)
    plans = list(plans_published().filter(municipality=municipality))
    context = {"municipality": municipality, "plans": plans}
    return render(request, "planning/public/municipality.html", context)


@require_http_methods(["GET", "POST"])
def plan_page(request: HttpRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    plan = plan_get_published(code, plan_id)
    is_open = plan.consultation_is_open(timezone.localdate())
    form = CommentForm(request.POST if request.method == "POST" else None, guarded=True)
    status = 200
    if request.method == "POST":
        if not is_open:
            raise Http404
        status = 400
        if form.is_valid():
            try:
                services.comment_submit(
                    plan=plan,
                    text=form.cleaned_data["text"],
                    about=form.cleaned_data["about"],
                    author_name=form.cleaned_data["author_name"],
                    organization=form.cleaned_data["organization"],
                    sender_key=sender_key(request),
                )
            except services.InvalidInput as refused:
                form.add_error(refused.field, refused.message)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your comment was received. The planners answer every "
                        "comment; the answers are published with the plan."
                    ),
                )
                return redirect("plans:plan_page", code, plan.pk)
    budget = plan_budget(plan)
    # The record is published once the consultation has closed and its answers are given.
    record = [] if plan.status == Plan.Status.CONSULTATION else list(plan.comments.all())
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "tree": plan_tree(plan),
        "budget": budget,
        "against": plan_cost_against_budget(plan, budget),
        "is_open": is_open,
        "form": form,
        "record": record,
        "documents": plan_documents_public(plan),
    }
    return render(request, "planning/public/plan.html", context, status=status)


@require_GET
def plan_decision(request: HttpRequest, code: str, plan_id: uuid.UUID) -> FileResponse:
    """The council's decision adopting the plan."""
    plan = plan_get_published(code, plan_id)
    if not plan.is_adopted or not plan.decision_file:
        raise Http404
    name = plan.decision_file.name.rsplit("/", 1)[-1]
    return FileResponse(plan.decision_file.open("rb"), as_attachment=True, filename=name)

"""The plan's steps and the people's say in it: the page where planners take the plan through
its life cycle (consultation, submission, adoption, implementation, a new version), the
comments with the planners' answers, and the comparison of two versions.

The steps are the planners' and administrators' (404 to anyone else); the comments page is
read by whoever reads the plan, and advisory-group members may comment there on the draft.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kujdes.lib.http import CONFLICT, AuthenticatedRequest, sender_key
from kujdes.planning import services
from kujdes.planning.forms import (
    AdoptionForm,
    AnswerForm,
    CommentForm,
    ConsultationForm,
    StepForm,
)
from kujdes.planning.models import Comment, Plan
from kujdes.planning.selectors import (
    can_edit_assessment,
    plan_comparison,
    plan_get_for_editor,
    plan_get_for_reader,
    plan_versions,
)

SIMPLE_STEPS: dict[str, Callable[..., Plan]] = {
    "submit": services.plan_submit,
    "return": services.plan_return,
    "implementation": services.plan_implementation_start,
    "close": services.plan_close,
}
STALE = 409


@login_required
@require_http_methods(["GET", "POST"])
def plan_steps(request: AuthenticatedRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    plan = plan_get_for_editor(request.user, code, plan_id)
    step = request.POST.get("step", "")
    data = request.POST if request.method == "POST" else None
    forms = {
        "consultation": ConsultationForm(
            data if step == "consultation" else None, initial={"version": plan.version}
        ),
        "adopt": AdoptionForm(
            data if step == "adopt" else None,
            request.FILES if step == "adopt" else None,
            initial={"version": plan.version},
        ),
        "step": StepForm(initial={"version": plan.version}),
    }
    status, error = 200, ""
    if request.method == "POST":
        if step not in services.NEXT_STEPS[plan.status]:
            status, error = (
                400,
                _("The plan is not at the step this change belongs to; reload the page."),
            )
        else:
            try:
                result = _step_take(request, plan, step, forms)
            except services.InvalidInput as refused:
                status, error = 400, refused.message
            except services.EditConflict:
                status = STALE
                error = _(
                    "Someone else changed the plan after you opened this page, so nothing was "
                    "done. Look at the plan as it is now, then try again."
                )
            else:
                if result is not None:
                    messages.success(
                        request,
                        _("Done: the plan is now %(status)s.")
                        % {"status": result.get_status_display()},
                    )
                    return redirect("planning:plan_steps", plan.municipality.code, result.pk)
                status = 400
                if step in SIMPLE_STEPS:
                    error = _("The plan could not be changed; reload the page.")
        plan.refresh_from_db()
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "steps": services.NEXT_STEPS[plan.status],
        "forms": forms,
        "error": error,
        "versions": plan_versions(plan),
        "unanswered": plan.comments.filter(answer="").count(),
    }
    return render(request, "planning/plan_steps.html", context, status=status)


def _step_take(
    request: AuthenticatedRequest, plan: Plan, step: str, forms: dict[str, Any]
) -> Plan | None:
    """Take the step, or None if its form is invalid (its errors are then on the form)."""
    if step == "revise":
        return services.plan_revise(actor=request.user, plan=plan)
    if step in ("consultation", "adopt"):
        form = forms[step]
    else:
        form = forms["step"] = StepForm(request.POST)
    if not form.is_valid():
        return None
    version = form.cleaned_data["version"]
    if step == "consultation":
        return services.plan_consultation_open(
            actor=request.user,
            plan=plan,
            expected_version=version,
            opens=form.cleaned_data["opens"],
            closes=form.cleaned_data["closes"],
        )
    if step == "adopt":
        return services.plan_adopt(
            actor=request.user,
            plan=plan,
            expected_version=version,
            decision_body=form.cleaned_data["decision_body"],
            decision_number=form.cleaned_data["decision_number"],
            decision_date=form.cleaned_data["decision_date"],
            decision_file=form.cleaned_data["decision_file"],
        )
    return SIMPLE_STEPS[step](actor=request.user, plan=plan, expected_version=version)


# ── Comments ─────────────────────────────────────────────────────────────────────────────────


@login_required
@require_http_methods(["GET", "POST"])
def plan_comments(request: AuthenticatedRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    """The comments on the plan with their answers. Planners answer them here; members of the
    advisory group comment here on the draft."""
    plan = plan_get_for_reader(request.user, code, plan_id)
    can_answer = can_edit_assessment(request.user, plan.municipality) and plan.is_editable
    can_comment = services.can_comment(request.user, plan, timezone.now())
    posted = request.POST if request.method == "POST" else None
    comment_form = CommentForm(posted if posted and "text" in posted else None, guarded=False)
    answer_form = AnswerForm(posted if posted and "answer" in posted else None)
    status, error = 200, ""
    if posted is not None:
        status = 400
        if "answer" in posted:
            if not can_answer:
                raise Http404
            if answer_form.is_valid():
                comment = Comment.objects.filter(
                    plan=plan, pk=answer_form.cleaned_data["comment"]
                ).first()
                if comment is None:
                    raise Http404
                try:
                    services.comment_answer(
                        actor=request.user,
                        comment=comment,
                        expected_version=answer_form.cleaned_data["version"],
                        answer=answer_form.cleaned_data["answer"],
                        reason=answer_form.cleaned_data["reason"],
                    )
                except services.InvalidInput as refused:
                    answer_form.add_error(refused.field, refused.message)
                except services.EditConflict:
                    status = CONFLICT
                    error = _(
                        "Someone else answered this comment while you were writing. Your "
                        "answer was not saved; read theirs below and answer again if needed."
                    )
                else:
                    messages.success(request, _("The answer was saved."))
                    return redirect("planning:plan_comments", plan.municipality.code, plan.pk)
        else:
            if not can_comment:
                raise Http404
            if comment_form.is_valid():
                try:
                    services.comment_submit(
                        plan=plan,
                        text=comment_form.cleaned_data["text"],
                        about=comment_form.cleaned_data["about"],
                        organization=comment_form.cleaned_data["organization"],
                        author=request.user,
                        sender_key=sender_key(request),
                    )
                except services.InvalidInput as refused:
                    comment_form.add_error(refused.field, refused.message)
                else:
                    messages.success(request, _("Thank you: your comment was received."))
                    return redirect("planning:plan_comments", plan.municipality.code, plan.pk)
    comments = list(plan.comments.all())
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "comments": comments,
        "can_answer": can_answer,
        "can_comment": can_comment,
        "comment_form": comment_form,
        "answer_form": answer_form,
        "answering": answer_form.data.get("comment", "") if answer_form.is_bound else "",
        "error": error,
        "answer_choices": Comment.Answer.choices,
    }
    return render(request, "planning/plan_comments.html", context, status=status)


# ── Versions ─────────────────────────────────────────────────────────────────────────────────


@login_required
@require_GET
def plan_compare(request: AuthenticatedRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    """Two versions of the plan side by side: this one and `?with=` another of its versions
    (by default the one it revises)."""
    plan = plan_get_for_reader(request.user, code, plan_id)
    versions = plan_versions(plan)
    other_id = request.GET.get("with", "")
    other = next((v for v in versions if str(v.pk) == other_id), None)
    if other is None:
        other = next((v for v in versions if v.pk == plan.revises_id), None)
    if other is None:
        other = next((v for v in versions if v.pk != plan.pk), None)
    rows = plan_comparison(other, plan) if other else []
    only_changed = request.GET.get("changed") == "1"
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "other": other,
        "versions": versions,
        "rows": [row for row in rows if row.changed or not only_changed],
        "only_changed": only_changed,
        "changed_count": sum(row.changed for row in rows),
    }
    return render(request, "planning/plan_compare.html", context)

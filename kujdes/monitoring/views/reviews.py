"""The yearly review of an adopted plan: the plan's reviews, where planners open a year, and
the review of a year: each activity's status and progress rolled up to the measures,
objectives and the plan; the indicators' actual values against the year's targets; the
spending against the planned cost by source; the advisory group's meeting and the
conclusions, which may open the plan's next version.

Read by everyone who reads the plan; changed by its planners and administrators. Each section
posts to its own address; a refused or stale section answers with the whole page again, the
editor's input kept."""

import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kujdes.directory.models import FundingSource
from kujdes.directory.services import EditConflict
from kujdes.lib.http import CONFLICT, AuthenticatedRequest
from kujdes.monitoring import services
from kujdes.monitoring.forms import (
    ActualsForm,
    ConclusionsForm,
    ProgressForm,
    ReviewOpenForm,
    SpendingForm,
)
from kujdes.monitoring.models import Review
from kujdes.monitoring.selectors import (
    SourceSpending,
    review_get_for_editor,
    review_get_for_reader,
    review_state,
    reviews_rollup,
)
from kujdes.planning.forms.common import version_replace
from kujdes.planning.models import Activity
from kujdes.planning.selectors import (
    PlanTree,
    can_edit_assessment,
    plan_get_for_reader,
    plan_tree,
)
from kujdes.planning.services import InvalidInput


@login_required
@require_http_methods(["GET", "POST"])
def review_list(request: AuthenticatedRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    plan = plan_get_for_reader(request.user, code, plan_id)
    can_edit = can_edit_assessment(request.user, plan.municipality) and plan.is_adopted
    if request.method == "POST" and not can_edit:
        raise Http404
    reviews = list(Review.objects.filter(plan=plan).order_by("-year"))
    rollups = reviews_rollup(plan, reviews)
    form = (
        ReviewOpenForm(request.POST or None, plan=plan, reviewed={r.year for r in reviews})
        if can_edit
        else None
    )
    status = 200
    if request.method == "POST" and form is not None:
        status = 400
        if form.is_valid():
            try:
                review = services.review_open(
                    actor=request.user, plan=plan, year=form.cleaned_data["year"]
                )
            except InvalidInput as error:
                form.add_error(error.field, error.message)
            else:
                return redirect("monitoring:review_detail", code, plan.pk, review.year)
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "reviews": [(review, rollups[review.pk].plan) for review in reviews],
        "form": form,
    }
    return render(request, "monitoring/review_list.html", context, status=status)


def _activities(tree: PlanTree) -> list[Activity]:
    return [activity for _specific, _measure, activity in tree.activity_lines()]


def _page(
    request: AuthenticatedRequest,
    review: Review,
    *,
    status: int = 200,
    bound: dict[str, forms.Form] | None = None,
    conflict: str = "",
) -> HttpResponse:
    """The review page, with `bound` forms in place of the fresh ones."""
    plan = review.plan
    state = review_state(review)
    can_edit = can_edit_assessment(request.user, plan.municipality)
    spent = {row.source: row.spent for row in state.spending if row.spent is not None}
    fresh: dict[str, Any] = {
        "progress": ProgressForm(activities=_activities(state.tree), held=state.progress),
        "actuals": ActualsForm(indicators=state.tree.indicators, held=state.actuals),
        "spending": SpendingForm(spent=spent),
        "conclusions": ConclusionsForm(review=review),
    } | (bound or {})
    sheet = state.sheet()
    fields = {activity.pk: rest for activity, *rest in fresh["progress"].rows()}
    for row in sheet:
        row.fields = fields.get(row.item.pk)
    indicators = [
        (indicator, state.target(indicator), state.actuals.get(indicator.pk), *inputs)
        for indicator, *inputs in fresh["actuals"].rows()
    ]
    by_source = {row.source: row for row in state.spending}
    # Every source for the editor to fill; the sources with figures for the reader.
    spending_rows = [
        (
            by_source.get(source) or SourceSpending(source, str(label), Decimal(0), None),
            fresh["spending"][source],
        )
        for source, label in FundingSource.choices
        if can_edit or source in by_source
    ]
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "review": review,
        "sheet": sheet,
        "spending_rows": spending_rows,
        "statuses": state.statuses(),
        "indicators": indicators,
        "rollup": state.rollup,
        "can_edit": can_edit,
        "conflict": conflict,
        **{f"{name}_form": form for name, form in fresh.items()},
    }
    return render(request, "monitoring/review_detail.html", context, status=status)


@login_required
@require_GET
def review_detail(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    return _page(request, review_get_for_reader(request.user, code, plan_id, year))


def _table_save(
    request: AuthenticatedRequest,
    review: Review,
    name: str,
    form: ProgressForm | ActualsForm,
    save: Callable[[], int],
    conflict: str,
) -> HttpResponse | int:
    """Save the progress or actuals table: the number of rows changed, or the page again
    with the editor's input (400 when refused; 409 when someone saved meanwhile, the input
    then carrying the versions saved now, so that saving again overwrites knowingly)."""
    if not form.is_valid():
        return _page(request, review, status=400, bound={name: form})
    try:
        return save()
    except InvalidInput as error:
        form.add_error(error.field, error.message)
        return _page(request, review, status=400, bound={name: form})
    except EditConflict:
        held = review.progress.all() if name == "progress" else review.actuals.all()
        data = form.data.copy()  # type: ignore[attr-defined]
        for row in held:
            data[f"version_{getattr(row, form.key_field)}"] = str(row.version)
        form.data = data
        return _page(request, review, status=CONFLICT, bound={name: form}, conflict=conflict)


@login_required
@require_POST
def review_progress(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    review = review_get_for_editor(request.user, code, plan_id, year)
    form = ProgressForm(
        request.POST,
        activities=_activities(plan_tree(review.plan)),
        held={p.activity_id: p for p in review.progress.all()},
    )
    saved = _table_save(
        request,
        review,
        "progress",
        form,
        lambda: services.review_progress_save(
            actor=request.user,
            review=review,
            rows=[
                (r.activity, r.status, r.percent, r.note, r.version) for r in form.changed_rows()
            ],
        ),
        _(
            "Someone else recorded progress in this review meanwhile, and nothing of yours was "
            "saved. The table beside your input shows what is saved now; save again to keep "
            "yours."
        ),
    )
    if isinstance(saved, HttpResponse):
        return saved
    messages.success(
        request,
        ngettext(
            "Progress saved: %(count)s activity changed.",
            "Progress saved: %(count)s activities changed.",
            saved,
        )
        % {"count": saved},
    )
    return redirect("monitoring:review_detail", code, plan_id, year)


@login_required
@require_POST
def review_actuals(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    review = review_get_for_editor(request.user, code, plan_id, year)
    form = ActualsForm(
        request.POST,
        indicators=plan_tree(review.plan).indicators,
        held={a.indicator_id: a for a in review.actuals.all()},
    )
    saved = _table_save(
        request,
        review,
        "actuals",
        form,
        lambda: services.review_actuals_save(
            actor=request.user,
            review=review,
            rows=[
                (r.indicator, r.value, r.source, r.reason, r.version) for r in form.changed_rows()
            ],
        ),
        _(
            "Someone else recorded actual values in this review meanwhile, and nothing of yours "
            "was saved. The table shows what is saved now; save again to keep yours."
        ),
    )
    if isinstance(saved, HttpResponse):
        return saved
    messages.success(
        request,
        ngettext(
            "Actual values saved: %(count)s indicator changed.",
            "Actual values saved: %(count)s indicators changed.",
            saved,
        )
        % {"count": saved},
    )
    return redirect("monitoring:review_detail", code, plan_id, year)


@login_required
@require_POST
def review_actuals_fill(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    review = review_get_for_editor(request.user, code, plan_id, year)
    filled = services.indicator_actuals_fill(actor=request.user, review=review)
    messages.success(
        request,
        _(
            "Indicators filled from Kujdes's data: %(filled)s; kept as set by a planner: "
            "%(kept)s; without a figure for the year: %(missing)s."
        )
        % {"filled": filled.filled, "kept": filled.kept, "missing": filled.missing},
    )
    return redirect("monitoring:review_detail", code, plan_id, year)


@login_required
@require_POST
def review_spending_save(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    review = review_get_for_editor(request.user, code, plan_id, year)
    form = SpendingForm(request.POST, spent={})
    if not form.is_valid():
        return _page(request, review, status=400, bound={"spending": form})
    try:
        services.spending_set(actor=request.user, review=review, amounts=form.amounts())
    except InvalidInput as error:
        form.add_error(None, error.message)
        return _page(request, review, status=400, bound={"spending": form})
    messages.success(request, _("The year's spending was saved."))
    return redirect("monitoring:review_detail", code, plan_id, year)


@login_required
@require_POST
def review_conclusions(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    review = review_get_for_editor(request.user, code, plan_id, year)
    form = ConclusionsForm(request.POST, review=review)
    if not form.is_valid():
        return _page(request, review, status=400, bound={"conclusions": form})
    try:
        services.review_save(
            actor=request.user,
            review=review,
            meeting=form.cleaned_data["meeting"],
            conclusions=form.cleaned_data["conclusions"],
            expected_version=form.cleaned_data["version"],
        )
    except InvalidInput as error:
        form.add_error(error.field, error.message)
        return _page(request, review, status=400, bound={"conclusions": form})
    except EditConflict:
        version_replace(form, Review.objects.get(pk=review.pk).version)
        message = _(
            "Someone else changed the meeting or the conclusions meanwhile, and nothing of yours "
            "was saved. What is saved now is shown above your input; save again to keep yours."
        )
        return _page(
            request, review, status=CONFLICT, bound={"conclusions": form}, conflict=message
        )
    messages.success(request, _("The meeting and the conclusions were saved."))
    return redirect("monitoring:review_detail", code, plan_id, year)


@login_required
@require_POST
def review_publication(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    review = review_get_for_editor(request.user, code, plan_id, year)
    published = request.POST.get("published") == "1"
    services.review_publish(actor=request.user, review=review, published=published)
    messages.success(
        request,
        _("The review is public on the plan's page.")
        if published
        else _("The review is no longer public."),
    )
    return redirect("monitoring:review_detail", code, plan_id, year)


@login_required
@require_POST
def review_revision(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    review = review_get_for_editor(request.user, code, plan_id, year)
    try:
        revision = services.review_revision_open(actor=request.user, review=review)
    except InvalidInput as error:
        messages.error(request, error.message)
        return redirect("monitoring:review_detail", code, plan_id, year)
    messages.success(
        request,
        _("Version %(revision)s of the plan was started from the review's conclusions.")
        % {"revision": revision.revision},
    )
    return redirect("planning:plan_detail", code, revision.pk)

"""A plan's progress for everyone: the objectives and activities with their status and
progress at a published yearly review, the projects and their funders, the indicators against
their targets, the documents. Nothing about a person: counts that could point at someone are
suppressed (kujdes/lib/suppression.py)."""

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kujdes.documents.selectors import monitoring_reports_public, plan_documents_public
from kujdes.lib import charts
from kujdes.monitoring.models import Review
from kujdes.monitoring.selectors.access import plan_get_adopted_published
from kujdes.monitoring.selectors.public import plan_progress


@require_GET
def plan_progress_page(request: HttpRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    plan = plan_get_adopted_published(code, plan_id)
    year = request.GET.get("year", "")
    try:
        progress = plan_progress(plan, int(year) if year.isdigit() else None)
    except Review.DoesNotExist as error:
        raise Http404 from error
    objectives_chart = None
    if progress.rollup is not None:
        strategic = [row for row in progress.sheet if row.level == "strategic"]
        objectives_chart = charts.bar_chart(
            chart_id="progress-objectives",
            title=_("Progress by strategic objective (%)"),
            categories=[
                charts.bar_label(f"{row.item.number} {row.item.name}") for row in strategic
            ],
            series=[charts.Series(_("Progress (%)"), [row.percent for row in strategic])],
        )
    years = [str(year_) for year_ in plan.years]
    indicator_charts = [
        (
            course,
            charts.column_chart(
                chart_id=f"indicator-{index}",
                title=course.indicator.name,
                categories=years,
                series=[
                    charts.Series(_("Target"), course.target_series),
                    charts.Series(_("Actual"), course.actual_series),
                ],
            ),
        )
        for index, course in enumerate(progress.indicators)
    ]
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "progress": progress,
        "objectives_chart": objectives_chart,
        "indicator_charts": indicator_charts,
        "documents": plan_documents_public(plan),
        "reports": monitoring_reports_public(progress.review) if progress.review else [],
    }
    return render(request, "monitoring/public/plan_progress.html", context)

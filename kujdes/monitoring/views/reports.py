"""The yearly monitoring report (DOCX or PDF) of a plan's review: asked for by the plan's
planners on the review's documents page, written in the background, its progress shown by a
fragment that htmx polls (or a link reloads).

Listed and downloaded by whoever may read the plan; asked for by those who may edit it; 404
for anyone else. A finished report of a published review of an adopted plan is public:
anyone may download it, signed in or not.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from kujdes.documents.models import MonitoringReport
from kujdes.documents.selectors import (
    monitoring_report_get_for_reader,
    monitoring_report_get_public,
    monitoring_reports_of,
)
from kujdes.documents.services import monitoring_report_request
from kujdes.documents.views import document_file_response
from kujdes.lib.http import AuthenticatedRequest
from kujdes.monitoring.selectors import review_get_for_editor, review_get_for_reader
from kujdes.planning.forms import DocumentRequestForm, active_language
from kujdes.planning.selectors import can_edit_assessment
from kujdes.planning.views.documents import HtmxRequest


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: HtmxRequest, code: str, plan_id: uuid.UUID, year: int) -> HttpResponse:
    if request.method == "POST":
        review = review_get_for_editor(request.user, code, plan_id, year)
    else:
        review = review_get_for_reader(request.user, code, plan_id, year)
    plan = review.plan
    can_request = can_edit_assessment(request.user, plan.municipality)
    form = DocumentRequestForm(
        request.POST or None,
        initial={"language": active_language(), "format": MonitoringReport.Format.PDF},
    )
    if request.method == "POST" and form.is_valid():
        report = monitoring_report_request(
            actor=request.user,
            review=review,
            language=form.cleaned_data["language"],
            format=form.cleaned_data["format"],
        )
        if request.htmx:
            return render(
                request,
                "monitoring/_report_status.html",
                {"report": report, "review": review, "plan": plan, "created": True},
                status=201,
            )
        messages.info(request, _("The report is being written; its progress is shown below."))
        return redirect("monitoring:report_list", plan.municipality.code, plan.pk, review.year)
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "review": review,
        "form": form if can_request else None,
        "reports": monitoring_reports_of(review),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "monitoring/report_list.html", context, status=status)


@login_required
@require_GET
def report_status(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int, report_id: uuid.UUID
) -> HttpResponse:
    report = monitoring_report_get_for_reader(request.user, code, plan_id, year, report_id)
    return render(
        request,
        "monitoring/_report_status.html",
        {"report": report, "review": report.review, "plan": report.review.plan},
    )


@login_required
@require_GET
def report_download(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int, report_id: uuid.UUID
) -> FileResponse:
    report = monitoring_report_get_for_reader(request.user, code, plan_id, year, report_id)
    return document_file_response(report, public=False)


@require_GET
def public_report_download(
    request: HttpRequest, code: str, plan_id: uuid.UUID, year: int, report_id: uuid.UUID
) -> FileResponse:
    """A finished report of a published review of an adopted plan, for anyone; 404 for every
    other report."""
    return document_file_response(
        monitoring_report_get_public(code, plan_id, year, report_id), public=True
    )

"""A year's progress of the plan's activities as a workbook (see monitoring.importers):
downloaded by everyone who reads the plan, filled in and uploaded by its planners and
administrators. Anyone else gets 404; nobody signed out gets further than signing in."""

import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kujdes.lib.http import AuthenticatedRequest
from kujdes.lib.tabular import MEDIA_TYPES
from kujdes.monitoring import importers
from kujdes.monitoring.models import ActivityProgress
from kujdes.monitoring.selectors import review_get_for_editor, review_get_for_reader


class ProgressUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Progress workbook (XLSX)"),
        help_text=gettext_lazy("The workbook downloaded from this page, filled in."),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext_lazy("The file is larger than %(megabytes)d MB."),
                params={"megabytes": settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload


@login_required
@require_GET
def progress_workbook(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    """The review year's progress sheet, in the reader's language."""
    review = review_get_for_reader(request.user, code, plan_id, year)
    plan = review.plan
    response = HttpResponse(importers.progress_workbook(review), content_type=MEDIA_TYPES["xlsx"])
    filename = (
        f"progress-{plan.municipality.code}-{plan.start_year}-{plan.end_year}-{review.year}.xlsx"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def progress_import(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, year: int
) -> HttpResponse:
    review = review_get_for_editor(request.user, code, plan_id, year)
    form = ProgressUploadForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            report = importers.progress_import(
                actor=request.user, review=review, file=form.cleaned_data["file"]
            )
            if report.ok:
                messages.success(
                    request,
                    _(
                        "The progress of %(year)s is imported. Activities changed: %(changed)s; "
                        "unchanged: %(unchanged)s; skipped, without a status: %(skipped)s."
                    )
                    % {
                        "year": review.year,
                        "changed": report.changed,
                        "unchanged": report.unchanged,
                        "skipped": report.skipped,
                    },
                )
                return redirect("monitoring:progress_import", code, plan_id, year)
    context = {
        "municipality": review.plan.municipality,
        "plan": review.plan,
        "review": review,
        "form": form,
        "report": report,
        "statuses": [str(label) for label in ActivityProgress.Status.labels],
    }
    return render(request, "monitoring/progress_import.html", context, status=status)

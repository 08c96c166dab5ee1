"""The plan as one document (DOCX or PDF: Part A, the Needs Assessment Report; Part B, the
plan; the annexes): asked for on the plan's documents page, written in the background, its
progress shown by a fragment that htmx polls (or a link reloads).

Read by whoever may read the plan; 404 for anyone else. A finished document written from an
adopted plan is also public: anyone may download it, signed in or not.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from kujdes.documents.models import PlanDocument
from kujdes.documents.selectors import (
    plan_document_get_for_reader,
    plan_document_get_public,
    plan_documents_of,
)
from kujdes.documents.services import (
    plan_document_request,
)
from kujdes.documents.views import document_file_response
from kujdes.lib.http import AuthenticatedRequest
from kujdes.planning.forms import PlanDocumentRequestForm, active_language
from kujdes.planning.selectors import plan_get_for_reader
from kujdes.planning.views.documents import HtmxRequest


@login_required
@require_http_methods(["GET", "POST"])
def plan_document_list(request: HtmxRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    plan = plan_get_for_reader(request.user, code, plan_id)
    form = PlanDocumentRequestForm(
        request.POST or None,
        plan=plan,
        initial={"language": active_language(), "format": PlanDocument.Format.PDF},
    )
    if request.method == "POST" and form.is_valid():
        document = plan_document_request(
            actor=request.user,
            plan=plan,
            language=form.cleaned_data["language"],
            format=form.cleaned_data["format"],
        )
        if request.htmx:
            return render(
                request,
                "planning/_plan_document_status.html",
                {"document": document, "plan": plan, "created": True},
                status=201,
            )
        messages.info(request, _("The document is being written; its progress is shown below."))
        return redirect("planning:plan_document_list", plan.municipality.code, plan.pk)
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "form": form,
        "documents": plan_documents_of(plan),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/plan_document_list.html", context, status=status)


@login_required
@require_GET
def plan_document_status(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, document_id: uuid.UUID
) -> HttpResponse:
    document = plan_document_get_for_reader(request.user, code, plan_id, document_id)
    return render(
        request,
        "planning/_plan_document_status.html",
        {"document": document, "plan": document.plan},
    )


@login_required
@require_GET
def plan_document_download(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, document_id: uuid.UUID
) -> FileResponse:
    document = plan_document_get_for_reader(request.user, code, plan_id, document_id)
    return document_file_response(document, public=False)


@require_GET
def public_document_download(
    request: HttpRequest, code: str, plan_id: uuid.UUID, document_id: uuid.UUID
) -> FileResponse:
    """A document of an adopted plan (adopted, in implementation or closed), written once it
    was adopted, for anyone; 404 for every other plan or document."""
    return document_file_response(plan_document_get_public(code, plan_id, document_id), public=True)

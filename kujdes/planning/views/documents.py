"""The Needs Assessment Report as a document (DOCX or PDF): asked for on one page, written in
the background, its progress shown by a fragment that htmx polls (or a link reloads)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.middleware import HtmxDetails

from kujdes.documents.models import AssessmentDocument
from kujdes.documents.selectors import document_get_for_reader, documents_for_reader
from kujdes.documents.services import assessment_document_request
from kujdes.documents.views import document_file_response
from kujdes.lib.http import AuthenticatedRequest
from kujdes.planning.forms import DocumentRequestForm, active_language
from kujdes.planning.selectors import municipality_get_for_reader


class HtmxRequest(AuthenticatedRequest):
    htmx: HtmxDetails


@login_required
@require_http_methods(["GET", "POST"])
def document_list(request: HtmxRequest, code: str) -> HttpResponse:
    municipality = municipality_get_for_reader(request.user, code)
    form = DocumentRequestForm(
        request.POST or None,
        initial={"language": active_language(), "format": AssessmentDocument.Format.DOCX},
    )
    if request.method == "POST" and form.is_valid():
        document = assessment_document_request(
            actor=request.user,
            municipality=municipality,
            language=form.cleaned_data["language"],
            format=form.cleaned_data["format"],
        )
        if request.htmx:
            return render(
                request,
                "planning/_document_status.html",
                {"document": document, "municipality": municipality, "created": True},
                status=201,
            )
        messages.info(request, _("The document is being written; its progress is shown below."))
        return redirect("planning:document_list", municipality.code)
    context = {
        "municipality": municipality,
        "form": form,
        "documents": documents_for_reader(request.user, municipality),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/document_list.html", context, status=status)


@login_required
@require_GET
def document_status(
    request: AuthenticatedRequest, code: str, document_id: uuid.UUID
) -> HttpResponse:
    document = document_get_for_reader(request.user, code, document_id)
    return render(
        request,
        "planning/_document_status.html",
        {"document": document, "municipality": document.municipality},
    )


@login_required
@require_GET
def document_download(
    request: AuthenticatedRequest, code: str, document_id: uuid.UUID
) -> FileResponse:
    document = document_get_for_reader(request.user, code, document_id)
    return document_file_response(document)

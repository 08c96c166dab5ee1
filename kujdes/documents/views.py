"""What every download of a written document shares; the pages that offer them live with the
app whose subject they report on (planning, monitoring)."""

import posixpath

from django.http import FileResponse, Http404

from kujdes.documents.models import AssessmentDocument, MonitoringReport, PlanDocument
from kujdes.documents.services import CONTENT_TYPES


def document_file_response(
    document: AssessmentDocument | PlanDocument | MonitoringReport, *, public: bool = False
) -> FileResponse:
    """The finished document's file as an attachment; 404 while it is not written (or its
    file was lost)."""
    if document.status != document.Status.DONE or not document.file:
        raise Http404
    try:
        content = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        content,
        as_attachment=True,
        filename=posixpath.basename(document.file.name),
        content_type=CONTENT_TYPES[document.Format(document.format)],
    )
    # A written document never changes: a new one is asked for instead.
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    return response

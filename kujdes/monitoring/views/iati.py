"""The municipality's IATI activity file, for anyone: its projects and the activities of its
adopted plans (kujdes/monitoring/iati.py says what it holds)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from kujdes.monitoring.iati import iati_document, iati_file
from kujdes.planning.selectors import municipality_get_published


@require_GET
def iati_xml(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_get_published(code)
    document = iati_document(municipality=municipality)
    if not len(document):
        # A file without activities is not a valid IATI file: there is nothing to download.
        raise Http404
    response = HttpResponse(iati_file(document), content_type="application/xml; charset=utf-8")
    filename = f"kujdes-iati-{municipality.code}.xml"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

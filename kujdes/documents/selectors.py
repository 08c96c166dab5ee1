"""Reading the generated documents: only the readers of a municipality's assessment see its
documents, and a document asked through another municipality answers 404."""

import uuid

from django.http import Http404

from kujdes.accounts.models import User
from kujdes.documents.models import AssessmentDocument
from kujdes.planning.selectors import municipalities_for_reader, municipality_get_for_reader
from kujdes.territory.models import Area

LIST_LENGTH = 20


def documents_for_reader(user: User, municipality: Area) -> list[AssessmentDocument]:
    """The municipality's latest documents, newest first, if the user may read its assessment."""
    if not municipalities_for_reader(user).filter(pk=municipality.pk).exists():
        return []
    return list(
        AssessmentDocument.objects.filter(municipality=municipality)
        .select_related("municipality")
        .order_by("-requested_at")[:LIST_LENGTH]
    )


def document_get_for_reader(user: User, code: str, document_id: uuid.UUID) -> AssessmentDocument:
    municipality = municipality_get_for_reader(user, code)
    document = (
        AssessmentDocument.objects.filter(pk=document_id, municipality=municipality)
        .select_related("municipality")
        .first()
    )
    if document is None:
        raise Http404
    return document

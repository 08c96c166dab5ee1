"""The HSDS 3.0 read API: public, read-only, one language per request (`?lang=`), paginated
as the HSDS OpenAPI description says (`page`, `per_page`, and the envelope around
`contents`). Ids are the records' UUIDs."""

import math
import uuid
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from kujdes.directory.api import selectors
from kujdes.directory.api import serializers as hsds
from kujdes.directory.hsds import HSDS_VERSION, TAXONOMIES, TAXONOMIES_BY_ID, taxonomy_of
from kujdes.lib.text import fold

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# The language codes of `?lang=`, as the content-field suffixes and as Django languages.
LANGUAGES = {"sq": "sq", "sr_latn": "sr_latn", "sr-latn": "sr_latn", "en": "en"}
DJANGO_LANGUAGES = {"sq": "sq", "sr_latn": "sr-latn", "en": "en"}


# ── Query parameters ─────────────────────────────────────────────────────────────────────────


class LanguageQuery(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=list(LANGUAGES),
        default="sq",
        help_text="Language of the texts; a text not yet translated is given in Albanian (sq).",
    )


class PageQuery(LanguageQuery):
    page = serializers.IntegerField(min_value=1, default=1, help_text="Page number, from 1.")
    per_page = serializers.IntegerField(
        min_value=1,
        default=DEFAULT_PER_PAGE,
        help_text=f"Records per page; at most {MAX_PER_PAGE}.",
    )
    search = serializers.CharField(
        default="", help_text="Full-text search, ignoring case and diacritics."
    )


class ServiceQuery(PageQuery):
    taxonomy_term_id = serializers.UUIDField(
        required=False, help_text="Services with this service type (or a sub-type) or group."
    )
    taxonomy_id = serializers.UUIDField(
        required=False, help_text="Services with any term of this taxonomy."
    )
    organization_id = serializers.UUIDField(
        required=False, help_text="Services this organization provides."
    )
    modified_after = serializers.DateTimeField(
        required=False, help_text="Services changed on or after this time."
    )
    full = serializers.BooleanField(
        default=False, help_text="Fully nested records instead of their own fields only."
    )


class OrganizationQuery(PageQuery):
    full = serializers.BooleanField(
        default=False, help_text="Organizations with their locations and services."
    )
    full_service = serializers.BooleanField(
        default=False, help_text="Organizations with their locations and full services."
    )


class OrganizationDetailQuery(LanguageQuery):
    full_service = serializers.BooleanField(
        default=False, help_text="Services in full instead of their own fields only."
    )


class LocationQuery(PageQuery):
    organization_id = serializers.UUIDField(
        required=False, help_text="Locations of this organization."
    )


class TaxonomyTermQuery(PageQuery):
    taxonomy_id = serializers.UUIDField(required=False, help_text="Terms of this taxonomy.")
    top_only = serializers.BooleanField(default=False, help_text="Only terms without a parent.")
    parent_id = serializers.UUIDField(required=False, help_text="Terms under this term.")


def _query(request: Request, query: type[serializers.Serializer]) -> dict[str, Any]:
    params = request.query_params.copy()
    if "lang" in params:
        params["lang"] = str(params.get("lang")).lower()  # "sr-Latn", as BCP 47 writes it
    checked = query(data=params)
    checked.is_valid(raise_exception=True)
    values: dict[str, Any] = dict(checked.validated_data)
    values["lang"] = LANGUAGES[values["lang"]]
    return values


def _answer(data: Any, language: str) -> Response:
    response = Response(data)
    response["Content-Language"] = DJANGO_LANGUAGES[language]
    return response


def _page(
    records: QuerySet[Any] | Sequence[Any],
    query: dict[str, Any],
    serializer: type[serializers.Serializer],
) -> Response:
    """The HSDS page envelope around one page of records, serialized in the query's language."""
    size = min(query["per_page"], MAX_PER_PAGE)
    number = query["page"]
    total = records.count() if isinstance(records, QuerySet) else len(records)
    offset = (number - 1) * size
    contents = list(records[offset : offset + size])
    total_pages = math.ceil(total / size)
    with translation.override(DJANGO_LANGUAGES[query["lang"]]):
        data = serializer(contents, many=True, context={"language": query["lang"]}).data
    envelope = {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": number,
        "size": size,
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not contents,
        "contents": data,
    }
    return _answer(envelope, query["lang"])


def _one(
    record: Any,
    query: dict[str, Any],
    serializer: type[serializers.Serializer],
) -> Response:
    if record is None:
        raise Http404
    with translation.override(DJANGO_LANGUAGES[query["lang"]]):
        data = serializer(record, context={"language": query["lang"]}).data
    return _answer(data, query["lang"])


def _service_filters(query: dict[str, Any]) -> dict[str, Any]:
    names = ("search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after")
    return {name: query[name] for name in names if name in query}


# ── Views ────────────────────────────────────────────────────────────────────────────────────


@extend_schema(operation_id="getAPIMetaInformation", responses=hsds.ApiDescriptionSerializer)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_description(request: Request) -> Response:
    return Response(
        {
            "version": HSDS_VERSION,
            "openapi_url": request.build_absolute_uri(reverse("api_schema")),
        }
    )


@extend_schema(
    operation_id="getPaginatedListOfServices",
    parameters=[ServiceQuery],
    responses=hsds.ServicePageSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def service_list(request: Request) -> Response:
    query = _query(request, ServiceQuery)
    base = selectors.services_full() if query["full"] else selectors.services_brief()
    services = selectors.services_filtered(base, **_service_filters(query))
    serializer = hsds.ServiceSerializer if query["full"] else hsds.ServiceBriefSerializer
    return _page(services, query, serializer)


@extend_schema(
    operation_id="getFullyNestedServiceById",
    parameters=[LanguageQuery],
    responses=hsds.ServiceSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def service_detail(request: Request, service_id: uuid.UUID) -> Response:
    query = _query(request, LanguageQuery)
    service = selectors.services_full().filter(pk=service_id).first()
    return _one(service, query, hsds.ServiceSerializer)


@extend_schema(
    operation_id="getPaginatedListOfOrganizations",
    parameters=[OrganizationQuery],
    responses=hsds.OrganizationPageSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def organization_list(request: Request) -> Response:
    query = _query(request, OrganizationQuery)
    serializer: type[serializers.Serializer]
    if query["full_service"]:
        base = selectors.organizations_full(full_services=True)
        serializer = hsds.OrganizationWithServicesSerializer
    elif query["full"]:
        base = selectors.organizations_full(full_services=False)
        serializer = hsds.OrganizationSerializer
    else:
        base = selectors.organizations_brief()
        serializer = hsds.OrganizationBriefSerializer
    organizations = selectors.organizations_filtered(base, search=query["search"])
    return _page(organizations, query, serializer)


@extend_schema(
    operation_id="getOrganizationById",
    parameters=[OrganizationDetailQuery],
    responses=hsds.OrganizationSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def organization_detail(request: Request, organization_id: uuid.UUID) -> Response:
    query = _query(request, OrganizationDetailQuery)
    full_services = query["full_service"]
    organizations = selectors.organizations_full(full_services=full_services)
    serializer = (
        hsds.OrganizationWithServicesSerializer if full_services else hsds.OrganizationSerializer
    )
    return _one(organizations.filter(pk=organization_id).first(), query, serializer)


@extend_schema(
    operation_id="getPaginatedListOfServiceAtLocation",
    parameters=[ServiceQuery],
    responses=hsds.ServiceAtLocationPageSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def service_at_location_list(request: Request) -> Response:
    query = _query(request, ServiceQuery)
    links = selectors.service_at_locations(full=query["full"])
    filters = _service_filters(query)
    if any(filters.values()):
        services = selectors.services_filtered(selectors.services_brief(), **filters)
        links = links.filter(service__in=services.values("pk"))
    serializer = (
        hsds.ServiceAtLocationSerializer if query["full"] else hsds.ServiceAtLocationBriefSerializer
    )
    return _page(links, query, serializer)


@extend_schema(
    operation_id="getServiceAtLocationWithNestedDataById",
    parameters=[LanguageQuery],
    responses=hsds.ServiceAtLocationSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def service_at_location_detail(request: Request, service_at_location_id: uuid.UUID) -> Response:
    query = _query(request, LanguageQuery)
    link = selectors.service_at_locations(full=True).filter(pk=service_at_location_id).first()
    return _one(link, query, hsds.ServiceAtLocationSerializer)


@extend_schema(
    operation_id="getPaginatedListOfLocations",
    parameters=[LocationQuery],
    responses=hsds.LocationPageSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def location_list(request: Request) -> Response:
    query = _query(request, LocationQuery)
    locations = selectors.locations_filtered(
        selectors.public_locations(),
        search=query["search"],
        organization_id=query.get("organization_id"),
    )
    return _page(locations, query, hsds.LocationSerializer)


@extend_schema(
    operation_id="getLocationById", parameters=[LanguageQuery], responses=hsds.LocationSerializer
)
@api_view(["GET"])
@permission_classes([AllowAny])
def location_detail(request: Request, location_id: uuid.UUID) -> Response:
    query = _query(request, LanguageQuery)
    location = selectors.public_locations().filter(pk=location_id).first()
    return _one(location, query, hsds.LocationSerializer)


@extend_schema(
    operation_id="getPaginatedListOfTaxonomies",
    parameters=[PageQuery],
    responses=hsds.TaxonomyPageSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def taxonomy_list(request: Request) -> Response:
    query = _query(request, PageQuery)
    with translation.override(DJANGO_LANGUAGES[query["lang"]]):
        taxonomies = [
            taxonomy
            for taxonomy in TAXONOMIES
            if fold(query["search"].strip()) in fold(f"{taxonomy.name} {taxonomy.description}")
        ]
    return _page(taxonomies, query, hsds.TaxonomySerializer)


@extend_schema(
    operation_id="getTaxonomyById", parameters=[LanguageQuery], responses=hsds.TaxonomySerializer
)
@api_view(["GET"])
@permission_classes([AllowAny])
def taxonomy_detail(request: Request, taxonomy_id: uuid.UUID) -> Response:
    query = _query(request, LanguageQuery)
    return _one(TAXONOMIES_BY_ID.get(taxonomy_id), query, hsds.TaxonomySerializer)


@extend_schema(
    operation_id="getPaginatedListOfTaxonomyTerms",
    parameters=[TaxonomyTermQuery],
    responses=hsds.TaxonomyTermPageSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def taxonomy_term_list(request: Request) -> Response:
    query = _query(request, TaxonomyTermQuery)
    terms = selectors.taxonomy_terms()
    if "taxonomy_id" in query:
        terms = [term for term in terms if taxonomy_of(term).id == query["taxonomy_id"]]
    if query["top_only"]:
        terms = [term for term in terms if getattr(term, "parent_id", None) is None]
    if "parent_id" in query:
        terms = [term for term in terms if hsds.parent_term_id(term) == query["parent_id"]]
    if query["search"].strip():
        text = fold(query["search"].strip())
        terms = [
            term
            for term in terms
            if text in fold(f"{term.code} {term.name_sq} {term.name_sr_latn} {term.name_en}")
        ]
    return _page(terms, query, hsds.TaxonomyTermSerializer)


@extend_schema(
    operation_id="getTaxonomyTermById",
    parameters=[LanguageQuery],
    responses=hsds.TaxonomyTermSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def taxonomy_term_detail(request: Request, taxonomy_term_id: uuid.UUID) -> Response:
    query = _query(request, LanguageQuery)
    return _one(selectors.taxonomy_term_get(taxonomy_term_id), query, hsds.TaxonomyTermSerializer)

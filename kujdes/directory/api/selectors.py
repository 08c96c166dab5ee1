"""What the public HSDS API reads. A confidential location is never among it, whoever asks:
the API is public, and staff see shelters in the staff pages."""

import uuid
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from kujdes.directory.hsds import TAXONOMIES_BY_ID
from kujdes.directory.models import (
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    ServiceType,
    TargetGroup,
)
from kujdes.directory.selectors import public_locations
from kujdes.lib.text import fold


def services_brief() -> QuerySet[Service]:
    return Service.objects.select_related("organization").order_by("name_sq", "id")


def services_full() -> QuerySet[Service]:
    links = ServiceAtLocation.objects.filter(location__is_confidential=False).select_related(
        "location__area"
    )
    return (
        services_brief()
        .select_related("service_type__parent")
        .prefetch_related(
            "target_groups",
            "areas_served",
            "languages",
            "schedules",
            "funding",
            Prefetch("phones", queryset=Phone.objects.prefetch_related("languages")),
            Prefetch("at_locations", queryset=links, to_attr="public_at_locations"),
        )
    )


def services_filtered(
    services: QuerySet[Service],
    *,
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime | None = None,
) -> QuerySet[Service]:
    if search:
        services = services.filter(search_text__contains=fold(search.strip()))
    if taxonomy_term_id is not None:
        # A service type's term also finds the services of its sub-types.
        by_group = Service.objects.filter(target_groups__hsds_id=taxonomy_term_id)
        services = services.filter(
            Q(service_type__hsds_id=taxonomy_term_id)
            | Q(service_type__parent__hsds_id=taxonomy_term_id)
            | Q(pk__in=by_group.values("pk"))
        )
    if taxonomy_id is not None:
        taxonomy = TAXONOMIES_BY_ID.get(taxonomy_id)
        if taxonomy is None:
            services = services.none()
        elif taxonomy.kind == "service_type":
            services = services.filter(service_type__country=taxonomy.country)
        else:
            by_group = Service.objects.filter(target_groups__country=taxonomy.country)
            services = services.filter(pk__in=by_group.values("pk"))
    if organization_id is not None:
        services = services.filter(organization_id=organization_id)
    if modified_after is not None:
        services = services.filter(updated_at__gte=modified_after)
    return services


def organizations_brief() -> QuerySet[Organization]:
    return Organization.objects.order_by("name_sq", "id")


def organizations_full(*, full_services: bool) -> QuerySet[Organization]:
    services = services_full() if full_services else services_brief()
    return organizations_brief().prefetch_related(
        Prefetch("locations", queryset=public_locations(), to_attr="public_locations"),
        Prefetch("services", queryset=services, to_attr="listed_services"),
    )


def organizations_filtered(
    organizations: QuerySet[Organization], *, search: str = ""
) -> QuerySet[Organization]:
    if search:
        organizations = organizations.filter(_name_contains(search.strip()))
    return organizations


def service_at_locations(*, full: bool) -> QuerySet[ServiceAtLocation]:
    links = ServiceAtLocation.objects.filter(location__is_confidential=False).order_by(
        "service__name_sq", "location__name_sq", "id"
    )
    if full:
        service = Prefetch("service", queryset=services_full())
        return links.select_related("location__area").prefetch_related(service)
    return links.select_related("location", "service__organization")


def locations_filtered(
    locations: QuerySet[Location],
    *,
    search: str = "",
    organization_id: uuid.UUID | None = None,
) -> QuerySet[Location]:
    if search:
        locations = locations.filter(_name_contains(search.strip()))
    if organization_id is not None:
        locations = locations.filter(organization_id=organization_id)
    return locations.order_by("name_sq", "id")


def _name_contains(text: str) -> Q:
    return Q(name_sq__icontains=text) | Q(name_sr_latn__icontains=text) | Q(name_en__icontains=text)


def taxonomy_terms() -> list[ServiceType | TargetGroup]:
    """Every term of every Kujdes taxonomy: service types, then target groups."""
    terms: list[ServiceType | TargetGroup] = list(ServiceType.objects.select_related("parent"))
    terms += TargetGroup.objects.all()
    return terms


def taxonomy_term_get(term_id: uuid.UUID) -> ServiceType | TargetGroup | None:
    service_type = ServiceType.objects.select_related("parent").filter(hsds_id=term_id).first()
    return service_type or TargetGroup.objects.filter(hsds_id=term_id).first()

"""Reads of the directory. Staff lookups are scoped by the user's areas; public reads never
carry a confidential address."""

import uuid
from dataclasses import dataclass

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, When
from django.http import Http404

from kujdes.accounts.models import Role, User
from kujdes.accounts.selectors import areas_for_user, memberships_of
from kujdes.directory.models import Location, Organization, Phone, Service, ServiceAtLocation
from kujdes.lib.text import fold
from kujdes.territory.models import Area, AreaBoundary, content_language

# Roles that keep organizations and services current in their areas.
EDITING_ROLES = (Role.PLANNER, Role.PROVIDER_STAFF, Role.ADMINISTRATOR)
# Roles that may see a confidential address (to refer someone to a shelter, or to keep it).
CONFIDENTIAL_READING_ROLES = (
    Role.CASE_WORKER,
    Role.SUPERVISOR,
    Role.PLANNER,
    Role.PROVIDER_STAFF,
    Role.ADMINISTRATOR,
)


def can_edit_directory(user: User) -> bool:
    """Whether the user may edit the directory anywhere (their areas limit where)."""
    return any(membership.role in EDITING_ROLES for membership in memberships_of(user))


def _scope(user: User, roles: tuple[str, ...], field: str = "area") -> Q:
    """Rows whose `field` is an area the user holds one of the roles over."""
    return Q(**{f"{field}__in": areas_for_user(user, roles)})


def organizations_for_editor(user: User) -> QuerySet[Organization]:
    return Organization.objects.filter(_scope(user, EDITING_ROLES)).select_related("area")


def services_for_editor(user: User) -> QuerySet[Service]:
    return Service.objects.filter(_scope(user, EDITING_ROLES)).select_related(
        "area", "organization", "service_type"
    )


def organization_get_for_editor(user: User, organization_id: uuid.UUID | str) -> Organization:
    organization = organizations_for_editor(user).filter(pk=organization_id).first()
    if organization is None:
        raise Http404
    return organization


def service_get_for_editor(user: User, service_id: uuid.UUID | str) -> Service:
    service = services_for_editor(user).filter(pk=service_id).first()
    if service is None:
        raise Http404
    return service


def editable_areas(user: User) -> QuerySet:
    """The areas a user may file organizations and services under."""
    return areas_for_user(user, EDITING_ROLES)


def confidential_locations_visible(user: User) -> Q:
    """A filter on Location: the public ones, and the confidential ones the user may see."""
    if not user.is_authenticated:
        return Q(is_confidential=False)
    return Q(is_confidential=False) | _scope(user, CONFIDENTIAL_READING_ROLES, "organization__area")


def locations_visible(user: User) -> QuerySet[Location]:
    """The public locations, and the confidential ones the user may see."""
    return Location.objects.filter(confidential_locations_visible(user)).select_related("area")


def public_locations() -> QuerySet[Location]:
    """Locations anyone may see: never a confidential one, whoever asks."""
    return Location.objects.filter(is_confidential=False).select_related("area")


# ── The public directory ─────────────────────────────────────────────────────────────────────

PUBLIC_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)
URGENT_KINDS = (Phone.Kind.SOS, Phone.Kind.HELPLINE)


@dataclass(frozen=True)
class DirectoryQuery:
    """What a visitor asked: every part optional."""

    place: Area | None = None
    target_group: str = ""  # a CommonTargetGroup value
    service_type: str = ""  # a CommonServiceType value
    language: str = ""  # a SpokenLanguage code
    text: str = ""


def _served_in(place: Area) -> QuerySet[Area]:
    """The areas whose services reach a place: the place, what contains it, what it contains."""
    return Area.objects.filter(Q(path__in=place.ancestor_paths()) | Q(path__startswith=place.path))


def services_public() -> QuerySet[Service]:
    return Service.objects.filter(status__in=PUBLIC_STATUSES)


def services_search(query: DirectoryQuery) -> QuerySet[Service]:
    """Services matching every part of the query, in Albanian alphabetical order (folded)."""
    services = services_public()
    if query.place is not None:
        served = Service.areas_served.through.objects.filter(
            service_id=OuterRef("pk"), area__in=_served_in(query.place)
        )
        services = services.filter(Exists(served))
    if query.target_group:
        groups = Service.target_groups.through.objects.filter(
            service_id=OuterRef("pk"), targetgroup__common_code=query.target_group
        )
        services = services.filter(Exists(groups))
    if query.service_type:
        services = services.filter(service_type__common_code=query.service_type)
    if query.language:
        spoken = Service.languages.through.objects.filter(
            service_id=OuterRef("pk"), spokenlanguage__code=query.language
        )
        services = services.filter(Exists(spoken))
    for word in fold(query.text).split():
        services = services.filter(search_text__contains=word)
    return services.order_by("search_text", "pk")


def services_with_public_details(services: QuerySet[Service]) -> QuerySet[Service]:
    """What a result card shows, in a fixed number of queries; never a confidential location."""
    return services.select_related("organization", "service_type", "area").prefetch_related(
        "organization__licences",
        "target_groups",
        "languages",
        Prefetch("phones", queryset=Phone.objects.prefetch_related("languages")),
        Prefetch("locations", queryset=public_locations(), to_attr="public_locations"),
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.filter(location__is_confidential=True),
            to_attr="confidential_links",
        ),
    )


def service_get_public(service_id: uuid.UUID) -> Service:
    service = (
        services_with_public_details(services_public())
        .prefetch_related("schedules", "areas_served")
        .filter(pk=service_id)
        .first()
    )
    if service is None:
        raise Http404
    return service


@dataclass(frozen=True)
class PlaceChoice:
    code: str
    name: str


def place_choices() -> list[tuple[PlaceChoice, list[PlaceChoice]]]:
    """The municipalities that have services, each with its administrative units: plain
    codes and names, as there may be a thousand of them on every search page."""
    language = content_language()
    fields = ("pk", "parent_id", "code", "name_sq", f"name_{language}")
    municipalities = Area.objects.filter(
        level=Area.Level.MUNICIPALITY, pk__in=services_public().values("area")
    ).order_by("name_folded")
    units = Area.objects.filter(
        parent__in=municipalities.values("pk"), level=Area.Level.ADMIN_UNIT
    ).order_by("name_folded")
    by_parent: dict[int, list[PlaceChoice]] = {}
    for _pk, parent_id, code, albanian, name in units.values_list(*fields):
        by_parent.setdefault(parent_id, []).append(PlaceChoice(code, name or albanian))
    return [
        (PlaceChoice(code, name or albanian), by_parent.get(pk, []))
        for pk, _parent, code, albanian, name in municipalities.values_list(*fields)
    ]


def urgent_phones(place: Area | None = None) -> list[Phone]:
    """SOS lines and helplines: the national ones (of the place's country, when a place is
    given) and those serving the place."""
    reach = Q(level=Area.Level.COUNTRY)
    if place is not None:
        reach = Q(level=Area.Level.COUNTRY, path=place.ancestor_paths()[0])
        reach |= Q(path__in=place.ancestor_paths()) | Q(path__startswith=place.path)
    # One IN over the few services reaching those areas: an OR of EXISTS would scan them all.
    reaching = Service.areas_served.through.objects.filter(
        area__in=Area.objects.filter(reach)
    ).values("service_id")
    phones = (
        Phone.objects.filter(
            service_id__in=reaching, kind__in=URGENT_KINDS, service__status=Service.Status.ACTIVE
        )
        .select_related("service", "service__area")
        .order_by(
            Case(When(kind=Phone.Kind.SOS, then=0), default=1),
            "service__area__path",
            "position",
        )
    )
    return list(phones[:8])


def map_outlines(place: Area) -> list[AreaBoundary]:
    """The outlines to draw around a place: the administrative units of its municipality, or
    the municipality itself where the units have none. Nothing above municipality level."""
    paths = place.ancestor_paths()
    boundaries = list(
        AreaBoundary.objects.filter(
            Q(area__path__in=paths, area__level=Area.Level.MUNICIPALITY)
            | Q(area__parent__path__in=paths, area__parent__level=Area.Level.MUNICIPALITY)
        ).select_related("area")
    )
    units = [b for b in boundaries if b.area.level != Area.Level.MUNICIPALITY]
    return sorted(units or boundaries, key=lambda boundary: boundary.area.path)

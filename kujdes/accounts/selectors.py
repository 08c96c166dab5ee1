"""Who may see what: every restricted read starts from these lookups.

A role is held over an area and everything below it. An object outside the user's areas is
answered with 404, never with a hint that it exists.
"""

from collections.abc import Iterable

from django.db.models import Q
from django.http import Http404

from kujdes.accounts.models import Membership, Role, User
from kujdes.territory.models import Area, AreaQuerySet


def memberships_of(user: User) -> list[Membership]:
    """The user's memberships with their areas, read once per request."""
    if not user.is_authenticated:
        return []
    cached: list[Membership] | None = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("area"))
        user._memberships_cache = cached  # type: ignore[attr-defined]
    return cached


def roles_of(user: User) -> set[str]:
    return {membership.role for membership in memberships_of(user)}


def has_role_over(user: User, area: Area, roles: Iterable[str]) -> bool:
    wanted = set(roles)
    return any(
        membership.role in wanted and area.is_within(membership.area)
        for membership in memberships_of(user)
    )


def areas_for_user(user: User, roles: Iterable[str]) -> AreaQuerySet:
    """Every area the user holds one of the roles over (the union of their subtrees)."""
    wanted = set(roles)
    scope = Q()
    for membership in memberships_of(user):
        if membership.role in wanted:
            scope |= Q(path__startswith=membership.area.path)
    if not scope:
        return Area.objects.none()
    return Area.objects.filter(scope)


def get_area_for_user(user: User, code: str, roles: Iterable[str]) -> Area:
    """The area with this code if the user holds one of the roles over it; otherwise 404."""
    area = Area.objects.filter(code=code).first()
    if area is None or not has_role_over(user, area, roles):
        raise Http404
    return area


# Roles that may load statistics and areas into the areas they hold.
IMPORTING_ROLES = (Role.PLANNER, Role.ADMINISTRATOR)
# Roles that may read the audit log of their areas.
AUDIT_READING_ROLES = (Role.ADMINISTRATOR,)

"""Who may see what: every restricted read starts from these lookups.

A role is held over an area and everything below it. An object outside the user's areas is
answered with 404, never with a hint that it exists.
"""

from collections.abc import Iterable

from django.db.models import Q

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


# Roles that may load statistics and areas into the areas they hold.
IMPORTING_ROLES = (Role.PLANNER, Role.ADMINISTRATOR)


def can_import(user: User) -> bool:
    """Whether the user holds a role that may import anywhere (their areas limit what)."""
    return any(membership.role in IMPORTING_ROLES for membership in memberships_of(user))


# Roles that may read the audit log (kujdes.audit.selectors.can_read_audit_log).
AUDIT_READING_ROLES = (Role.ADMINISTRATOR,)

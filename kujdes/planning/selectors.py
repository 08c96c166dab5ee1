"""Who may read and edit a municipality's needs assessment, and the lookups that check it.

The assessment shows only published (suppressed) figures, but it is the planners' working
draft: it is read by the people who hold a role over the municipality, or over an area above
it (national viewers), and edited by its planners and administrators.
"""

import uuid

from django.http import Http404

from kujdes.accounts.models import Role, User
from kujdes.accounts.selectors import areas_for_user, memberships_of
from kujdes.planning.models import BudgetYear, Structure
from kujdes.territory.models import Area, AreaQuerySet

READING_ROLES = (
    Role.PLANNER,
    Role.CASE_WORKER,
    Role.SUPERVISOR,
    Role.PROVIDER_STAFF,
    Role.ADVISORY_MEMBER,
    Role.NATIONAL_VIEWER,
    Role.ADMINISTRATOR,
)
EDITING_ROLES = (Role.PLANNER, Role.ADMINISTRATOR)


def municipalities_for_reader(user: User) -> AreaQuerySet:
    """The municipalities the user may read the assessment of."""
    paths = [m.area.path for m in memberships_of(user) if m.role in READING_ROLES]
    if not paths:
        return Area.objects.none()
    within = areas_for_user(user, READING_ROLES).filter(level=Area.Level.MUNICIPALITY)
    # A role held over an administrative unit reads its municipality's assessment.
    above = Area.objects.filter(
        level=Area.Level.MUNICIPALITY,
        path__in=[path for p in paths for path in Area(path=p).ancestor_paths()],
    )
    return (within | above).distinct().order_by("name_folded")


def municipality_get_for_reader(user: User, code: str) -> Area:
    municipality = municipalities_for_reader(user).filter(code=code).first()
    if municipality is None:
        raise Http404
    return municipality


def can_edit_assessment(user: User, municipality: Area) -> bool:
    return any(
        membership.role in EDITING_ROLES and municipality.is_within(membership.area)
        for membership in memberships_of(user)
    )


def municipality_get_for_editor(user: User, code: str) -> Area:
    """The municipality if the user may edit its assessment; 404 otherwise (also for readers,
    who cannot tell an existing municipality from a missing one by editing)."""
    municipality = municipality_get_for_reader(user, code)
    if not can_edit_assessment(user, municipality):
        raise Http404
    return municipality


def structure_get_for_editor(user: User, municipality: Area, structure_id: uuid.UUID) -> Structure:
    structure = Structure.objects.filter(pk=structure_id, municipality=municipality).first()
    if structure is None or not can_edit_assessment(user, municipality):
        raise Http404
    return structure


def budget_year_get_for_editor(
    user: User, municipality: Area, budget_year_id: uuid.UUID
) -> BudgetYear:
    budget = BudgetYear.objects.filter(pk=budget_year_id, municipality=municipality).first()
    if budget is None or not can_edit_assessment(user, municipality):
        raise Http404
    return budget

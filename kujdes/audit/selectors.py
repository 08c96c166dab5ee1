from django.db.models import QuerySet

from kujdes.accounts.models import User
from kujdes.accounts.selectors import AUDIT_READING_ROLES, memberships_of
from kujdes.audit.models import AuditEvent


def can_read_audit_log(user: User) -> bool:
    """Events carry no area (a sign-in belongs to no municipality), so the log is read only by
    administrators of a whole country."""
    return any(
        membership.role in AUDIT_READING_ROLES and membership.area.parent_id is None
        for membership in memberships_of(user)
    )


def events_for_user(user: User) -> QuerySet[AuditEvent]:
    if not can_read_audit_log(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.all()

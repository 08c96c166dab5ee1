from django.db.models import QuerySet

from kujdes.accounts.models import User
from kujdes.accounts.selectors import AUDIT_READING_ROLES, roles_of
from kujdes.audit.models import AuditEvent


def events_for_user(user: User) -> QuerySet[AuditEvent]:
    """The audit log is read by administrators only; everyone else sees nothing."""
    if not roles_of(user) & set(AUDIT_READING_ROLES):
        return AuditEvent.objects.none()
    return AuditEvent.objects.all()

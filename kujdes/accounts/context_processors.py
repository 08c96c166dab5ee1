from typing import Any

from django.http import HttpRequest

from kujdes.accounts.selectors import IMPORTING_ROLES, memberships_of
from kujdes.audit.selectors import can_read_audit_log


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which menu entries the signed-in user may follow, so nobody is shown a link to a 404."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "can_import": any(m.role in IMPORTING_ROLES for m in memberships_of(user)),
        "can_read_audit_log": can_read_audit_log(user),
    }

from typing import Any

from django.http import HttpRequest

from kujdes.accounts.selectors import can_import
from kujdes.audit.selectors import can_read_audit_log


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which menu entries the signed-in user may follow, so nobody is shown a link to a 404."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "can_import": can_import(user),
        "can_read_audit_log": can_read_audit_log(user),
    }

from typing import Any

from django.http import HttpRequest

from kujdes.accounts.selectors import memberships_of
from kujdes.planning.selectors import READING_ROLES


def planning(request: HttpRequest) -> dict[str, Any]:
    """Whether the menu shows the needs assessment: only to people who may read one."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"can_read_assessments": any(m.role in READING_ROLES for m in memberships_of(user))}

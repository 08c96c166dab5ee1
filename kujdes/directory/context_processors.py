from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kujdes.directory.selectors import can_edit_directory, urgent_phones


def directory(request: HttpRequest) -> dict[str, Any]:
    """The national SOS lines every page shows (read only when a page does), and whether the
    menu offers the directory's staff pages."""
    user = request.user
    return {
        "sos_lines": SimpleLazyObject(urgent_phones),
        "can_edit_directory": user.is_authenticated and can_edit_directory(user),
    }

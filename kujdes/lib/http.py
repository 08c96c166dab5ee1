from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from kujdes.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """The request type of views behind `login_required`: `user` is a signed-in User."""

    user: "User"

import hashlib
import hmac
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

# The answer to a save that started from a version someone else has replaced meanwhile.
CONFLICT = 409

if TYPE_CHECKING:
    from kujdes.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """The request type of views behind `login_required`: `user` is a signed-in User."""

    user: "User"


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind TRUSTED_PROXIES reverse proxies (nginx), the
    address the nearest of them saw, from the end of X-Forwarded-For, which a client cannot
    forge past them; directly, the connection's address."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def sender_key(request: HttpRequest) -> str:
    """Who sent a comment, for the rate limit: their account, or a keyed hash of their address
    (the address itself is not kept)."""
    if request.user.is_authenticated:
        identity = f"user:{request.user.pk}"
    else:
        identity = f"address:{client_address(request)}"
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, identity.encode(), hashlib.sha256).hexdigest()

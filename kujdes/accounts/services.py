"""Signing in and out, with lockout after repeated failures; user and membership changes."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from kujdes.accounts.models import Membership, User
from kujdes.audit.models import AuditEvent
from kujdes.audit.services import event_record
from kujdes.lib.http import client_address
from kujdes.territory.models import Area

SIGN_IN_FAILED = "sign_in.failed"


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    locked_out: bool = False


def _client_ip(request: HttpRequest) -> str | None:
    return client_address(request) or None


def _sign_in_key(username: str) -> tuple[str, str]:
    """The key failures are counted under, and the name the log shows. What was typed for an
    unknown username is often a password, so only a digest of it is kept."""
    key = username.casefold()
    if User.objects.filter(username__iexact=username).exists():
        return key, username
    return "unknown:" + hashlib.sha256(key.encode()).hexdigest()[:32], ""


def _recent_failures(key: str) -> int:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    return AuditEvent.objects.filter(verb=SIGN_IN_FAILED, target_key=key, at__gte=since).count()


def sign_in_attempt(*, request: HttpRequest, username: str, password: str) -> SignInResult:
    """Check the credentials; record the attempt. A locked username is refused even with the
    right password, so guessing cannot go on in the background."""
    key, label = _sign_in_key(username)
    ip_address = _client_ip(request)
    if _recent_failures(key) >= settings.LOGIN_FAILURE_LIMIT:
        event_record(
            actor=None,
            actor_label=label,
            verb="sign_in.locked_out",
            target_type="user",
            target_key=key,
            ip_address=ip_address,
        )
        return SignInResult(user=None, locked_out=True)
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User):
        event_record(
            actor=None,
            actor_label=label,
            verb=SIGN_IN_FAILED,
            target_type="user",
            target_key=key,
            ip_address=ip_address,
        )
        return SignInResult(user=None)
    event_record(
        actor=user,
        verb="sign_in.succeeded",
        target_type="user",
        target_key=key,
        ip_address=ip_address,
    )
    return SignInResult(user=user)


def sign_out_record(*, request: HttpRequest, user: User) -> None:
    event_record(
        actor=user,
        verb="sign_out",
        target_type="user",
        target_key=user.username.casefold(),
        ip_address=_client_ip(request),
    )


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    event_record(actor=actor, verb="user.created", target_type="user", target_key=username)
    return user


@transaction.atomic
def membership_grant(*, actor: User | None, user: User, role: str, area: Area) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, role=role, area=area)
    if created:
        event_record(
            actor=actor,
            verb="membership.granted",
            target_type="user",
            target_key=user.username,
            payload={"role": role, "area": area.code},
        )
    return membership

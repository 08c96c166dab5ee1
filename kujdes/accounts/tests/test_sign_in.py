import time
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from kujdes.accounts.middleware import SIGNED_IN_AT
from kujdes.audit.models import AuditEvent
from tests.personas import PASSWORD, Cast

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

SIGN_IN = "/accounts/sign-in/"


def sign_in(client: Client, username: str, password: str, **extra: str) -> "Response":
    return client.post(SIGN_IN, {"username": username, "password": password, **extra})


def test_it_stores_passwords_as_argon2_hashes(cast: Cast) -> None:
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert cast.planner.password.startswith("argon2$argon2id$")


def test_it_signs_in_and_records_the_sign_in(cast: Cast, client: Client) -> None:
    response = sign_in(client, "planner.bulqize", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(cast.planner.pk)
    event = AuditEvent.objects.get(verb="sign_in.succeeded")
    assert (event.actor_id, event.target_key, event.ip_address) == (
        cast.planner.pk,
        "planner.bulqize",
        "127.0.0.1",
    )


def test_it_refuses_a_wrong_password_and_records_the_failure(cast: Cast, client: Client) -> None:
    response = sign_in(client, "planner.bulqize", "not-the-password")

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    events = AuditEvent.objects.filter(verb__startswith="sign_in")
    assert list(events.values_list("verb", "target_key", "actor_id")) == [
        ("sign_in.failed", "planner.bulqize", None)
    ]


def test_it_locks_a_username_after_repeated_failures_even_for_the_right_password(
    cast: Cast, client: Client
) -> None:
    client.cookies["kujdes_language"] = "en"
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert sign_in(client, "planner.bulqize", "wrong-password").status_code == 400

    response = sign_in(client, "planner.bulqize", PASSWORD)

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert (
        "Too many failed attempts for this username. Try again in 15 minutes."
        in response.content.decode()
    )
    assert AuditEvent.objects.filter(verb="sign_in.locked_out").count() == 1
    assert not AuditEvent.objects.filter(verb="sign_in.succeeded").exists()


def test_it_counts_failures_per_username_case_insensitively(cast: Cast, client: Client) -> None:
    for name in ["Planner.Bulqize", "PLANNER.BULQIZE", "planner.bulqize", "planner.BULQIZE"]:
        sign_in(client, name, "wrong-password")
    sign_in(client, "planner.bulqize", "wrong-password")

    assert sign_in(client, "planner.bulqize", PASSWORD).status_code == 400
    # Another user is not locked by someone else's failures.
    assert sign_in(Client(), "supervisor.bulqize", PASSWORD).status_code == 302


def test_it_lifts_the_lock_when_the_window_has_passed(cast: Cast, client: Client) -> None:
    long_ago = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        AuditEvent.objects.create(
            at=long_ago, verb="sign_in.failed", target_type="user", target_key="planner.bulqize"
        )

    assert sign_in(client, "planner.bulqize", PASSWORD).status_code == 302


def test_it_ignores_a_next_address_on_another_site(cast: Cast, client: Client) -> None:
    response = sign_in(client, "planner.bulqize", PASSWORD, next="https://evil.example/")
    assert response["Location"] == "/"

    client.logout()
    response = sign_in(client, "planner.bulqize", PASSWORD, next="/areas/")
    assert response["Location"] == "/areas/"


def test_it_ends_a_session_after_thirty_idle_minutes(cast: Cast, client: Client) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    sign_in(client, "planner.bulqize", PASSWORD)
    assert client.get("/accounts/me/").status_code == 200

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get("/accounts/me/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/accounts/me/"


def test_it_ends_a_session_twelve_hours_after_sign_in_however_active(
    cast: Cast, client: Client
) -> None:
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600
    sign_in(client, "planner.bulqize", PASSWORD)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 12 * 3600 - 1
    session.save()

    response = client.get("/accounts/me/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_signs_out_only_by_post_and_records_it(cast: Cast, client: Client, method: str) -> None:
    client.force_login(cast.planner)

    response = getattr(client, method)("/accounts/sign-out/")

    if method == "get":
        assert response.status_code == 405
        assert client.session["_auth_user_id"] == str(cast.planner.pk)
        assert not AuditEvent.objects.filter(verb="sign_out").exists()
    else:
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session
        assert AuditEvent.objects.filter(verb="sign_out", actor=cast.planner).count() == 1


def test_it_lists_my_roles(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    client.cookies["kujdes_language"] = "en"
    response = client.get("/accounts/me/")
    assert [(m.role, m.area.code) for m in response.context["memberships"]] == [
        ("planner", "AL-BULQIZE")
    ]
    assert "Social-services planner" in response.content.decode()


def test_it_keeps_only_a_digest_of_an_unknown_username(cast: Cast, client: Client) -> None:
    typed = "my-secret-password-typed-as-username"
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 1):
        sign_in(client, typed, "whatever")

    events = AuditEvent.objects.filter(verb__startswith="sign_in")
    assert [event.verb for event in events.order_by("id")] == [
        *["sign_in.failed"] * settings.LOGIN_FAILURE_LIMIT,
        "sign_in.locked_out",
    ]
    for event in events:
        assert event.actor_label == ""
        assert event.target_key.startswith("unknown:")
        assert typed not in event.target_key

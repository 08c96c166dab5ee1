"""The route × role matrix: every URL pattern has an expected answer for every persona.

A new route without an entry in ROUTES fails `test_it_has_an_expected_answer_for_every_route`.
Personas: anonymous; each municipal role over Bulqizë; the same role over Pukë ("@other");
the national viewer; the administrator of Albania and one of Bulqizë only; a signed-in user
with no role.
"""

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kujdes.accounts.models import Role
from tests.personas import MUNICIPAL_ROLES, Cast

PERSONAS = [
    "anonymous",
    *[str(role) for role in MUNICIPAL_ROLES],
    *[f"{role}@other" for role in MUNICIPAL_ROLES],
    "national_viewer",
    "administrator",
    "municipal_administrator",
    "no_role",
]
SIGN_IN_REDIRECT = 302


@dataclass(frozen=True)
class Route:
    path: str
    method: str = "get"
    # The answer for everyone signed in, unless `answers` names the persona.
    signed_in: int = 200
    anonymous: int = 200
    answers: dict[str, int] = field(default_factory=dict)

    def expected(self, persona: str) -> int:
        if persona in self.answers:
            return self.answers[persona]
        return self.anonymous if persona == "anonymous" else self.signed_in


def only(*personas: str, allowed: int = 200, others: int = 404) -> dict[str, int]:
    """Answers for a page that the named personas may open and every other signed-in one not."""
    answers = {persona: others for persona in PERSONAS if persona != "anonymous"}
    answers.update(dict.fromkeys(personas, allowed))
    return answers


ROUTES: dict[str, Route] = {
    "home": Route("/"),
    "set_language": Route("/i18n/setlang/", method="post", signed_in=302, anonymous=302),
    "accounts:login": Route("/accounts/sign-in/"),
    "accounts:logout": Route("/accounts/sign-out/", method="post", signed_in=302, anonymous=302),
    "accounts:my_account": Route("/accounts/me/", anonymous=SIGN_IN_REDIRECT),
    "territory:area_list": Route("/areas/"),
    "territory:area_detail": Route("/areas/AL-BULQIZE/"),
    "territory:area_compare": Route("/areas/AL-BULQIZE/compare/"),
    "territory:import": Route(
        "/areas/import/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            Role.PLANNER, f"{Role.PLANNER}@other", "administrator", "municipal_administrator"
        ),
    ),
    "territory:import_template": Route("/areas/import/template/observations.csv"),
    "audit:event_list": Route("/audit/", anonymous=SIGN_IN_REDIRECT, answers=only("administrator")),
}


def route_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> list[str]:
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += route_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.append(f"{namespace}{pattern.name}")
        else:
            names.append(f"{namespace}<unnamed {pattern.pattern}>")
    return names


def test_it_has_an_expected_answer_for_every_route() -> None:
    names = route_names(get_resolver().url_patterns)
    assert sorted(set(names) - set(ROUTES)) == [], "add these routes to ROUTES"
    assert sorted(set(ROUTES) - set(names)) == [], "these ROUTES no longer exist"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_it_answers_each_persona_as_expected(
    cast: Cast, client: Client, name: str, persona: str
) -> None:
    route = ROUTES[name]
    user = cast.persona(persona)
    if user is not None:
        client.force_login(user)
    response = getattr(client, route.method)(route.path)
    assert response.status_code == route.expected(persona)
    if (
        response.status_code == SIGN_IN_REDIRECT
        and persona == "anonymous"
        and route.method == "get"
    ):
        assert response["Location"].startswith("/accounts/sign-in/?next=")

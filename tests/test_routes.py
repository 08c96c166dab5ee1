"""The route × role matrix: every URL pattern has an expected answer for every persona.

A new route without an entry in ROUTES fails `test_it_has_an_expected_answer_for_every_route`.
Personas: anonymous; each municipal role over Bulqizë; the same role over Pukë ("@other");
the national viewer; the administrator of Albania and one of Bulqizë only; a signed-in user
with no role.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kujdes.accounts.models import Role
from kujdes.documents.models import MonitoringReport
from kujdes.monitoring.models import FundingApplication, Project, Review, ServiceContract
from tests.personas import (
    ADVISORY_MEMBER_BULQIZE,
    MEETING_BULQIZE,
    MUNICIPAL_ROLES,
    OBJECTIVE_BULQIZE,
    ORGANIZATION_BULQIZE,
    PLAN_BULQIZE,
    PLAN_BULQIZE_ADOPTED,
    PLAN_DOCUMENT_BULQIZE,
    Cast,
)

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


# Who may read a plan's pages, and who may write it.
PLAN_READERS = only(
    *[str(role) for role in MUNICIPAL_ROLES],
    "national_viewer",
    "administrator",
    "municipal_administrator",
)
PLAN_EDITORS = only("planner", "administrator", "municipal_administrator")

# The monitoring records the routes below open, created for each test of the matrix.
PROJECT_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000c601")
CONTRACT_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000c602")
APPLICATION_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000c603")
MONITORING_REPORT_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000c604")
REVIEW_YEAR = 2022
REVIEW = f"/monitoring/AL-BULQIZE/plans/{PLAN_BULQIZE_ADOPTED}/reviews/{REVIEW_YEAR}/"
REPORT = f"{REVIEW}reports/{MONITORING_REPORT_BULQIZE}/"


@pytest.fixture(autouse=True)
def _monitoring_records(cast: Cast) -> None:
    bulqize = cast.areas["AL-BULQIZE"]
    review = Review.objects.create(
        plan_id=PLAN_BULQIZE_ADOPTED, year=REVIEW_YEAR, published_at="2023-03-01T10:00:00Z"
    )
    report = MonitoringReport.objects.create(
        id=MONITORING_REPORT_BULQIZE,
        review=review,
        language="sq",
        format=MonitoringReport.Format.PDF,
        status=MonitoringReport.Status.DONE,
        progress=100,
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.7 report"))
    Project.objects.create(
        id=PROJECT_BULQIZE,
        municipality=bulqize,
        implementer_id=ORGANIZATION_BULQIZE,
        name_sq="Kujdes në shtëpi",
        starts=date(2022, 1, 1),
        ends=date(2023, 12, 31),
    )
    ServiceContract.objects.create(
        id=CONTRACT_BULQIZE,
        municipality=bulqize,
        provider_id=ORGANIZATION_BULQIZE,
        number="12/2022",
        starts=date(2022, 1, 1),
        ends=date(2022, 12, 31),
        amount=Decimal(1000),
        currency="ALL",
        units_of_service=10,
        unit_name="vizita",
        reporting=ServiceContract.Reporting.QUARTERLY,
    )
    FundingApplication.objects.create(
        id=APPLICATION_BULQIZE,
        municipality=bulqize,
        fund_id=ORGANIZATION_BULQIZE,
        call="Fondi Social 2022",
        call_opens=date(2022, 1, 10),
        call_closes=date(2022, 2, 10),
        source="social_fund",
        currency="ALL",
        requested=Decimal(500),
    )


def editors(answer: int) -> dict[str, int]:
    return only("planner", "administrator", "municipal_administrator", allowed=answer)


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
    # The public directory.
    "directory:service_search": Route("/directory/?place=AL-BULQIZE-ZERQAN"),
    "directory:service_detail": Route("/directory/services/00000000-0000-4000-8000-00000000b103/"),
    # Staff pages of the directory: planners, provider staff and administrators, each within
    # their areas. Ids are the cast's (tests/personas.py): ORGANIZATION_BULQIZE …b001,
    # LICENCE_PUKE …a301, LOCATION_SHELTER …b202, SERVICE_SHELTER …b103,
    # SERVICE_DAY_CENTRE …b101.
    "directory:manage": Route(
        "/directory/manage/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            Role.PLANNER,
            Role.PROVIDER_STAFF,
            f"{Role.PLANNER}@other",
            f"{Role.PROVIDER_STAFF}@other",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "directory:organization_create": Route(
        "/directory/manage/organizations/new/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            Role.PLANNER,
            Role.PROVIDER_STAFF,
            f"{Role.PLANNER}@other",
            f"{Role.PROVIDER_STAFF}@other",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "directory:organization_edit": Route(
        "/directory/manage/organizations/00000000-0000-4000-8000-00000000b001/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, Role.PROVIDER_STAFF, "administrator", "municipal_administrator"),
    ),
    "directory:licence_add": Route(
        "/directory/manage/organizations/00000000-0000-4000-8000-00000000b001/licences/new/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, Role.PROVIDER_STAFF, "administrator", "municipal_administrator"),
    ),
    # The Pukë NGO's licence: Pukë's editors and the country's administrator.
    "directory:licence_edit": Route(
        "/directory/manage/organizations/00000000-0000-4000-8000-00000000a001/licences/"
        "00000000-0000-4000-8000-00000000a301/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(f"{Role.PLANNER}@other", f"{Role.PROVIDER_STAFF}@other", "administrator"),
    ),
    "directory:location_add": Route(
        "/directory/manage/organizations/00000000-0000-4000-8000-00000000b001/locations/new/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, Role.PROVIDER_STAFF, "administrator", "municipal_administrator"),
    ),
    "directory:location_edit": Route(
        "/directory/manage/organizations/00000000-0000-4000-8000-00000000b001/locations/"
        "00000000-0000-4000-8000-00000000b202/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, Role.PROVIDER_STAFF, "administrator", "municipal_administrator"),
    ),
    "directory:service_create": Route(
        "/directory/manage/organizations/00000000-0000-4000-8000-00000000b001/services/new/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, Role.PROVIDER_STAFF, "administrator", "municipal_administrator"),
    ),
    "directory:service_edit": Route(
        "/directory/manage/services/00000000-0000-4000-8000-00000000b103/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, Role.PROVIDER_STAFF, "administrator", "municipal_administrator"),
    ),
    "directory:service_year": Route(
        "/directory/manage/services/00000000-0000-4000-8000-00000000b101/figures/?year=2024",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, Role.PROVIDER_STAFF, "administrator", "municipal_administrator"),
    ),
    "directory:import": Route(
        "/directory/manage/import/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            Role.PLANNER,
            Role.PROVIDER_STAFF,
            f"{Role.PLANNER}@other",
            f"{Role.PROVIDER_STAFF}@other",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "directory:import_template": Route(
        "/directory/manage/import/template.xlsx",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            Role.PLANNER,
            Role.PROVIDER_STAFF,
            f"{Role.PLANNER}@other",
            f"{Role.PROVIDER_STAFF}@other",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "audit:event_list": Route("/audit/", anonymous=SIGN_IN_REDIRECT, answers=only("administrator")),
    # The public HSDS API and its description. Detail ids are the cast's (tests/personas.py) and
    # the deterministic id of the Albanian service types; links and terms get random ids, so
    # their detail routes are asked for an id that does not exist.
    "api_schema": Route("/api/schema/"),
    "api_docs": Route("/api/docs/"),
    "hsds:api_description": Route("/api/hsds/"),
    "hsds:service_list": Route("/api/hsds/services"),
    "hsds:service_detail": Route("/api/hsds/services/00000000-0000-4000-8000-00000000b101"),
    "hsds:organization_list": Route("/api/hsds/organizations"),
    "hsds:organization_detail": Route(
        "/api/hsds/organizations/00000000-0000-4000-8000-00000000b001"
    ),
    "hsds:service_at_location_list": Route("/api/hsds/service_at_locations"),
    "hsds:service_at_location_detail": Route(
        "/api/hsds/service_at_locations/00000000-0000-4000-8000-000000000000",
        signed_in=404,
        anonymous=404,
    ),
    "hsds:location_list": Route("/api/hsds/locations"),
    "hsds:location_detail": Route("/api/hsds/locations/00000000-0000-4000-8000-00000000b201"),
    "hsds:taxonomy_list": Route("/api/hsds/taxonomies"),
    "hsds:taxonomy_detail": Route("/api/hsds/taxonomies/be01f80a-1237-5093-95ba-898a9ad0092c"),
    "hsds:taxonomy_term_list": Route("/api/hsds/taxonomy_terms"),
    "hsds:taxonomy_term_detail": Route(
        "/api/hsds/taxonomy_terms/00000000-0000-4000-8000-000000000000",
        signed_in=404,
        anonymous=404,
    ),
    # The needs assessment: read by everyone holding a role over Bulqizë (and the national
    # viewer), edited by its planner and administrators. Ids are the cast's: STRUCTURE_BULQIZE
    # …b401, BUDGET_YEAR_BULQIZE …b501, DOCUMENT_BULQIZE …b601.
    "planning:municipality_list": Route("/planning/", anonymous=SIGN_IN_REDIRECT),
    "planning:assessment": Route(
        "/planning/AL-BULQIZE/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            *[str(role) for role in MUNICIPAL_ROLES],
            "national_viewer",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "planning:structure_list": Route(
        "/planning/AL-BULQIZE/structures/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, "administrator", "municipal_administrator"),
    ),
    "planning:structure_edit": Route(
        "/planning/AL-BULQIZE/structures/00000000-0000-4000-8000-00000000b401/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, "administrator", "municipal_administrator"),
    ),
    "planning:budget_list": Route(
        "/planning/AL-BULQIZE/budget/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, "administrator", "municipal_administrator"),
    ),
    "planning:budget_edit": Route(
        "/planning/AL-BULQIZE/budget/00000000-0000-4000-8000-00000000b501/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, "administrator", "municipal_administrator"),
    ),
    "planning:gap_weights": Route(
        "/planning/AL-BULQIZE/gaps/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, "administrator", "municipal_administrator"),
    ),
    "planning:gap_note": Route(
        "/planning/AL-BULQIZE/gaps/AL-BULQIZE-ZERQAN/PERSONS_WITH_DISABILITIES/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(Role.PLANNER, "administrator", "municipal_administrator"),
    ),
    # Plans: read like the assessment; started by its planners and administrators (the page
    # offers them the form). PLAN_BULQIZE …b701.
    "planning:plan_list": Route(
        "/planning/AL-BULQIZE/plans/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            *[str(role) for role in MUNICIPAL_ROLES],
            "national_viewer",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "planning:plan_detail": Route(
        "/planning/AL-BULQIZE/plans/00000000-0000-4000-8000-00000000b701/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            *[str(role) for role in MUNICIPAL_ROLES],
            "national_viewer",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "planning:plan_action_plan": Route(
        "/planning/AL-BULQIZE/plans/00000000-0000-4000-8000-00000000b701/action-plan.xlsx",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            *[str(role) for role in MUNICIPAL_ROLES],
            "national_viewer",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "planning:plan_edit": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/edit/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "planning:plan_item_new": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/objectives/new/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "planning:plan_item_edit": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE_ADOPTED}/objectives/{OBJECTIVE_BULQIZE}/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "planning:plan_steps": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/steps/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "planning:plan_comments": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/comments/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_READERS,
    ),
    "planning:plan_compare": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE_ADOPTED}/compare/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_READERS,
    ),
    # The public side: published plans only (a draft answers 404, tested with the pages).
    "plans:plan_index": Route("/plans/"),
    "plans:municipality_plans": Route("/plans/AL-BULQIZE/"),
    "plans:plan_page": Route(f"/plans/AL-BULQIZE/{PLAN_BULQIZE_ADOPTED}/"),
    "plans:plan_decision": Route(f"/plans/AL-BULQIZE/{PLAN_BULQIZE_ADOPTED}/decision/"),
    # The plan as a document: read like the plan; PLAN_DOCUMENT_BULQIZE …b801, a finished PDF
    # of the adopted plan, is also public.
    "planning:plan_document_list": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/documents/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_READERS,
    ),
    "planning:plan_document_status": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE_ADOPTED}/documents/{PLAN_DOCUMENT_BULQIZE}/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_READERS,
    ),
    "planning:plan_document_download": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE_ADOPTED}/documents/{PLAN_DOCUMENT_BULQIZE}"
        "/download/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_READERS,
    ),
    "plans:document_download": Route(
        f"/plans/AL-BULQIZE/{PLAN_BULQIZE_ADOPTED}/documents/{PLAN_DOCUMENT_BULQIZE}/"
    ),
    "planning:document_list": Route(
        "/planning/AL-BULQIZE/documents/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            *[str(role) for role in MUNICIPAL_ROLES],
            "national_viewer",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "planning:document_status": Route(
        "/planning/AL-BULQIZE/documents/00000000-0000-4000-8000-00000000b601/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            *[str(role) for role in MUNICIPAL_ROLES],
            "national_viewer",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "planning:document_download": Route(
        "/planning/AL-BULQIZE/documents/00000000-0000-4000-8000-00000000b601/download/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            *[str(role) for role in MUNICIPAL_ROLES],
            "national_viewer",
            "administrator",
            "municipal_administrator",
        ),
    ),
    # The advisory group and its meetings on a plan: read like the plans, advisory-group
    # members included; recorded by planners and administrators. The cast has no member or
    # meeting, so their edit pages are asked for an id that does not exist; each persona's
    # answers there, and to every POST, are in kujdes/planning/tests/test_advisory_pages.py.
    "planning:advisory_group": Route(
        "/planning/AL-BULQIZE/advisory-group/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            *[str(role) for role in MUNICIPAL_ROLES],
            "national_viewer",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "planning:advisory_member_edit": Route(
        f"/planning/AL-BULQIZE/advisory-group/{ADVISORY_MEMBER_BULQIZE}/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "planning:meeting_list": Route(
        "/planning/AL-BULQIZE/plans/00000000-0000-4000-8000-00000000b701/meetings/",
        anonymous=SIGN_IN_REDIRECT,
        answers=only(
            *[str(role) for role in MUNICIPAL_ROLES],
            "national_viewer",
            "administrator",
            "municipal_administrator",
        ),
    ),
    "planning:meeting_edit": Route(
        f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE_ADOPTED}/meetings/{MEETING_BULQIZE}/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "monitoring:implementation": Route(
        "/monitoring/AL-BULQIZE/", anonymous=SIGN_IN_REDIRECT, answers=PLAN_READERS
    ),
    "monitoring:project_new": Route(
        "/monitoring/AL-BULQIZE/projects/new/", anonymous=SIGN_IN_REDIRECT, answers=PLAN_EDITORS
    ),
    "monitoring:project_edit": Route(
        f"/monitoring/AL-BULQIZE/projects/{PROJECT_BULQIZE}/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "monitoring:project_reach": Route(
        f"/monitoring/AL-BULQIZE/projects/{PROJECT_BULQIZE}/reach/",
        method="post",
        anonymous=SIGN_IN_REDIRECT,
        answers=editors(400),
    ),
    "monitoring:contract_new": Route(
        "/monitoring/AL-BULQIZE/contracts/new/", anonymous=SIGN_IN_REDIRECT, answers=PLAN_EDITORS
    ),
    "monitoring:contract_edit": Route(
        f"/monitoring/AL-BULQIZE/contracts/{CONTRACT_BULQIZE}/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "monitoring:contract_delivery": Route(
        f"/monitoring/AL-BULQIZE/contracts/{CONTRACT_BULQIZE}/deliveries/",
        method="post",
        anonymous=SIGN_IN_REDIRECT,
        answers=editors(400),
    ),
    "monitoring:application_new": Route(
        "/monitoring/AL-BULQIZE/applications/new/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "monitoring:application_edit": Route(
        f"/monitoring/AL-BULQIZE/applications/{APPLICATION_BULQIZE}/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_EDITORS,
    ),
    "monitoring:plan_financing": Route(
        f"/monitoring/AL-BULQIZE/plans/{PLAN_BULQIZE_ADOPTED}/financing/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_READERS,
    ),
    "monitoring:review_list": Route(
        f"/monitoring/AL-BULQIZE/plans/{PLAN_BULQIZE_ADOPTED}/reviews/",
        anonymous=SIGN_IN_REDIRECT,
        answers=PLAN_READERS,
    ),
    "monitoring:review_detail": Route(REVIEW, anonymous=SIGN_IN_REDIRECT, answers=PLAN_READERS),
    # The cast's plan has no activity and no indicator: an empty table saves nothing.
    "monitoring:review_progress": Route(
        f"{REVIEW}progress/", method="post", anonymous=SIGN_IN_REDIRECT, answers=editors(302)
    ),
    "monitoring:review_actuals": Route(
        f"{REVIEW}actuals/", method="post", anonymous=SIGN_IN_REDIRECT, answers=editors(302)
    ),
    "monitoring:review_actuals_fill": Route(
        f"{REVIEW}actuals/fill/", method="post", anonymous=SIGN_IN_REDIRECT, answers=editors(302)
    ),
    "monitoring:review_spending": Route(
        f"{REVIEW}spending/", method="post", anonymous=SIGN_IN_REDIRECT, answers=editors(302)
    ),
    "monitoring:review_conclusions": Route(
        f"{REVIEW}conclusions/", method="post", anonymous=SIGN_IN_REDIRECT, answers=editors(400)
    ),
    "monitoring:review_publication": Route(
        f"{REVIEW}publication/", method="post", anonymous=SIGN_IN_REDIRECT, answers=editors(302)
    ),
    "monitoring:review_revision": Route(
        f"{REVIEW}revision/", method="post", anonymous=SIGN_IN_REDIRECT, answers=editors(302)
    ),
    "monitoring:progress_workbook": Route(
        f"{REVIEW}progress.xlsx", anonymous=SIGN_IN_REDIRECT, answers=PLAN_READERS
    ),
    "monitoring:progress_import": Route(
        f"{REVIEW}progress/import/", anonymous=SIGN_IN_REDIRECT, answers=PLAN_EDITORS
    ),
    "monitoring:report_list": Route(
        f"{REVIEW}reports/", anonymous=SIGN_IN_REDIRECT, answers=PLAN_READERS
    ),
    "monitoring:report_status": Route(REPORT, anonymous=SIGN_IN_REDIRECT, answers=PLAN_READERS),
    "monitoring:report_download": Route(
        f"{REPORT}download/", anonymous=SIGN_IN_REDIRECT, answers=PLAN_READERS
    ),
    "progress:report_download": Route(
        f"/progress/AL-BULQIZE/{PLAN_BULQIZE_ADOPTED}/{REVIEW_YEAR}/reports/"
        f"{MONITORING_REPORT_BULQIZE}/"
    ),
    "progress:national": Route("/progress/"),
    "progress:national_csv": Route("/progress/national.csv"),
    "progress:plan_progress": Route(f"/progress/AL-BULQIZE/{PLAN_BULQIZE_ADOPTED}/"),
    "progress:iati": Route("/progress/AL-BULQIZE/iati.xml"),
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

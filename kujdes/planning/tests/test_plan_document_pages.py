"""The plan's documents page: asking for the plan as DOCX or PDF, following its progress,
downloading it; only the plan's readers see any of it. And the public download of the
documents of an adopted plan, for anyone."""

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from kujdes.accounts.models import Role, User
from kujdes.audit.models import AuditEvent
from kujdes.documents.models import PlanDocument
from kujdes.documents.services import plan_document_request
from kujdes.planning.forms import language_choices
from kujdes.planning.models import Plan
from tests.personas import (
    PASSWORD,
    PLAN_BULQIZE,
    PLAN_BULQIZE_ADOPTED,
    PLAN_DOCUMENT_BULQIZE,
    Cast,
)

LIST = f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/documents/"
CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def _new_documents() -> list[PlanDocument]:
    """The documents the test asked for (the cast has one already)."""
    return list(PlanDocument.objects.exclude(pk=PLAN_DOCUMENT_BULQIZE).order_by("requested_at"))


def _request(cast: Cast) -> PlanDocument:
    plan = Plan.objects.select_related("municipality").get(pk=PLAN_BULQIZE)
    return plan_document_request(actor=cast.planner, plan=plan, language="en", format="docx")


def test_a_planner_asks_for_the_plan_as_docx_and_downloads_it(
    cast: Cast, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    client = _client(cast.planner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, {"language": "en", "format": "docx"})

    assert response.status_code == 302
    assert response["Location"] == LIST
    [document] = _new_documents()
    assert (document.status, document.plan_status, document.requested_by) == (
        "done",
        "draft",
        cast.planner,
    )
    download = client.get(f"{LIST}{document.pk}/download/")
    day = timezone.localdate().isoformat()
    assert download.status_code == 200
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert download["Content-Disposition"] == (
        f'attachment; filename="social-plan-AL-BULQIZE-2026-2028-en-{day}.docx"'
    )
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content).startswith(b"PK")  # type: ignore[attr-defined]
    # A draft's document is not public.
    public = f"/plans/AL-BULQIZE/{PLAN_BULQIZE}/documents/{document.pk}/"
    assert Client().get(public).status_code == 404


@pytest.mark.parametrize("persona", ["planner@other", "advisory_member@other", "no_role"])
def test_others_cannot_ask_for_see_or_download_one(cast: Cast, persona: str) -> None:
    document = _request(cast)
    client = _client(cast.persona(persona))

    assert client.post(LIST, {"language": "en", "format": "docx"}).status_code == 404
    for url in (LIST, f"{LIST}{document.pk}/", f"{LIST}{document.pk}/download/"):
        assert client.get(url).status_code == 404
        assert Client().get(url).status_code == 302
    assert _new_documents() == [document]
    assert AuditEvent.objects.filter(verb="plan_document.requested").count() == 1


def test_a_document_cannot_be_reached_through_another_plan(cast: Cast) -> None:
    client = _client(cast.planner)
    url = f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/documents/{PLAN_DOCUMENT_BULQIZE}/"

    assert client.get(url).status_code == 404
    assert client.get(f"{url}download/").status_code == 404


def test_htmx_gets_the_new_document_fragment(
    cast: Cast, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    client = _client(cast.insiders[Role.ADVISORY_MEMBER])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(LIST, {"language": "sq", "format": "pdf"}, HTTP_HX_REQUEST="true")

    [document] = _new_documents()
    html = response.content.decode()
    assert response.status_code == 201
    assert html.startswith(
        f'<li id="document-{document.pk}" class="document" hx-get="{LIST}{document.pk}/" '
        'hx-trigger="every 1s" hx-swap="outerHTML">'
    )
    assert '<p id="no-documents" hx-swap-oob="delete"></p>' in html
    assert (document.language, document.format, document.status) == ("sq", "pdf", "queued")
    assert len(callbacks) == 1


def test_a_queued_document_polls_and_cannot_be_downloaded(cast: Cast) -> None:
    document = _request(cast)
    client = _client(cast.planner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(f"{LIST}{document.pk}/").content.decode()

    assert f'hx-get="{LIST}{document.pk}/" hx-trigger="every 1s"' in html
    assert '<progress max="100" value="0"' in html
    assert "<strong>DOCX, English</strong>" in html
    assert f'<a href="{LIST}#document-{document.pk}">' in html
    assert "/download/" not in html
    assert client.get(f"{LIST}{document.pk}/download/").status_code == 404


def test_the_list_offers_the_languages_and_the_plan_page_links_to_it(cast: Cast) -> None:
    client = _client(cast.national_viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sr-latn"

    html = client.get(LIST).content.decode()

    assert re.findall(r'<option value="([\w+-]+)"', html) == ["sq", "sr-latn", "en", "docx", "pdf"]
    assert '<option value="sr-latn" selected>' in html
    assert f'hx-post="{LIST}" hx-target="#documents" hx-swap="afterbegin"' in html
    assert 'id="no-documents"' in html
    # Albanian and Serbian together are for Kosovo's plans only.
    assert client.post(LIST, {"language": "sq+sr", "format": "pdf"}).status_code == 400
    assert _new_documents() == []
    detail = client.get(f"/planning/AL-BULQIZE/plans/{PLAN_BULQIZE}/").content.decode()
    assert f'<a href="{LIST}">' in detail
    plan = Plan.objects.select_related("municipality").get(pk=PLAN_BULQIZE)
    with translation.override("en"):
        assert [code for code, _name in language_choices(plan)] == ["sq", "sr-latn", "en"]


def test_anyone_downloads_a_document_of_an_adopted_plan(cast: Cast) -> None:
    url = f"/plans/AL-BULQIZE/{PLAN_BULQIZE_ADOPTED}/documents/{PLAN_DOCUMENT_BULQIZE}/"

    response = Client().get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="social-plan-AL-BULQIZE-2021-2025.pdf"'
    )
    assert response["Cache-Control"] == "public, max-age=86400"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 plan"  # type: ignore[attr-defined]
    for wrong in (
        url.replace("AL-BULQIZE", "AL-PUKE"),
        url.replace(str(PLAN_BULQIZE_ADOPTED), str(PLAN_BULQIZE)),
        url.replace(str(PLAN_DOCUMENT_BULQIZE), str(PLAN_BULQIZE)),
    ):
        assert Client().get(wrong).status_code == 404
    # Nor a document of the adopted plan that was written from its draft.
    PlanDocument.objects.filter(pk=PLAN_DOCUMENT_BULQIZE).update(plan_status=Plan.Status.DRAFT)
    assert Client().get(url).status_code == 404

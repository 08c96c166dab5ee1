"""Asking for the Needs Assessment Report as a document, following its progress, downloading
it; a failed writing leaves no file; only the municipality's readers see any of it."""

import logging
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kujdes.accounts.models import Role, User
from kujdes.audit.models import AuditEvent
from kujdes.documents import tasks
from kujdes.documents.models import AssessmentDocument
from kujdes.documents.services import assessment_document_request
from tests.personas import DOCUMENT_BULQIZE, PASSWORD, Cast

LIST = "/planning/AL-BULQIZE/documents/"
CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def _status_url(document: AssessmentDocument) -> str:
    return f"{LIST}{document.pk}/"


def _files_of(document: AssessmentDocument) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / tasks.document_folder(document)
    return [path for path in folder.rglob("*") if path.is_file()]


def _request(cast: Cast, language: str, format: str) -> AssessmentDocument:
    return assessment_document_request(
        actor=cast.planner, municipality=cast.areas["AL-BULQIZE"], language=language, format=format
    )


def _new_documents() -> list[AssessmentDocument]:
    """The documents the test asked for (the cast has one finished document already)."""
    return list(AssessmentDocument.objects.exclude(pk=DOCUMENT_BULQIZE).order_by("requested_at"))


def test_it_writes_the_docx_asked_for_on_the_page(
    bulqize: Cast, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    client = _client(bulqize.planner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, {"language": "en", "format": "docx"})

    assert response.status_code == 302
    assert response["Location"] == LIST
    [document] = _new_documents()
    day = timezone.localdate().isoformat()
    name = f"needs-assessment-AL-BULQIZE-en-{day}.docx"
    assert (document.status, document.progress, document.step, document.error) == (
        "done",
        100,
        "",
        "",
    )
    assert document.file.name == f"assessments/{document.pk}/{name}"
    assert document.requested_by == bulqize.planner
    assert document.finished_at is not None
    assert [path.name for path in _files_of(document)] == [name]
    events = AuditEvent.objects.filter(target_key=str(document.pk)).order_by("pk")
    assert [(e.verb, e.actor_id, e.payload) for e in events] == [
        (
            "assessment_document.requested",
            bulqize.planner.pk,
            {"municipality": "AL-BULQIZE", "language": "en", "format": "docx"},
        ),
        (
            "assessment_document.written",
            None,
            {"municipality": "AL-BULQIZE", "bytes": document.file.size},
        ),
    ]

    download = client.get(f"{_status_url(document)}download/")

    assert download.status_code == 200
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert download["Content-Disposition"] == f'attachment; filename="{name}"'
    assert b"".join(download.streaming_content).startswith(b"PK")  # type: ignore[attr-defined]


def test_an_advisory_member_gets_the_pdf_in_english(
    bulqize: Cast, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    client = _client(bulqize.insiders[Role.ADVISORY_MEMBER])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST, {"language": "en", "format": "pdf"})

    [document] = _new_documents()
    assert document.status == "done"
    response = client.get(f"{_status_url(document)}download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="needs-assessment-AL-BULQIZE-en-{day}.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_the_national_viewer_may_ask_for_one(
    cast: Cast, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    client = _client(cast.national_viewer)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(LIST, {"language": "sr-latn", "format": "pdf"})

    assert response.status_code == 302
    [document] = _new_documents()
    assert (document.language, document.format, document.status) == ("sr-latn", "pdf", "queued")
    assert len(callbacks) == 1


@pytest.mark.parametrize("persona", ["planner@other", "advisory_member@other", "no_role"])
def test_others_cannot_ask_for_one(cast: Cast, persona: str) -> None:
    client = _client(cast.persona(persona))

    assert client.post(LIST, {"language": "en", "format": "docx"}).status_code == 404
    assert client.get(LIST).status_code == 404
    assert _new_documents() == []
    assert not AuditEvent.objects.filter(verb="assessment_document.requested").exists()


def test_anonymous_people_are_sent_to_sign_in(cast: Cast) -> None:
    response = Client().post(LIST, {"language": "en", "format": "docx"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/?next=")
    assert _new_documents() == []


def test_others_cannot_see_or_download_a_document(cast: Cast) -> None:
    document = AssessmentDocument.objects.get(pk=DOCUMENT_BULQIZE)
    outsider = _client(cast.outsiders[Role.PLANNER])

    for url in (_status_url(document), f"{_status_url(document)}download/"):
        assert outsider.get(url).status_code == 404
        # Not through their own municipality either: the document is Bulqizë's.
        assert outsider.get(url.replace("AL-BULQIZE", "AL-PUKE")).status_code == 404
        assert Client().get(url).status_code == 302
    # And a reader of Bulqizë cannot reach it through Pukë.
    assert (
        _client(cast.national_viewer)
        .get(_status_url(document).replace("AL-BULQIZE", "AL-PUKE"))
        .status_code
        == 404
    )


def test_it_refuses_a_language_or_format_it_does_not_write(cast: Cast) -> None:
    client = _client(cast.planner)

    for data in ({"language": "de", "format": "docx"}, {"language": "en", "format": "odt"}):
        assert client.post(LIST, data).status_code == 400
    assert _new_documents() == []
    with pytest.raises(ValueError, match="Unknown format"):
        _request(cast, "en", "odt")


def test_a_queued_document_polls_its_progress_and_cannot_be_downloaded(cast: Cast) -> None:
    document = _request(cast, "en", "pdf")
    client = _client(cast.planner)

    with translation.override("en"):
        response = client.get(_status_url(document), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'hx-get="{_status_url(document)}" hx-trigger="every 1s" hx-swap="outerHTML"' in html
    assert '<progress max="100" value="0"' in html
    # Without JavaScript, a link reloads the list at the document.
    assert f'<a href="{LIST}#document-{document.pk}">' in html
    assert "/download/" not in html
    assert client.get(f"{_status_url(document)}download/").status_code == 404


def test_the_fragment_shows_the_step_in_the_readers_language(cast: Cast) -> None:
    document = _request(cast, "sq", "pdf")
    AssessmentDocument.objects.filter(pk=document.pk).update(
        status="running", progress=50, step=tasks.STEP_WRITING
    )
    client = _client(cast.planner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(_status_url(document)).content.decode()

    assert '<progress max="100" value="50"' in html
    assert "Being written: writing the document" in html


def test_htmx_gets_the_new_documents_fragment(
    cast: Cast, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    client = _client(cast.planner)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(LIST, {"language": "en", "format": "docx"}, HTTP_HX_REQUEST="true")

    [document] = _new_documents()
    html = response.content.decode()
    assert response.status_code == 201
    assert html.startswith(f'<li id="document-{document.pk}" class="document" hx-get=')
    # It replaces the "no document yet" line, if the page showed one.
    assert '<p id="no-documents" hx-swap-oob="delete"></p>' in html
    assert len(callbacks) == 1


def test_polling_stops_once_the_document_is_ready(bulqize: Cast) -> None:
    document = _request(bulqize, "en", "docx")
    tasks.assessment_document_write.call(str(document.pk))

    html = _client(bulqize.planner).get(_status_url(document)).content.decode()

    assert "hx-get" not in html
    assert "<progress" not in html
    assert f'<a href="{_status_url(document)}download/">Shkarko (DOCX)</a>' in html


@pytest.mark.parametrize("language", ["en", "sq"])
def test_a_failed_writing_leaves_no_file_and_says_so(
    bulqize: Cast, language: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(report: object) -> bytes:
        raise RuntimeError("the renderer broke")

    monkeypatch.setattr("kujdes.documents.docx.assessment_docx", broken)
    document = _request(bulqize, language, "docx")

    with caplog.at_level(logging.ERROR, logger="kujdes.documents.tasks"):
        tasks.assessment_document_write.call(str(document.pk))

    document.refresh_from_db()
    with translation.override(language):
        message = translation.gettext(tasks.FAILED)
    assert (document.status, document.error, document.file.name) == ("failed", message, "")
    assert document.finished_at is not None
    assert "Traceback" not in document.error
    assert _files_of(document) == []
    [record] = caplog.records
    assert record.exc_info is not None
    assert str(record.exc_info[1]) == "the renderer broke"
    assert AuditEvent.objects.filter(
        verb="assessment_document.failed", target_key=str(document.pk)
    ).exists()
    client = _client(bulqize.planner)
    assert client.get(f"{_status_url(document)}download/").status_code == 404
    html = client.get(_status_url(document)).content.decode()
    assert "hx-get" not in html
    assert message in html


def test_a_failed_save_leaves_no_partial_file(
    bulqize: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_written(self: FileSystemStorage, name: str, content: Any) -> str:
        Path(self.path(name)).parent.mkdir(parents=True, exist_ok=True)
        Path(self.path(name)).write_bytes(b"PK half")
        raise OSError("No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", half_written)
    document = _request(bulqize, "en", "docx")

    tasks.assessment_document_write.call(str(document.pk))

    document.refresh_from_db()
    assert (document.status, document.file.name) == ("failed", "")
    assert _files_of(document) == []


def test_a_job_run_twice_writes_once(bulqize: Cast) -> None:
    document = _request(bulqize, "en", "docx")
    tasks.assessment_document_write.call(str(document.pk))
    document.refresh_from_db()
    name = document.file.name

    tasks.assessment_document_write.call(str(document.pk))

    document.refresh_from_db()
    assert (document.status, document.file.name) == ("done", name)
    assert len(_files_of(document)) == 1


def test_the_list_offers_the_active_language_and_loads_htmx(cast: Cast) -> None:
    client = _client(cast.insiders[Role.ADVISORY_MEMBER])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sr-latn"

    html = client.get(LIST).content.decode()

    assert re.search(r'<option value="sr-latn" selected>', html)
    assert re.search(r'<option value="docx" selected>DOCX</option>', html)
    assert '<script src="/static/vendor/htmx-2.0.11/htmx.min.js" defer></script>' in html
    assert f'id="document-{DOCUMENT_BULQIZE}"' in html
    assert f'hx-post="{LIST}" hx-target="#documents" hx-swap="afterbegin"' in html


def test_the_list_runs_the_same_queries_however_many_documents(cast: Cast) -> None:
    client = _client(cast.planner)
    client.get(LIST)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured.captured_queries)

    few = queries()
    for _ in range(3):
        _request(cast, "en", "pdf")
    assert queries() == few


def test_a_document_no_worker_wrote_for_half_an_hour_is_shown_as_stalled(cast: Cast) -> None:
    document = _request(cast, "en", "pdf")
    AssessmentDocument.objects.filter(pk=document.pk).update(
        status="running",
        progress=50,
        step=tasks.STEP_WRITING,
        requested_at=timezone.now() - timedelta(minutes=31),
    )
    client = _client(cast.planner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(_status_url(document)).content.decode()

    assert "hx-get" not in html
    assert "<progress" not in html
    assert '<span role="status">Stalled</span>' in html
    assert "No worker has written this document for half an hour." in html
    assert client.get(f"{_status_url(document)}download/").status_code == 404
    # Nothing is changed by looking: a worker that comes back may still write it.
    document.refresh_from_db()
    assert (document.status, document.progress) == ("running", 50)


def test_a_document_asked_for_29_minutes_ago_is_still_followed(cast: Cast) -> None:
    document = _request(cast, "en", "pdf")
    AssessmentDocument.objects.filter(pk=document.pk).update(
        requested_at=timezone.now() - timedelta(minutes=29)
    )

    client = _client(cast.planner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(_status_url(document)).content.decode()

    assert f'hx-get="{_status_url(document)}"' in html
    assert '<span role="status">Queued</span>' in html

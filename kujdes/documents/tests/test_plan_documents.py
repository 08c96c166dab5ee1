"""Asking for a plan as a document and writing it in the background: the file is attached
only when complete, a failure leaves no file and says so, and only what was written from an
adopted plan is ever public."""

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import Http404
from django.utils import timezone, translation

from kujdes.audit.models import AuditEvent
from kujdes.documents import tasks
from kujdes.documents.models import PlanDocument
from kujdes.documents.selectors import plan_document_get_public, plan_documents_public
from kujdes.documents.services import plan_document_languages, plan_document_request
from kujdes.documents.tests.plan_content import (
    PlanContent,
    kosovo_plan,
    plan_adopted,
    plan_content_create,
)
from kujdes.planning.models import Plan
from tests.personas import PLAN_BULQIZE, PLAN_BULQIZE_ADOPTED, PLAN_DOCUMENT_BULQIZE, Cast

CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def content(bulqize: Cast) -> PlanContent:
    return plan_content_create(bulqize)


def _files_of(document: PlanDocument) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / tasks.document_folder(document)
    return [path for path in folder.rglob("*") if path.is_file()]


def _request(cast: Cast, plan: Plan, language: str = "en", format: str = "docx") -> PlanDocument:
    return plan_document_request(actor=cast.planner, plan=plan, language=language, format=format)


def test_it_writes_the_plan_once_the_request_is_committed(
    bulqize: Cast, content: PlanContent, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        document = _request(bulqize, content.plan)

    document.refresh_from_db()
    day = timezone.localdate().isoformat()
    name = f"social-plan-AL-BULQIZE-2026-2028-en-{day}.docx"
    assert (document.status, document.progress, document.step, document.error) == (
        "done",
        100,
        "",
        "",
    )
    assert document.file.name == f"plans/{document.pk}/{name}"
    assert document.plan_status == Plan.Status.CONSULTATION
    assert document.finished_at is not None
    assert [path.name for path in _files_of(document)] == [name]
    assert document.file.read().startswith(b"PK")
    events = AuditEvent.objects.filter(target_key=str(document.pk)).order_by("pk")
    assert [(e.verb, e.actor_id, e.payload) for e in events] == [
        (
            "plan_document.requested",
            bulqize.planner.pk,
            {
                "municipality": "AL-BULQIZE",
                "plan": str(PLAN_BULQIZE),
                "language": "en",
                "format": "docx",
            },
        ),
        (
            "plan_document.written",
            None,
            {
                "municipality": "AL-BULQIZE",
                "plan": str(PLAN_BULQIZE),
                "plan_status": "consultation",
                "bytes": document.file.size,
            },
        ),
    ]


@pytest.mark.parametrize("language", ["en", "sq"])
def test_a_failed_writing_leaves_no_file_and_says_so(
    content: PlanContent,
    bulqize: Cast,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(editions: object) -> bytes:
        raise RuntimeError("the renderer broke")

    monkeypatch.setattr("kujdes.documents.social_plan.docx.social_plan_docx", broken)
    document = _request(bulqize, content.plan, language)

    with caplog.at_level(logging.ERROR, logger="kujdes.documents.tasks"):
        tasks.plan_document_write.call(str(document.pk))

    document.refresh_from_db()
    with translation.override(language):
        message = translation.gettext(tasks.FAILED)
    assert (document.status, document.error, document.file.name) == ("failed", message, "")
    assert document.finished_at is not None
    assert _files_of(document) == []
    [record] = caplog.records
    assert record.getMessage() == f"Writing plan document {document.pk} failed."
    assert record.exc_info is not None
    assert str(record.exc_info[1]) == "the renderer broke"
    [event] = AuditEvent.objects.filter(verb="plan_document.failed", target_key=str(document.pk))
    assert event.payload == {
        "municipality": "AL-BULQIZE",
        "plan": str(PLAN_BULQIZE),
        "step": tasks.STEP_WRITING,
    }


def test_a_failed_save_leaves_no_partial_file(
    bulqize: Cast, content: PlanContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_written(self: FileSystemStorage, name: str, content: Any) -> str:
        Path(self.path(name)).parent.mkdir(parents=True, exist_ok=True)
        Path(self.path(name)).write_bytes(b"PK half")
        raise OSError("No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", half_written)
    document = _request(bulqize, content.plan)

    tasks.plan_document_write.call(str(document.pk))

    document.refresh_from_db()
    assert (document.status, document.file.name) == ("failed", "")
    assert _files_of(document) == []
    assert not PlanDocument.objects.get(pk=document.pk).is_public


def test_a_job_run_twice_writes_once(bulqize: Cast, content: PlanContent) -> None:
    document = _request(bulqize, content.plan)
    tasks.plan_document_write.call(str(document.pk))
    document.refresh_from_db()
    name = document.file.name

    tasks.plan_document_write.call(str(document.pk))

    document.refresh_from_db()
    assert (document.status, document.file.name) == ("done", name)
    assert len(_files_of(document)) == 1


def test_only_what_was_written_from_the_adopted_plan_is_public(
    bulqize: Cast, content: PlanContent
) -> None:
    draft = _request(bulqize, content.plan)
    tasks.plan_document_write.call(str(draft.pk))
    assert plan_documents_public(content.plan) == []

    plan = plan_adopted(bulqize, content)
    adopted = _request(bulqize, plan)
    tasks.plan_document_write.call(str(adopted.pk))

    draft.refresh_from_db()
    adopted.refresh_from_db()
    assert (draft.plan_status, adopted.plan_status) == ("consultation", "adopted")
    assert plan_documents_public(plan) == [adopted]
    assert plan_document_get_public("AL-BULQIZE", plan.pk, adopted.pk) == adopted
    for code, plan_id, document_id in (
        ("AL-BULQIZE", plan.pk, draft.pk),
        ("AL-PUKE", plan.pk, adopted.pk),
        ("AL-BULQIZE", PLAN_BULQIZE_ADOPTED, adopted.pk),
    ):
        with pytest.raises(Http404):
            plan_document_get_public(code, plan_id, document_id)


def test_the_public_list_has_the_newest_of_each_language_and_format(cast: Cast) -> None:
    plan = Plan.objects.get(pk=PLAN_BULQIZE_ADOPTED)
    now = timezone.now()

    def written(language: str, format: str, minutes: int, **fields: Any) -> PlanDocument:
        document = PlanDocument.objects.create(
            plan=plan,
            language=language,
            format=format,
            status=fields.pop("status", PlanDocument.Status.DONE),
            plan_status=fields.pop("plan_status", Plan.Status.IN_IMPLEMENTATION),
        )
        document.file.save("plan.docx", ContentFile(b"PK"), save=False)
        PlanDocument.objects.filter(pk=document.pk).update(
            file=document.file.name, requested_at=now - timedelta(minutes=minutes)
        )
        return document

    older = written("en", "docx", 30)
    newer = written("en", "docx", 10)
    english_pdf = written("en", "pdf", 20)
    albanian = written("sq", "docx", 40)
    written("sq", "docx", 5, status=PlanDocument.Status.FAILED)
    written("sr-latn", "pdf", 5, plan_status=Plan.Status.SUBMITTED)

    public = plan_documents_public(plan)

    cast_pdf = PlanDocument.objects.get(pk=PLAN_DOCUMENT_BULQIZE)
    assert public == [newer, english_pdf, albanian, cast_pdf]
    assert older not in public
    assert public[0].public_url == (
        f"/plans/AL-BULQIZE/{PLAN_BULQIZE_ADOPTED}/documents/{newer.pk}/"
    )
    with translation.override("en"):
        assert [document.label for document in public] == [
            "DOCX, English",
            "PDF, English",
            "DOCX, Shqip",
            "PDF, Shqip",
        ]
    # A plan not adopted has none, whatever its documents.
    assert plan_documents_public(Plan.objects.get(pk=PLAN_BULQIZE)) == []


def test_a_kosovo_plan_may_be_asked_for_in_albanian_and_serbian_together(
    bulqize: Cast, content: PlanContent
) -> None:
    plan = kosovo_plan()

    assert plan_document_languages(content.plan) == ["sq", "sr-latn", "en"]
    assert plan_document_languages(plan) == ["sq", "sr-latn", "en", "sq+sr"]
    with pytest.raises(ValueError, match="Unknown language"):
        _request(bulqize, content.plan, "sq+sr")
    document = _request(bulqize, plan, "sq+sr")
    tasks.plan_document_write.call(str(document.pk))

    document.refresh_from_db()
    day = timezone.localdate().isoformat()
    assert document.languages == ("sq", "sr-latn")
    assert document.file.name == (
        f"plans/{document.pk}/municipal-strategy-XK-GRACANICA-2026-2028-sq-sr-{day}.docx"
    )
    assert document.language_names == "Shqip + Srpski (latinica)"

"""Documents Kujdes writes: each asked for in one language and format, written by a background
task, and kept for the people who may read what it reports."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kujdes.monitoring.models import Review
from kujdes.planning.models import Plan
from kujdes.territory.models import Area

# A document takes seconds to write; one still unwritten this long after it was asked for has
# lost its worker (stopped, restarted, crashed) or waits behind a stuck queue.
STALLED_AFTER = timedelta(minutes=30)


class GeneratedDocument(models.Model):
    """A document asked for in one language and format, written by a background task. The
    file is attached only once it is complete."""

    class Format(models.TextChoices):
        DOCX = "docx", "DOCX"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being written")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    language = models.CharField(_("language"), max_length=8)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-requested_at"]

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the document is written in, in order."""
        return (self.language,)

    @property
    def language_names(self) -> str:
        """ "Shqip + Srpski (latinica)": each language in its own name."""
        return " + ".join(
            capfirst(translation.get_language_info(code)["name_local"]) for code in self.languages
        )

    @property
    def label(self) -> str:
        """ "PDF, Shqip + Srpski (latinica)" """
        return f"{self.get_format_display()}, {self.language_names}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stalled(self) -> bool:
        return not self.is_finished and timezone.now() - self.requested_at > STALLED_AFTER

    @property
    def is_waiting(self) -> bool:
        """Still to be written, and worth following."""
        return not self.is_finished and not self.is_stalled


class AssessmentDocument(GeneratedDocument):
    """A Needs Assessment Report asked for in one language and format."""

    municipality = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="assessments/", blank=True)

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.language} {self.format} {self.status}"


class PlanDocument(GeneratedDocument):
    """A plan as one document (Part A, the Needs Assessment Report; Part B, the plan; the
    annexes), in one language or, for a Kosovo plan, in Albanian followed by Serbian."""

    # The `language` of the bilingual edition: Albanian, then Serbian (Latin).
    BILINGUAL = "sq+sr"
    BILINGUAL_LANGUAGES = ("sq", "sr-latn")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="documents")
    # Room for the folder (the document's id) and a name that says what the file holds.
    file = models.FileField(upload_to="plans/", blank=True, max_length=255)
    # The plan's status when the document was written. Only a document written once the plan
    # was adopted is published: one written from the draft says what the draft said.
    plan_status = models.CharField(
        _("status of the plan"), max_length=24, choices=Plan.Status.choices, blank=True
    )

    def __str__(self) -> str:
        return f"{self.plan_id} {self.language} {self.format} {self.status}"

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages of the editions the document holds, in order."""
        return self.BILINGUAL_LANGUAGES if self.language == self.BILINGUAL else (self.language,)

    @property
    def public_url(self) -> str:
        """Where anyone downloads it, once it is public (see `is_public`)."""
        return reverse(
            "plans:document_download", args=[self.plan.municipality.code, self.plan_id, self.pk]
        )

    @property
    def is_public(self) -> bool:
        """Finished, and written from the adopted plan (the plan stays adopted, in
        implementation or closed: a revision is a new plan)."""
        return self.status == self.Status.DONE and self.plan_status in Plan.ADOPTED_STATUSES


class MonitoringReport(GeneratedDocument):
    """The yearly monitoring report of a plan: its review of one year (progress, indicators,
    spending, projects, contracts, the advisory group's meeting and conclusions), in one
    language and format."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    # Room for the folder (the report's id) and a name that says what the file holds.
    file = models.FileField(upload_to="monitoring-reports/", blank=True, max_length=255)

    def __str__(self) -> str:
        return f"{self.review_id} {self.language} {self.format} {self.status}"

    @property
    def public_url(self) -> str:
        """Where anyone downloads it, once it is public (see `is_public`)."""
        plan = self.review.plan
        return reverse(
            "progress:report_download",
            args=[plan.municipality.code, plan.pk, self.review.year, self.pk],
        )

    @property
    def is_public(self) -> bool:
        """Finished, asked for once its review was published (one written before says what
        the unpublished review said), of a plan that stays adopted."""
        published = self.review.published_at
        return (
            self.status == self.Status.DONE
            and published is not None
            and self.requested_at >= published
            and self.review.plan.is_adopted
        )

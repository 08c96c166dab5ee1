"""Documents Kujdes writes: each asked for in one language and format, written by a background
task, and kept for the people who may read what it reports."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kujdes.territory.models import Area

# A document takes seconds to write; one still unwritten this long after it was asked for has
# lost its worker (stopped, restarted, crashed) or waits behind a stuck queue.
STALLED_AFTER = timedelta(minutes=30)


class AssessmentDocument(models.Model):
    """A Needs Assessment Report asked for in one language and format, written by a background
    task. The file is attached only once it is complete."""

    class Format(models.TextChoices):
        DOCX = "docx", "DOCX"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being written")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="assessments/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.language} {self.format} {self.status}"

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

"""The yearly review of an adopted plan: how far each activity got, what each indicator
measured against its target, and what was spent from each funding source."""

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kujdes.directory.models import FundingSource
from kujdes.planning.models import Activity, Indicator, Meeting, Plan


class Review(models.Model):
    """The review of one year of a plan, with the advisory group's meeting that discussed it
    and its conclusions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("year"))
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("review meeting of the advisory group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    conclusions = models.TextField(_("conclusions"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="review_year_key")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.year}"


class ActivityProgress(models.Model):
    """Where an activity stands at the year's review."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        ON_TRACK = "on_track", _("on track")
        DELAYED = "delayed", _("delayed")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MaxValueValidator(100)]
    )
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "activity"], name="activity_progress_key"),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="activity_progress_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.status} {self.percent} %"


class IndicatorActual(models.Model):
    """What an indicator measured in the year under review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actuals")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    value = models.DecimalField(_("actual value"), max_digits=16, decimal_places=2)
    source = models.CharField(_("source of the figure"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "indicator"], name="indicator_actual_key")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


class Spending(models.Model):
    """What was spent on the plan in the year from one funding source, in the plan's currency."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="spending")
    source = models.CharField(_("source"), max_length=24, choices=FundingSource.choices)
    amount = models.DecimalField(_("amount spent"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["source"]
        constraints = [models.UniqueConstraint(fields=["review", "source"], name="spending_key")]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"

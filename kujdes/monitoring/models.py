"""What delivers the plan and how far it got: the projects that implement its activities, with
their funders and the people they reached, and the yearly review of an adopted plan (each
activity's progress, each indicator's actual value, the spending by source)."""

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kujdes.directory.models import (
    Currency,
    FundingSource,
    Organization,
    Service,
    TargetGroup,
    text_in_language,
)
from kujdes.planning.models import Activity, Indicator, Meeting, Plan
from kujdes.territory.models import Area, TranslatedNameMixin, content_language


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
    # When the planners made the review public: its progress, actuals and report are shown on
    # the plan's public page from then on, and it stays open to corrections.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The plan's next version the review's conclusions started, if they did.
    revision = models.ForeignKey(
        Plan,
        verbose_name=_("revision it opened"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
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
    # What Kujdes's own data gave (statistics, the directory's counts of people served) when
    # the value was filled from it; a value that differs from it says why in `reason`.
    computed_value = models.DecimalField(
        _("value from Kujdes data"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("reason for the adjustment"), blank=True)
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


class Project(TranslatedNameMixin):
    """A project that implements activities of a municipality's plan, run by an implementer
    and paid for by funders (EU, UNDP, SDC, the municipality itself, …). `name_*` is its
    title."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    implementer = models.ForeignKey(
        Organization, verbose_name=_("implementer"), on_delete=models.PROTECT, related_name="+"
    )
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        Area, verbose_name=_("administrative units"), blank=True, related_name="+"
    )
    activities = models.ManyToManyField(
        Activity,
        verbose_name=_("plan activities it implements"),
        blank=True,
        related_name="projects",
    )
    results_sq = text_in_language(_("results"), "sq")
    results_sr_latn = text_in_language(_("results"), "sr_latn")
    results_en = text_in_language(_("results"), "en")
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts", "name_sq"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")),
                name="project_period_forward",
                violation_error_message=_("A project cannot end before it starts."),
            )
        ]

    @property
    def results(self) -> str:
        """The results in the reader's language, else in Albanian."""
        return getattr(self, f"results_{content_language()}", "") or self.results_sq


class ProjectFunding(models.Model):
    """What one funder gives a project, in the funder's currency."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding")
    funder = models.ForeignKey(
        Organization, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "funder", "currency"], name="project_funding_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.funder_id}: {self.amount} {self.currency}"


class ProjectReach(models.Model):
    """The people a project reached in a year, by sex and age group."""

    class Sex(models.TextChoices):
        FEMALE = "F", _("women and girls")
        MALE = "M", _("men and boys")

    class AgeGroup(models.TextChoices):
        CHILDREN = "0-17", _("0–17 years")
        ADULTS = "18-64", _("18–64 years")
        OLDER = "65+", _("65 and over")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reach")
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices)
    people = models.PositiveIntegerField(_("people reached"))

    class Meta:
        ordering = ["year", "sex", "age_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "sex", "age_group"], name="project_reach_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.sex} {self.age_group}: {self.people}"


class ServiceContract(models.Model):
    """The municipality buys a service from a provider (an NGO, mostly) for a period: the amount,
    the units of service it pays for, how often the provider reports."""

    class Reporting(models.TextChoices):
        MONTHLY = "monthly", _("monthly")
        QUARTERLY = "quarterly", _("quarterly")
        YEARLY = "yearly", _("yearly")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(
        Organization, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contracts",
    )
    number = models.CharField(_("contract number"), max_length=64)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    units_of_service = models.PositiveIntegerField(_("units of service paid for"))
    unit_name = models.CharField(_("unit of service"), max_length=64)
    reporting = models.CharField(_("reporting"), max_length=12, choices=Reporting.choices)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts", "number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")),
                name="contract_period_forward",
                violation_error_message=_("A contract cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def units_delivered(self) -> int:
        """What the provider reports it delivered so far; reads `deliveries.all()`, so a
        prefetch serves it."""
        return sum(delivery.units_delivered for delivery in self.deliveries.all())


class ContractDelivery(models.Model):
    """What the provider reports it delivered for one period of the contract."""

    contract = models.ForeignKey(
        ServiceContract, on_delete=models.CASCADE, related_name="deliveries"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    units_delivered = models.PositiveIntegerField(_("units delivered"))
    people_served = models.PositiveIntegerField(_("people served"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "period_start"], name="contract_delivery_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}: {self.units_delivered}"


class FundingApplication(models.Model):
    """The municipality asks a fund (Albania's Social Fund, a donor's call) for money for a plan
    activity: the call's window, what was requested and what was awarded."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("waiting for the decision")
        AWARDED = "awarded", _("awarded")
        REJECTED = "rejected", _("rejected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    fund = models.ForeignKey(
        Organization, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="+"
    )
    call = models.CharField(_("call"), max_length=200)
    call_opens = models.DateField(_("call opens"))
    call_closes = models.DateField(_("call closes"))
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    source = models.CharField(_("funding source"), max_length=24, choices=FundingSource.choices)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    requested = models.DecimalField(_("requested"), max_digits=16, decimal_places=2)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    awarded = models.DecimalField(
        _("awarded"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-call_closes"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(call_closes__gte=models.F("call_opens")),
                name="application_call_forward",
                violation_error_message=_("A call cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="awarded", awarded__isnull=False)
                | (~models.Q(outcome="awarded") & models.Q(awarded__isnull=True)),
                name="application_awarded_amount",
                violation_error_message=_(
                    "Give the amount awarded, and only for an awarded application."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.call

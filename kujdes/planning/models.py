"""What the planner adds to the needs assessment: the structures required by law and their
staff (A6), the municipal budget for social care (A7), the weights and notes of the gap
analysis (A8)."""

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kujdes.directory.models import (
    CommonTargetGroup,
    Currency,
    FundingSource,
    Organization,
    ServiceType,
    TargetGroup,
    text_in_language,
)
from kujdes.territory.models import Area, TranslatedNameMixin, content_language


class Structure(models.Model):
    """A structure the law requires of the municipality, with its staff (A6)."""

    class Kind(models.TextChoices):
        DIRECTORATE = "directorate", _("social services directorate")
        CHILD_PROTECTION_UNIT = "child_protection_unit", _("child protection unit")
        NEEDS_ASSESSMENT_UNIT = "needs_assessment_unit", _("needs-assessment and referral unit")
        SOCIAL_WORKER = "social_worker", _("social workers of an administrative unit")
        OTHER = "other", _("other structure")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # The administrative unit the staff work in; empty for structures of the whole municipality.
    unit = models.ForeignKey(
        Area,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    legal_basis = models.CharField(
        _("founding decision or legal basis"), max_length=300, blank=True
    )
    staff_required = models.PositiveSmallIntegerField(_("staff positions required"), default=0)
    staff_in_post = models.PositiveSmallIntegerField(_("staff in post"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    # Entered by the demo, not by a municipality: every page that shows it says so.
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "unit__path", "name"]
        verbose_name = _("structure")
        verbose_name_plural = _("structures")

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    @property
    def vacancies(self) -> int:
        return max(self.staff_required - self.staff_in_post, 0)


class Programme(models.TextChoices):
    """Social protection by function (COFOG group 10), the budget classification of all three
    countries."""

    SICKNESS_DISABILITY = "10.1", _("10.1 Sickness and disability")
    OLD_AGE = "10.2", _("10.2 Old age")
    SURVIVORS = "10.3", _("10.3 Survivors")
    FAMILY_CHILDREN = "10.4", _("10.4 Family and children")
    UNEMPLOYMENT = "10.5", _("10.5 Unemployment")
    HOUSING = "10.6", _("10.6 Housing")
    SOCIAL_EXCLUSION = "10.7", _("10.7 Social exclusion n.e.c.")
    RESEARCH = "10.8", _("10.8 R&D social protection")
    OTHER = "10.9", _("10.9 Social protection n.e.c.")


class BudgetYear(models.Model):
    """The municipal budget of one year: its total, against which social care is measured."""

    class Stage(models.TextChoices):
        PLANNED = "planned", _("planned")
        EXECUTED = "executed", _("executed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    municipal_total = models.DecimalField(
        _("total municipal budget"), max_digits=16, decimal_places=2
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    # Entered by the demo, not by a municipality: every page that shows it says so.
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="budget_year_key")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year}"


class BudgetLine(models.Model):
    """What a budget year gives one social-protection programme (A7)."""

    budget_year = models.ForeignKey(BudgetYear, on_delete=models.CASCADE, related_name="lines")
    programme = models.CharField(_("programme"), max_length=8, choices=Programme.choices)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["programme"]
        constraints = [
            models.UniqueConstraint(fields=["budget_year", "programme"], name="budget_line_key")
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.amount}"


class GapWeights(models.Model):
    """How much need, coverage and distance count in the municipality's gap score (A8)."""

    municipality = models.OneToOneField(Area, on_delete=models.PROTECT, related_name="+")
    need = models.PositiveSmallIntegerField(_("weight of need"), default=40)
    coverage = models.PositiveSmallIntegerField(_("weight of missing coverage"), default=40)
    distance = models.PositiveSmallIntegerField(_("weight of distance to services"), default=20)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.need}/{self.coverage}/{self.distance}"


class GapNote(models.Model):
    """The planner's adjustment and note on one gap: an administrative unit and a target
    group. Plan measures will point at it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    unit = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    # A common target-group code (directory.CommonTargetGroup).
    target_group = models.CharField(_("target group"), max_length=48)
    adjustment = models.SmallIntegerField(
        _("adjustment (points)"),
        default=0,
        validators=[MinValueValidator(-50), MaxValueValidator(50)],
    )
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "target_group"], name="gap_note_key")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.target_group}"


# ── Part B: the plan ─────────────────────────────────────────────────────────────────────────


class Plan(TranslatedNameMixin):
    """A municipality's plan for social care over a period of years: Albania's Social Plan,
    Kosovo's Municipal Strategy with its Action Plan, South Serbia's action plan. `name_*` is
    its title."""

    class Kind(models.TextChoices):
        SOCIAL_PLAN = "social_plan", _("Social Plan")
        MUNICIPAL_STRATEGY = (
            "municipal_strategy",
            _("Municipal Strategy for social and family services, with its Action Plan"),
        )
        ACTION_PLAN = "action_plan", _("action plan for improving social services")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONSULTATION = "consultation", _("in public consultation")
        SUBMITTED = "submitted", _("submitted for adoption")
        ADOPTED = "adopted", _("adopted")
        IN_IMPLEMENTATION = "in_implementation", _("in implementation")
        CLOSED = "closed", _("closed")

    # Statuses in which the plan's content may still change; after submission it is frozen.
    EDITABLE = (Status.DRAFT, Status.CONSULTATION)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of plan"), max_length=24, choices=Kind.choices)
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAFT
    )
    vision_sq = text_in_language(_("vision"), "sq")
    vision_sr_latn = text_in_language(_("vision"), "sr_latn")
    vision_en = text_in_language(_("vision"), "en")
    mission_sq = text_in_language(_("mission"), "sq")
    mission_sr_latn = text_in_language(_("mission"), "sr_latn")
    mission_en = text_in_language(_("mission"), "en")
    principles_sq = text_in_language(_("values and principles"), "sq")
    principles_sr_latn = text_in_language(_("values and principles"), "sr_latn")
    principles_en = text_in_language(_("values and principles"), "en")
    # Entered by the demo, not by a municipality: every page that shows it says so.
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    # The versions of one plan share a lineage (the first version's id). A change after
    # adoption makes the next revision, a copy; the adopted one stays as it was adopted.
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    revision = models.PositiveSmallIntegerField(_("version"), default=1)
    revises = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revisions"
    )
    consultation_opens = models.DateField(_("consultation opens"), null=True, blank=True)
    consultation_closes = models.DateField(_("consultation closes"), null=True, blank=True)
    decision_body = models.CharField(_("adopted by"), max_length=200, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_file = models.FileField(_("decision"), upload_to="plan-decisions/", blank=True)
    # The Needs Assessment Report (Part A) as it stood at adoption, per language: later
    # corrections of the statistics do not change what the council adopted.
    assessment_frozen = models.JSONField(null=True, blank=True, editable=False)
    # The social-care budget (A7) per year in the plan's currency at adoption, which the plan's
    # cost is set beside: {"2024": "29300000.00"}.
    social_care_frozen = models.JSONField(null=True, blank=True, editable=False)
    # The lock counter of optimistic locking, not the plan's version (that is `revision`).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_year", "name_sq", "-revision"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_period_forward",
                violation_error_message=_("The last year cannot come before the first."),
            )
        ]

    def text(self, field: str) -> str:
        """`vision`, `mission` or `principles` in the reader's language, else in Albanian."""
        return getattr(self, f"{field}_{content_language()}", "") or getattr(self, f"{field}_sq")

    @property
    def vision(self) -> str:
        return self.text("vision")

    @property
    def mission(self) -> str:
        return self.text("mission")

    @property
    def principles(self) -> str:
        return self.text("principles")

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    # Statuses in which anyone may read the plan: a draft is the planners' own.
    PUBLIC = (
        Status.CONSULTATION,
        Status.SUBMITTED,
        Status.ADOPTED,
        Status.IN_IMPLEMENTATION,
        Status.CLOSED,
    )
    ADOPTED_STATUSES = (Status.ADOPTED, Status.IN_IMPLEMENTATION, Status.CLOSED)

    @property
    def is_public(self) -> bool:
        """Anyone may read it: from the day its consultation opens, and after."""
        if self.status == self.Status.CONSULTATION:
            opens = self.consultation_opens
            return opens is not None and opens <= timezone.localdate()
        return self.status in self.PUBLIC

    @property
    def is_adopted(self) -> bool:
        return self.status in self.ADOPTED_STATUSES

    def consultation_is_open(self, day: date) -> bool:
        return (
            self.status == self.Status.CONSULTATION
            and self.consultation_opens is not None
            and self.consultation_closes is not None
            and self.consultation_opens <= day <= self.consultation_closes
        )


class Objective(TranslatedNameMixin):
    """A strategic objective (no parent) or a specific objective under one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    number = models.CharField(_("number"), max_length=16)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="objective_number_key")
        ]

    @property
    def is_strategic(self) -> bool:
        return self.parent_id is None


class Measure(TranslatedNameMixin):
    """A measure under a specific objective."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="measures")
    number = models.CharField(_("number"), max_length=16)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "number"]


class MeasureGap(models.Model):
    """A gap of the needs assessment (A8: an administrative unit and a common target group)
    that a measure answers."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="gaps")
    unit = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    target_group = models.CharField(
        _("target group"), max_length=48, choices=CommonTargetGroup.choices
    )

    class Meta:
        # In the order of the units' codes, so that every page and document lists them alike.
        ordering = ["unit__code", "target_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "unit", "target_group"], name="measure_gap_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.target_group}"


class Activity(TranslatedNameMixin):
    """What a measure does, by whom, when, for whom and where, at what cost."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="activities")
    number = models.CharField(_("number"), max_length=16)
    position = models.PositiveSmallIntegerField(default=0)
    responsible = models.CharField(_("responsible unit"), max_length=200, blank=True)
    partners = models.ManyToManyField(
        Organization, verbose_name=_("partner organizations"), blank=True, related_name="+"
    )
    start_year = models.PositiveSmallIntegerField(_("from"))
    end_year = models.PositiveSmallIntegerField(_("to"))
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        Area, verbose_name=_("administrative units"), blank=True, related_name="+"
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("service type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    creates_new_service = models.BooleanField(_("creates a new service"), default=False)
    contracted_to_ngo = models.BooleanField(_("to be contracted to an NGO"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "number"]

    @property
    def total_cost(self) -> Decimal:
        """Reads `costs.all()`, so a prefetch serves it."""
        return sum((cost.amount for cost in self.costs.all()), Decimal(0))


class ActivityCost(models.Model):
    """What an activity costs in one year from one funding source, in the plan's currency."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="costs")
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=24, choices=FundingSource.choices)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "year", "source"], name="activity_cost_key")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.source}: {self.amount}"


class Indicator(TranslatedNameMixin):
    """How progress on an objective or a measure is measured: baseline and yearly targets."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    unit = models.CharField(_("unit of measure"), max_length=64)
    source = models.CharField(_("source of the figures"), max_length=300, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    # The needs-assessment figure the baseline was taken from (its variable's code); the value
    # is copied, so a later correction of the statistics leaves the plan as written.
    baseline_figure = models.CharField(_("taken from the figure"), max_length=64, blank=True)
    # An indicator that counts the people the municipality's services of a type served in a
    # year (the directory's counts) is filled from them at the yearly review.
    counted_service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("counts the people served by services of the type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name_sq"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(objective__isnull=True) ^ models.Q(measure__isnull=True),
                name="indicator_of_objective_or_measure",
            )
        ]


class IndicatorTarget(models.Model):
    """An indicator's target for one year of the plan."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_key")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class AdvisoryMember(models.Model):
    """A member of the municipality's advisory group (Grupi këshillëdhënës / Savetodavna
    grupa), which drafts the plan with the planners and reviews it every year."""

    class Sector(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        SOCIAL_WORK_CENTRE = "social_work_centre", _("Centre for Social Work")
        PUBLIC_SERVICE = "public_service", _("other public service (health, education, police)")
        CIVIL_SOCIETY = "civil_society", _("civil society")
        SERVICE_USERS = "service_users", _("service users and their families")
        DONOR = "donor", _("donor or international organization")
        OTHER = "other", _("other")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=24, choices=Sector.choices)
    function = models.CharField(_("role in the group"), max_length=120, blank=True)
    is_active = models.BooleanField(_("still a member"), default=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["sector", "name"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """A meeting of the advisory group on a plan."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    attendees = models.ManyToManyField(
        AdvisoryMember, verbose_name=_("present"), blank=True, related_name="meetings"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"


class Decision(models.Model):
    """What a meeting decided, and the items of the plan it changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    objectives = models.ManyToManyField(
        Objective, verbose_name=_("objectives"), blank=True, related_name="decisions"
    )
    measures = models.ManyToManyField(
        Measure, verbose_name=_("measures"), blank=True, related_name="decisions"
    )
    activities = models.ManyToManyField(
        Activity, verbose_name=_("activities"), blank=True, related_name="decisions"
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), blank=True, related_name="decisions"
    )
    # Decisions keep the order in which they were recorded.
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["meeting__held_on", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class Comment(models.Model):
    """A comment on a plan: from anyone while its public consultation is open, or from a member
    of the advisory group on the draft. Planners answer each one; the comments and answers are
    the consultation record, an annex of the plan."""

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        PARTLY = "partly", _("partly accepted")
        REJECTED = "rejected", _("rejected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    # What the comment is about, in the commenter's words ("Measure 1.2", "the budget").
    about = models.CharField(_("about"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    # Optional, and never shown publicly: the consultation record names organizations only.
    author_name = models.CharField(_("your name"), max_length=120, blank=True)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Whether the author was a member of the advisory group when commenting, as the record
    # says; any other signed-in commenter counts as a citizen.
    from_advisory_member = models.BooleanField(default=False)
    # A keyed hash of the sender's address, for the rate limit; the address is not kept.
    sender_key = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]

"""What the planner adds to the needs assessment: the structures required by law and their
staff (A6), the municipal budget for social care (A7), the weights and notes of the gap
analysis (A8)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kujdes.directory.models import Currency
from kujdes.territory.models import Area


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

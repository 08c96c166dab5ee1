"""Forms of the plan's pages: the plan's texts, its objectives, measures, activities with their
cost grid, indicators with their yearly targets, the steps of its life cycle and the comments
with their answers. Like the assessment's forms they only check input; the pages pass the
cleaned data to the services."""

import time
import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from kujdes.directory.forms import CURRENCY_OF_COUNTRY, initial_of
from kujdes.directory.models import FundingSource, Organization, ServiceType
from kujdes.planning.assessment.compute import GroupNeed
from kujdes.planning.forms.common import (
    DateInput,
    PeopleAndPlacesForm,
    VersionField,
    not_negative,
)
from kujdes.planning.models import Activity, Comment, Indicator, Measure, Objective, Plan
from kujdes.planning.services import ACTIVITY_FIELDS, INDICATOR_FIELDS, PLAN_KINDS
from kujdes.territory.models import Area


class PlanForm(forms.ModelForm):
    """A new plan: its title, kind (those the municipality's country adopts), period and
    currency."""

    class Meta:
        model = Plan
        fields = [
            "name_sq",
            "name_sr_latn",
            "name_en",
            "kind",
            "start_year",
            "end_year",
            "currency",
        ]
        labels = {
            "name_sq": _("Title in Albanian"),
            "name_sr_latn": _("Title in Serbian (Latin)"),
            "name_en": _("Title in English"),
        }

    def __init__(self, *args: Any, municipality: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = PLAN_KINDS.get(municipality.country_code, set())
        kind_field: Any = self.fields["kind"]
        kind_field.choices = [
            (value, label) for value, label in Plan.Kind.choices if value in kinds
        ]
        if not self.initial.get("currency"):
            self.initial["currency"] = CURRENCY_OF_COUNTRY.get(municipality.country_code)


NAME_LABELS = {
    "name_sq": _("Name in Albanian"),
    "name_sr_latn": _("Name in Serbian (Latin)"),
    "name_en": _("Name in English"),
}
TEXT_AREA = forms.Textarea(attrs={"rows": 4})


def _named(item: Any) -> str:
    return f"{item.number} {item.name}"


class PlanEditForm(PlanForm):
    """The plan's title, kind, period and currency, and its vision, mission and principles."""

    version = VersionField()

    class Meta(PlanForm.Meta):
        fields = [
            *PlanForm.Meta.fields,
            *(
                f"{text}_{suffix}"
                for text in ("vision", "mission", "principles")
                for suffix in ("sq", "sr_latn", "en")
            ),
        ]
        widgets = {
            name: TEXT_AREA
            for name in fields
            if name.startswith(("vision", "mission", "principles"))
        }


class ItemNamesMixin(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=16)
    name_sq = forms.CharField(label=NAME_LABELS["name_sq"], max_length=300)
    name_sr_latn = forms.CharField(
        label=NAME_LABELS["name_sr_latn"], max_length=300, required=False
    )
    name_en = forms.CharField(label=NAME_LABELS["name_en"], max_length=300, required=False)
    version = VersionField()


class ObjectiveForm(ItemNamesMixin):
    parent = forms.ModelChoiceField(
        queryset=Objective.objects.none(),
        required=False,
        label=_("Strategic objective it belongs to"),
        help_text=_("Leave empty for a strategic objective."),
    )
    field_order = ["parent", "number", "name_sq", "name_sr_latn", "name_en"]

    def __init__(
        self, *args: Any, plan: Plan, exclude: uuid.UUID | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        parent: Any = self.fields["parent"]
        strategic = plan.objectives.filter(parent=None)
        parent.queryset = strategic.exclude(pk=exclude) if exclude else strategic
        parent.label_from_instance = _named


class MeasureForm(ItemNamesMixin):
    objective = forms.ModelChoiceField(
        queryset=Objective.objects.none(), label=_("Specific objective")
    )
    gaps = forms.MultipleChoiceField(
        label=_("Gaps of the needs assessment it answers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["objective", "number", "name_sq", "name_sr_latn", "name_en", "gaps"]

    def __init__(
        self, *args: Any, plan: Plan, gap_choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        objective: Any = self.fields["objective"]
        objective.queryset = plan.objectives.exclude(parent=None)
        objective.label_from_instance = _named
        gaps: Any = self.fields["gaps"]
        gaps.choices = gap_choices


def gap_key(unit_code: str, target_group: str) -> str:
    return f"{unit_code}:{target_group}"


class ActivityForm(ItemNamesMixin, PeopleAndPlacesForm):
    field_order = (
        *ItemNamesMixin.base_fields,
        "measure",
        "responsible",
        "start_year",
        "end_year",
        "partners",
        "target_groups",
        "units",
    )
    measure = forms.ModelChoiceField(queryset=Measure.objects.none(), label=_("Measure"))
    responsible = forms.CharField(label=_("Responsible unit"), max_length=200, required=False)
    start_year = forms.TypedChoiceField(label=_("From"), coerce=int)
    end_year = forms.TypedChoiceField(label=_("To"), coerce=int)
    partners = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Partner organizations"),
        widget=forms.CheckboxSelectMultiple,
    )
    service_type = forms.ModelChoiceField(
        queryset=ServiceType.objects.none(), required=False, label=_("Service type")
    )
    creates_new_service = forms.BooleanField(label=_("Creates a new service"), required=False)
    contracted_to_ngo = forms.BooleanField(
        label=_("The new service is to be contracted to an NGO"), required=False
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        country = plan.municipality.country_code
        self.people_and_places_of(plan.municipality)
        fields: Any = self.fields
        fields["measure"].queryset = Measure.objects.filter(objective__plan=plan)
        fields["measure"].label_from_instance = _named
        years = [(year, str(year)) for year in plan.years]
        fields["start_year"].choices = fields["end_year"].choices = years
        fields["partners"].queryset = Organization.objects.filter(
            area__path__in=plan.municipality.ancestor_paths()
        )
        fields["service_type"].queryset = ServiceType.objects.filter(country=country)
        for year in plan.years:
            for source, label in FundingSource.choices:
                field = forms.DecimalField(
                    label=f"{year} – {label}",
                    required=False,
                    max_digits=16,
                    decimal_places=2,
                )
                not_negative(field)
                field.in_grid = True  # type: ignore[attr-defined]
                self.fields[cost_field(year, source)] = field

    def cost_rows(self) -> list[tuple[str, list[Any]]]:
        """The cost grid as (source's label, its bound field per year) for the template."""
        return [
            (str(label), [self[cost_field(year, source)] for year in self.plan.years])
            for source, label in FundingSource.choices
        ]

    def costs(self) -> dict[tuple[int, str], Decimal]:
        return {
            (year, source): amount
            for year in self.plan.years
            for source in FundingSource.values
            if (amount := self.cleaned_data.get(cost_field(year, source)))
        }


# The activity's own fields the form shows; its costs are the grid's.
ACTIVITY_FORM_FIELDS = [
    *ACTIVITY_FIELDS,
    "measure",
    "partners",
    "target_groups",
    "units",
]


def cost_field(year: int, source: str) -> str:
    return f"cost_{year}_{source}"


def activity_initial(activity: Activity) -> dict[str, Any]:
    costs = {cost_field(cost.year, cost.source): cost.amount for cost in activity.costs.all()}
    return initial_of(activity, ACTIVITY_FORM_FIELDS, version=activity.version) | costs


class IndicatorForm(forms.Form):
    of = forms.ChoiceField(label=_("Measures progress on"))
    name_sq = forms.CharField(label=NAME_LABELS["name_sq"], max_length=300)
    name_sr_latn = forms.CharField(
        label=NAME_LABELS["name_sr_latn"], max_length=300, required=False
    )
    name_en = forms.CharField(label=NAME_LABELS["name_en"], max_length=300, required=False)
    unit = forms.CharField(label=_("Unit of measure"), max_length=64)
    source = forms.CharField(label=_("Source of the figures"), max_length=300, required=False)
    baseline_figure = forms.ChoiceField(
        label=_("Take the baseline from the needs assessment"),
        required=False,
        help_text=_("The figure's value, year and source replace the three fields below."),
    )
    baseline_value = forms.DecimalField(
        label=_("Baseline"), required=False, max_digits=16, decimal_places=2
    )
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), required=False, min_value=1990, max_value=2100
    )
    counted_service_type = forms.ModelChoiceField(
        queryset=ServiceType.objects.none(),
        required=False,
        label=_("Count the people served by the municipality's services of the type"),
        help_text=_(
            "The yearly review fills the actual value from the directory's counts of people served."
        ),
    )
    version = VersionField()

    def __init__(self, *args: Any, plan: Plan, figures: list[GroupNeed], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        owners: list[tuple[str, str]] = []
        for objective in plan.objectives.all():
            owners.append(
                (f"objective:{objective.pk}", str(_("Objective")) + f" {_named(objective)}")
            )
        for measure in Measure.objects.filter(objective__plan=plan):
            owners.append((f"measure:{measure.pk}", str(_("Measure")) + f" {_named(measure)}"))
        fields: Any = self.fields
        fields["of"].choices = owners
        fields["counted_service_type"].queryset = ServiceType.objects.filter(
            country=plan.municipality.country_code
        )
        fields["baseline_figure"].choices = [("", "—")] + [
            (need.variable.code, f"{need.variable.name}: {need.municipality.value} ({need.year})")
            for need in figures
            if need.municipality.value is not None
        ]
        self.figures = {need.variable.code: need for need in figures}
        for year in plan.years:
            field = forms.DecimalField(
                label=str(_("Target for %(year)s")) % {"year": year},
                required=False,
                max_digits=16,
                decimal_places=2,
            )
            field.in_grid = True  # type: ignore[attr-defined]
            self.fields[target_field(year)] = field

    def target_fields(self) -> list[Any]:
        return [self[target_field(year)] for year in self.plan.years]

    def owner(self) -> tuple[Objective | None, Measure | None]:
        kind, _sep, key = self.cleaned_data["of"].partition(":")
        if kind == "objective":
            return self.plan.objectives.get(pk=key), None
        return None, Measure.objects.get(objective__plan=self.plan, pk=key)

    def targets(self) -> dict[int, Decimal]:
        return {
            year: value
            for year in self.plan.years
            if (value := self.cleaned_data.get(target_field(year))) is not None
        }

    def values(self) -> dict[str, Any]:
        """The indicator's fields; a figure of the needs assessment gives the baseline."""
        values = {
            name: self.cleaned_data[name]
            for name in (
                "name_sq",
                "name_sr_latn",
                "name_en",
                "unit",
                "source",
                "baseline_value",
                "baseline_year",
                "baseline_figure",
                "counted_service_type",
            )
        }
        need = self.figures.get(values["baseline_figure"])
        if need is not None:
            shown = need.municipality
            values["baseline_value"], values["baseline_year"] = shown.value, need.year
            if shown.source is not None:
                values["source"] = shown.source.name
        return values


def target_field(year: int) -> str:
    return f"target_{year}"


def indicator_initial(indicator: Indicator) -> dict[str, Any]:
    owner = (
        f"objective:{indicator.objective_id}"
        if indicator.objective_id
        else f"measure:{indicator.measure_id}"
    )
    targets = {target_field(t.year): t.value for t in indicator.targets.all()}
    initial = initial_of(indicator, list(INDICATOR_FIELDS), version=indicator.version, of=owner)
    return initial | targets


# ── The life cycle ───────────────────────────────────────────────────────────────────────────


class ConsultationForm(forms.Form):
    opens = forms.DateField(label=_("Consultation opens"), widget=DateInput)
    closes = forms.DateField(label=_("Consultation closes"), widget=DateInput)
    version = VersionField()


class StepForm(forms.Form):
    version = VersionField()


class AdoptionForm(forms.Form):
    decision_body = forms.CharField(label=_("Adopted by"), max_length=200)
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decision_date = forms.DateField(label=_("Decision date"), widget=DateInput)
    decision_file = forms.FileField(label=_("The decision (PDF)"), required=False)
    version = VersionField()


# ── Comments ─────────────────────────────────────────────────────────────────────────────────


class CommentForm(forms.Form):
    """A comment on the plan. Sent by a visitor (`guarded`), it also carries a field people
    do not see, which robots fill, and the signed time the form was shown: a comment sent
    within seconds of it was not written by hand."""

    about = forms.CharField(
        label=_("What your comment is about"),
        max_length=200,
        required=False,
        help_text=_("For example: Measure 1.2, the budget, the vision."),
    )
    text = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    organization = forms.CharField(
        label=_("Organization (if you write for one)"), max_length=200, required=False
    )
    author_name = forms.CharField(
        label=_("Your name (optional; only the planners see it)"), max_length=120, required=False
    )

    def __init__(self, *args: Any, guarded: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guarded = guarded
        if guarded:
            self.fields["website"] = forms.CharField(
                required=False,
                label=_("Leave this field empty"),
                widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            )
            self.fields["shown"] = forms.CharField(widget=forms.HiddenInput)
            self.initial["shown"] = shown_token(int(time.time()))
        else:
            del self.fields["author_name"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.guarded:
            try:
                shown = int(COMMENT_SIGNER.unsign(cleaned.get("shown", ""), max_age=TOKEN_LIFE))
            except (signing.BadSignature, ValueError):
                shown = None
            if cleaned.get("website") or shown is None or time.time() - shown < SECONDS_TO_WRITE:
                raise forms.ValidationError(NOT_BY_HAND)
        return cleaned


COMMENT_SIGNER = signing.TimestampSigner(salt="kujdes.planning.comment-form")
# A form shown longer ago than this is stale: a robot cannot reuse one token for ever.
TOKEN_LIFE = 24 * 60 * 60
# Nobody reads a plan and writes a comment on it faster than this.
SECONDS_TO_WRITE = 3
NOT_BY_HAND = _(
    "Your comment could not be taken. Please wait a few seconds and send it again; if you "
    "filled the field marked “Leave this field empty”, empty it."
)


def shown_token(epoch: int) -> str:
    return COMMENT_SIGNER.sign(str(epoch))


class AnswerForm(forms.Form):
    comment = forms.UUIDField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        label=_("Answer"), choices=Comment.Answer.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField()

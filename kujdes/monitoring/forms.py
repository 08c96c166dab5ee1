"""The yearly review's forms: the year to open, each activity's progress, each indicator's
actual value, the spending by source, the advisory group's meeting and the conclusions."""

import uuid
from copy import copy
from decimal import Decimal
from typing import Any, NamedTuple

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kujdes.directory.forms import CURRENCY_OF_COUNTRY
from kujdes.directory.models import Currency, FundingSource, Organization, Service
from kujdes.monitoring.models import (
    ActivityProgress,
    ContractDelivery,
    FundingApplication,
    IndicatorActual,
    Project,
    ProjectReach,
    Review,
    ServiceContract,
)
from kujdes.monitoring.selectors.access import organizations_for
from kujdes.monitoring.services.contracts import APPLICATION_FIELDS, CONTRACT_FIELDS
from kujdes.monitoring.services.projects import PROJECT_FIELDS
from kujdes.planning.forms.common import (
    DateInput,
    PeopleAndPlacesForm,
    VersionField,
    not_negative,
)
from kujdes.planning.models import Activity, Indicator, Meeting, Plan
from kujdes.territory.models import Area

# Planners' notes are published with the review: they are about the plan, never about a person.
PUBLIC_TEXT = _("Published with the review: write about the activity, never about a person.")


class ReviewOpenForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year to review"), coerce=int)

    def __init__(self, *args: Any, plan: Plan, reviewed: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["year"]
        this_year = timezone.localdate().year
        field.choices = [
            (year, str(year)) for year in plan.years if year not in reviewed and year <= this_year
        ]


class ProgressRow(NamedTuple):
    activity: Activity
    status: str
    percent: int
    note: str
    version: int


class ProgressForm(forms.Form):
    """A row per activity: its status, progress and note, and the version the editor saw."""

    # What a saved row's version field is named after.
    key_field = "activity_id"

    def __init__(
        self,
        *args: Any,
        activities: list[Activity],
        held: dict[uuid.UUID, ActivityProgress],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.activities = activities
        self.held = held
        for activity in activities:
            saved = held.get(activity.pk)
            key = activity.pk
            self.fields[f"status_{key}"] = forms.ChoiceField(
                label=_("Status"),
                choices=ActivityProgress.Status.choices,
                initial=saved.status if saved else ActivityProgress.Status.NOT_STARTED,
            )
            self.fields[f"percent_{key}"] = forms.IntegerField(
                label=_("Progress (%)"),
                min_value=0,
                max_value=100,
                initial=saved.percent if saved else 0,
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("Note"),
                required=False,
                initial=saved.note if saved else "",
                help_text=PUBLIC_TEXT,
            )
            self.fields[f"version_{key}"] = VersionField()
            self.fields[f"version_{key}"].initial = saved.version if saved else 0

    def rows(self) -> list[tuple[Activity, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (a, self[f"status_{a.pk}"], self[f"percent_{a.pk}"], self[f"note_{a.pk}"])
            for a in self.activities
        ]

    def changed_rows(self) -> list[ProgressRow]:
        """The rows that differ from what the review records (a row never saved counts as
        not started at 0 %)."""
        data = self.cleaned_data
        changed = []
        for activity in self.activities:
            key = activity.pk
            row = ProgressRow(
                activity,
                data[f"status_{key}"],
                data[f"percent_{key}"],
                data[f"note_{key}"].strip(),
                data[f"version_{key}"],
            )
            saved = self.held.get(key)
            before = (
                (saved.status, saved.percent, saved.note)
                if saved
                else (ActivityProgress.Status.NOT_STARTED, 0, "")
            )
            if (row.status, row.percent, row.note) != before:
                changed.append(row)
        return changed


class ActualRow(NamedTuple):
    indicator: Indicator
    value: Decimal
    source: str
    reason: str
    version: int


class ActualsForm(forms.Form):
    """A row per indicator: the actual value of the year, its source and, where it differs
    from what Kujdes's data gave, the reason."""

    key_field = "indicator_id"

    def __init__(
        self,
        *args: Any,
        indicators: list[Indicator],
        held: dict[uuid.UUID, IndicatorActual],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.held = held
        for indicator in indicators:
            saved = held.get(indicator.pk)
            key = indicator.pk
            self.fields[f"value_{key}"] = forms.DecimalField(
                label=_("Actual value"),
                required=False,
                max_digits=16,
                decimal_places=2,
                initial=saved.value if saved else None,
            )
            self.fields[f"source_{key}"] = forms.CharField(
                label=_("Source of the figure"),
                max_length=300,
                required=False,
                initial=saved.source if saved else indicator.source,
            )
            self.fields[f"reason_{key}"] = forms.CharField(
                label=_("Reason for the adjustment"),
                required=False,
                help_text=PUBLIC_TEXT,
                initial=saved.reason if saved else "",
            )
            self.fields[f"version_{key}"] = VersionField()
            self.fields[f"version_{key}"].initial = saved.version if saved else 0

    def rows(self) -> list[tuple[Indicator, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (i, self[f"value_{i.pk}"], self[f"source_{i.pk}"], self[f"reason_{i.pk}"])
            for i in self.indicators
        ]

    def changed_rows(self) -> list[ActualRow]:
        """The rows with a value that differ from what the review records; an empty value
        leaves the indicator unmeasured this year."""
        data = self.cleaned_data
        changed = []
        for indicator in self.indicators:
            key = indicator.pk
            value = data[f"value_{key}"]
            if value is None:
                continue
            row = ActualRow(
                indicator,
                value,
                data[f"source_{key}"].strip(),
                data[f"reason_{key}"].strip(),
                data[f"version_{key}"],
            )
            saved = self.held.get(key)
            if saved is None or (row.value, row.source, row.reason) != (
                saved.value,
                saved.source,
                saved.reason,
            ):
                changed.append(row)
        return changed


class SpendingForm(forms.Form):
    """What the plan spent in the year from each funding source, in the plan's currency."""

    def __init__(self, *args: Any, spent: dict[str, Decimal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for source, label in FundingSource.choices:
            field = forms.DecimalField(
                label=label,
                required=False,
                max_digits=16,
                decimal_places=2,
                initial=spent.get(source),
            )
            not_negative(field)
            self.fields[source] = field

    def amounts(self) -> dict[str, Decimal]:
        return {
            source: amount
            for source in FundingSource.values
            if (amount := self.cleaned_data.get(source)) is not None
        }


class ConclusionsForm(forms.Form):
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        label=_("Review meeting of the advisory group"),
    )
    conclusions = forms.CharField(
        label=_("Conclusions"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    version = VersionField()

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "meeting": review.meeting_id,
                "conclusions": review.conclusions,
                "version": review.version,
            },
        )
        super().__init__(*args, **kwargs)
        field: Any = self.fields["meeting"]
        field.queryset = Meeting.objects.filter(plan_id=review.plan_id)
        field.label_from_instance = lambda meeting: (
            f"{date_format(meeting.held_on, 'SHORT_DATE_FORMAT')} – {meeting.place}"
        )


# ── Projects, contracts, applications ───────────────────────────────────────────────────────


def _plan_activities(municipality: Area) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(measure__objective__plan__municipality=municipality)
        .select_related("measure__objective__plan")
        .order_by(
            "-measure__objective__plan__start_year", "-measure__objective__plan__revision", "number"
        )
    )


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        plan = obj.measure.objective.plan
        return f"{obj.number} {obj.name} ({plan.name}, {plan.start_year}–{plan.end_year})"


class ActivitiesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return ActivityChoiceField.label_from_instance(self, obj)  # type: ignore[arg-type]


FUNDING_LINES = 4


class RecordForm(forms.ModelForm):
    """A model form that validates on a copy of the record: a model form writes the input
    into its instance, and the service compares the record with the input to know what
    changed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("instance") is not None:
            kwargs["instance"] = copy(kwargs["instance"])
        super().__init__(*args, **kwargs)


class ProjectForm(PeopleAndPlacesForm, RecordForm):
    field_order = (*PROJECT_FIELDS, "activities", "target_groups", "units")
    activities = ActivitiesChoiceField(
        queryset=Activity.objects.none(),
        required=False,
        label=_("Plan activities it implements"),
        widget=forms.CheckboxSelectMultiple,
    )
    version = VersionField()

    class Meta:
        model = Project
        fields = [name for name in PROJECT_FIELDS if name != "is_illustrative"]
        widgets = {
            "starts": DateInput(),
            "ends": DateInput(),
            "results_sq": forms.Textarea(attrs={"rows": 3}),
            "results_sr_latn": forms.Textarea(attrs={"rows": 3}),
            "results_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, municipality: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organizations = organizations_for(municipality)
        fields: Any = self.fields
        fields["implementer"].queryset = organizations
        fields["activities"].queryset = _plan_activities(municipality)
        self.people_and_places_of(municipality)
        currency = CURRENCY_OF_COUNTRY.get(municipality.country_code, Currency.EURO)
        held = list(self.instance.funding.all()) if self.instance.pk else []
        for index in range(max(FUNDING_LINES, len(held) + 1)):
            line = held[index] if index < len(held) else None
            self.fields[f"funder_{index}"] = forms.ModelChoiceField(
                queryset=organizations,
                required=False,
                label=_("Funder"),
                initial=line.funder_id if line else None,
            )
            amount = forms.DecimalField(
                label=_("Amount"),
                required=False,
                max_digits=16,
                decimal_places=2,
                initial=line.amount if line else None,
            )
            not_negative(amount)
            self.fields[f"amount_{index}"] = amount
            self.fields[f"currency_{index}"] = forms.ChoiceField(
                label=_("Currency"),
                choices=Currency.choices,
                initial=line.currency if line else currency,
            )
        self.lines = max(FUNDING_LINES, len(held) + 1)

    def funding_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"funder_{i}"], self[f"amount_{i}"], self[f"currency_{i}"])
            for i in range(self.lines)
        ]

    def funding(self) -> list[tuple[Organization, Decimal, str]]:
        data = self.cleaned_data
        return [
            (data[f"funder_{i}"], data[f"amount_{i}"] or Decimal(0), data[f"currency_{i}"])
            for i in range(self.lines)
            if data.get(f"funder_{i}") is not None
        ]


class ReachForm(forms.Form):
    """The people a project reached in a year, by sex and age group."""

    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for sex, sex_label in ProjectReach.Sex.choices:
            for group, group_label in ProjectReach.AgeGroup.choices:
                self.fields[f"people_{sex}_{group}"] = forms.IntegerField(
                    label=f"{sex_label}, {group_label}", min_value=0, required=False
                )

    def people(self) -> dict[tuple[str, str], int]:
        return {
            (sex, group): count
            for sex in ProjectReach.Sex.values
            for group in ProjectReach.AgeGroup.values
            if (count := self.cleaned_data.get(f"people_{sex}_{group}")) is not None
        }


class ContractForm(RecordForm):
    activity = ActivityChoiceField(
        queryset=Activity.objects.none(), required=False, label=_("Plan activity")
    )
    version = VersionField()

    class Meta:
        model = ServiceContract
        fields = list(CONTRACT_FIELDS)
        widgets = {
            "starts": DateInput(),
            "ends": DateInput(),
        }

    def __init__(self, *args: Any, municipality: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["provider"].queryset = organizations_for(municipality)
        fields["service"].queryset = Service.objects.filter(
            area__path__startswith=municipality.path
        ).order_by("name_sq")
        fields["activity"].queryset = _plan_activities(municipality)
        not_negative(fields["amount"])


class DeliveryForm(forms.ModelForm):
    class Meta:
        model = ContractDelivery
        fields = ["period_start", "period_end", "units_delivered", "people_served", "note"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class ApplicationForm(RecordForm):
    activity = ActivityChoiceField(
        queryset=Activity.objects.none(), required=False, label=_("Plan activity")
    )
    version = VersionField()

    class Meta:
        model = FundingApplication
        fields = list(APPLICATION_FIELDS)
        widgets = {
            "call_opens": DateInput(),
            "call_closes": DateInput(),
        }

    def __init__(self, *args: Any, municipality: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["fund"].queryset = organizations_for(municipality)
        fields["activity"].queryset = _plan_activities(municipality)
        not_negative(fields["requested"])
        not_negative(fields["awarded"])

"""Forms of the advisory group's pages: members, meetings and their decisions."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kujdes.planning.forms.common import DateInput, VersionField
from kujdes.planning.models import (
    Activity,
    AdvisoryMember,
    Indicator,
    Measure,
    Meeting,
    Objective,
    Plan,
)
from kujdes.planning.services import (
    ATTENDEE_OF_GROUP,
    ITEM_OF_PLAN,
)

# ── The advisory group ───────────────────────────────────────────────────────────────────────


class AdvisoryMemberForm(forms.ModelForm):
    """A new member of the municipality's advisory group."""

    class Meta:
        model = AdvisoryMember
        fields = ["name", "organization", "sector", "function"]
        help_texts = {"function": _("For example chair, secretary or member.")}


class AdvisoryMemberEditForm(AdvisoryMemberForm):
    """A member's details, and whether they still belong to the group: a member who leaves
    stays on the record of the meetings they attended."""

    version = VersionField()

    class Meta(AdvisoryMemberForm.Meta):
        fields = [*AdvisoryMemberForm.Meta.fields, "is_active"]


class AttendeesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organization})" if obj.organization else str(obj.name)


class MeetingForm(forms.ModelForm):
    """A meeting of the advisory group on a plan, with who was present: boxes of the group's
    active members (and, on an edit, of those recorded as present who have left since)."""

    attendees = AttendeesField(
        queryset=AdvisoryMember.objects.none(),
        required=False,
        label=_("Present"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": ATTENDEE_OF_GROUP},
    )

    class Meta:
        model = Meeting
        fields = ["held_on", "place", "agenda", "minutes"]
        widgets = {
            "held_on": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, members: QuerySet[AdvisoryMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attendees_field: Any = self.fields["attendees"]
        attendees_field.queryset = members


class MeetingEditForm(MeetingForm):
    version = VersionField()


def plan_item_number(item: Objective | Measure | Activity | Indicator) -> str:
    """An item's number; an indicator, which has none, takes its objective's or measure's."""
    if isinstance(item, Indicator):
        owner = item.objective if item.objective_id else item.measure
        return owner.number if owner is not None else ""
    return item.number


def _number_order(item: Objective | Measure | Activity | Indicator) -> tuple[Any, ...]:
    """1.2 before 1.10, and an objective before its children."""
    parts = plan_item_number(item).split(".")
    return (
        tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts),
        item.name,
    )


class PlanItemsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{plan_item_number(obj)} {obj.name}"


def _plan_items(label: Any) -> PlanItemsField:
    return PlanItemsField(
        queryset=Objective.objects.none(),
        required=False,
        label=label,
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
        error_messages={"invalid_choice": ITEM_OF_PLAN},
    )


class DecisionForm(forms.Form):
    """A decision of a meeting and the items of the plan it changed, each offered as its
    number and name in the plan's order."""

    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4}))
    objectives = _plan_items(_("Objectives it changed"))
    measures = _plan_items(_("Measures it changed"))
    activities = _plan_items(_("Activities it changed"))
    indicators = _plan_items(_("Indicators it changed"))

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items: dict[str, QuerySet[Any]] = {
            "objectives": Objective.objects.filter(plan=plan),
            "measures": Measure.objects.filter(objective__plan=plan),
            "activities": Activity.objects.filter(measure__objective__plan=plan),
            "indicators": Indicator.objects.filter(plan=plan).select_related(
                "objective", "measure"
            ),
        }
        for name, queryset in items.items():
            field: Any = self.fields[name]
            field.queryset = queryset
            # Set once, in the plan's order; the queryset still decides what is accepted.
            ordered = sorted(queryset, key=_number_order)
            field.choices = [(item.pk, field.label_from_instance(item)) for item in ordered]
            field.widget.attrs["size"] = str(min(max(len(ordered), 2), 8))

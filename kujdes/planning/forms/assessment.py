"""Forms of the pages where planners edit the needs assessment: structures (A6), budget years
(A7), gap weights and notes (A8)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kujdes.directory.forms import AreaChoiceField
from kujdes.directory.models import CommonTargetGroup
from kujdes.planning.forms.common import VersionField, not_negative
from kujdes.planning.models import (
    BudgetYear,
    Programme,
    Structure,
)
from kujdes.planning.services import (
    ADJUSTMENT_OUT_OF_RANGE,
    BUDGET_YEAR_FIELDS,
    STRUCTURE_FIELDS,
    UNIT_OUTSIDE,
    WEIGHT_OUT_OF_RANGE,
    programme_field,
)
from kujdes.territory.models import Area

# ── A6 Structures ────────────────────────────────────────────────────────────────────────────


class StructureForm(forms.ModelForm):
    unit = AreaChoiceField(
        queryset=Area.objects.none(),
        required=False,
        label=_("Administrative unit"),
        empty_label=_("The whole municipality"),
        help_text=_("Required for the social workers of an administrative unit."),
        error_messages={"invalid_choice": UNIT_OUTSIDE},
    )

    class Meta:
        model = Structure
        fields = list(STRUCTURE_FIELDS)
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, units: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units


class StructureEditForm(StructureForm):
    version = VersionField()


# ── A7 Budget ────────────────────────────────────────────────────────────────────────────────


class BudgetYearForm(forms.ModelForm):
    """A year's municipal budget, and one amount per social-protection programme; a blank
    amount means no line."""

    class Meta:
        model = BudgetYear
        fields = list(BUDGET_YEAR_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        not_negative(self.fields["municipal_total"])
        for code, label in Programme.choices:
            amount = forms.DecimalField(
                label=label, required=False, max_digits=16, decimal_places=2
            )
            not_negative(amount)
            self.fields[programme_field(code)] = amount

    def year_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("programme_")]

    def programme_fields(self) -> list[forms.BoundField]:
        return [self[programme_field(code)] for code in Programme.values]

    def lines(self) -> dict[str, Decimal]:
        amounts = {code: self.cleaned_data[programme_field(code)] for code in Programme.values}
        return {code: amount for code, amount in amounts.items() if amount is not None}


class BudgetYearEditForm(BudgetYearForm):
    version = VersionField()


def budget_year_initial(budget_year: BudgetYear) -> dict[str, Any]:
    lines = {programme_field(line.programme): line.amount for line in budget_year.lines.all()}
    values = {name: getattr(budget_year, name) for name in BUDGET_YEAR_FIELDS}
    return values | lines | {"version": budget_year.version}


# ── A8 Gaps ──────────────────────────────────────────────────────────────────────────────────


def _weight(label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=100,
        error_messages={"min_value": WEIGHT_OUT_OF_RANGE, "max_value": WEIGHT_OUT_OF_RANGE},
    )


class GapWeightsForm(forms.Form):
    need = _weight(
        _("Weight of need"),
        _("How much the number of people in need, against the population, counts."),
    )
    coverage = _weight(
        _("Weight of missing coverage"),
        _("How much the share of people in need that no service reaches counts."),
    )
    distance = _weight(
        _("Weight of distance to services"),
        _("How much the distance to the nearest service for the group counts."),
    )
    version = VersionField()


class GapChoiceForm(forms.Form):
    """Which gap to write a note on: an administrative unit and a target group."""

    unit = AreaChoiceField(
        queryset=Area.objects.none(), label=_("Administrative unit"), to_field_name="code"
    )
    target_group = forms.ChoiceField(label=_("Target group"), choices=CommonTargetGroup.choices)

    def __init__(self, *args: Any, units: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units


class GapNoteForm(forms.Form):
    adjustment = forms.IntegerField(
        label=_("Adjustment (points)"),
        help_text=_(
            "Added to the computed score of this gap, from −50 to +50, where the figures "
            "miss what you know; say why in the note."
        ),
        min_value=-50,
        max_value=50,
        initial=0,
        error_messages={"min_value": ADJUSTMENT_OUT_OF_RANGE, "max_value": ADJUSTMENT_OUT_OF_RANGE},
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    version = VersionField()

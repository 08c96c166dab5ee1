"""What the planning forms share: the version an editor started from, and the checks every
amount gets."""

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from kujdes.directory.forms import AreaMultipleChoiceField
from kujdes.directory.models import TargetGroup
from kujdes.planning.services import (
    AMOUNT_NEGATIVE,
)
from kujdes.territory.models import Area


class DateInput(forms.DateInput):
    """The browser's date picker. It reads and writes ISO dates whatever the language: a date
    written the Serbian way (06.12.2026.) would leave it empty."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PeopleAndPlacesForm(forms.Form):
    """The target groups and administrative units an activity or a project is for."""

    target_groups = forms.ModelMultipleChoiceField(
        queryset=TargetGroup.objects.none(),
        required=False,
        label=_("Target groups"),
        widget=forms.CheckboxSelectMultiple,
    )
    units = AreaMultipleChoiceField(
        queryset=Area.objects.none(),
        required=False,
        label=_("Administrative units"),
        help_text=_("Leave empty for the whole municipality."),
        widget=forms.CheckboxSelectMultiple,
    )

    def people_and_places_of(self, municipality: Area) -> None:
        """Offer the target groups of the municipality's country and its units."""
        fields: Any = self.fields
        fields["target_groups"].queryset = TargetGroup.objects.filter(
            country=municipality.country_code
        )
        fields["units"].queryset = Area.objects.subtree(municipality).filter(
            level=Area.Level.ADMIN_UNIT
        )


class VersionField(forms.IntegerField):
    """The version the editor started from (0: nothing saved yet), sent back so that a later
    save by someone else is noticed."""

    def __init__(self) -> None:
        super().__init__(min_value=0, widget=forms.HiddenInput)


def version_replace(form: forms.BaseForm, version: int) -> None:
    """Keep what the editor typed but carry the version saved now, so that saving again after
    a conflict overwrites the other person's change knowingly."""
    assert isinstance(form.data, QueryDict)
    data = form.data.copy()
    data[form.add_prefix("version")] = str(version)
    form.data = data


def not_negative(field: forms.Field) -> None:
    field.validators.append(MinValueValidator(0))
    field.error_messages["min_value"] = AMOUNT_NEGATIVE
    field.widget.attrs["min"] = "0"


class DeleteForm(forms.Form):
    version = VersionField()

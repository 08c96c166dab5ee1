"""What the planning forms share: the version an editor started from, and the checks every
amount gets."""

from django import forms
from django.core.validators import MinValueValidator
from django.http import QueryDict

from kujdes.planning.services import (
    AMOUNT_NEGATIVE,
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

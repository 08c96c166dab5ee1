"""Helpers shared by the staff-page tests (this module holds no tests): a form's data as the
browser would send it back unchanged, and small reference data."""

from datetime import date, time
from decimal import Decimal
from typing import Any

from django import forms
from django.test import Client

from kujdes.directory import services
from kujdes.directory.models import Licence, Organization
from kujdes.territory.services import age_band_upsert


def _add(data: dict[str, Any], form: forms.BaseForm) -> None:
    for field in form:
        value = field.value()
        if isinstance(field.field.widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            # Only the choices shown as boxes can come back ticked.
            choices: Any = getattr(field.field, "choices", [])
            shown = {str(choice) for choice, _label in choices}
            data[field.html_name] = [str(item) for item in value if str(item) in shown]
        elif value is None and type(field.field.widget) is forms.Select:
            # A browser sends a select's first option when none is selected.
            first: Any = next(iter(getattr(field.field, "choices", [])))
            data[field.html_name] = str(first[0])
        elif isinstance(value, date | time):
            data[field.html_name] = value.strftime("%H:%M" if isinstance(value, time) else "%F")
        elif value is not None:
            data[field.html_name] = str(value)


def form_data(response: Any, *names: str) -> dict[str, Any]:
    """What a browser sends back from the page's forms and formsets left as they are."""
    data: dict[str, Any] = {}
    for name in names:
        form = response.context[name]
        if isinstance(form, forms.BaseFormSet):
            _add(data, form.management_form)
            for row in form.forms:
                _add(data, row)
        else:
            _add(data, form)
    return data


def edit_page(client: Client, path: str, *names: str) -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200
    return form_data(response, *names)


def licence_add(organization: Organization, valid_to: date | None, **values: Any) -> Licence:
    organization.refresh_from_db()
    return services.licence_save(
        actor=None,
        organization=organization,
        expected_version=organization.version,
        values={
            "kind": "Licencë për shërbime komunitare",
            "issuer": "Ministria e Shëndetësisë dhe Mbrojtjes Sociale",
            "number": "LIC-001",
            "valid_from": date(2020, 1, 1),
            "valid_to": valid_to,
            "status": Licence.Status.ACTIVE,
            **values,
        },
    )


def age_bands_create() -> None:
    age_band_upsert(code="TOTAL", name_sq="Të gjitha moshat", name_en="All ages", position=1)
    age_band_upsert(code="0-17", name_sq="0–17 vjeç", name_en="0–17", upper=17, position=2)
    age_band_upsert(
        code="18+", name_sq="18 e më shumë", name_en="18 and over", lower=18, position=3
    )


AMOUNT = Decimal("1250000.00")

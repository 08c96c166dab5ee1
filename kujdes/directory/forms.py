"""Forms of the staff pages. Model forms here only check input: the pages pass the cleaned data
to the directory's services and never call `save()`, so each is built on a fresh instance and
edits start from `initial` values."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import Model, QuerySet
from django.forms.models import model_to_dict
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from kujdes.directory.models import (
    LANGUAGE_SUFFIXES,
    WEEKDAYS,
    CommonServiceType,
    CommonTargetGroup,
    Currency,
    FundingSource,
    Licence,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceType,
    SpokenLanguage,
    TargetGroup,
)
from kujdes.directory.selectors import DirectoryQuery, PlaceChoice
from kujdes.directory.services import (
    LICENCE_FIELDS,
    SERVICE_TEXTS,
    FundingInput,
    PhoneInput,
    ScheduleInput,
    ServiceInput,
)
from kujdes.lib.importing import FIRST_YEAR, LAST_YEAR
from kujdes.territory.models import AgeBand, Area, Sex

WEEKDAY_CHOICES = [(code, WEEKDAY_NAMES[index]) for index, code in enumerate(WEEKDAYS)]
# The currency a new funding row starts with, by the country part of the area's path.
CURRENCY_OF_COUNTRY = {"AL": Currency.LEK, "XK": Currency.EURO, "RS": Currency.DINAR}


class VersionField(forms.IntegerField):
    """The version the editor started from, sent back so that a later save by someone else is
    noticed (optimistic locking)."""

    def __init__(self) -> None:
        super().__init__(min_value=1, widget=forms.HiddenInput)


def version_replace(form: forms.BaseForm, current: Model) -> None:
    """Keep what the editor typed but carry the version saved now, so that saving again after
    a conflict overwrites the other person's change knowingly."""
    assert isinstance(current, Organization | Service) and isinstance(form.data, QueryDict)
    data = form.data.copy()
    data[form.add_prefix("version")] = str(current.version)
    form.data = data


def initial_of(instance: Model, fields: list[str], **extra: Any) -> dict[str, Any]:
    return model_to_dict(instance, fields=fields) | extra


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


def _checkboxes(queryset: QuerySet[Any], label: StrOrPromise, **kwargs: Any) -> Any:
    return forms.ModelMultipleChoiceField(
        queryset=queryset,
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


# ── Organizations, licences, locations ───────────────────────────────────────────────────────

ORGANIZATION_FORM_FIELDS = [
    "kind",
    *(f"name_{suffix}" for suffix in LANGUAGE_SUFFIXES),
    "registration_number",
    "email",
    "website",
    *(f"description_{suffix}" for suffix in LANGUAGE_SUFFIXES),
]


def _website() -> forms.URLField:
    return forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class OrganizationForm(forms.ModelForm):
    website = _website()

    class Meta:
        model = Organization
        fields = ORGANIZATION_FORM_FIELDS


class OrganizationCreateForm(OrganizationForm):
    area = AreaChoiceField(
        queryset=Area.objects.none(),
        label=_("Kept by (area)"),
        help_text=_("The municipality whose staff keep this record, or the country."),
    )
    field_order = ["area"]

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field: Any = self.fields["area"]
        area_field.queryset = areas


class OrganizationEditForm(OrganizationForm):
    version = VersionField()


class LicenceForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Licence
        fields = list(LICENCE_FIELDS)
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        valid_from: date | None = cleaned.get("valid_from")
        valid_to: date | None = cleaned.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("The licence cannot end before it begins."))
        return cleaned


LOCATION_FORM_FIELDS = [
    *(f"name_{suffix}" for suffix in LANGUAGE_SUFFIXES),
    "address",
    "city",
    "postal_code",
    "area",
    "latitude",
    "longitude",
    "is_confidential",
]


class LocationForm(forms.ModelForm):
    area = AreaChoiceField(queryset=Area.objects.none(), label=_("Administrative unit"))
    version = VersionField()

    class Meta:
        model = Location
        fields = LOCATION_FORM_FIELDS
        help_texts = {
            "is_confidential": _(
                "A shelter's address is kept from public pages, the API and exports; only "
                "staff whose role allows it see it."
            ),
        }

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field: Any = self.fields["area"]
        area_field.queryset = areas

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        one_missing = (latitude is None) != (longitude is None)
        if one_missing and not (self.has_error("latitude") or self.has_error("longitude")):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        if latitude is not None and not Decimal(-90) <= latitude <= Decimal(90):
            self.add_error("latitude", _("A latitude lies between −90 and 90."))
        if longitude is not None and not Decimal(-180) <= longitude <= Decimal(180):
            self.add_error("longitude", _("A longitude lies between −180 and 180."))
        return cleaned


# ── Services ─────────────────────────────────────────────────────────────────────────────────

SERVICE_TEXT_FIELDS = [f"{text}_{suffix}" for text in SERVICE_TEXTS for suffix in LANGUAGE_SUFFIXES]
SERVICE_FORM_FIELDS = [
    *SERVICE_TEXT_FIELDS[:3],  # the names
    "service_type",
    "status",
    "capacity",
    "minimum_age",
    "maximum_age",
    "is_free",
    "email",
    "url",
    *SERVICE_TEXT_FIELDS[3:],
]


class LocationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        parts = [obj.name, obj.address, obj.area.name]
        label = ", ".join(part for part in parts if part)
        if obj.is_confidential:
            return label + " — " + _("confidential address")
        return label


# The fieldsets of the service form, each with its legend.
SERVICE_SECTIONS = [
    (_("Name"), ["area", *SERVICE_TEXT_FIELDS[:3]]),
    (
        _("Kind, status and places"),
        ["service_type", "status", "capacity", "minimum_age", "maximum_age", "is_free"],
    ),
    (_("For whom"), ["target_groups", *(f"eligibility_{s}" for s in LANGUAGE_SUFFIXES)]),
    (_("Where"), ["areas_served", "locations"]),
    (_("Languages and contact"), ["languages", "email", "url"]),
    (_("Description"), [f"description_{s}" for s in LANGUAGE_SUFFIXES]),
    (
        _("How to apply and what it costs"),
        [f"{text}_{s}" for text in ("application_process", "fees") for s in LANGUAGE_SUFFIXES],
    ),
]


class ServiceForm(forms.ModelForm):
    url = _website()
    target_groups = _checkboxes(
        TargetGroup.objects.none(), _("Target groups"), to_field_name="code"
    )
    languages = _checkboxes(
        SpokenLanguage.objects.all(), _("Languages staff speak"), to_field_name="code"
    )
    areas_served = AreaMultipleChoiceField(
        queryset=Area.objects.none(),
        label=_("Areas served"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the areas you keep are listed; others the service serves are kept."),
    )
    locations = LocationChoiceField(
        queryset=Location.objects.none(),
        label=_("Where it is given"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organization's locations; add one on the organization's page."),
    )

    class Meta:
        model = Service
        fields = SERVICE_FORM_FIELDS

    def __init__(
        self,
        *args: Any,
        country: str,
        areas: QuerySet[Area],
        locations: QuerySet[Location],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["service_type"].queryset = ServiceType.objects.filter(country=country)
        fields["target_groups"].queryset = TargetGroup.objects.filter(country=country)
        fields["areas_served"].queryset = areas
        fields["locations"].queryset = locations.select_related("area")

    def sections(self) -> list[tuple[StrOrPromise, list[forms.BoundField]]]:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in SERVICE_SECTIONS
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        minimum, maximum = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if minimum is not None and maximum is not None and maximum < minimum:
            self.add_error("maximum_age", _("The maximum age is below the minimum age."))
        return cleaned


class ServiceCreateForm(ServiceForm):
    area = AreaChoiceField(
        queryset=Area.objects.none(),
        label=_("Kept by (municipality)"),
        help_text=_("The municipality whose staff keep this record."),
    )
    field_order = ["area"]

    def __init__(self, *args: Any, municipalities: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field: Any = self.fields["area"]
        area_field.queryset = municipalities


class ServiceEditForm(ServiceForm):
    version = VersionField()


def service_initial(service: Service) -> dict[str, Any]:
    return initial_of(
        service,
        [*SERVICE_FORM_FIELDS, "target_groups", "languages", "areas_served", "locations"],
        version=service.version,
    )


class _KnownIdForm(forms.Form):
    """A row of a formset that names an existing child by its id. An id that is not one of
    the record's own children is treated as a new row, so that a crafted form cannot move
    another service's phone or hours here."""

    id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, known_ids: frozenset[uuid.UUID] = frozenset(), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.known_ids = known_ids

    def clean_id(self) -> uuid.UUID | None:
        given: uuid.UUID | None = self.cleaned_data.get("id")
        return given if given in self.known_ids else None


class PhoneForm(_KnownIdForm):
    number = forms.CharField(label=_("Number"), max_length=40)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Phone.Kind.choices, initial=Phone.Kind.ORDINARY
    )
    languages = _checkboxes(SpokenLanguage.objects.all(), _("Languages"), to_field_name="code")
    description_sq = forms.CharField(
        label=_("When and what for (in Albanian)"), max_length=300, required=False
    )
    description_sr_latn = forms.CharField(
        label=_("When and what for (in Serbian, Latin)"), max_length=300, required=False
    )
    description_en = forms.CharField(
        label=_("When and what for (in English)"), max_length=300, required=False
    )


class ScheduleForm(_KnownIdForm):
    weekdays = forms.MultipleChoiceField(
        label=_("Days"), choices=WEEKDAY_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.TimeField(
        label=_("Opens at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    closes_at = forms.TimeField(
        label=_("Closes at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_at", _("It must close after it opens."))
        return cleaned


# A few blank rows to fill in; more appear after saving.
PhoneFormSet = forms.formset_factory(PhoneForm, extra=2, can_delete=True, max_num=20)
ScheduleFormSet = forms.formset_factory(ScheduleForm, extra=2, can_delete=True, max_num=14)


def schedule_initial(schedule: Schedule) -> dict[str, Any]:
    return {
        "id": schedule.id,
        "weekdays": schedule.weekday_list(),
        "opens_at": schedule.opens_at,
        "closes_at": schedule.closes_at,
    }


def phone_initial(phone: Phone) -> dict[str, Any]:
    return {
        "id": phone.id,
        "number": phone.number,
        "kind": phone.kind,
        "languages": [language.code for language in phone.languages.all()],
        **{f"description_{s}": getattr(phone, f"description_{s}") for s in LANGUAGE_SUFFIXES},
    }


def _rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The rows to keep, in the order shown: every filled row not marked for deletion."""
    rows = []
    for index, form in enumerate(formset.forms):
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        rows.append(form.cleaned_data)
    return rows


def service_input(
    form: ServiceForm,
    phones: forms.BaseFormSet,
    schedules: forms.BaseFormSet,
    *,
    kept_areas: list[Area],
) -> ServiceInput:
    """The whole service as the services take it, from a valid form and its two formsets.
    `kept_areas` are areas served that the editor could not see and so did not untick."""
    cleaned = form.cleaned_data
    return ServiceInput(
        values={name: cleaned[name] for name in SERVICE_FORM_FIELDS},
        target_group_codes=[group.code for group in cleaned["target_groups"]],
        language_codes=[language.code for language in cleaned["languages"]],
        areas_served=[*cleaned["areas_served"], *kept_areas],
        locations=list(cleaned["locations"]),
        phones=[
            PhoneInput(
                number=row["number"],
                kind=row["kind"],
                description={s: row[f"description_{s}"] for s in LANGUAGE_SUFFIXES},
                language_codes=[language.code for language in row["languages"]],
                id=row["id"],
            )
            for row in _rows(phones)
        ],
        schedules=[
            ScheduleInput(
                weekdays=",".join(code for code in WEEKDAYS if code in row["weekdays"]),
                opens_at=row["opens_at"],
                closes_at=row["closes_at"],
                id=row["id"],
            )
            for row in _rows(schedules)
        ],
    )


# ── Yearly figures ───────────────────────────────────────────────────────────────────────────


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


class BeneficiariesForm(forms.Form):
    """People served in a year: one cell per sex and age band."""

    version = VersionField()

    def __init__(self, *args: Any, bands: list[AgeBand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grid: list[tuple[AgeBand, list[str]]] = []
        for band in bands:
            names = []
            for sex, sex_label in Sex.choices:
                name = self.cell_name(sex, band)
                self.fields[name] = forms.IntegerField(
                    label=_("%(band)s, %(sex)s") % {"band": band.name, "sex": sex_label},
                    min_value=0,
                    max_value=2_000_000_000,
                    required=False,
                )
                names.append(name)
            self.grid.append((band, names))
        self.bands = {band.pk: band for band in bands}

    @staticmethod
    def cell_name(sex: str, band: AgeBand) -> str:
        return f"count_{sex}_{band.pk}"

    def grid_rows(self) -> list[tuple[AgeBand, list[forms.BoundField]]]:
        return [(band, [self[name] for name in names]) for band, names in self.grid]

    def beneficiaries(self) -> dict[tuple[str, str], int]:
        """(sex, age band code) → people, for the cells that were filled in."""
        counts = {}
        for band, _names in self.grid:
            for sex in Sex.values:
                count = self.cleaned_data.get(self.cell_name(sex, band))
                if count is not None:
                    counts[(sex, band.code)] = count
        return counts


class FundingForm(forms.Form):
    # A blank first choice, so that an untouched blank row stays blank.
    source = forms.ChoiceField(label=_("Source"), choices=[("", "—"), *FundingSource.choices])
    funder = forms.CharField(label=_("Funder"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=14, decimal_places=2, min_value=Decimal(0)
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)

    def __init__(self, *args: Any, currency: str = Currency.LEK, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["currency"].initial = currency


class BaseFundingFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        seen = set()
        for form in self.forms:
            if not form.has_changed() or not form.cleaned_data or form.cleaned_data["DELETE"]:
                continue
            key = (form.cleaned_data["source"], form.cleaned_data["funder"])
            if key in seen:
                raise forms.ValidationError(
                    _("Two rows have the same source and funder; add their amounts together.")
                )
            seen.add(key)


FundingFormSet = forms.formset_factory(
    FundingForm, formset=BaseFundingFormSet, extra=3, can_delete=True, max_num=30
)


def funding_input(formset: forms.BaseFormSet) -> list[FundingInput]:
    return [
        FundingInput(
            source=row["source"],
            amount=row["amount"],
            currency=row["currency"],
            funder=row["funder"],
        )
        for row in _rows(formset)
    ]


# ── Import ───────────────────────────────────────────────────────────────────────────────────


class ServiceImportForm(forms.Form):
    area = AreaChoiceField(
        queryset=Area.objects.none(),
        label=_("Municipality"),
        help_text=_(
            "Organizations are looked up in this municipality; new services are kept by it."
        ),
    )
    file = forms.FileField(
        label=_("File (CSV, XLSX, or HSDS 3.0 JSON)"),
        help_text=_(
            "Download a template below to see the expected columns; a .json file is read as an "
            "Open Referral HSDS 3.0 dataset."
        ),
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field: Any = self.fields["area"]
        area_field.queryset = areas

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(megabytes)d MB."),
                params={"megabytes": settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload


# ── The public directory ──


class PlaceSelect(forms.Select):
    """A select that writes its options itself: the list may hold a thousand places, and
    Django's one-template-per-option rendering would take most of the search page's time."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = "" if value is None else str(value)

        def option(code: str, label: str) -> str:
            selected = " selected" if code == chosen else ""
            return f'<option value="{escape(code)}"{selected}>{escape(label)}</option>'

        parts = []
        for group, options in self.choices:
            if isinstance(options, list):
                inner = "".join(option(code, label) for code, label in options)
                parts.append(f'<optgroup label="{escape(group)}">{inner}</optgroup>')
            else:
                parts.append(option(str(group), str(options)))
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        # Every value above went through escape().
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(parts)}</select>')


class DirectorySearchForm(forms.Form):
    place = forms.ChoiceField(label=_("Place"), required=False, widget=PlaceSelect)
    target_group = forms.ChoiceField(label=_("For whom"), required=False)
    service_type = forms.ChoiceField(label=_("Kind of service"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    q = forms.CharField(label=_("Words"), required=False, max_length=100)

    def __init__(
        self, *args: Any, places: list[tuple[PlaceChoice, list[PlaceChoice]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: dict[str, list[Any]] = {
            "place": [("", _("anywhere"))]
            + [
                (municipality.name, [(p.code, p.name) for p in (municipality, *units)])
                for municipality, units in places
            ],
            "target_group": [("", _("anyone")), *CommonTargetGroup.choices],
            "service_type": [("", _("any kind")), *CommonServiceType.choices],
            "language": [("", _("any language"))]
            + [(language.code, language.name) for language in SpokenLanguage.objects.all()],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = options

    def query(self) -> DirectoryQuery:
        data = self.cleaned_data
        return DirectoryQuery(
            place=Area.objects.filter(code=data["place"]).first() if data["place"] else None,
            target_group=data["target_group"],
            service_type=data["service_type"],
            language=data["language"],
            text=data["q"],
        )

"""Staff pages: organizations, licences, locations, services, yearly figures, imports.

Every page opens with an access lookup scoped to the areas where the user holds an editing
role; anything outside them, and every page for a user without such a role, answers 404.
Organizations and services carry a version: a save that started from an older one is refused
by the service with `EditConflict`, and the page shows the editor's input beside what is now
saved, so that nothing typed is lost.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kujdes.accounts.models import User
from kujdes.directory import importers, services
from kujdes.directory.forms import (
    CURRENCY_OF_COUNTRY,
    LOCATION_FORM_FIELDS,
    ORGANIZATION_FORM_FIELDS,
    SERVICE_FORM_FIELDS,
    BeneficiariesForm,
    FundingFormSet,
    LicenceForm,
    LocationForm,
    OrganizationCreateForm,
    OrganizationEditForm,
    PhoneFormSet,
    ScheduleFormSet,
    ServiceCreateForm,
    ServiceEditForm,
    ServiceImportForm,
    YearForm,
    funding_input,
    initial_of,
    phone_initial,
    schedule_initial,
    service_initial,
    service_input,
    version_replace,
)
from kujdes.directory.hsds import hsds_import
from kujdes.directory.models import (
    Currency,
    Location,
    Organization,
    Phone,
    Service,
)
from kujdes.directory.selectors import (
    can_edit_directory,
    editable_areas,
    locations_visible,
    organization_get_for_editor,
    organizations_for_editor,
    service_get_for_editor,
    services_for_editor,
)
from kujdes.lib.http import CONFLICT, AuthenticatedRequest
from kujdes.lib.tabular import MEDIA_TYPES
from kujdes.territory.models import AgeBand, Area, Sex


def _conflict_message(record: str) -> str:
    if record == "service":
        return _(
            "Someone else saved this service while you were editing it. Your changes are below "
            "and have not been saved; the current version is shown beside them. Compare the "
            "two, then save again to keep yours."
        )
    return _(
        "Someone else saved this organization (its details, licences or locations) while you "
        "were editing it. Your changes are below and have not been saved; the current version "
        "is shown beside them. Compare the two, then save again to keep yours."
    )


def _display(record: Model, name: str) -> tuple[str, str]:
    """A field's label and its value as a reader would write it."""
    model_field: Any = record._meta.get_field(name)
    value = getattr(record, name)
    if model_field.choices:
        value = getattr(record, f"get_{name}_display")()
    elif isinstance(value, bool):
        value = _("yes") if value else _("no")
    elif isinstance(value, date):
        value = value.isoformat()
    return str(capfirst(model_field.verbose_name)), "—" if value in (None, "") else str(value)


def _saved_rows(record: Model, names: list[str]) -> list[tuple[str, str]]:
    return [_display(record, name) for name in names]


def _editor_required(user: User) -> None:
    if not can_edit_directory(user):
        raise Http404


# ── The list ─────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Listed:
    """A record on the manage page with its provider's licence state: "valid", "lapsed" or
    "none" recorded."""

    record: Organization | Service
    licence_state: str


@login_required
def manage(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    _editor_required(user)
    today = timezone.localdate()
    organizations = organizations_for_editor(user).prefetch_related(
        "licences",
        Prefetch("locations", queryset=locations_visible(user), to_attr="visible_locations"),
    )
    listed_services = services_for_editor(user).prefetch_related("organization__licences")
    context = {
        "organizations": [
            Listed(organization, organization.licence_state(today))
            for organization in organizations
        ],
        "services": [
            Listed(service, service.organization.licence_state(today))
            for service in listed_services
        ],
    }
    return render(request, "directory/manage/list.html", context)


# ── Organizations, licences, locations ───────────────────────────────────────────────────────


def _organization_areas(user: User) -> QuerySet[Area]:
    """Where an organization may be kept: a municipality, or a country for national bodies."""
    return editable_areas(user).filter(level__in=[Area.Level.MUNICIPALITY, Area.Level.COUNTRY])


@login_required
def organization_create(request: AuthenticatedRequest) -> HttpResponse:
    _editor_required(request.user)
    form = OrganizationCreateForm(request.POST or None, areas=_organization_areas(request.user))
    if request.method == "POST" and form.is_valid():
        organization = services.organization_create(
            actor=request.user, area=form.cleaned_data["area"], values=form.cleaned_data
        )
        messages.success(request, _("The organization was saved."))
        return redirect("directory:organization_edit", organization.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "directory/manage/organization_form.html", {"form": form}, status=status)


def _organization_context(user: User, organization: Organization) -> dict[str, Any]:
    """The organization's licences, locations and services, as saved now."""
    today = timezone.localdate()
    licences = list(organization.licences.all())
    return {
        "organization": organization,
        "licences": [(licence, licence.is_valid_on(today)) for licence in licences],
        "licence_state": organization.licence_state(today),
        "locations": locations_visible(user).filter(organization=organization),
        "services": services_for_editor(user).filter(organization=organization),
    }


@login_required
def organization_edit(request: AuthenticatedRequest, organization_id: uuid.UUID) -> HttpResponse:
    organization = organization_get_for_editor(request.user, organization_id)
    initial = initial_of(organization, ORGANIZATION_FORM_FIELDS, version=organization.version)
    form = OrganizationEditForm(request.POST or None, initial=initial)
    status = 200
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                actor=request.user,
                organization=organization,
                expected_version=form.cleaned_data["version"],
                values=form.cleaned_data,
            )
        except services.EditConflict as conflict:
            version_replace(form, conflict.current)
            saved = _saved_rows(conflict.current, ORGANIZATION_FORM_FIELDS)
            status = CONFLICT
        else:
            messages.success(request, _("The organization was saved."))
            return redirect("directory:organization_edit", organization.pk)
    elif request.method == "POST":
        status = 400
    context = _organization_context(request.user, organization) | {
        "form": form,
        "saved": saved,
        "conflict": _conflict_message("organization") if saved else "",
    }
    return render(request, "directory/manage/organization_edit.html", context, status=status)


@login_required
def licence_add(request: AuthenticatedRequest, organization_id: uuid.UUID) -> HttpResponse:
    return _licence_form(request, organization_id, None)


@login_required
def licence_edit(
    request: AuthenticatedRequest, organization_id: uuid.UUID, licence_id: uuid.UUID
) -> HttpResponse:
    return _licence_form(request, organization_id, licence_id)


def _licence_form(
    request: AuthenticatedRequest, organization_id: uuid.UUID, licence_id: uuid.UUID | None
) -> HttpResponse:
    organization = organization_get_for_editor(request.user, organization_id)
    licence = None
    initial: dict[str, Any] = {"version": organization.version}
    if licence_id is not None:
        licence = get_object_or_404(organization.licences, pk=licence_id)
        initial = initial_of(licence, list(services.LICENCE_FIELDS), **initial)
    form = LicenceForm(request.POST or None, initial=initial)
    status = 200
    conflict = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.licence_save(
                actor=request.user,
                organization=organization,
                expected_version=form.cleaned_data["version"],
                values=form.cleaned_data,
                licence=licence,
            )
        except services.EditConflict as error:
            version_replace(form, error.current)
            conflict, status = _conflict_message("organization"), CONFLICT
        else:
            messages.success(request, _("The licence was saved."))
            return redirect("directory:organization_edit", organization.pk)
    elif request.method == "POST":
        status = 400
    saved = None
    if licence is not None and conflict:
        licence.refresh_from_db()
        saved = _saved_rows(licence, list(services.LICENCE_FIELDS))
    context = _organization_context(request.user, organization) | {
        "form": form,
        "licence": licence,
        "conflict": conflict,
        "saved": saved,
    }
    return render(request, "directory/manage/licence_form.html", context, status=status)


@login_required
def location_add(request: AuthenticatedRequest, organization_id: uuid.UUID) -> HttpResponse:
    return _location_form(request, organization_id, None)


@login_required
def location_edit(
    request: AuthenticatedRequest, organization_id: uuid.UUID, location_id: uuid.UUID
) -> HttpResponse:
    return _location_form(request, organization_id, location_id)


def _location_form(
    request: AuthenticatedRequest, organization_id: uuid.UUID, location_id: uuid.UUID | None
) -> HttpResponse:
    user = request.user
    organization = organization_get_for_editor(user, organization_id)
    location = None
    initial: dict[str, Any] = {"version": organization.version}
    if location_id is not None:
        location = get_object_or_404(
            locations_visible(user).filter(organization=organization), pk=location_id
        )
        initial = initial_of(location, LOCATION_FORM_FIELDS, **initial)
    areas = editable_areas(user).filter(path__startswith=organization.area.path)
    form = LocationForm(request.POST or None, initial=initial, areas=areas)
    status = 200
    conflict = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.location_save(
                actor=user,
                organization=organization,
                expected_version=form.cleaned_data["version"],
                values=form.cleaned_data,
                location=location,
            )
        except services.EditConflict as error:
            version_replace(form, error.current)
            conflict, status = _conflict_message("organization"), CONFLICT
        else:
            messages.success(request, _("The location was saved."))
            return redirect("directory:organization_edit", organization.pk)
    elif request.method == "POST":
        status = 400
    saved = None
    if location is not None and conflict:
        location.refresh_from_db()
        saved = _saved_rows(location, LOCATION_FORM_FIELDS)
    context = _organization_context(user, organization) | {
        "form": form,
        "location": location,
        "conflict": conflict,
        "saved": saved,
    }
    return render(request, "directory/manage/location_form.html", context, status=status)


# ── Services ─────────────────────────────────────────────────────────────────────────────────


def _service_forms(
    request: AuthenticatedRequest, service: Service | None, form_class: type, **form_kwargs: Any
) -> tuple[Any, Any, Any]:
    """The service form with its phone and opening-hours formsets, bound on a POST."""
    data = request.POST or None
    phones: list[Phone] = []
    hours: list[Any] = []
    if service is not None:
        phones = list(service.phones.prefetch_related("languages"))
        hours = list(service.schedules.all())
        form_kwargs["initial"] = service_initial(service)
    form = form_class(data, **form_kwargs)
    phone_forms = PhoneFormSet(
        data,
        prefix="phones",
        initial=[phone_initial(phone) for phone in phones],
        form_kwargs={"known_ids": frozenset(phone.id for phone in phones)},
    )
    schedule_forms = ScheduleFormSet(
        data,
        prefix="schedules",
        initial=[schedule_initial(schedule) for schedule in hours],
        form_kwargs={"known_ids": frozenset(schedule.id for schedule in hours)},
    )
    return form, phone_forms, schedule_forms


def _all_valid(*forms: Any) -> bool:
    # Every form is validated, so that every error shows at once.
    return all([form.is_valid() for form in forms])  # noqa: C419


@login_required
def service_create(request: AuthenticatedRequest, organization_id: uuid.UUID) -> HttpResponse:
    user = request.user
    organization = organization_get_for_editor(user, organization_id)
    within = editable_areas(user).filter(path__startswith=organization.area.path)
    municipalities = within.filter(level=Area.Level.MUNICIPALITY)
    if not municipalities.exists():
        raise Http404
    form, phones, schedules = _service_forms(
        request,
        None,
        ServiceCreateForm,
        municipalities=municipalities,
        country=organization.area.country_code,
        areas=within,
        locations=locations_visible(user).filter(organization=organization),
    )
    if request.method == "POST" and _all_valid(form, phones, schedules):
        service = services.service_create(
            actor=user,
            organization=organization,
            area=form.cleaned_data["area"],
            data=service_input(form, phones, schedules, kept_areas=[]),
        )
        messages.success(request, _("The service was saved."))
        return redirect("directory:service_edit", service.pk)
    context = {
        "organization": organization,
        "form": form,
        "phones": phones,
        "schedules": schedules,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "directory/manage/service_form.html", context, status=status)


@login_required
def service_edit(request: AuthenticatedRequest, service_id: uuid.UUID) -> HttpResponse:
    user = request.user
    service = service_get_for_editor(user, service_id)
    areas = editable_areas(user).filter(path__startswith=service.area.path)
    form, phones, schedules = _service_forms(
        request,
        service,
        ServiceEditForm,
        country=service.area.country_code,
        areas=areas,
        locations=locations_visible(user).filter(organization=service.organization),
    )
    status = 200
    saved = None
    if request.method == "POST" and _all_valid(form, phones, schedules):
        # Areas served that this editor does not keep stay as they are.
        kept_areas = list(service.areas_served.exclude(pk__in=areas.values("pk")))
        try:
            services.service_update(
                actor=user,
                service=service,
                expected_version=form.cleaned_data["version"],
                data=service_input(form, phones, schedules, kept_areas=kept_areas),
            )
        except services.EditConflict as conflict:
            version_replace(form, conflict.current)
            saved = _service_saved_rows(user, conflict.current.pk)
            status = CONFLICT
        else:
            messages.success(request, _("The service was saved."))
            return redirect("directory:service_edit", service.pk)
    elif request.method == "POST":
        status = 400
    context = {
        "organization": service.organization,
        "service": service,
        "licence_state": service.organization.licence_state(timezone.localdate()),
        "form": form,
        "phones": phones,
        "schedules": schedules,
        "saved": saved,
        "conflict": _conflict_message("service") if saved else "",
    }
    return render(request, "directory/manage/service_form.html", context, status=status)


def _service_saved_rows(user: User, service_id: uuid.UUID) -> list[tuple[str, str]]:
    """The service as saved now, every field the form edits, as label and value."""
    service = (
        services_for_editor(user)
        .prefetch_related(
            "target_groups",
            "languages",
            "areas_served",
            Prefetch("locations", queryset=locations_visible(user), to_attr="visible_locations"),
            Prefetch("phones", queryset=Phone.objects.prefetch_related("languages")),
            "schedules",
        )
        .get(pk=service_id)
    )

    def names(items: Any) -> str:
        return ", ".join(str(item) for item in items) or "—"

    def phone(item: Phone) -> str:
        languages = names(item.languages.all()) if item.languages.all() else ""
        return " ".join(part for part in (item.number, f"({item.get_kind_display()})", languages))

    def place(location: Location) -> str:
        text = ", ".join(part for part in (location.name, location.address) if part)
        return text + " (" + _("confidential address") + ")" if location.is_confidential else text

    return [
        *_saved_rows(service, SERVICE_FORM_FIELDS),
        (_("Target groups"), names(service.target_groups.all())),
        (_("Languages staff speak"), names(service.languages.all())),
        (_("Areas served"), names(service.areas_served.all())),
        (_("Where it is given"), names(place(item) for item in service.visible_locations)),
        (_("Telephones"), "\n".join(phone(item) for item in service.phones.all()) or "—"),
        (_("Opening hours"), "\n".join(str(item) for item in service.schedules.all()) or "—"),
    ]


# ── Yearly figures ───────────────────────────────────────────────────────────────────────────


@login_required
def service_year(request: AuthenticatedRequest, service_id: uuid.UUID) -> HttpResponse:
    service = service_get_for_editor(request.user, service_id)
    # Without a year asked for, last year's: the one whose figures are being gathered.
    year_form = YearForm({"year": request.GET.get("year", timezone.localdate().year - 1)})
    if not year_form.is_valid():
        raise Http404
    year: int = year_form.cleaned_data["year"]
    bands = list(AgeBand.objects.all())
    counts = {
        BeneficiariesForm.cell_name(row.sex, row.age_band): row.count
        for row in service.beneficiaries.filter(year=year).select_related("age_band")
    }
    form = BeneficiariesForm(
        request.POST or None, bands=bands, initial={"version": service.version, **counts}
    )
    funding = FundingFormSet(
        request.POST or None,
        prefix="funding",
        initial=[
            {"source": row.source, "funder": row.funder, "amount": row.amount}
            | {"currency": row.currency}
            for row in service.funding.filter(year=year)
        ],
        form_kwargs={"currency": CURRENCY_OF_COUNTRY.get(service.area.country_code, Currency.LEK)},
    )
    status = 200
    conflict = ""
    if request.method == "POST" and _all_valid(form, funding):
        try:
            services.service_year_set(
                actor=request.user,
                service=service,
                expected_version=form.cleaned_data["version"],
                year=year,
                beneficiaries=form.beneficiaries(),
                funding=funding_input(funding),
            )
        except services.EditConflict as error:
            version_replace(form, error.current)
            conflict, status = _conflict_message("service"), CONFLICT
        else:
            messages.success(request, _("The figures for %(year)s were saved.") % {"year": year})
            return redirect(reverse("directory:service_year", args=[service.pk]) + f"?year={year}")
    elif request.method == "POST":
        status = 400
    context = {
        "service": service,
        "sexes": Sex.choices,
        "year": year,
        "year_form": year_form,
        "form": form,
        "funding": funding,
        "conflict": conflict,
        # After a conflict, what is saved now for the year, beside the editor's input.
        "saved_counts": service.beneficiaries.filter(year=year).select_related("age_band")
        if conflict
        else None,
        "saved_funding": service.funding.filter(year=year) if conflict else None,
    }
    return render(request, "directory/manage/service_year.html", context, status=status)


# ── Import ───────────────────────────────────────────────────────────────────────────────────


@login_required
def service_import(request: AuthenticatedRequest) -> HttpResponse:
    _editor_required(request.user)
    areas = editable_areas(request.user).filter(level=Area.Level.MUNICIPALITY)
    form = ServiceImportForm(request.POST or None, request.FILES or None, areas=areas)
    report = None
    status = 200
    hsds_report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data, area = upload.read(), form.cleaned_data["area"]
        if upload.name.lower().endswith(".json"):
            hsds_report = hsds_import(data=data, area=area, actor=request.user)
            status = 200 if hsds_report.ok else 400
        else:
            report = importers.import_upload(
                data=data, filename=upload.name, area=area, actor=request.user
            )
            status = 200 if report.ok else 400
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "report": report,
        "hsds_report": hsds_report,
        "columns": importers.COLUMNS,
    }
    return render(request, "directory/manage/import.html", context, status=status)


@login_required
def import_template(request: AuthenticatedRequest, file_format: str) -> HttpResponse:
    _editor_required(request.user)
    if file_format not in MEDIA_TYPES:
        raise Http404
    content, content_type = importers.template_file(file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="kujdes-services.{file_format}"'
    return response

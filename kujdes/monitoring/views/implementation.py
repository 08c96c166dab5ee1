"""What delivers a municipality's plans: its projects with their funders and the people they
reached, its service contracts with providers and what they delivered, its applications to
funds. Read by everyone who reads the municipality's plans; recorded by its planners and
administrators (404 for anyone else, readers included, on the editing pages)."""

import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kujdes.directory.services import EditConflict
from kujdes.lib.http import CONFLICT, AuthenticatedRequest
from kujdes.monitoring import services
from kujdes.monitoring.forms import (
    ApplicationForm,
    ContractForm,
    DeliveryForm,
    ProjectForm,
    ReachForm,
)
from kujdes.monitoring.models import (
    FundingApplication,
    Project,
    ProjectFunding,
    ServiceContract,
)
from kujdes.monitoring.selectors import record_get
from kujdes.planning.forms.common import version_replace
from kujdes.planning.models import Activity, Plan
from kujdes.planning.selectors import (
    can_edit_assessment,
    municipality_get_for_editor,
    municipality_get_for_reader,
)
from kujdes.planning.services import InvalidInput
from kujdes.territory.models import Area


@login_required
@require_GET
def implementation(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = municipality_get_for_reader(request.user, code)
    activities = Activity.objects.only("pk", "number", "name_sq", "name_sr_latn", "name_en")
    projects = (
        Project.objects.filter(municipality=municipality)
        .select_related("implementer")
        .prefetch_related(
            Prefetch("funding", queryset=ProjectFunding.objects.select_related("funder")),
            Prefetch("activities", queryset=activities),
            "reach",
        )
    )
    context = {
        "municipality": municipality,
        "can_edit": can_edit_assessment(request.user, municipality),
        "plans": Plan.objects.filter(
            municipality=municipality, status__in=Plan.ADOPTED_STATUSES
        ).order_by("-start_year", "-revision"),
        "projects": projects,
        "contracts": ServiceContract.objects.filter(municipality=municipality)
        .select_related("provider", "service", "activity")
        .prefetch_related("deliveries"),
        "applications": FundingApplication.objects.filter(municipality=municipality).select_related(
            "fund", "activity"
        ),
    }
    return render(request, "monitoring/implementation.html", context)


def _edit_page(
    request: AuthenticatedRequest,
    municipality: Area,
    record: Model | None,
    form: forms.BaseForm,
    *,
    kind: str,
    status: int = 200,
    conflict: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    headings = {
        "project": record.name if isinstance(record, Project) else _("New project"),
        "contract": _("Contract %(number)s") % {"number": record.number}
        if isinstance(record, ServiceContract)
        else _("New service contract"),
        "application": record.call
        if isinstance(record, FundingApplication)
        else _("New application to a fund"),
    }
    context = {
        "heading": headings[kind],
        "municipality": municipality,
        "record": record,
        "form": form,
        "kind": kind,
        "conflict": conflict,
        **(extra or {}),
    }
    return render(request, "monitoring/record_edit.html", context, status=status)


def _record_saved(
    request: AuthenticatedRequest,
    municipality: Area,
    record: Project | ServiceContract | FundingApplication | None,
    form: ProjectForm | ContractForm | ApplicationForm,
    *,
    kind: str,
    save: Callable[[], Model],
    saved: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The editing page's answer: the page on GET; on POST, the record saved through `save`
    and its page again, or the form with what is refused (400) or, when someone saved
    meanwhile, with the input kept and the version saved now (409)."""
    page = partial(_edit_page, request, municipality, record, form, kind=kind, extra=extra)
    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(status=400)
    try:
        written = save()
    except InvalidInput as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return page(status=400)
    except EditConflict:
        assert record is not None
        version_replace(form, type(record)._default_manager.get(pk=record.pk).version)
        conflict = _(
            "Someone else saved this record meanwhile, and nothing of yours was saved. Your "
            "input is kept below; save again to replace what is saved now."
        )
        return page(status=CONFLICT, conflict=conflict)
    messages.success(request, saved)
    return redirect(f"monitoring:{kind}_edit", municipality.code, written.pk)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(
    request: AuthenticatedRequest, code: str, project_id: uuid.UUID | None = None
) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    project = record_get(Project, municipality, project_id) if project_id else None
    initial = {"version": project.version if project else 0}
    form = ProjectForm(
        request.POST or None, instance=project, municipality=municipality, initial=initial
    )
    extra = {"reach_form": ReachForm(), "reach": project.reach.all() if project else []}

    def save() -> Project:
        data = form.cleaned_data
        return services.project_save(
            actor=request.user,
            municipality=municipality,
            project=project,
            expected_version=data["version"] if project else None,
            values=data,
            funding=form.funding(),
            activities=data["activities"],
            target_groups=data["target_groups"],
            units=data["units"],
        )

    return _record_saved(
        request,
        municipality,
        project,
        form,
        kind="project",
        save=save,
        saved=_("The project was saved."),
        extra=extra,
    )


@login_required
@require_POST
def project_reach(request: AuthenticatedRequest, code: str, project_id: uuid.UUID) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    project = record_get(Project, municipality, project_id)
    reach_form = ReachForm(request.POST)
    if reach_form.is_valid():
        try:
            services.project_reach_set(
                actor=request.user,
                project=project,
                year=reach_form.cleaned_data["year"],
                people=reach_form.people(),
            )
        except InvalidInput as error:
            reach_form.add_error(
                error.field if error.field in reach_form.fields else None, error.message
            )
        else:
            messages.success(request, _("The people reached were saved."))
            return redirect("monitoring:project_edit", code, project.pk)
    form = ProjectForm(
        instance=project, municipality=municipality, initial={"version": project.version}
    )
    extra = {"reach_form": reach_form, "reach": project.reach.all()}
    return _edit_page(request, municipality, project, form, kind="project", status=400, extra=extra)


@login_required
@require_http_methods(["GET", "POST"])
def contract_edit(
    request: AuthenticatedRequest, code: str, contract_id: uuid.UUID | None = None
) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    contract = record_get(ServiceContract, municipality, contract_id) if contract_id else None
    initial = {"version": contract.version if contract else 0}
    form = ContractForm(
        request.POST or None, instance=contract, municipality=municipality, initial=initial
    )
    extra = {
        "delivery_form": DeliveryForm(),
        "deliveries": contract.deliveries.all() if contract else [],
    }
    return _record_saved(
        request,
        municipality,
        contract,
        form,
        kind="contract",
        save=lambda: services.contract_save(
            actor=request.user,
            municipality=municipality,
            contract=contract,
            expected_version=form.cleaned_data["version"] if contract else None,
            values=form.cleaned_data,
        ),
        saved=_("The contract was saved."),
        extra=extra,
    )


@login_required
@require_POST
def contract_delivery(
    request: AuthenticatedRequest, code: str, contract_id: uuid.UUID
) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    contract = record_get(ServiceContract, municipality, contract_id)
    delivery_form = DeliveryForm(request.POST)
    if delivery_form.is_valid():
        try:
            services.delivery_record(
                actor=request.user, contract=contract, **delivery_form.cleaned_data
            )
        except InvalidInput as error:
            delivery_form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The delivery was recorded."))
            return redirect("monitoring:contract_edit", code, contract.pk)
    form = ContractForm(
        instance=contract, municipality=municipality, initial={"version": contract.version}
    )
    extra = {"delivery_form": delivery_form, "deliveries": contract.deliveries.all()}
    return _edit_page(
        request, municipality, contract, form, kind="contract", status=400, extra=extra
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(
    request: AuthenticatedRequest, code: str, application_id: uuid.UUID | None = None
) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    application = (
        record_get(FundingApplication, municipality, application_id) if application_id else None
    )
    initial = {"version": application.version if application else 0}
    form = ApplicationForm(
        request.POST or None, instance=application, municipality=municipality, initial=initial
    )
    return _record_saved(
        request,
        municipality,
        application,
        form,
        kind="application",
        save=lambda: services.application_save(
            actor=request.user,
            municipality=municipality,
            application=application,
            expected_version=form.cleaned_data["version"] if application else None,
            values=form.cleaned_data,
        ),
        saved=_("The application was saved."),
    )

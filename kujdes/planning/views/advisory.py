"""The advisory group's pages: the municipality's group (Grupi këshillëdhënës / Savetodavna
grupa) and its members, and the group's meetings on a plan with those present, the minutes and
the decisions, each with the items of the plan it changed.

Read by everyone who reads the municipality's plans, advisory-group members included; the
members, meetings and decisions are recorded by its planners and administrators. Anyone else
gets 404, also when posting. As on the assessment's pages, a save that started from an older
version answers 409 and shows the editor's input beside what is saved now.
"""

import uuid
from datetime import date
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Prefetch, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import yesno
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kujdes.directory.forms import initial_of
from kujdes.lib.http import CONFLICT, AuthenticatedRequest
from kujdes.planning import services
from kujdes.planning.forms import (
    AdvisoryMemberEditForm,
    AdvisoryMemberForm,
    DecisionForm,
    MeetingEditForm,
    MeetingForm,
    version_replace,
)
from kujdes.planning.models import AdvisoryMember, Decision, Indicator, Meeting, Plan
from kujdes.planning.selectors import (
    can_edit_assessment,
    municipality_get_for_editor,
    municipality_get_for_reader,
    plan_get_for_editor,
    plan_get_for_reader,
    plans_of,
)
from kujdes.planning.views.editing import _display, _invalid
from kujdes.territory.models import Area

MEMBER_FIELDS = tuple(AdvisoryMemberEditForm.Meta.fields)

Versioned = TypeVar("Versioned", AdvisoryMember, Meeting)


def _current(error: services.EditConflict, model: type[Versioned]) -> Versioned:
    """The record as saved now, which the conflict carries."""
    assert isinstance(error.current, model)
    return error.current


def _saved_rows(record: Model, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """What is saved now, as a reader would write it: dates and yes or no in their language."""
    rows = []
    for name in names:
        label, shown = _display(record, name)
        value = getattr(record, name)
        if isinstance(value, bool):
            shown = str(yesno(value))
        elif isinstance(value, date):
            shown = date_format(value)
        rows.append((label, shown))
    return rows


def _by_name(members: QuerySet[AdvisoryMember]) -> QuerySet[AdvisoryMember]:
    return members.order_by("name")


# ── The group and its members ────────────────────────────────────────────────────────────────


def _members(municipality: Area) -> list[AdvisoryMember]:
    """Active members first, then those who left; each by sector, in the order of the list of
    sectors, and name."""
    sectors = AdvisoryMember.Sector.values
    return sorted(
        AdvisoryMember.objects.filter(municipality=municipality),
        key=lambda member: (not member.is_active, sectors.index(member.sector), member.name),
    )


@login_required
@require_http_methods(["GET", "POST"])
def advisory_group(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = municipality_get_for_reader(request.user, code)
    can_edit = can_edit_assessment(request.user, municipality)
    if request.method == "POST" and not can_edit:
        raise Http404
    form = AdvisoryMemberForm(request.POST or None) if can_edit else None
    status = 200
    if request.method == "POST" and form is not None:
        status = 400
        if form.is_valid():
            try:
                member = services.advisory_member_save(
                    actor=request.user, municipality=municipality, values=form.cleaned_data
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s was added to the advisory group.") % {"name": member.name},
                )
                return redirect("planning:advisory_group", municipality.code)
    context = {
        "municipality": municipality,
        "members": _members(municipality),
        "plans": plans_of(municipality),
        "can_edit": can_edit,
        "form": form,
    }
    return render(request, "planning/advisory_group.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def advisory_member_edit(
    request: AuthenticatedRequest, code: str, member_id: uuid.UUID
) -> HttpResponse:
    municipality = municipality_get_for_editor(request.user, code)
    member = AdvisoryMember.objects.filter(pk=member_id, municipality=municipality).first()
    if member is None:
        raise Http404
    initial = initial_of(member, list(MEMBER_FIELDS), version=member.version)
    form = AdvisoryMemberEditForm(request.POST or None, initial=initial)
    status, conflict, saved = 200, "", None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.advisory_member_save(
                    actor=request.user,
                    municipality=municipality,
                    member=member,
                    expected_version=form.cleaned_data["version"],
                    values=form.cleaned_data,
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            except services.EditConflict as error:
                current = _current(error, AdvisoryMember)
                version_replace(form, current.version)
                status, conflict = CONFLICT, _member_conflict()
                saved = _saved_rows(current, MEMBER_FIELDS)
            else:
                messages.success(
                    request, _("The details of %(name)s were saved.") % {"name": member.name}
                )
                return redirect("planning:advisory_group", municipality.code)
    context = {
        "municipality": municipality,
        "member": member,
        "form": form,
        "conflict": conflict,
        "saved": saved,
    }
    return render(request, "planning/advisory_member_edit.html", context, status=status)


def _member_conflict() -> str:
    return _(
        "Someone else saved this member's details while you were editing them. Your changes "
        "are below and have not been saved; what is saved now is shown beside them. Compare "
        "the two, then save again to keep yours."
    )


# ── Meetings and decisions ───────────────────────────────────────────────────────────────────


def _decisions() -> QuerySet[Decision]:
    """Decisions with the plan items they changed: five queries whatever their number."""
    return Decision.objects.prefetch_related(
        "objectives",
        "measures",
        "activities",
        Prefetch("indicators", queryset=Indicator.objects.select_related("objective", "measure")),
    )


def _meetings(plan: Plan) -> list[Meeting]:
    """The plan's meetings in date order, with those present and the decisions: a fixed
    number of queries."""
    return list(
        plan.meetings.prefetch_related(
            Prefetch("attendees", queryset=_by_name(AdvisoryMember.objects.all())),
            Prefetch("decisions", queryset=_decisions()),
        )
    )


def _active_members(plan: Plan) -> QuerySet[AdvisoryMember]:
    return _by_name(AdvisoryMember.objects.filter(municipality=plan.municipality, is_active=True))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_list(request: AuthenticatedRequest, code: str, plan_id: uuid.UUID) -> HttpResponse:
    plan = plan_get_for_reader(request.user, code, plan_id)
    can_edit = can_edit_assessment(request.user, plan.municipality)
    if request.method == "POST" and not can_edit:
        raise Http404
    form = MeetingForm(request.POST or None, members=_active_members(plan)) if can_edit else None
    status = 200
    if request.method == "POST" and form is not None:
        status = 400
        if form.is_valid():
            try:
                meeting = services.meeting_save(
                    actor=request.user,
                    plan=plan,
                    values=form.cleaned_data,
                    attendees=form.cleaned_data["attendees"],
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            else:
                messages.success(request, _("The meeting was recorded. Add its decisions here."))
                return redirect(
                    "planning:meeting_edit", plan.municipality.code, plan.pk, meeting.pk
                )
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "meetings": _meetings(plan),
        "can_edit": can_edit,
        "form": form,
        "has_members": can_edit and _active_members(plan).exists(),
    }
    return render(request, "planning/advisory_meetings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID, meeting_id: uuid.UUID
) -> HttpResponse:
    plan = plan_get_for_editor(request.user, code, plan_id)
    meeting = Meeting.objects.filter(pk=meeting_id, plan=plan).first()
    if meeting is None:
        raise Http404
    meeting.plan = plan
    if request.method == "POST" and "decision" in request.POST:
        return _decision_add(request, plan, meeting)
    decision_form = DecisionForm(plan=plan, prefix="decision")
    return _meeting_page(request, plan, meeting, request.POST or None, decision_form)


def _meeting_members(meeting: Meeting) -> QuerySet[AdvisoryMember]:
    """The active members, and those recorded as present who have left the group since."""
    members = AdvisoryMember.objects.filter(municipality=meeting.plan.municipality)
    return _by_name(members.filter(Q(is_active=True) | Q(meetings=meeting)).distinct())


def _meeting_page(
    request: AuthenticatedRequest,
    plan: Plan,
    meeting: Meeting,
    data: Any,
    decision_form: DecisionForm,
    status: int = 200,
) -> HttpResponse:
    """The meeting's form (bound to `data` when the meeting is being saved) and the form
    adding a decision."""
    initial = initial_of(meeting, list(services.MEETING_FIELDS), version=meeting.version)
    initial["attendees"] = [member.pk for member in meeting.attendees.all()]
    form = MeetingEditForm(data, initial=initial, members=_meeting_members(meeting))
    conflict, saved = "", None
    if data is not None:
        status = 400
        if form.is_valid():
            try:
                services.meeting_save(
                    actor=request.user,
                    plan=plan,
                    meeting=meeting,
                    expected_version=form.cleaned_data["version"],
                    values=form.cleaned_data,
                    attendees=form.cleaned_data["attendees"],
                )
            except services.InvalidInput as error:
                _invalid(form, error)
            except services.EditConflict as error:
                current = _current(error, Meeting)
                version_replace(form, current.version)
                status, conflict = CONFLICT, _meeting_conflict()
                saved = _meeting_saved_rows(current)
            else:
                messages.success(request, _("The meeting was saved."))
                return redirect("planning:meeting_list", plan.municipality.code, plan.pk)
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "meeting": meeting,
        "decisions": list(_decisions().filter(meeting=meeting)),
        "form": form,
        "decision_form": decision_form,
        "conflict": conflict,
        "saved": saved,
    }
    return render(request, "planning/advisory_meeting_edit.html", context, status=status)


def _decision_add(request: AuthenticatedRequest, plan: Plan, meeting: Meeting) -> HttpResponse:
    form = DecisionForm(request.POST, plan=plan, prefix="decision")
    if form.is_valid():
        try:
            services.decision_save(
                actor=request.user,
                meeting=meeting,
                text=form.cleaned_data["text"],
                objectives=form.cleaned_data["objectives"],
                measures=form.cleaned_data["measures"],
                activities=form.cleaned_data["activities"],
                indicators=form.cleaned_data["indicators"],
            )
        except services.InvalidInput as error:
            _invalid(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("planning:meeting_edit", plan.municipality.code, plan.pk, meeting.pk)
    return _meeting_page(request, plan, meeting, None, form, status=400)


def _meeting_conflict() -> str:
    return _(
        "Someone else saved this meeting while you were editing it. Your changes are below "
        "and have not been saved; what is saved now is shown beside them. Compare the two, "
        "then save again to keep yours."
    )


def _meeting_saved_rows(meeting: Meeting) -> list[tuple[str, str]]:
    present = ", ".join(member.name for member in _by_name(meeting.attendees.all()))
    label = capfirst(Meeting._meta.get_field("attendees").verbose_name)
    return [*_saved_rows(meeting, services.MEETING_FIELDS), (str(label), present or "—")]

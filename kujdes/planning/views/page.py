"""The needs assessment of a municipality, for the people who hold a role over it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kujdes.directory.models import CommonTargetGroup
from kujdes.lib.http import AuthenticatedRequest
from kujdes.planning.assessment import assessment_build
from kujdes.planning.assessment.data import need_groups
from kujdes.planning.assessment.report import report_build
from kujdes.planning.selectors import (
    can_edit_assessment,
    municipalities_for_reader,
    municipality_get_for_reader,
)


@login_required
def municipality_list(request: AuthenticatedRequest) -> HttpResponse:
    municipalities = list(municipalities_for_reader(request.user).select_related("parent"))
    return render(request, "planning/municipality_list.html", {"municipalities": municipalities})


@login_required
def assessment(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = municipality_get_for_reader(request.user, code)
    result = assessment_build(municipality)
    groups = {group.target_group for group in need_groups()}
    group = request.GET.get("group", "")
    group = group if group in groups else ""
    units = {unit.code: unit for unit in result.units}
    unit_code = request.GET.get("unit", "")
    unit_code = unit_code if unit_code in units else ""
    page = reverse("planning:assessment", args=[municipality.code])
    can_edit = can_edit_assessment(request.user, municipality)
    report = report_build(result, group=group, unit_code=unit_code, page=page, can_edit=can_edit)
    return render(
        request,
        "planning/assessment.html",
        {
            "municipality": municipality,
            "report": report,
            "group_choices": [(code, CommonTargetGroup(code).label) for code in sorted(groups)],
            "group": group,
            "units": result.units,
            "unit": units.get(unit_code),
            "can_edit": can_edit,
            "any_illustrative": report.has_illustrative,
            "any_provisional": report.has_provisional,
        },
    )

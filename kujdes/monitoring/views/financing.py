"""How each activity of a plan is paid for: the planned cost by source against what projects,
service contracts and awarded applications commit, with the gaps. Read by the plan's readers."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kujdes.directory.models import FundingSource
from kujdes.lib.http import AuthenticatedRequest
from kujdes.monitoring.selectors.financing import plan_financing
from kujdes.planning.selectors import plan_get_for_reader


@login_required
@require_GET
def plan_financing_page(
    request: AuthenticatedRequest, code: str, plan_id: uuid.UUID
) -> HttpResponse:
    plan = plan_get_for_reader(request.user, code, plan_id)
    context = {
        "municipality": plan.municipality,
        "plan": plan,
        "financing": plan_financing(plan),
        "municipal_budget": FundingSource.MUNICIPAL_BUDGET,
    }
    return render(request, "monitoring/plan_financing.html", context)

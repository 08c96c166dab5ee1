from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from kujdes.audit.selectors import can_read_audit_log, events_for_user
from kujdes.lib.http import AuthenticatedRequest


@login_required
def event_list(request: AuthenticatedRequest) -> HttpResponse:
    if not can_read_audit_log(request.user):
        raise Http404
    events = events_for_user(request.user)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {"page": page})

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kujdes.accounts.selectors import AUDIT_READING_ROLES, roles_of
from kujdes.audit.selectors import events_for_user


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    if not roles_of(request.user) & set(AUDIT_READING_ROLES):  # type: ignore[arg-type]
        raise Http404
    events = events_for_user(request.user)  # type: ignore[arg-type]
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {"page": page})

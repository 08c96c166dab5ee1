"""Ends a session a fixed time after sign-in, however active it has been."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

SIGNED_IN_AT = "kujdes_signed_in_at"


class AbsoluteSessionLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            # Sessions opened without the sign-in page (tests, shells) start counting now.
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, time.time())
            if time.time() - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)

import time

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kujdes.accounts.forms import SignInForm
from kujdes.accounts.middleware import SIGNED_IN_AT
from kujdes.accounts.selectors import memberships_of
from kujdes.accounts.services import sign_in_attempt, sign_out_record
from kujdes.lib.http import AuthenticatedRequest


def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = sign_in_attempt(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if result.user is not None:
            login(request, result.user)
            request.session[SIGNED_IN_AT] = time.time()
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        if result.locked_out:
            minutes = settings.LOGIN_LOCKOUT_MINUTES
            message = ngettext(
                "Too many failed attempts for this username. Try again in %(minutes)d minute.",
                "Too many failed attempts for this username. Try again in %(minutes)d minutes.",
                minutes,
            )
            form.add_error(None, message % {"minutes": minutes})
        else:
            form.add_error(None, _("The username or the password is not correct."))
        status = 400
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url}, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        sign_out_record(request=request, user=request.user)
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_required
def my_account(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/my_account.html",
        {"memberships": memberships_of(request.user)},
    )

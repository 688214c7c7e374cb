"""The newsroom's sign-in (Wagtail's admin login) locked after repeated failures, as readers'
is: a password guessed at an editor's account must not get unlimited tries."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage
from wagtail.admin.views.account import LoginView

from dateline.core.ratelimits import client_address

GROUP = "admin-login-failed"


def _usages(request: HttpRequest, username: str, *, increment: bool) -> list[dict]:
    """The failure counters this attempt falls under: the account's and the address's."""
    limits = [(f"account:{username.strip().lower()}", settings.DATELINE_ADMIN_LOGIN_FAILURES)]
    if address := client_address(request):
        limits.append((f"address:{address}", settings.DATELINE_ADMIN_LOGIN_FAILURES_ADDRESS))
    usages = []
    for key, rate in limits:
        usage = get_usage(
            request, group=GROUP, key=lambda _g, _r, key=key: key, rate=rate, increment=increment
        )
        if usage is not None:
            usages.append(usage)
    return usages


def admin_login_locked(request: HttpRequest, *, username: str) -> bool:
    """Whether the account or the address has used up its failures for now."""
    return any(u["count"] >= u["limit"] for u in _usages(request, username, increment=False))


class AdminLoginView(LoginView):
    """Wagtail's login, refusing every password (the right one too) once locked."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        username = request.POST.get("username", "")
        if admin_login_locked(request, username=username):
            # Unbound, so that the password is not even checked: the name typed stays.
            form = self.get_form_class()(request=request, initial={"username": username})
            form.cleaned_data = {}  # what cleaning would leave; add_error expects it
            form.add_error(
                None,
                _("Too many failed sign-in attempts. Try again in a quarter of an hour."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form) -> HttpResponse:
        _usages(self.request, self.request.POST.get("username", ""), increment=True)
        return super().form_invalid(form)

"""Partners' API keys in the Wagtail admin: list, create (the key is shown once), revoke."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dateline.syndication.models import ApiKey
from dateline.syndication.services import api_key_create, api_key_revoke

MANAGE = "syndication.add_apikey"


def _manager(request: HttpRequest) -> None:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied


def keys(request: HttpRequest) -> HttpResponse:
    _manager(request)
    new_key = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if name:
            _record, new_key = api_key_create(name=name[:255], created_by=request.user)
        else:
            messages.error(request, _("Give the partner a name."))
    context = {"keys": ApiKey.objects.select_related("created_by"), "new_key": new_key}
    return TemplateResponse(request, "syndication/admin/keys.html", context)


@require_POST
def revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    _manager(request)
    if api_key_revoke(prefix=prefix):
        messages.success(request, _("The key is revoked."))
    return redirect("api_keys")

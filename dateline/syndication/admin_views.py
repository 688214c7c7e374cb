"""Partners' API keys in the Wagtail admin (list, create: the key is shown once, revoke), and
the distribution desk: what went to which client, resend, resume a paused destination."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dateline.syndication.distribution import destination_resume, transmission_resend
from dateline.syndication.models import ApiKey, Destination, Transmission
from dateline.syndication.services import api_key_create, api_key_revoke

MANAGE = "syndication.add_apikey"
DISTRIBUTE = "syndication.change_destination"
STATUSES = {choice for choice, _label in Transmission.STATUS_CHOICES}


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


def _distributor(request: HttpRequest) -> None:
    if not request.user.has_perm(DISTRIBUTE):
        raise PermissionDenied


def transmissions(request: HttpRequest) -> HttpResponse:
    """The latest transmissions (of one status, if asked), each with its attempts, and the
    destinations that are paused or failing."""
    _distributor(request)
    status = request.GET.get("status", "")
    listed = Transmission.objects.select_related("destination__client").prefetch_related(
        "attempt_log"
    )
    if status in STATUSES:
        listed = listed.filter(status=status)
    context = {
        "transmissions": listed[:200],
        "statuses": Transmission.STATUS_CHOICES,
        "status": status,
        "troubled": Destination.objects.select_related("client").exclude(
            paused_at=None, failing_since=None
        ),
    }
    return TemplateResponse(request, "syndication/admin/distribution.html", context)


@require_POST
def resend(request: HttpRequest, transmission_id: int) -> HttpResponse:
    _distributor(request)
    transmission = Transmission.objects.filter(pk=transmission_id).first()
    if transmission is not None:
        transmission_resend(transmission=transmission)
        messages.success(request, _("It will be sent again on the next pass."))
    return redirect("distribution")


@require_POST
def resume(request: HttpRequest, destination_id: int) -> HttpResponse:
    _distributor(request)
    destination = Destination.objects.filter(pk=destination_id).first()
    if destination is not None:
        destination_resume(destination=destination)
        messages.success(request, _("Sending to %(url)s resumes.") % {"url": destination.url})
    return redirect("distribution")

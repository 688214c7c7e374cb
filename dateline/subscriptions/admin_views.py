"""The newsroom's view of subscriptions: subscribers, and how each mailing went."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from dateline.subscriptions.selectors import delivery_failures, mailings_recent, subscriber_counts

VIEW = "subscriptions.view_mailing"


def report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    context = {
        "mailings": mailings_recent(),
        "failures": delivery_failures(),
        "counts": subscriber_counts(),
    }
    return TemplateResponse(request, "subscriptions/admin/report.html", context)

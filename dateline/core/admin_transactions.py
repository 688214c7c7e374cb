"""Every write through the Wagtail admin runs in one transaction.

Publishing from the admin then writes the page, its revision and its news event
(dateline.live) together, or none of them: Wagtail's publish action itself does not
open a transaction. Readers' requests are left alone, so SQLite's single writer lock
is taken only by editors' saves.
"""

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class AdminWriteTransactionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in WRITE_METHODS and request.path.startswith("/admin/"):
            with transaction.atomic():
                return self.get_response(request)
        return self.get_response(request)

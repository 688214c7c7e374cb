"""Rate limits on anything readers can repeat: counted in the "ratelimit" cache."""

from __future__ import annotations

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def rate_exceeded(*, group: str, value: str, rate: str) -> bool:
    """Count one attempt by `value` (a user or an address) in `group`; True over `rate`.

    Works outside requests too (WebSocket consumers), hence the key as a value.
    """
    return is_ratelimited(
        None, group=group, key=lambda _group, _request: value, rate=rate, increment=True
    )


def client_address(request: HttpRequest) -> str | None:
    """The reader's address; behind the proxy uvicorn's --proxy-headers puts it here.

    None where the server has none (a Unix socket without proxy headers): nothing to store,
    and no per-address limit to share among everyone who arrives that way.
    """
    return request.META.get("REMOTE_ADDR") or None

"""The wire's HTTP client: public addresses only (every redirect checked), a size cap."""

from __future__ import annotations

import httpx
from django.conf import settings

from dateline.core.outbound import outbound_url_check


def url_fetch(*, url: str, image: bool = False) -> bytes | None:
    """GET a public address, every redirect checked; None when it is too large (or, for
    `image`, not an image)."""
    outbound_url_check(url)
    limit = settings.DATELINE_WIRE_MAX_BYTES
    hooks = {"request": [lambda request: outbound_url_check(str(request.url))]}
    with (
        httpx.Client(timeout=20, follow_redirects=True, event_hooks=hooks) as client,
        client.stream("GET", url) as response,
    ):
        response.raise_for_status()
        if image and not response.headers.get("content-type", "").startswith("image/"):
            return None
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
    return b"".join(chunks)

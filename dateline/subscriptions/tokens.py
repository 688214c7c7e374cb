"""Signed links in subscription mail: whoever holds the mail holds the link; nothing else
is needed, and nothing in a link can be changed without breaking its signature."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import signing
from django.utils.translation import gettext as _

from dateline.core.errors import Refused

CONFIRM = "subscriptions.confirm"
PREFERENCES = "subscriptions.preferences"
UNSUBSCRIBE = "subscriptions.unsubscribe"
MAX_AGE = {CONFIRM: timedelta(days=3), PREFERENCES: timedelta(days=60), UNSUBSCRIBE: None}


def token_make(purpose: str, payload: dict[str, Any]) -> str:
    return signing.dumps(payload, salt=purpose, compress=True)


def token_read(purpose: str, token: str) -> dict[str, Any]:
    """The payload of a link made for `purpose`; a forged or expired one is refused."""
    try:
        payload = signing.loads(token, salt=purpose, max_age=MAX_AGE[purpose])
    except signing.SignatureExpired:
        raise Refused(
            _("This link has expired. Ask for a new one below."), code="expired", status=410
        ) from None
    except signing.BadSignature:
        raise Refused(
            _("This link is not valid. Check that it was copied whole."), code="forged", status=400
        ) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        raise Refused(_("This link is not valid."), code="forged", status=400)
    return payload

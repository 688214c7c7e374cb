"""The masthead's way to one's account: "Sign in" for everyone, the reader's name once in."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from dateline.accounts.selectors import display_name_of

register = template.Library()


@register.inclusion_tag("accounts/account_link.html", takes_context=True)
def account_link(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    # Without a session cookie the reader is anonymous: the session is not even looked at,
    # so the page stays the same for every anonymous reader and cacheable.
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return {"name": "", "next": getattr(request, "path", "/")}
    user = request.user
    name = display_name_of(user=user) if user.is_authenticated else ""
    return {"name": name, "next": request.path}

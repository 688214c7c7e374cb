"""Addresses the server itself will call on someone else's say-so (a wire source set up
in the admin, a browser's push endpoint): public http(s) hosts only, so that nobody can
point the server at its own network."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from dateline.core.errors import Refused


def outbound_url_check(url: str, *, schemes: tuple[str, ...] = ("http", "https")) -> None:
    """Refuse `url` unless its scheme is allowed and every address its host has is public.

    DATELINE_ALLOW_PRIVATE_NETWORK lifts the address rule (tests, closed installations).
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        raise Refused(_("That is not a valid address."), code="url") from None
    if parts.scheme not in schemes or not host:
        raise Refused(
            _("Only %(schemes)s addresses are allowed.") % {"schemes": ", ".join(schemes)},
            code="url",
        )
    if settings.DATELINE_ALLOW_PRIVATE_NETWORK:
        return
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise Refused(_("The address's host cannot be found."), code="url") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise Refused(_("Addresses on private networks are not allowed."), code="private")

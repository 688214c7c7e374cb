"""The article form in the admin: scheduling times say which zone they are in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


def zone_label() -> str:
    """The zone the admin shows and reads times in, with its offset now: "Europe/Moscow
    (UTC+03:00)". It is the editor's own (Account → Preferences), else the newsroom's."""
    offset = datetime.now(timezone.get_current_timezone()).strftime("%z")
    return f"{timezone.get_current_timezone_name()} (UTC{offset[:3]}:{offset[3:]})"


class ScheduledInZoneForm(WagtailAdminPageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label = zone_label()
        for name in ("go_live_at", "expire_at", "embargoed_until"):
            if name in self.fields:
                self.fields[name].help_text = _("Time in %(zone)s.") % {"zone": label}

    def clean(self) -> dict[str, Any]:
        """An embargoed article goes live at its embargo at the earliest (with no go-live
        time the page itself schedules it then): an earlier go-live time is refused."""
        cleaned = super().clean()
        embargo = cleaned.get("embargoed_until")
        if embargo is None or embargo <= timezone.now():
            return cleaned
        go_live = cleaned.get("go_live_at")
        if go_live is not None and go_live < embargo:
            self.add_error(
                "go_live_at",
                _("The article is embargoed until %(embargo)s: it cannot go live before.")
                % {"embargo": timezone.localtime(embargo).strftime("%Y-%m-%d %H:%M")},
            )
        return cleaned

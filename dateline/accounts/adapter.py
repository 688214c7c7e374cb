"""allauth's mail in the edition's name: the subject and greeting carry its brand, not the
host and port the request came in on."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from dateline.newsroom.selectors import edition_chrome


def brand_name() -> str:
    """The brand of the edition in the active language, or the site's name without one."""
    chrome = edition_chrome(language_code=translation.get_language() or settings.LANGUAGE_CODE)
    return chrome.brand_name if chrome else settings.WAGTAIL_SITE_NAME


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{brand_name()}] {subject}"

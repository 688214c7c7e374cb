from typing import Any
from uuid import uuid4

from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from dateline.core.cache_generation import cache_generation
from dateline.newsroom import selectors


def edition(request: HttpRequest) -> dict[str, Any]:
    """The active edition's chrome (brand, sections) and its newsfeed, for every public page."""
    language_code = translation.get_language() or "en"
    chrome = SimpleLazyObject(lambda: selectors.edition_chrome(language_code=language_code))

    def newsfeed() -> list[selectors.NewsfeedItem]:
        return selectors.newsfeed_latest(locale_id=chrome.locale_id) if chrome else []

    return {
        "edition": chrome,
        "newsfeed": SimpleLazyObject(newsfeed),
        # Names the published state in template fragment cache keys ({% cache %}). A
        # preview shows a draft: its fragments get a key no reader's request will ever use.
        "cache_generation": SimpleLazyObject(
            lambda: (
                f"preview-{uuid4().hex}"
                if getattr(request, "is_preview", False)
                else str(cache_generation())
            )
        ),
    }

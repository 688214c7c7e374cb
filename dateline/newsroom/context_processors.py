from typing import Any

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
        # Names the published state in template fragment cache keys ({% cache %}).
        "cache_generation": SimpleLazyObject(lambda: str(cache_generation())),
    }

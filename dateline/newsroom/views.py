"""Public views of the newsroom that are not pages of the tree."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from dateline.core.surrogate_keys import request_keys_add
from dateline.newsroom import selectors
from dateline.newsroom.models import EditionHomePage

SEARCH_QUERY_MAX_LENGTH = 200


def edition_redirect(request: HttpRequest) -> HttpResponse:
    """`/` sends each reader to the edition in the language their browser asks for."""
    language = translation.get_language_from_request(request, check_path=False)
    response = HttpResponseRedirect(f"/{language}/")
    patch_vary_headers(response, ["Accept-Language"])
    return response


def search(request: HttpRequest, *, edition: EditionHomePage) -> HttpResponse:
    query = request.GET.get("q", "")[:SEARCH_QUERY_MAX_LENGTH]
    if "\x00" in query:  # no text a reader types; the database refuses it outright
        context = {
            "page": edition,
            "query": "",
            "error": _("The search contains characters that cannot be searched for."),
        }
        return render(request, "newsroom/search.html", context, status=400)
    request_keys_add(request, [f"search-{request.LANGUAGE_CODE}"])
    listing = selectors.search_articles(
        locale_id=edition.locale_id, query=query, page=request.GET.get("page")
    )
    return render(
        request,
        "newsroom/search.html",
        {"page": edition, "query": query, "listing": listing},
    )


def author_detail(request: HttpRequest, *, edition: EditionHomePage, slug: str) -> HttpResponse:
    author = selectors.author_get(slug=slug)
    request_keys_add(request, [f"author-{author.id}", f"list-author-{author.id}"])
    listing = selectors.author_articles(
        locale_id=edition.locale_id, author=author, page=request.GET.get("page")
    )
    return render(
        request, "newsroom/author.html", {"page": edition, "author": author, "listing": listing}
    )


def topic_detail(request: HttpRequest, *, edition: EditionHomePage, slug: str) -> HttpResponse:
    topic = selectors.topic_get(slug=slug)
    request_keys_add(request, [f"list-topic-{topic.id}"])
    listing = selectors.topic_articles(
        locale_id=edition.locale_id, tag=topic, page=request.GET.get("page")
    )
    return render(
        request, "newsroom/topic.html", {"page": edition, "topic": topic, "listing": listing}
    )


def story_detail(request: HttpRequest, *, edition: EditionHomePage, story_id: int) -> HttpResponse:
    story = selectors.story_get(story_id=story_id, locale_id=edition.locale_id)
    request_keys_add(request, [f"story-{story.id}", f"list-story-{story.id}"])
    listing = selectors.story_articles(story=story, page=request.GET.get("page"))
    return render(
        request, "newsroom/story.html", {"page": edition, "story": story, "listing": listing}
    )

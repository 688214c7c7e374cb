"""Public views of the newsroom that are not pages of the tree."""

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from dateline.core.surrogate_keys import request_keys_add
from dateline.newsroom import selectors
from dateline.newsroom.forms import SearchForm
from dateline.newsroom.models import EditionHomePage
from dateline.newsroom.search import search_articles


def edition_redirect(request: HttpRequest) -> HttpResponse:
    """`/` sends each reader to the edition in the language their browser asks for."""
    language = translation.get_language_from_request(request, check_path=False)
    response = HttpResponseRedirect(f"/{language}/")
    patch_vary_headers(response, ["Accept-Language"])
    return response


def search(request: HttpRequest, *, edition: EditionHomePage) -> HttpResponse:
    """The edition's search: ranked results with their matches marked, and facets."""
    form = SearchForm(request.GET, edition=edition)
    context: dict[str, Any] = {"page": edition, "form": form, "query": form.data["q"]}
    if not form.is_valid():
        return render(request, "newsroom/search.html", context, status=400)
    request_keys_add(request, [f"search-{request.LANGUAGE_CODE}"])
    context["search"] = search_articles(
        locale_id=edition.locale_id,
        language=edition.locale.language_code,
        text=form.cleaned_data["q"],
        filters=form.filters(),
        page=request.GET.get("page"),
    )
    return render(request, "newsroom/search.html", context)


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
    live_ids = selectors.live_blog_ids_live(ids=[article.id for article in listing.items])
    return render(
        request,
        "newsroom/story.html",
        {"page": edition, "story": story, "listing": listing, "live_ids": live_ids},
    )

"""Readers' search of an edition, on the demo newsroom and on articles made for the test:
every form of a word, ranked, marked, faceted, and never a 500 whatever is typed."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.demo import seed_article
from dateline.mediabank.models import Photo
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.search import SearchFilters, search_articles
from dateline.newsroom.services import article_publish, article_unpublish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

SEED = {language: seed_article.HEADLINE[language] for language in ("en", "ru")}
HOSTILE = [
    '"unbalanced',
    "AND OR",
    "NOT",
    "NEAR(a b)",
    "a*",
    "^start",
    "(((",
    "col:word",
    "{title}: x",
    "'; DROP TABLE x; --",
    "!@#$%^&*()",
    "x" * 10_000,
    "Лавров " * 2_000,
    "\u202e\u200b\ufeff",
    "a\x01b\x1fc",
]


def titles(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'class="card__title"><a href="[^"]*">(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", title) for title in found]


def summary(response) -> str:
    match = re.search(r'class="search-summary"[^>]*>([^<]*)<', response.content.decode())
    return match.group(1) if match else ""


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("ru", "экстрадиция"),  # the article says "экстрадиции"
        ("ru", "экстрадицию"),
        ("ru", "Милибэнда"),  # it says "Милибэнд"
        ("ru", "отравлением"),
        ("ru", "Лаврову"),
        ("ru", "лондонских убийств"),  # "лондонском убийстве"
        ("ru", "ЭКСТРАДИЦИЯ Лавров"),
        ("en", "extraditions"),
        ("en", "poisoned"),
        ("en", "extradite Miliband"),
        ("en", "murders"),
    ],
)
def test_every_form_of_a_word_finds_the_seed_article(client, demo_database, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    assert SEED[language] in titles(response), (query, titles(response))


def test_the_headline_outweighs_the_body_and_the_match_is_marked(client, demo_database):
    response = client.get("/en/search/", {"q": "extradition"})
    found = titles(response)
    # Articles with the word in the headline come before the one that has it only below.
    headline_hits = [t for t in found if "extradition" in t.lower()]
    assert found[: len(headline_hits)] == headline_hits and len(headline_hits) >= 2
    assert "<mark>extradition</mark>" in response.content.decode()
    russian = client.get("/ru/search/", {"q": "экстрадиция"}).content.decode()
    assert "<mark>экстрадиции</mark>" in russian, "the form on the page is marked"
    assert 'value="экстрадиция"' in russian, "the query is kept in the box"


def test_the_summary_counts_the_matches_in_the_readers_language(client, demo_database):
    english = client.get("/en/search/", {"q": "Kremlin"})
    count = len(titles(english))
    assert summary(english) == f"{count} articles found"
    russian = client.get("/ru/search/", {"q": "экстрадиция"})
    number = len(titles(russian))
    assert summary(russian) in (f"Найдено {number} материала", f"Найдено {number} материалов")


def test_an_empty_query_and_no_match_say_what_to_do(client, demo_database):
    empty = client.get("/en/search/").content.decode()
    assert "Type a word or two" in empty and "No articles here yet" not in empty
    nothing = client.get("/en/search/", {"q": "zyzzyva"}).content.decode()
    assert "No articles match “zyzzyva”" in nothing and "Check the spelling" in nothing
    filtered = client.get("/en/search/", {"q": "zyzzyva", "period": "day"}).content.decode()
    assert "search everything" in filtered


def test_facets_count_the_matches_and_narrow_them(client, demo_database):
    html = client.get("/en/search/", {"q": "Moscow"}).content.decode()
    sections = dict(
        re.findall(
            r'href="\?q=Moscow&amp;section=([\w-]+)">[^<]+<span class="facet__count">(\d+)', html
        )
    )
    assert len(sections) >= 2
    total = int(summary(client.get("/en/search/", {"q": "Moscow"})).split()[0])
    assert sum(int(n) for n in sections.values()) == total
    slug, count = next(iter(sections.items()))
    narrowed = client.get("/en/search/", {"q": "Moscow", "section": slug})
    assert summary(narrowed).startswith(f"{count} ")
    section_path = (
        ArticlePage.objects.filter(locale__language_code="en")
        .get(title=titles(narrowed)[0])
        .get_parent()
        .slug
    )
    assert section_path == slug
    # The chosen section is marked and links back to every section.
    assert 'aria-current="true" class="facet--selected"' in narrowed.content.decode()
    assert 'href="?q=Moscow"' in narrowed.content.decode()
    unknown = client.get("/en/search/", {"q": "Moscow", "section": "no-such-section"})
    assert unknown.status_code == 400
    assert 'value="Moscow"' in unknown.content.decode(), "what was right is kept"


def test_newest_first_and_pages_keep_the_query_and_filters(client, demo_database, settings):
    settings.DATELINE_SECTION_PAGE_SIZE = 3
    first = client.get("/en/search/", {"q": "Moscow", "order": "newest"})
    second = client.get("/en/search/", {"q": "Moscow", "order": "newest", "page": 2})
    found = titles(first) + titles(second)
    articles = ArticlePage.objects.filter(locale__language_code="en", title__in=found)
    published = {a.title: a.first_published_at for a in articles}
    assert [published[t] for t in found] == sorted(published.values(), reverse=True)
    assert 'href="?q=Moscow&amp;order=newest&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize("query", HOSTILE)
def test_whatever_is_typed_answers_with_results_or_a_message(client, demo_database, query):
    for url in ("/en/search/", "/ru/search/", "/en/mediabank/"):
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query)


def test_a_nul_is_refused_with_a_message_and_the_rest_kept(client, demo_database):
    for url in ("/en/search/", "/en/mediabank/"):
        response = client.get(url, {"q": "Lavrov\x00"})
        assert response.status_code == 400
        assert "Null characters are not allowed" in response.content.decode()


def test_the_search_costs_the_same_queries_whatever_it_finds(
    client, demo_database, django_assert_max_num_queries
):
    # The chrome's caches and the thumbnails are made on a first view.
    client.get("/en/search/", {"q": "Moscow"})
    client.get("/en/search/", {"q": "Moscow Kremlin talks", "order": "newest"})
    with django_assert_max_num_queries(15):
        client.get("/en/search/", {"q": "Moscow"})
    with django_assert_max_num_queries(15):
        client.get("/en/search/", {"q": "Moscow Kremlin talks", "order": "newest"})


# The index follows the articles ---------------------------------------------------------


@pytest.fixture
def tree(db):
    return edition_tree()


def found(tree, text: str, language: str = "en") -> list[int]:
    result = search_articles(
        locale_id=tree.homes[language].locale_id,
        language=language,
        text=text,
        filters=SearchFilters(),
    )
    return [hit.article.id for hit in result.listing.items]


def test_only_live_articles_of_the_edition_are_found(tree):
    hit = article_for_test(tree.sections["en-russia"], title="Lavrov meets Miliband")
    article_for_test(tree.sections["en-russia"], title="Lavrov draft", live=False)
    article_for_test(tree.sections["ru-russia"], title="Lavrov in Russian edition")
    assert found(tree, "Lavrov") == [hit.id]


def test_a_published_article_is_found_at_once_and_an_unpublished_one_is_gone(tree):
    article = article_for_test(tree.sections["en-russia"], title="Quietly drafted", live=False)
    assert found(tree, "Glaciology") == []
    article.title = "Glaciology conference opens"
    article_publish(article=article)
    assert found(tree, "glaciologies") == [article.id]
    article_unpublish(article=ArticlePage.objects.get(pk=article.pk))
    assert found(tree, "glaciology") == []


def test_a_drafts_words_are_never_searchable(tree):
    article = article_for_test(tree.sections["en-russia"], title="Harbour reopens")
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "Harbour reopens after the secretive Xylophone deal"
    draft.save_revision()
    assert found(tree, "Xylophone") == []
    assert found(tree, "harbour") == [article.id]
    article_publish(article=ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object())
    assert found(tree, "Xylophone") == [article.id]


def test_a_scheduled_article_is_found_only_once_it_goes_live(tree):
    import time

    from dateline.newsroom.services import scheduled_publish_run

    article = article_for_test(tree.sections["en-russia"], title="Embargoed budget", live=False)
    article_publish(article=article, go_live_at=timezone.now() + timedelta(seconds=1))
    assert found(tree, "budget") == []
    assert scheduled_publish_run() == 0
    assert found(tree, "budget") == []
    # The embargo lifts: the scheduler's pass publishes it, and it is found at once.
    time.sleep(1.1)
    assert scheduled_publish_run() == 1
    assert found(tree, "budgets") == [article.id]


def test_restricted_moved_and_deleted_articles_follow_the_one_visibility_rule(
    tree, django_capture_on_commit_callbacks
):
    article = article_for_test(tree.sections["en-russia"], title="Permafrost thaws")
    assert found(tree, "permafrost") == [article.id]
    with django_capture_on_commit_callbacks(execute=True):  # the site's state moves on
        restriction = PageViewRestriction.objects.create(
            page=tree.sections["en-russia"], restriction_type=PageViewRestriction.LOGIN
        )
    assert found(tree, "permafrost") == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert found(tree, "permafrost") == [article.id]
    ArticlePage.objects.get(pk=article.pk).move(tree.sections["en-world"], pos="last-child")
    moved = search_articles(
        locale_id=tree.homes["en"].locale_id,
        language="en",
        text="permafrost",
        filters=SearchFilters(section=tree.sections["en-world"]),
    )
    assert [hit.article.id for hit in moved.listing.items] == [article.id]
    assert [(f.value, f.count) for f in moved.facets["section"]] == [("world", 1)]
    ArticlePage.objects.get(pk=article.pk).delete()
    assert found(tree, "permafrost") == []


# The media bank ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["Pesov", "Eduard Pesov", "RIA Novosti", "Москва", "министров", "Lavrov Miliband"],
)
def test_the_seed_photo_is_found_by_photographer_agency_and_caption(client, demo_database, query):
    seed = Photo.objects.get(caption=seed_article.PHOTO_CAPTION["ru"])
    response = client.get("/en/mediabank/", {"q": query})
    assert response.status_code == 200
    assert f"/mediabank/{seed.pk}/" in response.content.decode(), query


def test_the_media_bank_filters_by_creator_agency_place_and_orientation(client, demo_database):
    def photo_ids(**params) -> set[int]:
        response = client.get("/en/mediabank/", params)
        assert response.status_code == 200
        return {int(i) for i in re.findall(r"/mediabank/(\d+)/", response.content.decode())}

    tass = photo_ids(credit="TASS")
    assert tass == set(Photo.objects.filter(credit_line="TASS").values_list("pk", flat=True))
    pesov = photo_ids(creator="eduard pesov")
    assert pesov and pesov == set(
        Photo.objects.filter(creator="Eduard Pesov").values_list("pk", flat=True)
    )
    moscow = photo_ids(q="Pesov", place="Moscow")
    assert moscow and all(Photo.objects.get(pk=pk).city == "Moscow" for pk in moscow)
    portrait = photo_ids(orientation="portrait")
    assert portrait == {
        pk for pk, w, h in Photo.objects.values_list("pk", "width", "height") if w < h
    }
    landscape = photo_ids(orientation="landscape", credit="Interfax")
    assert landscape and all(
        Photo.objects.get(pk=pk).width > Photo.objects.get(pk=pk).height for pk in landscape
    )
    wrong = client.get("/en/mediabank/", {"q": "Pesov", "orientation": "diagonal"})
    assert wrong.status_code == 400 and 'value="Pesov"' in wrong.content.decode()


def test_a_photo_edited_is_found_by_its_new_words_at_once(db):
    from dateline.mediabank.selectors import photo_listing
    from dateline.mediabank.services import photo_import
    from dateline.mediabank.tests.fixtures import jpeg

    photo = photo_import(content=jpeg(), filename="yamal.jpg").photo
    photo.caption = "Icebreaker Yamal leaves Murmansk"
    photo.save()
    assert [p.pk for p in photo_listing(query="icebreakers").items] == [photo.pk]
    photo.delete()
    assert photo_listing(query="icebreaker").items == []


def test_a_site_upgraded_to_search_gets_its_index_on_migrate_and_by_command(tree):
    from io import StringIO

    from django.core.management import call_command

    from dateline.core.models import SearchEntry

    article = article_for_test(tree.sections["en-russia"], title="Tundra wildfires")
    SearchEntry.objects.all().delete()  # as a site migrated from before the index
    assert found(tree, "tundra") == []
    call_command("migrate", verbosity=0)
    assert found(tree, "tundra") == [article.id]
    ArticlePage.objects.filter(pk=article.pk).update(title="Steppe dust storms")  # no signal
    assert found(tree, "storm") == []
    out = StringIO()
    call_command("search_reindex", stdout=out, verbosity=0)
    assert "Indexed 1 live articles and 0 photos" in out.getvalue()
    assert found(tree, "storm") == [article.id]
    assert found(tree, "tundra") == []


def test_past_rank_all_the_heading_matches_lead_then_the_newest(tree, monkeypatch):
    """An agency's name is in every one of its stories: ranking tens of thousands would keep
    the reader waiting, so past RANK_ALL the matches in the headline or lede come first,
    then the others newest first (not by how often the body repeats the word)."""
    from dateline.core.search import index

    now = timezone.now()
    section = tree.sections["en-russia"]
    headline = article_for_test(section, title="Tundra fires", published_at=now - timedelta(3))
    newer = article_for_test(
        section, title="Weather", dateline_place="Tundra", published_at=now - timedelta(1)
    )
    repeated = article_for_test(
        section,
        title="Roads",
        dateline_place="Tundra Tundra Tundra",
        published_at=now - timedelta(2),
    )
    assert found(tree, "tundra") == [headline.id, repeated.id, newer.id], "ranked by BM25"
    monkeypatch.setattr(index, "RANK_ALL", 2)
    assert found(tree, "tundra") == [headline.id, newer.id, repeated.id]


def test_a_total_past_the_count_limit_is_said_as_such(client, tree, monkeypatch):
    from dateline.core.search import index
    from dateline.newsroom import search

    for number in range(3):
        article_for_test(tree.sections["en-russia"], title=f"Steppe report {number}")
    assert "3 articles found" in client.get("/en/search/", {"q": "steppe"}).content.decode()
    monkeypatch.setattr(index, "COUNT_LIMIT", 2)
    monkeypatch.setattr(search, "COUNT_LIMIT", 2)
    html = client.get("/en/search/", {"q": "steppe"}).content.decode()
    assert "More than 2 articles found" in html


def test_each_filter_narrows_inside_the_index_and_is_checked_as_it_is_now(tree):
    """Section, author, topic and period are terms of the index (a filtered search of a
    common word reads only its matches); what is shown passes the filters as they are now."""
    from dateline.newsroom.models import ArticleByline

    now = timezone.now()
    section = tree.sections["en-russia"]
    old = article_for_test(section, title="Tundra survey", published_at=now - timedelta(40))
    recent = article_for_test(section, title="Tundra roads", published_at=now - timedelta(2))
    elsewhere = article_for_test(tree.sections["en-world"], title="Tundra abroad")
    author = old.bylines.get().author
    topic = old.topics.get()

    def narrowed(**filters) -> list[int]:
        result = search_articles(
            locale_id=tree.homes["en"].locale_id,
            language="en",
            text="tundra",
            filters=SearchFilters(**filters),
        )
        return [hit.article.id for hit in result.listing.items]

    assert set(narrowed()) == {old.id, recent.id, elsewhere.id}
    assert narrowed(author=author) == [old.id]
    assert narrowed(topic=topic) == [old.id]
    assert narrowed(period="month") == [elsewhere.id, recent.id]
    assert narrowed(section=tree.sections["en-world"]) == [elsewhere.id]
    assert narrowed(section=section, period="week") == [recent.id]
    # A byline removed behind the index's back: its entry still names the author, the
    # filter as it is now does not.
    ArticleByline.objects.filter(page=old).delete()
    assert narrowed(author=author) == []


def test_a_deleted_section_takes_its_articles_out_of_the_index(tree):
    from dateline.core.models import SearchEntry

    article = article_for_test(tree.sections["en-world"], title="Glacier retreat")
    assert SearchEntry.objects.filter(kind="article", object_id=article.pk).exists()
    tree.sections["en-world"].delete()
    assert not SearchEntry.objects.filter(kind="article", object_id=article.pk).exists()

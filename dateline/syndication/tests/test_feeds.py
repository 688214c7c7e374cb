"""RSS and Atom feeds parse cleanly with feedparser and carry what aggregators read."""

import feedparser
import pytest
from lxml import etree

from dateline.syndication.articles import LEAD_SPEC
from dateline.syndication.tests.conftest import DRAFT, SCHEDULED

pytestmark = pytest.mark.django_db

FEEDS = [
    "/en/feeds/rss/",
    "/en/feeds/atom/",
    "/en/feeds/section/russia/rss/",
    "/en/feeds/section/russia/atom/",
]


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return response, feed


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_are_well_formed_and_only_published(client, newsroom, url):
    response, feed = parsed(client, url)
    titles = [entry.title for entry in feed.entries]
    assert DRAFT not in titles and SCHEDULED not in titles
    assert newsroom.with_photo.title in titles
    assert feed.feed.language == "en"  # RSS <language>, Atom xml:lang
    expected = "application/rss+xml" if url.endswith("rss/") else "application/atom+xml"
    assert response["Content-Type"].startswith(expected)


def test_rss_items_carry_photo_credit_bylines_and_categories(client, newsroom):
    _response, feed = parsed(client, "/en/feeds/rss/")
    entry = next(e for e in feed.entries if e.title == newsroom.with_photo.title)
    article = newsroom.with_photo
    assert entry.link == f"http://testserver{article.url}"
    assert entry.summary == article.lede
    media = entry.media_content[0]
    rendition = article.lead_photo.get_rendition(LEAD_SPEC)
    assert media["medium"] == "image" and media["width"] == str(rendition.width)
    assert media["url"].startswith("http://testserver/media/images/")
    assert entry.media_credit[0]["content"] == "© RIA Novosti . Eduard Pesov"
    names = [b.author.name for b in article.bylines.all()]
    assert len(names) == 2
    item = next(
        i
        for i in etree.fromstring(_response.content).iter("item")
        if i.findtext("title") == article.title
    )
    assert [c.text for c in item.iter("{http://purl.org/dc/elements/1.1/}creator")] == names
    terms = {tag.term for tag in entry.tags}
    assert "Russia" in terms and {t.name for t in article.topics.all()} <= terms
    assert entry.published_parsed is not None


def test_atom_entries_link_the_photo_and_name_every_author(client, newsroom):
    _response, feed = parsed(client, "/en/feeds/atom/")
    entry = next(e for e in feed.entries if e.title == newsroom.with_photo.title)
    enclosure = next(link for link in entry.links if link.rel == "enclosure")
    assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0
    assert len(entry.authors) == 2


def test_section_topic_and_author_feeds_keep_to_their_scope(client, newsroom):
    _r, section = parsed(client, "/en/feeds/section/world/rss/")
    assert [e.title for e in section.entries] == ["World news today"]
    topic = newsroom.with_photo.topics.first()
    _r, by_topic = parsed(client, f"/en/feeds/topic/{topic.slug}/atom/")
    assert [e.title for e in by_topic.entries] == [newsroom.with_photo.title]
    author = newsroom.with_photo.bylines.first().author
    _r, by_author = parsed(client, f"/en/feeds/author/{author.slug}/rss/")
    assert [e.title for e in by_author.entries] == [newsroom.with_photo.title]


@pytest.mark.parametrize(
    "url",
    ["/en/feeds/section/nowhere/rss/", "/en/feeds/planet/x/rss/", "/en/feeds/topic/none/atom/"],
)
def test_unknown_scopes_are_not_found(client, newsroom, url):
    assert client.get(url).status_code == 404


def test_pages_link_their_feeds(client, newsroom):
    html = client.get("/en/russia/").content.decode()
    assert (
        'type="application/rss+xml" title="Russia (RSS)" href="/en/feeds/section/russia/rss/"'
        in html
    )
    assert 'href="/en/feeds/atom/"' in html


def test_guids_and_atom_ids_are_permanent_not_the_address(client, newsroom):
    article = newsroom.with_photo
    rss = etree.fromstring(client.get("/en/feeds/rss/").content)
    (guid,) = rss.xpath(f'//item[title="{article.title}"]/guid')
    assert guid.text == f"urn:dateline:article:{article.id}"
    assert guid.get("isPermaLink") == "false"
    atom = feedparser.parse(client.get("/en/feeds/atom/").content)
    entry = next(e for e in atom.entries if e.title == article.title)
    assert entry.id == f"urn:dateline:article:{article.id}"
    # A new address (the slug edited) keeps the item the same to every reader.
    article.slug = "renamed-story"
    article.save_revision().publish()
    again = etree.fromstring(client.get("/en/feeds/rss/").content)
    assert f"urn:dateline:article:{article.id}" in again.xpath("//item/guid/text()")


@pytest.mark.parametrize("url", [*FEEDS, "/sitemap.xml", "/sitemap-articles.xml"])
def test_an_unchanged_feed_or_sitemap_is_a_304_until_something_is_published(
    client, newsroom, url, django_capture_on_commit_callbacks
):
    from django.utils import timezone
    from wagtail.models import Page

    from dateline.newsroom.services import article_publish
    from dateline.newsroom.tests.factories import article_for_test

    # As publishing leaves them (the factory's homes and sections were never published).
    Page.objects.filter(live=True, last_published_at__isnull=True, depth__gt=1).update(
        last_published_at=timezone.now()
    )
    first = client.get(url)
    assert first.status_code == 200, url
    modified, etag = first["Last-Modified"], first["ETag"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    draft = article_for_test(newsroom.tree.sections["en-russia"], title="Just in", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag

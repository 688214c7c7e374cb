"""Article pages describe themselves to search engines and social networks."""

import json

import pytest
from lxml import html

pytestmark = pytest.mark.django_db


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.fromstring(response.content).head


def json_ld(head):
    (script,) = head.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def test_news_article_and_breadcrumbs_in_json_ld(client, newsroom):
    article = newsroom.with_photo
    head = head_of(client, article.url)
    news, breadcrumbs = json_ld(head)
    url = f"http://testserver{article.url}"
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == article.title
    assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert news["datePublished"].startswith(article.first_published_at.strftime("%Y-%m-%dT%H:%M"))
    assert news["dateModified"]
    assert [a["name"] for a in news["author"]] == [b.author.name for b in article.bylines.all()]
    assert news["publisher"]["name"] == "Dateline International"
    assert news["publisher"]["logo"]["url"].startswith("http://testserver/static/")
    assert news["articleSection"] == "Russia"
    assert news["inLanguage"] == "en" and news["isAccessibleForFree"] is True
    assert news["image"][0]["url"].startswith("http://testserver/media/images/")
    assert news["image"][0]["creditText"] == "© RIA Novosti . Eduard Pesov"
    assert news["dateline"] and news["dateline"][-1] not in " –"  # without the lead-in dash
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Dateline International",
        "Russia",
        article.title,
    ]
    assert breadcrumbs["itemListElement"][-1]["item"] == url


def test_open_graph_twitter_and_canonical(client, newsroom):
    article = newsroom.with_photo
    head = head_of(client, article.url)
    meta = {m.get("property") or m.get("name"): m.get("content") for m in head.iter("meta")}
    url = f"http://testserver{article.url}"
    assert meta["og:type"] == "article" and meta["og:url"] == url
    assert meta["og:title"] == article.title
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["description"] == article.lede
    assert head.xpath('//link[@rel="canonical"]/@href') == [url]


def test_markup_in_a_headline_cannot_leave_the_script(client, newsroom):
    article = newsroom.published[1]
    article.title = "Breaking </script><script>alert(1)</script>"
    article.save_revision().publish()
    page = client.get(article.url).content.decode()
    assert "</script><script>alert(1)" not in page
    news, _breadcrumbs = json_ld(html.fromstring(page.encode()).head)
    assert news["headline"] == article.title


def test_listing_pages_have_their_own_canonical(client, newsroom):
    head = head_of(client, "/en/russia/?page=1&utm_source=x")
    assert head.xpath('//link[@rel="canonical"]/@href') == ["http://testserver/en/russia/"]


def test_a_preview_of_a_draft_never_reaches_readers(client, newsroom):
    article = newsroom.published[1]
    published_title = article.title
    draft = article.specific  # caches are cold: the preview is the first to render it
    draft.title = "EMBARGOED draft headline"
    draft.lede = "Embargoed lede."
    response = draft.make_preview_request()
    assert "EMBARGOED draft headline" in response.content.decode()  # the editor sees it
    public = client.get(article.url).content.decode()
    assert "EMBARGOED" not in public and "Embargoed lede" not in public
    assert published_title in public


def test_the_lead_photo_is_offered_in_16_9_4_3_and_1_1(client, newsroom):
    news, _breadcrumbs = json_ld(head_of(client, newsroom.with_photo.url))
    shapes = {round(image["width"] / image["height"], 2) for image in news["image"]}
    assert shapes == {round(16 / 9, 2), round(4 / 3, 2), 1.0}
    for image in news["image"]:
        assert image["url"].startswith("http://testserver/media/images/")
        assert image["creditText"] == "© RIA Novosti . Eduard Pesov"
        assert client.get(image["url"].removeprefix("http://testserver")).status_code == 200

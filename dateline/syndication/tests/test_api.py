"""The ninjs API: every document validates against IPTC's schema, only published items,
filters and cursors, keys and limits, and clear errors for bad requests."""

import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from dateline.syndication.services import api_key_create, api_key_revoke
from dateline.syndication.tests.conftest import DRAFT, SCHEDULED

pytestmark = [pytest.mark.conformance, pytest.mark.django_db]

NINJS = Path(settings.BASE_DIR).parent / "shared" / "conformance" / "ninjs"


def validator(version: str) -> Draft202012Validator:
    """IPTC's schema, with GeoJSON (which it references) served from the test suite, offline."""
    geojson = json.loads((NINJS / "test_suite" / "GeoJSON-schema.json").read_text())
    registry = Registry().with_resource(geojson["$id"], Resource.from_contents(geojson))
    schema = json.loads((NINJS / "specification" / f"ninjs-schema_{version}.json").read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


@pytest.fixture
def key(newsroom):
    _record, key = api_key_create(name="Partner agency")
    return key


def get(client, key, url, **params):
    return client.get(url, params, HTTP_X_API_KEY=key)


def assert_valid(documents, version):
    checker = validator(version)
    for document in documents:
        errors = sorted(checker.iter_errors(document), key=str)
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_the_validator_tells_good_from_bad_documents():
    checker = validator("2.2")
    passing = sorted((NINJS / "test_suite" / "2.2" / "should_pass").glob("*.json"))
    failing = sorted((NINJS / "test_suite" / "2.2" / "should_fail").glob("*.json"))
    assert passing and failing
    assert all(checker.is_valid(json.loads(p.read_text())) for p in passing)
    assert not any(checker.is_valid(json.loads(p.read_text())) for p in failing)


@pytest.mark.parametrize(
    ("asked", "schema"), [(None, "2.2"), ("2", "2.2"), ("3", "3.1"), ("3.1", "3.1")]
)
def test_every_listed_and_single_document_validates(client, newsroom, key, asked, schema):
    params = {"version": asked} if asked else {}
    listing = get(client, key, "/api/ninjs/items/", **params)
    assert listing.status_code == 200, listing.content
    documents = listing.json()["items"]
    assert len(documents) == len(newsroom.published)
    single = get(client, key, f"/api/ninjs/items/{newsroom.with_photo.id}/", **params).json()
    assert_valid([*documents, single], schema)
    assert single["standard"]["version"] == schema


def test_an_item_carries_its_text_photo_renditions_and_credits(client, newsroom, key):
    article = newsroom.with_photo
    document = get(client, key, f"/api/ninjs/items/{article.id}/").json()
    assert document["headlines"] == [{"role": "main", "value": article.title}]
    assert document["descriptions"][0]["value"] == article.lede
    assert "Paragraph 0" in document["bodies"][0]["value"]
    assert document["by"] == ", ".join(b.author.name for b in article.bylines.all())
    assert document["language"] == "en" and document["pubstatus"] == "usable"
    picture = document["associations"][0]
    assert picture["name"] == "featureimage" and picture["type"] == "picture"
    assert picture["by"] == "Eduard Pesov"
    assert picture["copyrightholder"] == "RIA Novosti"
    assert picture["descriptions"][0]["value"] == "Sergei Lavrov"
    names = {rendition["name"]: rendition for rendition in picture["renditions"]}
    assert set(names) == {"large", "thumbnail"}
    assert names["thumbnail"]["href"].startswith("http://testserver/media/images/")
    assert names["thumbnail"]["sizeinbytes"] > 0

    v3 = get(client, key, f"/api/ninjs/items/{article.id}/", version="3").json()
    assert v3["pubStatus"] == "usable" and "pubstatus" not in v3
    assert v3["associations"][0]["copyrightHolder"] == "RIA Novosti"


@pytest.mark.parametrize("version", ["2.2", "3.1"])
def test_a_live_blog_carries_its_entries_latest_first_and_validates(
    client, newsroom, key, admin_user, version
):
    from dateline.newsroom.liveblog import entry_post
    from dateline.newsroom.models import LiveBlogPage
    from dateline.newsroom.tests.factories import article_for_test, photo_for_test

    blog = article_for_test(
        newsroom.tree.sections["en-russia"], title="Storm: live", model=LiveBlogPage
    )
    first = entry_post(blog=blog, author=admin_user, fields={"text": "<p>Winds rise.</p>"})
    card = entry_post(
        blog=blog,
        author=admin_user,
        fields={
            "photo": photo_for_test(caption="Harbour"),
            "card_author": "Coast Guard",
            "card_handle": "@coastguard",
            "card_text": "Boats <return>",
        },
    )
    document = get(client, key, f"/api/ninjs/items/{blog.id}/", version=version[0]).json()
    assert_valid([document], version)
    assert document["profile"] == "dateline-liveblog"
    entries = [a for a in document["associations"] if a["name"].startswith("entry-")]
    assert [e["uri"] for e in entries] == [
        f"urn:dateline:liveblog-entry:{card.pk}",
        f"urn:dateline:liveblog-entry:{first.pk}",
    ]
    assert "Boats &lt;return&gt;" in entries[0]["bodies"][0]["value"]
    assert entries[0]["associations"][0]["type"] == "picture"
    listing = get(client, key, "/api/ninjs/items/", version=version[0]).json()["items"]
    assert_valid(listing, version)
    assert [d["profile"] for d in listing].count("dateline-liveblog") == 1


def test_ids_out_of_range_are_simply_not_found(client, newsroom, key):
    for article_id in ("0", "99999999999999999999999"):
        assert get(client, key, f"/api/ninjs/items/{article_id}/").status_code == 404


def test_drafts_and_scheduled_items_never_appear(client, newsroom, key):
    titles = [
        d["headlines"][0]["value"] for d in get(client, key, "/api/ninjs/items/").json()["items"]
    ]
    assert DRAFT not in titles and SCHEDULED not in titles
    for hidden in (newsroom.draft, newsroom.scheduled):
        response = get(client, key, f"/api/ninjs/items/{hidden.id}/")
        assert response.status_code == 404
        assert "No published article" in response.json()["detail"]


def test_filters(client, newsroom, key):
    def titles(**params):
        response = get(client, key, "/api/ninjs/items/", **params)
        assert response.status_code == 200, response.content
        return [d["headlines"][0]["value"] for d in response.json()["items"]]

    assert titles(section="world") == ["World news today"]
    assert titles(edition="ru") == []
    assert titles(q="MILIBAND") == [newsroom.with_photo.title]
    topic = newsroom.with_photo.topics.first()
    assert titles(topic=topic.slug) == [newsroom.with_photo.title]
    newest = max(newsroom.published, key=lambda a: a.first_published_at)
    assert titles(since=newest.first_published_at.isoformat()) == []


def test_cursor_pagination_walks_every_item_once(client, newsroom, key):
    seen, url, params = [], "/api/ninjs/items/", {"limit": 2}
    while url:
        page = client.get(url, params, HTTP_X_API_KEY=key).json()
        seen += [d["uri"] for d in page["items"]]
        url, params = page["next"], {}
    assert len(seen) == len(set(seen)) == len(newsroom.published)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"version": "4"}, "Unknown ninjs version"),
        ({"since": "last tuesday"}, "ISO 8601"),
        ({"cursor": "forged"}, "cursor"),
        ({"limit": "0"}, "limit"),
        ({"edition": "fr"}, "Unknown edition"),
        ({"section": "nowhere"}, "Unknown section"),
        ({"q": "a\x00b"}, "NUL"),
    ],
)
def test_bad_requests_are_refused_with_a_message(client, newsroom, key, params, message):
    response = get(client, key, "/api/ninjs/items/", **params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_keys_are_required_and_revocable_and_bearer_works(client, newsroom, key):
    missing = client.get("/api/ninjs/items/")
    assert missing.status_code == 401
    assert missing["WWW-Authenticate"].startswith("Bearer ")
    unknown = get(client, "dl_nothing_here", "/api/ninjs/items/")
    assert unknown.status_code == 401 and "API key" in unknown.json()["detail"]
    bearer = client.get("/api/ninjs/items/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert bearer.status_code == 200
    assert api_key_revoke(prefix=key.split("_")[1])
    assert get(client, key, "/api/ninjs/items/").status_code == 401


def test_each_key_is_rate_limited(client, newsroom, key, settings):
    settings.DATELINE_API_RATE = "3/m"
    codes = [get(client, key, "/api/ninjs/items/", limit=1).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    _other, other_key = api_key_create(name="Another partner")
    assert get(client, other_key, "/api/ninjs/items/", limit=1).status_code == 200


def test_openapi_document_is_served(client):
    document = client.get("/api/ninjs/openapi.json").json()
    assert document["info"]["title"] == "Dateline ninjs API"
    assert "/api/ninjs/items/" in document["paths"]
    assert client.get("/api/ninjs/docs").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/ninjs/items/", "/api/ninjs/items/1/"])
def test_writes_are_refused_in_json(client, newsroom, key, method, path):
    response = getattr(client, method)(path, HTTP_X_API_KEY=key)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "read-only" in response.json()["detail"]
    assert response["Allow"] == "GET, HEAD"


def test_bodies_are_clean_html_with_absolute_addresses(client, newsroom, key):
    article = newsroom.with_photo
    article.body = [
        {"type": "paragraph", "value": '<p data-block-key="a1">Said <b>twice</b>.</p>'},
        {"type": "quote", "value": {"quote": "We disagree.", "attribution": "Lavrov"}},
        {"type": "photo", "value": {"photo": article.lead_photo.id, "caption": "At the talks"}},
    ]
    article.save()
    body = get(client, key, f"/api/ninjs/items/{article.id}/").json()["bodies"][0]["value"]
    assert "<p>Said <b>twice</b>.</p>" in body
    assert "<blockquote>" in body and "We disagree." in body
    assert 'src="http://testserver/media/images/' in body
    assert "At the talks" in body
    for page_markup in ("class=", "data-", "block-", "<div", "srcset"):
        assert page_markup not in body, page_markup


@pytest.mark.parametrize("version", ["2.2", "3.1"])
def test_a_killed_article_sends_partners_a_notice_through_the_api_and_feeds(
    client, newsroom, key, version
):
    """Taken back after it went out: the API answers its id with a ninjs notice (valid,
    pubstatus canceled, the reason in ednote, none of its text) and lists it among the
    withdrawals; the edition's feed of withdrawn articles carries it; the article is gone
    from the items and the feeds."""
    from dateline.newsroom.services import article_withdraw

    article = newsroom.with_photo
    article_withdraw(article=article, status="canceled", note="Legal: kill this story.")
    notice = get(client, key, f"/api/ninjs/items/{article.id}/", version=version).json()
    assert_valid([notice], version)
    status = notice.get("pubstatus") or notice.get("pubStatus")
    note = notice.get("ednote") or notice.get("edNote")
    assert (status, note) == ("canceled", "Legal: kill this story.")
    assert "bodies" not in notice and notice["headlines"][0]["value"] == article.title
    listed = get(client, key, "/api/ninjs/withdrawals/", version=version).json()["items"]
    assert [n["uri"] for n in listed] == [notice["uri"]]
    assert_valid(listed, version)
    items = get(client, key, "/api/ninjs/items/").json()["items"]
    assert notice["uri"] not in [item["uri"] for item in items]
    feed = client.get("/en/feeds/withdrawn/rss/").content.decode()
    assert f"KILL: {escape(article.title)}" in feed and "Legal: kill this story." in feed
    assert escape(article.title) not in client.get("/en/feeds/rss/").content.decode()
    # Published again, it is an item once more and no longer a withdrawal.
    article.refresh_from_db()
    article.save_revision().publish()
    assert get(client, key, f"/api/ninjs/items/{article.id}/").json()["pubstatus"] == "usable"
    assert get(client, key, "/api/ninjs/withdrawals/").json()["items"] == []


def test_a_correction_is_told_to_clients_and_search_engines(client, newsroom, key):
    from django.utils import timezone

    from dateline.newsroom.models import ArticleCorrection

    article = newsroom.with_photo
    ArticleCorrection.objects.create(
        page=article, corrected_at=timezone.now(), text="An earlier version misspelt a name."
    )
    document = get(client, key, f"/api/ninjs/items/{article.id}/").json()
    assert document["ednote"] == "An earlier version misspelt a name."
    assert_valid([document], "2.2")
    html = client.get(article.url).content.decode()
    assert '"@type": "CorrectionComment"' in html and "misspelt a name" in html


def test_changes_since_a_version_and_etags_make_polling_cheap(client, newsroom, key):
    for article in newsroom.published:  # as editors publish: each live version a revision
        article.save_revision().publish()
    first = get(client, key, "/api/ninjs/changes/", limit=1)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(
        "/api/ninjs/changes/", {"limit": 1}, HTTP_X_API_KEY=key, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304, "the same answer is not sent twice"
    seen, url = [], "/api/ninjs/changes/?limit=1"
    while url:
        page = client.get(url, HTTP_X_API_KEY=key).json()
        seen += [int(item["version"]) for item in page["items"]]
        url = page["next"]
    assert seen == sorted(seen) and len(seen) == len(newsroom.published)
    article = newsroom.with_photo
    article.title = "Updated headline"
    article.save_revision().publish()
    newer = get(client, key, "/api/ninjs/changes/", since_version=seen[-1]).json()["items"]
    assert [item["headlines"][0]["value"] for item in newer] == ["Updated headline"]
    assert get(client, key, "/api/ninjs/changes/", since_version=-1).status_code == 400

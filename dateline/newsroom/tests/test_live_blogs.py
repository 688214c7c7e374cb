"""Live blogs: entries are rows posted from the desk, shown on the page without
JavaScript, pushed to open pages over the stream, described as LiveBlogPosting."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from dateline.live.models import NewsEvent
from dateline.newsroom.liveblog import entry_delete, entry_edit, entry_post
from dateline.newsroom.models import LiveBlogPage
from dateline.newsroom.tests.factories import article_for_test, edition_tree, photo_for_test

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog():
    tree = edition_tree()
    return article_for_test(
        tree.sections["en-russia"],
        title="Storm hits the coast: live",
        model=LiveBlogPage,
        key_events="<ul><li>Port closed</li></ul>",
    )


def test_entries_are_rows_shown_on_the_page_latest_first_pinned_on_top(client, blog, admin_user):
    revisions = blog.revisions.count()
    first = entry_post(blog=blog, author=admin_user, fields={"text": "<p>Winds rise.</p>"})
    photo = photo_for_test(caption="The harbour", creator="Anna Lee")
    second = entry_post(
        blog=blog,
        author=admin_user,
        fields={"title": "Port closed", "photo": photo, "quote": "Stay home.", "quote_by": "Mayor"},
    )
    card = entry_post(
        blog=blog,
        author=None,
        fields={
            "card_author": "Coast Guard",
            "card_handle": "@coastguard",
            "card_text": "All boats <b>return</b> now.",
            "card_url": "https://social.example/coastguard/1",
            "pinned": True,
        },
    )
    assert blog.revisions.count() == revisions, "entries make no page revision"
    html = client.get(blog.url).content.decode()
    assert html.index(f'id="entry-{card.pk}"') < html.index(f'id="entry-{second.pk}"')
    assert html.index(f'id="entry-{second.pk}"') < html.index(f'id="entry-{first.pk}"')
    assert "Winds rise." in html and "Port closed" in html and "Stay home." in html
    assert "All boats &lt;b&gt;return&lt;/b&gt; now." in html, "card text is escaped"
    assert "<script" not in html.split('id="liveblog"')[1].split("</section>")[-2]
    assert "Key events" in html and "Port closed" in html
    ld = [
        document
        for part in html.split('<script type="application/ld+json"')[1:]
        for document in json.loads(part.split(">", 1)[1].split("</script>")[0])
    ]
    posting = next(d for d in ld if d["@type"] == "LiveBlogPosting")
    assert posting["coverageStartTime"] and "coverageEndTime" not in posting
    updates = posting["liveBlogUpdate"]
    assert [u["url"].rsplit("#", 1)[1] for u in updates] == [
        f"entry-{e.pk}" for e in (card, second, first)
    ]
    assert updates[1]["headline"] == "Port closed"
    # A new entry is described at once: the head is not kept past an entry.
    entry_post(blog=blog, author=admin_user, fields={"text": "<p>Rain stops.</p>"})
    assert "Rain stops." in client.get(blog.url).content.decode().split("</head>")[0]


def test_an_entry_that_says_nothing_is_refused_and_nothing_is_stored(blog, admin_user):
    with pytest.raises(ValidationError):
        entry_post(blog=blog, author=admin_user, fields={"text": ""})
    with pytest.raises(ValidationError):
        entry_post(blog=blog, author=admin_user, fields={"card_text": "Who said it?"})
    assert not blog.entries.exists()
    assert not NewsEvent.objects.filter(kind__startswith="entry").exists()


def test_every_entry_change_is_an_outbox_event_and_a_deleted_entry_leaves_no_words(
    blog, admin_user
):
    entry = entry_post(blog=blog, author=admin_user, fields={"text": "<p>Winds rise.</p>"})
    entry_edit(entry=entry, fields={"text": "<p>Winds fall.</p>"}, correction="Direction.")
    events = list(NewsEvent.objects.filter(page_key=blog.pk, kind="entry").order_by("id"))
    assert [e.data["entry"] for e in events] == [entry.pk, entry.pk]
    assert "Winds fall." in events[-1].data["html"] and "Direction." in events[-1].data["html"]
    entry_delete(entry=entry)
    gone = NewsEvent.objects.filter(page_key=blog.pk).order_by("id").last()
    assert (gone.kind, gone.data) == ("entry-deleted", {"entry": entry.pk})
    assert not any(
        "Winds" in e.data.get("html", "") for e in NewsEvent.objects.filter(page_key=blog.pk)
    )


def _unpublish(blog):
    from dateline.newsroom.services import article_unpublish

    article_unpublish(article=blog)


def _restrict(blog):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=blog, restriction_type=PageViewRestriction.LOGIN)


def _reschedule(blog):
    from datetime import timedelta

    from django.utils import timezone

    from dateline.newsroom.services import article_publish

    _unpublish(blog)
    article_publish(article=blog, go_live_at=timezone.now() + timedelta(days=1))


@pytest.mark.parametrize(
    "hide", [_unpublish, _restrict, _reschedule], ids=["unpublish", "restrict", "reschedule"]
)
def test_entries_of_a_blog_the_public_cannot_read_are_nowhere(
    client, blog, admin_user, hide, django_capture_on_commit_callbacks
):
    from dateline.live.selectors import news_events_since
    from dateline.syndication.services import api_key_create

    before = entry_post(blog=blog, author=admin_user, fields={"text": "<p>Said before.</p>"})
    with django_capture_on_commit_callbacks(execute=True):  # as its commit would
        hide(blog)
    entry_post(blog=blog, author=admin_user, fields={"text": "<p>Said after.</p>"})
    assert NewsEvent.objects.filter(kind="entry").count() == 1, "only while it was public"
    replayed = news_events_since(locale_id=blog.locale_id, after_id=0)
    assert not [e for e in replayed if e.kind == "entry"], "not replayed once hidden"
    page = client.get(f"/en/russia/{blog.slug}/")
    assert page.status_code != 200 or "Said" not in page.content.decode()
    _record, key = api_key_create(name="Partner")
    body = client.get("/api/ninjs/items/", HTTP_X_API_KEY=key).content.decode()
    assert "Said" not in body and f"liveblog-entry:{before.pk}" not in body
    assert client.get(f"/api/ninjs/items/{blog.pk}/", HTTP_X_API_KEY=key).status_code == 404


def signed_in(client, group: str):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(f"{group.lower()}-desk", password="pw", first_name="Ana")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def test_editors_post_edit_correct_pin_and_delete_from_the_desk(client, blog):
    signed_in(client, "Editors")
    desk = f"/admin/liveblogs/{blog.pk}/desk/"
    assert desk in client.get(f"/admin/pages/{blog.pk}/edit/").content.decode()  # its menu
    assert client.get(desk).status_code == 200
    refused = client.post(desk, {"text": "  "})
    assert refused.status_code == 200 and b"An entry needs text" in refused.content
    posted = client.post(desk, {"text": "Winds rise <fast>.\n\nSee https://example.org/x"})
    assert posted.status_code == 302
    entry = blog.entries.get()
    assert entry.byline == "Ana"
    assert entry.text.startswith(
        '<p>Winds rise &lt;fast&gt;.</p><p>See <a href="https://example.org/x"'
    )
    change = f"/admin/liveblogs/entries/{entry.pk}/"
    form = client.get(change)
    assert "Winds rise &lt;fast&gt;.\n\nSee https://example.org/x" in form.content.decode()
    client.post(change, {"text": "Winds fall.", "correction_note": "Direction."})
    entry.refresh_from_db()
    assert (entry.text, entry.correction) == ("<p>Winds fall.</p>", "Direction.")
    assert entry.corrected_at is not None
    client.post(f"/admin/liveblogs/entries/{entry.pk}/pin/")
    entry.refresh_from_db()
    assert entry.pinned
    assert client.get(f"/admin/liveblogs/entries/{entry.pk}/delete/").status_code == 405
    client.post(f"/admin/liveblogs/entries/{entry.pk}/delete/")
    assert not blog.entries.exists()


def test_only_those_who_may_publish_the_blog_use_its_desk(client, blog):
    from dateline.newsroom.liveblog import entry_post as post

    entry = post(blog=blog, author=None, fields={"text": "<p>Kept.</p>"})
    signed_in(client, "Reporters")
    editor = client.get(f"/admin/pages/{blog.pk}/edit/")
    assert editor.status_code == 200 and "/desk/" not in editor.content.decode()
    for url in (
        f"/admin/liveblogs/{blog.pk}/desk/",
        f"/admin/liveblogs/entries/{entry.pk}/",
        f"/admin/liveblogs/entries/{entry.pk}/delete/",
        f"/admin/liveblogs/entries/{entry.pk}/pin/",
    ):
        answer = client.post(url, {"text": "Sneaked in"})
        assert answer.status_code in (302, 403), url
    assert list(blog.entries.values_list("text", flat=True)) == ["<p>Kept.</p>"]
    client.logout()
    assert client.get(f"/admin/liveblogs/{blog.pk}/desk/").status_code == 302


def test_a_live_blog_is_fed_mapped_and_marked_live_until_its_coverage_ends(
    client, blog, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from dateline.newsroom.services import article_publish

    for url in ("/en/feeds/rss/", "/en/feeds/section/russia/atom/", "/sitemap-news.xml"):
        assert blog.slug in client.get(url).content.decode(), url
    newsfeed = client.get("/en/").content.decode().split('class="newsfeed__list"')[1]
    item = newsfeed.split(f'data-id="{blog.pk}"')[1].split("</li>")[0]
    assert "badge--live" in item
    blog.coverage_end = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):  # as its commit would
        article_publish(article=blog)
    newsfeed = client.get("/en/").content.decode().split('class="newsfeed__list"')[1]
    assert "badge--live" not in newsfeed.split(f'data-id="{blog.pk}"')[1].split("</li>")[0]
    page = client.get(blog.url).content.decode()
    assert "This coverage has ended." in page and '"coverageEndTime"' in page

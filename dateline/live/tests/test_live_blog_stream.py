"""A live blog's entries reach its open pages over the one stream a page opens: posted,
edited and deleted, in order, replayed after a reconnect; other streams never get them."""

import pytest

from dateline.live.models import NewsEvent
from dateline.live.tests.sse import EventStream
from dateline.newsroom.liveblog import entry_delete, entry_edit, entry_post
from dateline.newsroom.models import LiveBlogPage
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_entries_reach_the_blogs_stream_only_in_order_and_replay_after_a_reconnect(
    server, admin_user
):
    tree = edition_tree()
    section = tree.sections["en-russia"]
    blog = article_for_test(section, title="Storm: live", model=LiveBlogPage, live=False)
    article_publish(article=blog)
    published = NewsEvent.objects.order_by("-id").first()
    assert (published.kind, published.data) == ("published", {"live": True})
    base = f"{server}/en/live/newsfeed/?last_event_id={published.id}"
    with (
        EventStream(f"{base}&liveblog={blog.pk}") as reader,
        EventStream(base) as newsfeed,
    ):
        first = entry_post(blog=blog, author=admin_user, fields={"text": "<p>Winds rise.</p>"})
        second = entry_post(blog=blog, author=admin_user, fields={"title": "Port closed"})
        entry_edit(entry=first, fields={"text": "<p>Winds fall.</p>"})
        entry_delete(entry=second)
        got = [reader.next() for _ in range(4)]
        assert [(e.kind, e.data["entry"]) for e in got] == [
            ("entry", first.pk),
            ("entry", second.pk),
            ("entry", first.pk),
            ("entry-deleted", second.pk),
        ]
        assert "Winds rise." in got[0].data["html"] and "Winds fall." in got[2].data["html"]
        assert got[0].data["page"] == blog.pk
        # The plain newsfeed is not sent entries: its next event is the next publish.
        other = article_for_test(section, title="Elsewhere", live=False)
        article_publish(article=other)
        assert newsfeed.next().data["headline"] == "Elsewhere"
    # A reader reconnecting from before the entries is replayed them, less the deleted words.
    with EventStream(f"{base}&liveblog={blog.pk}") as again:
        replayed = [again.next() for _ in range(4)]
        assert [e.data["entry"] for e in replayed] == [first.pk, second.pk, first.pk, second.pk]
        assert "Port closed" not in replayed[1].data.get("html", "")

"""Redis goes away under a running site (scale profile) and comes back: pages keep being
served from the database, publishing succeeds, open newsfeeds still get the news, and the
cache is used again once Redis returns."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches

from dateline.comments.tests.factories import reader_for_test
from dateline.live.models import NewsEvent
from dateline.live.tests.sse import EventStream
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree
from dateline.settings.base import redis_cache

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class RedisServer:
    def __init__(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - Debian's redis-server
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],  # noqa: S607
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while socket.socket().connect_ex(("127.0.0.1", self.port)) != 0:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(10)


@pytest.fixture
def redis(settings):
    """A Redis server of the test's own (to kill), as the site's cache and channel layer."""
    import os

    if shutil.which("redis-server") is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing: .ci/run installs Debian's redis-server")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": redis_cache(server.url),
        "renditions": redis_cache(server.url, "renditions"),
        "ratelimit": redis_cache(server.url, "ratelimit"),
    }
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [server.url]},
        }
    }
    yield server
    if server.process and server.process.poll() is None:
        server.stop()


def test_the_site_serves_and_publishes_through_a_redis_outage(client, redis, asgi_server):
    tree = edition_tree()
    section = tree.sections["en-russia"]
    article = article_for_test(section, title="Before the outage")
    pages = ["/en/", "/en/russia/", article.url, "/en/feeds/rss/", "/sitemap.xml"]
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert caches["default"].get("dateline:generation") is not None  # the cache is in use

    stream = EventStream(f"{asgi_server}/en/live/newsfeed/")
    redis.stop()
    try:
        for url in pages:
            assert client.get(url).status_code == 200, url
        draft = article_for_test(section, title="During the outage", live=False)
        article_publish(article=draft)  # publishing goes through
        assert NewsEvent.objects.filter(headline="During the outage").exists()
        assert "During the outage" in client.get("/en/russia/").content.decode()
        assert stream.next(within=10).data["headline"] == "During the outage"
        # Actions limited per reader are refused while their counters cannot be read.
        client.force_login(reader_for_test("Anna"))
        response = client.post(
            f"/en/comments/{article.id}/",
            {"body": "Hello"},
            headers={"X-Requested-With": "fetch"},
        )
        assert response.status_code == 429, response.content
        client.logout()
    finally:
        stream.close()

    redis.start()
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert caches["default"].get("dateline:generation") is not None  # and in use again

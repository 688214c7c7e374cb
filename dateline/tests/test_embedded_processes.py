"""The embedded profile on several server processes (as `make run` serves it on a machine
with more than one core): what one process or a command changes reaches the pages every
process keeps in memory, and a chat message reaches readers on every process, without
Redis."""

import asyncio
import json
import time
from contextlib import ExitStack

import httpx
import pytest
import websockets

from dateline.core.tests.processes import database_copy, manage, process_environment, served

SETUP = """
from dateline.chats.models import ChatIndexPage, ChatRoomPage
from dateline.newsroom.tests.factories import article_for_test, edition_tree
tree = edition_tree()
standing = article_for_test(tree.sections["en-russia"], title="Standing story")
article_for_test(tree.sections["en-russia"], title="Across processes", live=False)
index = tree.homes["en"].add_child(instance=ChatIndexPage(title="Chats", slug="chats"))
room = index.add_child(instance=ChatRoomPage(title="General", slug="general"))
print(room.id, standing.url)
"""
PUBLISH = """
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish
article_publish(article=ArticlePage.objects.get(title="Across processes"))
"""
UNPUBLISH = """
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_unpublish
article_unpublish(article=ArticlePage.objects.get(title="Standing story"))
"""
CHAT = """
from dateline.chats.models import ChatRoomPage
from dateline.chats.services import chat_message_post
from dateline.comments.tests.factories import reader_for_test
chat_message_post(author=reader_for_test("Anna"), room=ChatRoomPage.objects.get(), body="Hi all")
"""
DEADLINE = 10.0  # seconds; the watchers read every fraction of a second (figures in bench/)


@pytest.fixture(scope="module")
def site(tmp_path_factory, _migrated_template):
    """Set up once for the module; each test gets a copy (`environment`)."""
    template = tmp_path_factory.mktemp("site")
    database_copy(_migrated_template, template)
    env = process_environment(template, DATELINE_SCHEDULER_IN_PROCESS="false")
    room_id, article_url = manage(env, "shell", "-c", SETUP).strip().splitlines()[-1].split()
    return template, {"ROOM_ID": room_id, "ARTICLE_URL": article_url}


@pytest.fixture
def environment(tmp_path, site):
    template, names = site
    database_copy(template, tmp_path)
    return {**process_environment(tmp_path, DATELINE_SCHEDULER_IN_PROCESS="false"), **names}


def until(condition, what: str) -> float:
    """Seconds until `condition()` holds; fails past the deadline."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < DEADLINE, what
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_change_made_anywhere_reaches_the_pages_every_process_keeps(environment):
    with ExitStack() as stack:
        servers = [stack.enter_context(served(environment)) for _ in range(2)]
        article = environment["ARTICLE_URL"]
        for base in servers:
            for path in ("/en/", article):
                httpx.get(base + path)
                assert httpx.get(base + path).headers.get("x-cache") == "hit", (base, path)

        manage(environment, "shell", "-c", PUBLISH)  # a third process publishes
        for base in servers:
            until(lambda b=base: "Across processes" in httpx.get(b + "/en/").text, "home")
            # The article's own page did not show the change: still kept.
            assert httpx.get(base + article).headers.get("x-cache") == "hit"

        manage(environment, "shell", "-c", UNPUBLISH)
        for base in servers:
            until(lambda b=base: httpx.get(b + article).status_code == 404, "withdrawn")
            assert "Standing story" not in httpx.get(base + "/en/").text


def test_without_the_page_cache_every_process_still_follows_a_change(environment):
    # Each process still keeps reads in memory (the edition chrome, listings, the page an
    # address leads to): those must follow a change made elsewhere just the same.
    uncached = {**environment, "DATELINE_PAGE_CACHE": "off"}
    with ExitStack() as stack:
        servers = [stack.enter_context(served(uncached)) for _ in range(2)]
        article = environment["ARTICLE_URL"]
        for base in servers:
            for path in ("/en/", article):
                response = httpx.get(base + path)
                assert response.status_code == 200 and "x-cache" not in response.headers

        manage(environment, "shell", "-c", UNPUBLISH)
        manage(environment, "shell", "-c", PUBLISH)
        for base in servers:
            until(lambda b=base: httpx.get(b + article).status_code == 404, "withdrawn")
            home = httpx.get(base + "/en/").text
            assert "Across processes" in home and "Standing story" not in home


def test_a_chat_message_reaches_readers_on_every_process(environment):
    async def read_message(base: str, ready: asyncio.Event, count: list[int]) -> dict:
        url = base.replace("http://", "ws://") + f"/ws/chats/{environment['ROOM_ID']}/"
        async with websockets.connect(url, origin=base) as socket_:
            assert json.loads(await socket_.recv())["type"] == "hello"
            count.append(1)
            if len(count) == 2:
                ready.set()
            while True:
                frame = json.loads(await asyncio.wait_for(socket_.recv(), DEADLINE))
                if frame["type"] == "message":
                    return frame

    async def scenario(servers: list[str]) -> list[dict]:
        ready, count = asyncio.Event(), []
        readers = [asyncio.create_task(read_message(b, ready, count)) for b in servers]
        await asyncio.wait_for(ready.wait(), DEADLINE)
        await asyncio.to_thread(manage, environment, "shell", "-c", CHAT)
        return await asyncio.gather(*readers)

    with ExitStack() as stack:
        servers = [stack.enter_context(served(environment)) for _ in range(2)]
        frames = asyncio.run(scenario(servers))
    assert [frame["html"] for frame in frames] == ["Hi all", "Hi all"]

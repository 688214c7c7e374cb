"""A reader on a server process gets news published by another process (a command, the
worker, the scheduler), in the embedded profile and with Redis alike."""

import os
import time

import httpx
import pytest

from dateline.core.tests.processes import manage, process_environment, served

REDIS_URL = os.environ.get("DATELINE_TEST_REDIS_URL", "")
SETUP = """
from dateline.newsroom.tests.factories import article_for_test, edition_tree
tree = edition_tree()
article_for_test(tree.sections["en-russia"], title="Across processes", live=False)
"""
PUBLISH = """
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish
article_publish(article=ArticlePage.objects.get(title="Across processes"))
"""


@pytest.fixture(params=["embedded", "redis"])
def environment(request, migrated_site):
    redis = request.param == "redis"
    if redis and not REDIS_URL:
        if os.environ.get("CI"):
            pytest.fail("DATELINE_TEST_REDIS_URL is unset: .ci/run starts Redis and sets it")
        pytest.skip("set DATELINE_TEST_REDIS_URL to a Redis server to run this test")
    # Long keep-alives: the event must come from the server's outbox watcher.
    env = process_environment(
        migrated_site, REDIS_URL=REDIS_URL if redis else "", DATELINE_LIVE_KEEPALIVE="60"
    )
    manage(env, "shell", "-c", SETUP)
    return env


def test_event_published_in_one_process_reaches_a_reader_on_another(environment):
    with (
        served(environment) as base,
        httpx.stream("GET", f"{base}/en/live/newsfeed/", timeout=10) as response,
    ):
        assert response.status_code == 200
        lines = response.iter_lines()
        assert next(lines).startswith("retry:")  # subscribed
        started = time.monotonic()
        manage(environment, "shell", "-c", PUBLISH)  # another process publishes
        received = []
        for line in lines:
            received.append(line)
            if line.startswith("data:"):
                break
        assert any("Across processes" in line for line in received), received
        # Well before the next keep-alive: the watcher found it (the figure is in bench/).
        assert time.monotonic() - started < 30

"""A reader on a server process gets news published by another process (a command, the
worker, the scheduler), in the embedded profile and with Redis alike."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.conf import settings

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
def environment(request, tmp_path):
    redis = request.param == "redis"
    if redis and not REDIS_URL:
        if os.environ.get("CI"):
            pytest.fail("DATELINE_TEST_REDIS_URL is unset: .ci/run starts Redis and sets it")
        pytest.skip("set DATELINE_TEST_REDIS_URL to a Redis server to run this test")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "DATELINE_VAR_DIR": str(tmp_path),
        "REDIS_URL": REDIS_URL if redis else "",
        # Long keep-alives: the event must come from the server's outbox watcher.
        "DATELINE_LIVE_KEEPALIVE": "60",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "shell", "-c", SETUP)
    return env


def manage(env: dict, *args: str) -> None:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_event_published_in_one_process_reaches_a_reader_on_another(environment):
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own server
        [
            str(Path(sys.executable).parent / "uvicorn"),
            "dateline.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        env={**environment, "ALLOWED_HOSTS": "127.0.0.1"},
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        with httpx.stream(
            "GET", f"http://127.0.0.1:{port}/en/live/newsfeed/", timeout=10
        ) as response:
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
    finally:
        server.terminate()
        server.wait(timeout=10)

"""The scale profile for real, as `make scale` starts it: PostgreSQL, Redis, Varnish with
xkey in front of two web processes on two hosts (network namespaces, each with its own
address, sharing the media folder), a scheduler and a worker, all under supervisord.
Everything goes through the proxy as a reader's browser would.

Needs root (PostgreSQL's own user, the namespaces) and Debian's postgresql, redis-server,
varnish, varnish-modules, supervisor and iproute2: skipped without them, failed under CI.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx
import pytest

from dateline.live.tests.sse import EventStream
from dateline.tests.netns import hosts_make, hosts_remove, netns_available
from deploy.scale import DEBIAN_PACKAGES, ROOT, Stack, _installed

SEED = "/en/russia/lavrov-miliband-extradition/"
SECTION = "/en/russia/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def stack():
    missing = [package for name, package in DEBIAN_PACKAGES.items() if not _installed(name)]
    reason = ""
    if os.geteuid() != 0 or not netns_available():
        reason = "needs root and iproute2 (PostgreSQL's own user, network namespaces)"
    elif missing:
        reason = f"needs Debian's {' '.join(missing)}"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"The scale stack {reason}: .ci/run installs them")
        pytest.skip(f"The scale stack {reason}")
    root = Path(tempfile.mkdtemp(prefix="dateline-scale-"))
    root.chmod(0o755)  # PostgreSQL runs as its own user under it
    hosts = hosts_make(2, tag=str(os.getpid() % 10000))
    stack = Stack(
        root=root,
        port=_free_port(),
        web_processes=2,
        workers=1,
        postgres_port=_free_port(),
        redis_port=_free_port(),
        web_port=_free_port(),
        hosts=hosts,
        debian_install=False,
    )
    try:
        stack.start(say=lambda text: None)
        yield stack
    finally:
        stack.stop()
        hosts_remove(hosts)
        shutil.rmtree(root, ignore_errors=True)


def get(stack: Stack, path: str, **kwargs) -> httpx.Response:
    return httpx.get(stack.url + path, timeout=30, **kwargs)


def shell(stack: Stack, code: str) -> dict:
    """Run `code` in `manage.py shell` on the first host; it prints one JSON object."""
    return json.loads(stack.manage("shell", "-c", code).strip().splitlines()[-1])


PUBLISH = """
import json
from dateline.newsroom.models import ArticlePage, SectionPage
from dateline.newsroom.services import article_publish
section = SectionPage.objects.get(slug="russia", locale__language_code="en")
article = ArticlePage(title={title!r}, slug={slug!r}, lede="A lede.", locale=section.locale)
section.add_child(instance=article)
article.topics.add("Scale")
article_publish(article=article)
article.refresh_from_db()
print(json.dumps({{"id": article.id, "url": article.url}}))
"""

EDIT = """
import json
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish
article = ArticlePage.objects.get(url_path__endswith="/russia/lavrov-miliband-extradition/",
                                  locale__language_code="en")
article.title = {title!r}
article_publish(article=article)
print(json.dumps({{"id": article.id}}))
"""


def _warm(stack: Stack, paths: list[str]) -> None:
    for path in paths:
        get(stack, path)
        assert get(stack, path).headers["x-cache"] == "hit", path


def test_a_second_request_is_a_cache_hit_and_carries_no_cookie_or_key(stack):
    first = get(stack, SEED, cookies={"csrftoken": "x", "_ga": "y"})
    second = get(stack, SEED)
    assert first.status_code == second.status_code == 200
    assert second.headers["x-cache"] == "hit"
    assert "set-cookie" not in second.headers
    assert "xkey" not in second.headers  # the keys are the proxy's business


def test_publishing_purges_the_section_home_feeds_and_sitemaps(stack):
    listings = [SECTION, "/en/", "/en/feeds/rss/", "/en/feeds/section/russia/atom/"]
    _warm(stack, [*listings, "/sitemap-articles.xml"])
    title = f"Scale headline {time.time_ns()}"
    shell(stack, PUBLISH.format(title=title, slug=f"scale-{time.time_ns()}"))
    # The purge went out when the publish committed: the very next request is fresh.
    for path in listings:
        response = get(stack, path)
        assert response.headers["x-cache"] == "miss", path
        assert title in response.text, path
    assert get(stack, "/sitemap-articles.xml").headers["x-cache"] == "miss"


def test_an_edit_purges_the_article_and_every_listing_of_it(stack):
    _warm(stack, [SEED, SECTION, "/en/"])
    title = f"Lavrov edited {time.time_ns()}"
    shell(stack, EDIT.format(title=title))
    for path in (SEED, SECTION, "/en/"):
        assert title in get(stack, path).text, path


def test_signed_in_readers_pass_and_anonymous_cookies_are_dropped(stack):
    get(stack, SEED)
    signed_in = get(stack, SEED, cookies={"sessionid": "abc"})
    assert signed_in.headers["x-cache"] == "miss"
    assert get(stack, SEED, cookies={"sessionid": "abc"}).headers["x-cache"] == "miss"


def test_renditions_are_cached_and_originals_are_never_served(stack):
    page = get(stack, SEED).text
    rendition = page.split('src="/media/images/', 1)[1].split('"', 1)[0]
    get(stack, f"/media/images/{rendition}")
    assert get(stack, f"/media/images/{rendition}").headers["x-cache"] == "hit"
    originals = list((stack.site_dir / "media" / "original_images").iterdir())
    assert originals
    for path in (
        f"/media/original_images/{originals[0].name}",
        f"/media/images/../original_images/{originals[0].name}",
        f"/media/images/%2e%2e/original_images/{originals[0].name}",
    ):
        response = get(stack, path)
        assert response.status_code == 404, path
        assert response.content != originals[0].read_bytes()


def test_the_newsfeed_streams_through_the_proxy_unbuffered(stack):
    stream = EventStream(f"{stack.url}/en/live/newsfeed/", timeout=30)
    try:
        assert stream.response.status_code == 200
        title = f"Streamed headline {time.time_ns()}"
        shell(stack, PUBLISH.format(title=title, slug=f"streamed-{time.time_ns()}"))
        event = stream.next(within=15)
        while event.data.get("headline") != title:
            event = stream.next(within=15)
        assert event.kind == "published"
    finally:
        stream.close()


LIVE_BLOG = """
import json
from dateline.newsroom.models import LiveBlogPage, SectionPage
from dateline.newsroom.services import article_publish
section = SectionPage.objects.get(slug="russia", locale__language_code="en")
blog = LiveBlogPage(title={title!r}, slug={slug!r}, lede="As it happens.", locale=section.locale)
section.add_child(instance=blog)
article_publish(article=blog)
blog.refresh_from_db()
print(json.dumps({{"id": blog.id, "url": blog.url}}))
"""

ENTRY = """
import json
from dateline.newsroom.liveblog import entry_post
from dateline.newsroom.models import LiveBlogPage
entry = entry_post(blog=LiveBlogPage.objects.get(pk={blog}), author=None,
                   fields={{"text": "<p>{text}</p>"}})
print(json.dumps({{"id": entry.id}}))
"""


def test_a_live_blog_is_a_cache_hit_while_entries_flow_to_its_open_streams(stack):
    """Entries reach open pages over the stream; the page itself stays a proxy hit, each
    entry purging it once (its next reader renders it, with the entry, for everyone)."""
    stamp = time.time_ns()
    blog = shell(stack, LIVE_BLOG.format(title=f"Live {stamp}", slug=f"live-{stamp}"))
    _warm(stack, [blog["url"]])
    stream = EventStream(f"{stack.url}/en/live/newsfeed/?liveblog={blog['id']}", timeout=30)
    hits = 0
    try:
        for number in range(3):
            text = f"Entry {number} of {stamp}"
            entry = shell(stack, ENTRY.format(blog=blog["id"], text=text))
            event = stream.next(within=15)
            while event.kind != "entry":
                event = stream.next(within=15)
            assert (event.data["entry"], text in event.data["html"]) == (entry["id"], True)
            fresh = get(stack, blog["url"])
            assert fresh.headers["x-cache"] == "miss" and text in fresh.text
            for _reader in range(5):
                hits += get(stack, blog["url"]).headers["x-cache"] == "hit"
    finally:
        stream.close()
    assert hits == 15, "between entries every reader is served by the proxy"


def test_websocket_upgrades_pass_through(stack):
    import websockets.sync.client

    room = shell(
        stack,
        "import json; from dateline.chats.models import ChatRoomPage; "
        "print(json.dumps({'id': ChatRoomPage.objects.live().first().id}))",
    )
    with websockets.sync.client.connect(
        f"ws://127.0.0.1:{stack.port}/ws/chats/{room['id']}/", origin=stack.url, open_timeout=10
    ) as chat:
        message = json.loads(chat.recv(timeout=10))  # the room's history, then live messages
        assert isinstance(message, dict)


def test_purging_is_for_the_applications_hosts_only(stack):
    request = urllib.request.Request(  # noqa: S310 - loopback
        stack.url + "/", method="PURGE", headers={"xkey-purge": "no-response-carries-this"}
    )
    # From the application's hosts: taken; a key nothing carries purges nothing.
    with urllib.request.urlopen(request) as response:  # noqa: S310
        assert response.status == 200
        assert response.read().strip() == b"Purged 0"
    # From any other address (127.0.0.2 is this machine too, but not in the list): refused.
    with socket.create_connection(("127.0.0.1", stack.port), source_address=("127.0.0.2", 0)) as s:
        s.sendall(b"PURGE / HTTP/1.1\r\nHost: x\r\nxkey-purge: sitemaps\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 403")


def test_a_process_that_dies_is_restarted_and_the_log_says_so(stack):
    status = stack.ctl("status", "app:web1")
    pid = int(status.split("pid ", 1)[1].split(",", 1)[0])
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = stack.ctl("status", "app:web1")
        if "RUNNING" in status and f"pid {pid}," not in status:
            break
        time.sleep(0.2)
    assert "RUNNING" in status and f"pid {pid}," not in status
    log = (stack.log_dir / "supervisord.log").read_text()
    assert "exited: web1 (terminated by SIGKILL; not expected)" in log


def test_with_every_backend_down_cached_pages_are_still_served(stack):
    _warm(stack, [SEED])
    stack.ctl("stop", "app:web1", "app:web2")
    try:
        response = get(stack, SEED)
        assert response.status_code == 200 and response.headers["x-cache"] == "hit"
        never_cached = get(stack, f"/en/search/?q=nothing-{time.time_ns()}")
        assert never_cached.status_code == 503
        assert never_cached.headers["retry-after"]
    finally:
        stack.ctl("start", "app:web1", "app:web2")
        _until_ok(stack, "/en/")


def test_a_dead_database_is_a_503_with_retry_after_and_stale_pages_meanwhile(stack):
    _warm(stack, [SEED])
    backend = f"http://{stack.hosts[0].address}:{stack.web_port}"
    stack.ctl("stop", "postgres")
    try:
        # Straight to a web process on its host, past the proxy.
        direct = httpx.get(backend + f"/en/search/?q=down-{time.time_ns()}", timeout=30)
        assert direct.status_code == 503 and direct.headers["retry-after"] == "5"
        # The proxy's probe says so at once, answered in front of the queue of pages.
        time.sleep(1.1)
        assert httpx.get(backend + "/healthz/", timeout=10).status_code == 503
        assert get(stack, SEED).status_code == 200
    finally:
        stack.ctl("start", "postgres")
    _until_ok(stack, f"/en/search/?q=up-{time.time_ns()}")
    # The probe answers what its last check (at most a second old) found: healthy again
    # within a few of them, whichever process served the search above.
    deadline = time.monotonic() + 10
    while httpx.get(backend + "/healthz/", timeout=10).status_code != 200:
        assert time.monotonic() < deadline, "the probe never said healthy again"
        time.sleep(0.5)


def _until_ok(stack: Stack, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(stack, path).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{path} did not come back within {seconds} s")


def test_a_backup_of_the_running_site_restores_into_an_empty_cluster_and_serves_it(stack):
    from dateline.core.tests.postgres import PrivatePostgres

    archive = stack.root / "site.tar"
    output = stack.manage("backup", str(archive), "-v0")
    assert "media files" in output
    work = Path(tempfile.mkdtemp(prefix="dateline-restore-"))
    work.chmod(0o755)
    cluster = PrivatePostgres(work / "pg", _free_port())
    cluster.create()  # a new server with an empty database
    try:
        env = {
            **stack.environment(stack.hosts[0]),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/dateline",
            "DATELINE_VAR_DIR": str(work / "site"),
            "REDIS_URL": "",
            "DATELINE_PURGE_PROXIES": "",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        run = {"cwd": ROOT, "text": True}
        restored = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "restore", str(archive), "-v0"],
            env={**os.environ, **env},
            capture_output=True,
            check=False,
            **run,
        )
        assert restored.returncode == 0, restored.stderr
        # Restoring twice would mix two sites: refused, with the reason.
        again = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "restore", str(archive)],
            env={**os.environ, **env},
            capture_output=True,
            check=False,
            **run,
        )
        assert again.returncode != 0 and "not empty" in again.stderr
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            env={**os.environ, **env},
            check=True,
            **run,
        )
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "uvicorn", "dateline.asgi:application", "--port", str(port)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **run,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    page = httpx.get(base + SEED, timeout=10)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the restored site did not start"
                    time.sleep(0.3)
            assert page.status_code == 200
            original = get(stack, SEED)
            headline = original.text.split("<h1", 1)[1].split("</h1>", 1)[0]
            assert headline in page.text
            rendition = page.text.split('src="/media/images/', 1)[1].split('"', 1)[0]
            copy = httpx.get(f"{base}/media/images/{rendition}", timeout=10)
            assert copy.status_code == 200
            assert copy.content == get(stack, f"/media/images/{rendition}").content
        finally:
            server.terminate()
            server.wait(10)
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


def test_pages_leave_the_proxy_compressed_for_readers_who_accept_it(stack):
    get(stack, SEED)
    packed = get(stack, SEED, headers={"accept-encoding": "gzip"})
    plain = get(stack, SEED, headers={"accept-encoding": "identity"})
    assert packed.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert packed.text == plain.text  # httpx unpacks it

"""Project-wide test fixtures."""

import pytest
from django.core.cache import caches


def pytest_runtest_setup(item):
    if item.get_closest_marker("conformance") is not None:
        from dateline.core.tests.conformance import conformance_required

        conformance_required()


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Each test writes its files under its own temporary folder and starts with empty caches."""
    from dateline.core.page_cache import page_store

    settings.MEDIA_ROOT = tmp_path / "media"
    for alias in settings.CACHES:
        caches[alias].clear()
    page_store().clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()
    page_store().clear()


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory):
    """A site's SQLite database, migrated once per test process (see `migrated_site`)."""
    from dateline.core.tests.processes import manage, process_environment

    template = tmp_path_factory.mktemp("migrated")
    manage(process_environment(template), "migrate", "--noinput", "-v0")
    return template


@pytest.fixture
def migrated_site(tmp_path, _migrated_template):
    """This test's own migrated site under `tmp_path`, for Dateline's real processes
    (`dateline.core.tests.processes.process_environment(tmp_path)`): a copy, not a migration."""
    from dateline.core.tests.processes import database_copy

    database_copy(_migrated_template, tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def _demo_snapshot_holder():
    """The demo's snapshot once a test of this process has loaded it (see `demo_database`)."""
    return {}


@pytest.fixture
def demo_database(
    django_db_serialized_rollback,
    transactional_db,
    settings,
    tmp_path_factory,
    _demo_snapshot_holder,
):
    """The demo newsroom in this test's database and media folder, as `make run` shows it.

    The first test of a process loads it (10-20 s) and keeps a snapshot; every later one
    gets the snapshot back in a fraction of a second. Serialized rollback: the test's
    teardown then puts the content types back as they were instead of making new ones, so
    that a later test restoring the serialized database does not collide with them.
    """
    import io

    from dateline.core.tests.snapshots import DatabaseSnapshot
    from dateline.demo.loader import demo_load, staff_ensure

    snapshot = _demo_snapshot_holder.get("demo")
    if snapshot is None:
        demo_load(stdout=io.StringIO())
        staff_ensure()
        snapshot = DatabaseSnapshot(tmp_path_factory.mktemp("demo"), settings.MEDIA_ROOT)
        _demo_snapshot_holder["demo"] = snapshot
    else:
        snapshot.restore(settings.MEDIA_ROOT)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def chromium(monkeypatch):
    """Debian's Chromium driven by Playwright; never a downloaded browser.

    Started for each test: Playwright's sync API leaves the calling context changed, and
    Django keys its database connections by context, so a browser kept across tests
    would hide the connection that pytest-django restores data on.
    """
    import os
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls tests make
    # around it are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def asgi_server(transactional_db, settings):
    """Dateline's ASGI application under uvicorn in a thread, as `make run` serves it.

    Streams (the newsfeed) need a real ASGI server: a WSGI test server would try to read
    an endless stream to its end. The thread shares the test database.
    """
    import socket
    import threading
    import time

    import uvicorn
    from django.db.backends.signals import connection_created

    from dateline.asgi import application

    # The server's threads open their own connections and outlive it (asgiref's executors):
    # closed at the end, or every server test would keep a few and PostgreSQL would run out.
    opened = []
    main = threading.main_thread()

    def remember(sender, connection, **kwargs):
        if threading.current_thread() is not main:
            opened.append(connection)

    connection_created.connect(remember, weak=False, dispatch_uid="asgi_server_connections")
    settings.DATELINE_SCHEDULER_IN_PROCESS = False
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            application, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    connection_created.disconnect(dispatch_uid="asgi_server_connections")
    for connection in opened:
        if connection.connection is not None:  # the thread's own, idle now: closed raw
            connection.connection.close()
            connection.connection = None


class Mailbox:
    """The mail files Django's file backend writes (var/mail/ in the embedded profile)."""

    def __init__(self, folder):
        self.folder = folder

    def messages(self):
        import email

        if not self.folder.exists():
            return []
        found = []
        for path in sorted(self.folder.iterdir(), key=lambda p: p.stat().st_mtime_ns):
            # One file per connection; messages in it are separated by a line of dashes.
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk.lstrip()))
        return found

    def last_to(self, address: str):
        for message in reversed(self.messages()):
            if address in message["To"]:
                return message
        raise AssertionError(f"no mail to {address}")

    @staticmethod
    def text(message) -> str:
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
        raise AssertionError("no text part")

    def link_to(self, address: str, contains: str) -> str:
        import re

        text = self.text(self.last_to(address))
        for url in re.findall(r"https?://\S+", text):
            if contains in url:
                return url
        raise AssertionError(f"no link with {contains!r} in: {text}")


@pytest.fixture
def mailbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return Mailbox(tmp_path / "mail")


@pytest.fixture
def database_url(transactional_db):
    """DATABASE_URL of the database this test runs on, for processes the test starts."""
    from urllib.parse import quote

    from django.db import connection

    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    user = quote(config["USER"] or "")
    password = f":{quote(config['PASSWORD'])}" if config["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
        f"/{config['NAME']}"
    )


@pytest.fixture
def manage_py(database_url, tmp_path):
    """Run `manage.py` in another process on the test's own database."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
        "DATABASE_URL": database_url,
        "DATELINE_VAR_DIR": str(tmp_path),
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def run(*args: str, background: bool = False, extra_env: dict | None = None, **kwargs):
        command = [sys.executable, "manage.py", *args]
        options = {"cwd": settings.BASE_DIR, "env": {**env, **(extra_env or {})}, **kwargs}
        if background:
            return subprocess.Popen(command, **options)  # noqa: S603 - our own manage.py
        result = subprocess.run(  # noqa: S603 - our own manage.py
            command, check=False, capture_output=True, text=True, timeout=120, **options
        )
        if result.returncode:
            raise AssertionError(result.stderr[-3000:])
        return result

    run.env = env
    return run


@pytest.fixture(scope="session")
def private_postgres():
    """A migrated Dateline database on its own PostgreSQL server (Debian's packages)."""
    import glob
    import os
    import socket
    import subprocess
    import sys

    from django.conf import settings

    if not glob.glob("/usr/lib/postgresql/*/bin/initdb") or os.geteuid() != 0:
        reason = "needs Debian's postgresql package and root (to run it as postgres)"
        if os.environ.get("CI"):
            pytest.fail(f"a private PostgreSQL server {reason}: .ci/run installs it")
        pytest.skip(f"a private PostgreSQL server {reason}")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    import shutil
    import tempfile
    from pathlib import Path

    # Not under pytest's own temporary folder: only root may enter that one.
    root = Path(tempfile.mkdtemp(prefix="dateline-test-pg-"))
    from dateline.core.tests.postgres import PrivatePostgres

    server = PrivatePostgres(root, port)
    server.create()
    url = f"postgres://postgres@127.0.0.1:{port}/dateline"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
        "DATABASE_URL": url,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)

"""Tests that run Dateline as real processes: commands and servers on one shared SQLite
database file, as `make run` runs them."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from django.conf import settings

DATABASE_FILE = "shared.sqlite3"


def process_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a process of this test's own site (database and files under
    `tmp_path`, no Redis unless `extra` names one)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / DATABASE_FILE}",
        "DATELINE_VAR_DIR": str(tmp_path),
        "REDIS_URL": "",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def database_copy(template: Path, directory: Path) -> None:
    """The site of `process_environment(template)` (migrated, its test data in) copied into
    `directory`, through SQLite's backup so that nothing still in its journal is lost: a
    module migrates once instead of once per test."""
    with (
        sqlite3.connect(template / DATABASE_FILE) as source,
        sqlite3.connect(directory / DATABASE_FILE) as target,
    ):
        source.backup(target)


def manage(env: dict[str, str], *args: str) -> str:
    """`manage.py args` in a process of its own; its output, or the test fails."""
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def manage_popen(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """`manage.py args` started, its output to be read by the test."""
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


@contextmanager
def served(env: dict[str, str]) -> Iterator[str]:
    """A uvicorn server process on a free port until the block ends; its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - our own server
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
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/healthz/", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        yield base
        assert process.poll() is None, "the server stopped while the test ran"
    finally:
        process.terminate()
        process.wait(timeout=10)

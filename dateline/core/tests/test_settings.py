"""Production settings refuse to start half-configured, and pass Django's deployment checks."""

import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

SECRET = "x" * 20 + "production-secret-for-the-deploy-check-0123456789"


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    inherited = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in inherited}
    environment.update({"DJANGO_SETTINGS_MODULE": "dateline.settings.production", **env})
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret():
    result = run_manage("check", ALLOWED_HOSTS="news.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_hosts():
    result = run_manage("check", SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_passes_the_deployment_checks_once_static_files_are_collected(tmp_path):
    env = {"SECRET_KEY": SECRET, "ALLOWED_HOSTS": "news.example.org"}
    env["DATELINE_VAR_DIR"] = str(tmp_path)
    check = ("check", "--deploy", "--fail-level", "WARNING")
    # Every page would be a 500 until collectstatic has run: the checks say so.
    uncollected = run_manage(*check, **env)
    assert uncollected.returncode != 0
    assert "dateline.W001" in uncollected.stdout + uncollected.stderr
    assert run_manage("collectstatic", "--noinput", "-v0", **env).returncode == 0
    result = run_manage(*check, **env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_run_links_mail_to_the_address_it_serves():
    """`make run PORT=8100` tells the processes it starts (server, worker, scheduler) that
    readers reach the site on port 8100: mail links and workflow mail lead there."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8100"],  # noqa: S607 - the Makefile's own plan, not run
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith(("DATELINE_", "WAGTAIL"))},
    ).stdout
    exports = plan[plan.index("export ") : plan.index("uvicorn")]
    assert "DATELINE_PUBLIC_URL=http://127.0.0.1:8100 " in exports
    assert "WAGTAILADMIN_BASE_URL=http://127.0.0.1:8100;" in exports
    assert "--port 8100" in plan

"""Shared plumbing: a benchmark database, a server process, wrk, and table printing."""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploy.scale import UVICORN_OPTIONS

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
# `make run` starts one server process per core.
MAKE_RUN_WORKERS = os.cpu_count() or 2


def bench_environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
            "DATELINE_VAR_DIR": str(BENCH_VAR),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            **extra,
        }
    )
    return env


def prepare_database() -> None:
    """Migrate and load the demo into the benchmark's own database (once)."""
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    env = bench_environment()
    commands = (
        ["migrate", "--noinput", "-v0"],
        ["load_demo"],
        # The worker's part too (the photos' renditions), as beside `make run`.
        ["db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload"],
    )
    for command in commands:
        subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


@dataclass(frozen=True)
class RunningServer:
    url: str
    port: int
    pid: int


@contextmanager
def uvicorn_server(*, workers: int = 1, **environment: str):
    """uvicorn serving Dateline on the benchmark database: one process, or `workers` as
    `make run` starts them (use `MAKE_RUN_WORKERS`)."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own server
        [
            str(Path(sys.executable).parent / "uvicorn"),
            "dateline.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *UVICORN_OPTIONS,  # as `make run` serves
            "--log-level",
            "warning",
            "--backlog",
            "8192",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=bench_environment(DATELINE_SCHEDULER_IN_PROCESS="false", **environment),
    )
    with _running(process, port) as url:
        yield RunningServer(url=url, port=port, pid=process.pid)


@contextmanager
def nginx_serving(body: bytes):
    """nginx serving `body` as a static file, or None where nginx is not installed."""
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        yield None
        return
    work = BENCH_VAR / "nginx"
    (work / "html").mkdir(parents=True, exist_ok=True)
    (work / "html" / "index.html").write_bytes(body)
    port = free_port()
    scratch = work / "scratch"
    (work / "nginx.conf").write_text(
        f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  default_type text/html;
  client_body_temp_path {scratch}; proxy_temp_path {scratch}; fastcgi_temp_path {scratch};
  uwsgi_temp_path {scratch}; scgi_temp_path {scratch};
  server {{
    listen 127.0.0.1:{port}; root {work}/html;
    location / {{ try_files /index.html =404; }}
  }}
}}
"""
    )
    scratch.mkdir(exist_ok=True)
    process = subprocess.Popen([nginx, "-c", str(work / "nginx.conf"), "-g", "daemon off;"])  # noqa: S603
    with _running(process, port) as url:
        yield url


@contextmanager
def _running(process: subprocess.Popen, port: int):
    """The address of a server process once it listens; the process is stopped after."""
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def wrk(
    url: str, *, seconds: int = 10, connections: int = 32, headers: dict[str, str] | None = None
) -> dict[str, float] | None:
    """Requests per second and latency percentiles from Debian's wrk, or None without it.

    Two seconds of the same load go first, unmeasured: readers meet a server whose
    processes have compiled their templates and filled their caches.
    """
    if shutil.which("wrk") is None:
        return None
    args = ["wrk", "-t2", f"-c{connections}", "--latency"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    subprocess.run([*args, "-d2s", url], capture_output=True, check=True)  # noqa: S603
    args.append(f"-d{seconds}s")
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    percentiles = {
        p: _to_ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1)) for p in ("50", "99")
    }
    return {
        "rps": rps,
        "p50_ms": percentiles["50"],
        "p99_ms": percentiles["99"],
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def _to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def print_table(title: str, header: list[str], rows: list[list[object]]) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=False)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)))


def raise_file_limit(wanted: int = 65536) -> None:
    """As many open files as the readers need, or as the hard limit allows where it may
    not be raised; the servers a benchmark starts inherit it."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(hard, wanted), max(hard, wanted)))
    except (ValueError, OSError):  # not allowed here (no CAP_SYS_RESOURCE): the hard limit
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


@contextmanager
def redis_url():
    redis = shutil.which("redis-server")
    if redis is None:
        raise SystemExit("redis-server is needed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - Debian's redis-server on loopback
        [redis, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def django_setup() -> None:
    """Django in this process, on the benchmark database, to read or seed what it needs."""
    os.environ.update(bench_environment())
    import django

    django.setup()


def at_most(value: float | None, limit: float, unit: str) -> str:
    """A target column: the limit, and whether the figure beside it meets it."""
    met = value is not None and value <= limit
    return f"<= {limit:g} {unit} {'met' if met else 'NOT MET'}"


def at_least(value: float | None, limit: float, unit: str) -> str:
    met = value is not None and value >= limit
    return f">= {limit:g} {unit} {'met' if met else 'NOT MET'}"

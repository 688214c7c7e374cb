"""The scale profile on one machine, from Debian's packages: `make scale` / `make scale-stop`.

PostgreSQL (its own cluster), Redis, Varnish with xkey in front, N web processes, one
scheduler and the workers, all on loopback under one supervisord, which restarts a process
that dies and says so in `var/scale/log/supervisord.log`. The same code starts the stack
the tests and benchmarks run against (other ports, other folder, web processes on other
hosts).

    python -m deploy.scale start [--web N] [--workers N] [--port 8080]
    python -m deploy.scale stop
    python -m deploy.scale status
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DEBIAN_PACKAGES = {
    "postgres": "postgresql",
    "redis-server": "redis-server",
    "varnishd": "varnish",
    "xkey": "varnish-modules",
    "supervisord": "supervisor",
}
XKEY_VMOD = "libvmod_xkey.so"
# A web process borrows at most this many PostgreSQL connections (psycopg's pool).
POOL_SIZE = 8
POSTGRES_MAX_CONNECTIONS = 200
# How every profile runs uvicorn (`make run` spells the same flags): open streams do not
# hold a stop past 5 s; chat frames go uncompressed (a deflate context per socket costs
# more memory and CPU than its few hundred bytes save) and a client's frame is capped far
# below uvicorn's 16 MiB default (the longest chat request is 8 KiB).
UVICORN_OPTIONS = (
    "--no-access-log",
    "--timeout-graceful-shutdown",
    "5",
    "--ws-per-message-deflate",
    "false",
    "--ws-max-size",
    "65536",
)


@dataclass(frozen=True)
class Host:
    """Where web processes run: this machine, or a network namespace made by the tests.

    `address` is where the proxy reaches them, `gateway` where they reach PostgreSQL,
    Redis and the proxy.
    """

    address: str = "127.0.0.1"
    gateway: str = "127.0.0.1"
    netns: str = ""


@dataclass
class Stack:
    root: Path = ROOT / "var" / "scale"
    port: int = 8080
    web_processes: int = 2 * (os.cpu_count() or 1)
    workers: int = 1
    postgres_port: int = 54320
    redis_port: int = 63790
    web_port: int = 8101
    hosts: list[Host] = field(default_factory=lambda: [Host()])
    debian_install: bool = True

    # Paths

    @property
    def site_dir(self) -> Path:  # media, static files, mail: what every host shares
        return self.root / "site"

    @property
    def run_dir(self) -> Path:
        return self.root / "run"

    @property
    def log_dir(self) -> Path:
        return self.root / "log"

    @property
    def postgres_dir(self) -> Path:
        return self.root / "postgres"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def backends(self) -> list[tuple[str, Host, int]]:
        """(name, host, port) of every web process, spread over the hosts."""
        return [
            (f"web{number + 1}", self.hosts[number % len(self.hosts)], self.web_port + number)
            for number in range(self.web_processes)
        ]

    # Configuration

    def environment(self, host: Host) -> dict[str, str]:
        """What every Dateline process on `host` runs with: production settings, on HTTP."""
        secret = self.root / "secret_key"
        if not secret.exists():
            secret.write_text(secrets.token_urlsafe(64))
            secret.chmod(0o600)
        addresses = sorted({"127.0.0.1", "localhost", *(h.address for h in self.hosts)})
        return {
            "DJANGO_SETTINGS_MODULE": "dateline.settings.production",
            "SECRET_KEY": secret.read_text().strip(),
            "ALLOWED_HOSTS": ",".join(addresses),
            "CSRF_TRUSTED_ORIGINS": self.url,
            "DATELINE_HTTPS": "false",
            "DATABASE_URL": f"postgres://dateline@{host.gateway}:{self.postgres_port}/dateline",
            "DATELINE_DB_POOL_SIZE": str(POOL_SIZE),
            "REDIS_URL": f"redis://{host.gateway}:{self.redis_port}/0",
            "DATELINE_PURGE_PROXIES": f"http://{host.gateway}:{self.port}/",
            "DATELINE_SCHEDULER_IN_PROCESS": "false",
            "DATELINE_SERVE_MEDIA": "true",  # renditions only, found by their row; cached
            "DATELINE_VAR_DIR": str(self.site_dir),
            "DATELINE_PUBLIC_URL": self.url,
            "WAGTAILADMIN_BASE_URL": self.url,
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
            "PYTHONUNBUFFERED": "1",
        }

    def vcl(self) -> str:
        template = (ROOT / "deploy" / "varnish" / "dateline.vcl").read_text()
        backends = "\n".join(
            f'backend {name} {{ .host = "{host.address}"; .port = "{port}"; '
            f'.host_header = "127.0.0.1"; .probe = health; .first_byte_timeout = 60s; '
            f".between_bytes_timeout = 3600s; }}"
            for name, host, port in self.backends()
        )
        purgers = {"127.0.0.1", *(h.address for h in self.hosts)}
        director = "\n".join(f"    web.add_backend({name});" for name, _, _ in self.backends())
        return (
            template.replace("@@BACKENDS@@", backends)
            .replace("@@PURGERS@@", "\n".join(f'    "{a}";' for a in sorted(purgers)))
            .replace("@@DIRECTOR@@", director)
        )

    def supervisord_conf(self) -> str:
        postgres_bin = _postgres_bin()
        listen = ",".join(sorted({"127.0.0.1", *(h.gateway for h in self.hosts)}))
        sections = [
            f"""[unix_http_server]
file={self.run_dir}/supervisor.sock

[supervisord]
logfile={self.log_dir}/supervisord.log
pidfile={self.run_dir}/supervisord.pid
childlogdir={self.log_dir}
{"user=root" if os.geteuid() == 0 else ""}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{self.run_dir}/supervisor.sock
""",
            self._program(
                "postgres",
                f"{postgres_bin}/postgres -D {self.postgres_dir} -p {self.postgres_port} "
                f"-c listen_addresses={listen} -c unix_socket_directories={self.run_dir} "
                f"-c max_connections={POSTGRES_MAX_CONNECTIONS} -c fsync=on",
                user="postgres" if os.geteuid() == 0 else "",
                stopsignal="INT",
            ),
            self._program(
                "redis",
                f"redis-server --port {self.redis_port} --bind {listen.replace(',', ' ')} "
                "--save '' --appendonly no --protected-mode no",
            ),
            # Each open newsfeed stream holds a Varnish thread: two pools of 12,000 carry
            # the 20,000 readers `bench.proxy` opens.
            self._program(
                "varnish",
                f"varnishd -F -a 127.0.0.1:{self.port} "
                + "".join(f"-a {h.gateway}:{self.port} " for h in self.hosts if h.netns)
                + f"-f {self.root}/dateline.vcl -n {self.root}/varnish -s malloc,256m "
                "-p thread_pool_max=12000 -p timeout_idle=3600",
            ),
        ]
        app = []
        for name, host, port in self.backends():
            forwarded = ",".join(sorted({"127.0.0.1", host.gateway}))
            sections.append(
                self._program(
                    name,
                    f"{VENV_BIN}/uvicorn dateline.asgi:application --host {host.address} "
                    f"--port {port} {' '.join(UVICORN_OPTIONS)} "
                    f"--proxy-headers --forwarded-allow-ips {forwarded}",
                    host=host,
                )
            )
            app.append(name)
        gateway_host = self.hosts[0]
        sections.append(
            self._program(
                "scheduler", f"{VENV_BIN}/python manage.py run_scheduler", host=gateway_host
            )
        )
        app.append("scheduler")
        for number in range(self.workers):
            name = f"worker{number + 1}"
            sections.append(
                self._program(name, f"{VENV_BIN}/python manage.py run_worker", host=gateway_host)
            )
            app.append(name)
        sections.append(f"[group:app]\nprograms={','.join(app)}\n")
        return "\n".join(sections)

    def _program(
        self, name: str, command: str, *, host: Host | None = None, user: str = "", **extra: str
    ) -> str:
        if host is not None and host.netns:
            command = f"ip netns exec {host.netns} {command}"
        lines = [
            f"[program:{name}]",
            f"command={command}",
            f"directory={ROOT}",
            # Servers start first and stop last; the application waits for `migrate`.
            "autostart=" + ("false" if host is not None else "true"),
            "priority=" + ("100" if host is not None else "10"),
            "autorestart=true",
            "startsecs=2",
            "startretries=100",
            "stopwaitsecs=10",
            "stopasgroup=true",
            "killasgroup=true",
            "redirect_stderr=true",
            f"stdout_logfile={self.log_dir}/{name}.log",
            "stdout_logfile_maxbytes=20MB",
        ]
        if user:
            lines.append(f"user={user}")
        if host is not None:
            environment = ",".join(
                f'{key}="{value}"' for key, value in self.environment(host).items()
            )
            lines.append(f"environment={environment}")
        lines += [f"{key}={value}" for key, value in extra.items()]
        return "\n".join(lines) + "\n"

    # Life cycle

    def start(self, *, demo: bool = True, say=print) -> None:
        from tqdm import tqdm

        steps = [
            ("Debian packages", self._install),
            ("configuration", self._configure),
            ("PostgreSQL cluster", self._cluster),
            ("supervisord: PostgreSQL, Redis, Varnish", self._supervise),
            ("database", self._database),
            ("migrate", lambda: self.manage("migrate", "--noinput", "-v0")),
            ("collectstatic", lambda: self.manage("collectstatic", "--noinput", "-v0")),
            ("demo content (when the database is empty)", self._demo if demo else None),
            ("web processes, scheduler, workers", self._applications),
            ("first page through the proxy", self._wait_for_site),
        ]
        with tqdm(steps, unit="step", disable=not sys.stderr.isatty()) as progress:
            for label, step in progress:
                progress.set_description(label)
                if step is not None:
                    step()
        say(
            f"Dateline (scale profile) is on {self.url}/  (admin: {self.url}/admin/)\n"
            f"  {len(self.backends())} web processes on {len(self.hosts)} host(s), "
            f"1 scheduler, {self.workers} worker(s); PostgreSQL on :{self.postgres_port}, "
            f"Redis on :{self.redis_port}, Varnish on :{self.port}\n"
            f"  logs in {self.log_dir}/; stop with `make scale-stop`"
        )

    def stop(self) -> None:
        if not (self.run_dir / "supervisor.sock").exists():
            return
        subprocess.run([*self._ctl(), "shutdown"], check=False, capture_output=True)
        pid_file = self.run_dir / "supervisord.pid"
        for _ in range(300):
            if not pid_file.exists() or not _alive(int(pid_file.read_text() or 0)):
                break
            time.sleep(0.1)
        pid_file.unlink(missing_ok=True)  # left behind by a supervisord that was killed
        (self.run_dir / "supervisor.sock").unlink(missing_ok=True)

    def ctl(self, *args: str) -> str:
        """`supervisorctl` on this stack; its output."""
        result = subprocess.run([*self._ctl(), *args], capture_output=True, text=True, check=False)
        return result.stdout

    def manage(self, *args: str, host: Host | None = None) -> str:
        """`manage.py` with the stack's environment; its output."""
        host = host or self.hosts[0]
        command = [f"{VENV_BIN}/python", "manage.py", *args]
        if host.netns:
            command = ["ip", "netns", "exec", host.netns, *command]
        result = subprocess.run(
            command,
            cwd=ROOT,
            env={**os.environ, **self.environment(host)},
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def _ctl(self) -> list[str]:
        return ["supervisorctl", "-c", str(self.root / "supervisord.conf")]

    def _install(self) -> None:
        missing = sorted(
            {package for name, package in DEBIAN_PACKAGES.items() if not _installed(name)}
        )
        if not missing:
            return
        if not self.debian_install or os.geteuid() != 0:
            raise SystemExit(
                f"Missing Debian packages: {' '.join(missing)}. Install them with\n"
                f"  sudo apt-get install --no-install-recommends {' '.join(missing)}"
            )
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
            check=True,
            env=env,
        )
        # Debian starts the packaged services; this stack runs its own.
        for service in ("varnish", "redis-server", "postgresql", "supervisor"):
            subprocess.run(["service", service, "stop"], check=False, capture_output=True)

    def _configure(self) -> None:
        for folder in (self.root, self.run_dir, self.log_dir, self.site_dir):
            folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.run_dir, "postgres")
            self.run_dir.chmod(0o1777)  # PostgreSQL's socket, supervisord's socket
        (self.root / "dateline.vcl").write_text(self.vcl())
        (self.root / "supervisord.conf").write_text(self.supervisord_conf())

    def _cluster(self) -> None:
        if (self.postgres_dir / "PG_VERSION").exists():
            return
        self.postgres_dir.mkdir(parents=True, exist_ok=True)
        command = [
            f"{_postgres_bin()}/initdb",
            "-D",
            str(self.postgres_dir),
            "-U",
            "postgres",
            "-A",
            "trust",  # reached on loopback (and the test hosts' private links) only
            "-E",
            "UTF8",
        ]
        if os.geteuid() == 0:
            shutil.chown(self.postgres_dir, "postgres")
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)
        if any(host.netns for host in self.hosts):
            with (self.postgres_dir / "pg_hba.conf").open("a") as hba:
                for host in self.hosts:
                    hba.write(f"host all all {host.address}/32 trust\n")

    def _supervise(self) -> None:
        if (self.run_dir / "supervisord.pid").exists() and "RUNNING" in self.ctl("status"):
            self.ctl("reread")
            self.ctl("update")
        else:
            subprocess.run(["supervisord", "-c", str(self.root / "supervisord.conf")], check=True)
        _wait_for_port("127.0.0.1", self.postgres_port, what="PostgreSQL")
        _wait_for_port("127.0.0.1", self.redis_port, what="Redis")
        _wait_for_port("127.0.0.1", self.port, what="Varnish")

    def _database(self) -> None:
        import psycopg

        url = f"postgres://postgres@127.0.0.1:{self.postgres_port}/postgres"
        for _ in range(100):
            try:
                connection = psycopg.connect(url, autocommit=True)
                break
            except psycopg.OperationalError:  # still starting up
                time.sleep(0.2)
        else:
            raise SystemExit("PostgreSQL did not accept connections")
        with connection:
            if not connection.execute("SELECT 1 FROM pg_roles WHERE rolname='dateline'").fetchone():
                connection.execute("CREATE ROLE dateline LOGIN")
            if not connection.execute(
                "SELECT 1 FROM pg_database WHERE datname='dateline'"
            ).fetchone():
                connection.execute("CREATE DATABASE dateline OWNER dateline")

    def _demo(self) -> None:
        self.manage("load_demo")

    def _applications(self) -> None:
        self.ctl("start", "app:*")

    def _wait_for_site(self) -> None:
        import urllib.request

        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/en/", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"No page from {self.url}/en/ after 60 s: see {self.log_dir}/")
            time.sleep(0.3)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, ValueError):
        return False
    except PermissionError:
        return True
    return pid > 0


def _installed(name: str) -> bool:
    if name == "xkey":
        return any(Path("/usr/lib").glob(f"**/varnish/vmods/{XKEY_VMOD}"))
    if name == "postgres":
        return _postgres_bin() != ""
    return shutil.which(name) is not None


def _postgres_bin() -> str:
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parts[-3])
    )
    return str(versions[-1].parent) if versions else ""


def _wait_for_port(host: str, port: int, *, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not start on {host}:{port}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.scale", description=__doc__)
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--web", type=int, default=Stack.web_processes, help="web processes")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port")
    arguments = parser.parse_args(argv)
    stack = Stack(web_processes=arguments.web, workers=arguments.workers, port=arguments.port)
    if arguments.action == "start":
        stack.start()
    elif arguments.action == "stop":
        stack.stop()
        print("Dateline (scale profile) stopped.")
    else:
        print(stack.ctl("status"), end="")


if __name__ == "__main__":
    main()

"""A PostgreSQL server of a test's own (Debian's programs, run as the postgres user)."""

from __future__ import annotations


class PrivatePostgres:
    """A PostgreSQL server of a test's own, to stop and start under running processes
    without touching the database the rest of the suite uses."""

    def __init__(self, root, port: int):
        import glob

        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.data, self.port = root / "data", port
        self.log = root / "server.log"

    def _as_postgres(self, *command: str) -> None:
        import subprocess

        subprocess.run(  # noqa: S603 - Debian's PostgreSQL programs
            ["runuser", "-u", "postgres", "--", *command],  # noqa: S607
            check=True,
            capture_output=True,
            timeout=60,
        )

    def create(self) -> None:
        import shutil

        self.data.parent.mkdir(parents=True, exist_ok=True)
        shutil.chown(self.data.parent, "postgres")
        self._as_postgres(
            f"{self.bin}/initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres"
        )
        self.start()
        self._as_postgres(
            f"{self.bin}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "dateline"
        )

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data.parent}"
        self._as_postgres(
            f"{self.bin}/pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.log),
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._as_postgres(f"{self.bin}/pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def database(self) -> str:
        """A new database, a copy of the migrated one; its DATABASE_URL."""
        import itertools

        self._numbers = getattr(self, "_numbers", itertools.count(1))
        name = f"dateline_{next(self._numbers)}"
        self._as_postgres(
            f"{self.bin}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-T", "dateline", name
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

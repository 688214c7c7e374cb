"""A whole site in one file, and back: the database (pg_dump's custom format, or SQLite's
online backup) and the media folder (originals and renditions), in one tar archive.

The database is copied first, then the files: every file the copied rows name is in the
archive (a photo uploaded meanwhile adds a file no row names, which is harmless). A restore
goes into an empty database only, so that it never mixes two sites.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "dateline-backup.json"
FORMAT = 1
Progress = Callable[[int], None]


class BackupError(Exception):
    """The backup or restore cannot go on; nothing was changed."""


@dataclass(frozen=True)
class BackupSummary:
    engine: str
    database_bytes: int
    media_files: int
    media_bytes: int


def backup_write(path: Path, *, progress: Progress = lambda done: None) -> BackupSummary:
    """Write the site's database and media into the tar archive `path`."""
    media = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / _dump_name()
        _database_dump(dump)
        summary = BackupSummary(
            engine=connection.vendor,
            database_bytes=dump.stat().st_size,
            media_files=len(files),
            media_bytes=sum(p.stat().st_size for p in files),
        )
        manifest = Path(work) / MANIFEST
        manifest.write_text(
            json.dumps(
                {"format": FORMAT, "created": timezone.now().isoformat(), **summary.__dict__}
            )
        )
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(manifest, MANIFEST)
            archive.add(dump, dump.name)
            for number, file in enumerate(files, 1):
                archive.add(file, f"media/{file.relative_to(media).as_posix()}")
                progress(number)
        partial.replace(path)  # never a half-written backup under the real name
    return summary


def backup_media_count(path: Path) -> int:
    return _manifest(path)["media_files"]


def backup_restore(path: Path, *, progress: Progress = lambda done: None) -> BackupSummary:
    """Restore the archive `path` into this (empty) database and the media folder."""
    manifest = _manifest(path)
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; this site runs on "
            f"{connection.vendor}."
        )
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables): restore into a new, empty "
            "database, so that two sites are never mixed."
        )
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work, tarfile.open(path) as archive:
        # Every member checked before anything is written: a bad one refuses the whole.
        for member in archive.getmembers():
            try:
                tarfile.data_filter(member, work)
            except tarfile.FilterError as error:
                raise BackupError(f"{path} holds a file it may not restore: {error}") from error
        dump_name = _dump_name()
        archive.extract(dump_name, work, filter="data")
        _database_load(Path(work) / dump_name)
        done = 0
        for member in archive:
            if member.name.startswith("media/") and member.isfile():
                # The "data" filter refuses absolute paths, `..` and links out of the folder.
                archive.extract(member, work, filter="data")
                target = media / member.name.removeprefix("media/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(Path(work) / member.name, target)
                done += 1
                progress(done)
    return BackupSummary(
        engine=manifest["engine"],
        database_bytes=manifest["database_bytes"],
        media_files=done,
        media_bytes=manifest["media_bytes"],
    )


def _manifest(path: Path) -> dict:
    try:
        with tarfile.open(path) as archive:
            member = archive.extractfile(MANIFEST)
            manifest = json.loads(member.read()) if member else {}
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{path} is not a Dateline backup: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is a backup of an unknown format {manifest.get('format')!r}")
    return manifest


def _dump_name() -> str:
    return "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"


def _database_dump(target: Path) -> None:
    if connection.vendor == "sqlite":
        # SQLite's online backup: a consistent copy while the site keeps writing.
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        return
    _postgres("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(target))


def _database_load(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.close()
        shutil.copyfile(dump, settings.DATABASES["default"]["NAME"])
        return
    _postgres("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", str(dump))


def _postgres(program: str, *args: str) -> None:
    config = settings.DATABASES["default"]
    env = {
        **os.environ,
        "PGHOST": config["HOST"] or "127.0.0.1",
        "PGPORT": str(config["PORT"] or 5432),
        "PGUSER": config["USER"] or "",
        "PGPASSWORD": config["PASSWORD"] or "",
        "PGDATABASE": config["NAME"],
    }
    # The newest client Debian has: it reads and writes every older server's format.
    binaries = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{program}"), key=lambda p: int(p.parts[-3])
    )
    command = str(binaries[-1]) if binaries else program
    if program == "pg_restore":
        args = ("-d", config["NAME"], *args)
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own client
        [command, *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(f"{program} failed: {result.stderr.strip()[-2000:]}")

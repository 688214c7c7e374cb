"""A test database's whole content, kept once and put back for each test that needs it.

Loading the demo newsroom takes 10-20 s; putting back a copy of the database it left takes
a fraction of a second. SQLite copies the file through its backup API; PostgreSQL keeps the
tables in a schema of their own beside the test's and copies the rows back.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "dateline_snapshot"


class DatabaseSnapshot:
    """The rows of every table and the media files, as they are when taken."""

    def __init__(self, folder: Path, media_root: Path) -> None:
        self.folder = folder
        self.media = folder / "media"
        if Path(media_root).exists():
            shutil.copytree(media_root, self.media)
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            with sqlite3.connect(folder / "snapshot.sqlite3") as target:
                connection.connection.backup(target)
        else:
            self._tables = sorted(connection.introspection.django_table_names(only_existing=True))
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
                for table in self._tables:
                    name = connection.ops.quote_name(table)
                    cursor.execute(f"CREATE TABLE {SCHEMA}.{name} AS TABLE {name}")

    def restore(self, media_root: Path) -> None:
        """The database and `media_root` as they were when the snapshot was taken."""
        shutil.rmtree(media_root, ignore_errors=True)
        if self.media.exists():
            shutil.copytree(self.media, media_root)
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.folder / "snapshot.sqlite3") as source:
                source.backup(connection.connection)
        else:
            self._restore_postgresql()

    def _restore_postgresql(self) -> None:
        from django.apps import apps

        quoted = [connection.ops.quote_name(table) for table in self._tables]
        with transaction.atomic(), connection.cursor() as cursor:
            # Django's foreign keys are deferrable: rows go back in any order.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(f"TRUNCATE {', '.join(quoted)} RESTART IDENTITY CASCADE")
            for name in quoted:
                cursor.execute(f"INSERT INTO {name} SELECT * FROM {SCHEMA}.{name}")  # noqa: S608
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(statement)

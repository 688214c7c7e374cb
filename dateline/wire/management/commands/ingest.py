"""`manage.py ingest PATH|URL --source NAME`: read a file, a folder of files or an address
into the wire desk, with a progress bar and a summary. A new source name creates the
source (inactive, so nothing polls it until an editor says so), its format read off the
content."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from dateline.core.errors import Refused
from dateline.wire.services.sources import location_ingest


class Command(BaseCommand):
    help = "Ingest agency copy from a file, a folder or an http(s) address."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("location", help="a file, a folder of files, or an http(s) URL")
        parser.add_argument("--source", required=True, help="the source's name (created if new)")

    def handle(self, *args: Any, location: str, source: str, **options: Any) -> None:
        with tqdm(desc="Ingesting", unit="file", disable=options["verbosity"] < 1) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                wire_source, report = location_ingest(
                    name=source, location=location, progress=progress
                )
            except Refused as refused:
                raise CommandError(f"Could not read {location}: {refused.message}") from None
        self.stdout.write(f"{wire_source.name}: {report.summary()}.")
        for reason in report.reasons[:20]:
            self.stdout.write(f"  failed: {reason}")

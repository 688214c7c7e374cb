"""`manage.py ingest PATH|URL --source NAME`: read a file, a folder of files or an address
into the wire desk, with a progress bar and a summary. A new source name creates the
source (inactive, so nothing polls it until an editor says so), its format read off the
content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from dateline.wire.services import (
    BATCH,
    IngestReport,
    folder_ingest,
    ingest_content,
    source_for,
)


class Command(BaseCommand):
    help = "Ingest agency copy from a file, a folder or an http(s) address."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("location", help="a file, a folder of files, or an http(s) URL")
        parser.add_argument("--source", required=True, help="the source's name (created if new)")

    def handle(self, *args: Any, location: str, source: str, **options: Any) -> None:
        report = IngestReport()
        if location.startswith(("http://", "https://")):
            try:
                response = httpx.get(location, timeout=30, follow_redirects=True)
                response.raise_for_status()
            except httpx.HTTPError as error:
                raise CommandError(f"Could not read {location}: {error}") from None
            wire_source = source_for(source, location=location, content=response.content)
            report.add(
                ingest_content(source=wire_source, content=response.content, origin=location)
            )
        else:
            path = Path(location)
            if not path.exists():
                raise CommandError(f"No such file or folder: {location}")
            files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
            if not files:
                raise CommandError(f"Nothing to ingest in {location}")
            wire_source = source_for(
                source,
                location=str(path if path.is_dir() else path.parent),
                content=files[0].read_bytes(),
            )
            folder = path if path.is_dir() else path.parent
            with tqdm(
                total=len(files), desc="Ingesting", unit="file", disable=options["verbosity"] < 1
            ) as progress:
                for first in range(0, len(files), BATCH):
                    chunk = files[first : first + BATCH]
                    for _path, one in folder_ingest(wire_source, chunk, folder):
                        report.add(one)
                    progress.update(len(chunk))
        self.stdout.write(f"{wire_source.name}: {report.summary()}.")
        for reason in report.reasons[:20]:
            self.stdout.write(f"  failed: {reason}")

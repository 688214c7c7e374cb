"""Sources: drop folders and addresses, polled when due (by the worker, handed out by
the scheduler) or read once by `manage.py ingest`."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import httpx
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.core.errors import Refused
from dateline.core.outbound import outbound_url_check
from dateline.wire.models import WireSource
from dateline.wire.services.fetch import url_fetch
from dateline.wire.services.ingest import (
    BATCH,
    Document,
    IngestReport,
    content_ingest,
    documents_ingest,
    failure_record,
    too_large_reason,
)

logger = logging.getLogger(__name__)

# Files in a drop folder that are pictures for the items beside them, not items.
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff"}
# Files that are nobody's news: a folder's licence and notes, checksums, office files.
NOT_NEWS_SUFFIXES = {
    ".md",
    ".pdf",
    ".zip",
    ".gz",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".db",
    ".ini",
    ".sig",
    ".asc",
    ".md5",
    ".sha1",
    ".sha256",
    ".mp3",
    ".mp4",
    ".mov",
    ".wav",
    ".exe",
}
NOT_NEWS_NAMES = ("license", "licence", "readme", "copying", "notice", "changelog", "authors")


def source_get_or_create(*, name: str, location: str = "") -> WireSource:
    """The source called `name`; a new name makes an inactive source that tells each
    document's format by itself (a folder's first file says nothing of the others)."""
    source = WireSource.objects.filter(name=name).first()
    if source is None:
        source = WireSource.objects.create(
            name=name, location=location, format="auto", active=False
        )
    return source


def sources_poll_due(*, now: datetime | None = None) -> int:
    """Hand every active source whose interval has passed to the worker; run by the
    scheduler on each pass. A source is claimed before it is queued: never twice at once."""
    from dateline.wire.tasks import source_poll_task

    now = now or timezone.now()
    queued = 0
    for source in WireSource.objects.filter(active=True).exclude(location=""):
        due = (
            source.last_polled_at is None
            or source.last_polled_at + timedelta(minutes=source.poll_minutes) <= now
        )
        if not due:
            continue
        claimed = WireSource.objects.filter(
            pk=source.pk, last_polled_at=source.last_polled_at
        ).update(last_polled_at=now)
        if claimed:
            source_poll_task.enqueue(source.pk)
            queued += 1
    return queued


def source_location_check(*, location: str) -> None:
    """A source reads a drop folder under DATELINE_WIRE_DROP_ROOT, or a public address."""
    if location.startswith(("http://", "https://")):
        outbound_url_check(location)
        return
    root = Path(settings.DATELINE_WIRE_DROP_ROOT).resolve()
    if not location or not Path(location).resolve().is_relative_to(root):
        raise Refused(
            _("A drop folder must be inside %(root)s, or give an http(s) address.")
            % {"root": root},
            code="location",
        )


def source_poll(*, source: WireSource) -> IngestReport:
    """Read what is waiting at the source: files in its drop folder (moved to done/ or
    failed/ after), or the document at its address."""
    report = IngestReport()
    try:
        source_location_check(location=source.location)
        if source.is_url:
            report.add(_poll_url(source))
        else:
            report.add(_poll_folder(source))
    except (Refused, OSError, httpx.HTTPError, httpx.InvalidURL) as error:
        message = error.message if isinstance(error, Refused) else str(error)
        WireSource.objects.filter(pk=source.pk).update(
            last_error=f"{timezone.now():%Y-%m-%d %H:%M}: {message}"
        )
        logger.warning("Polling %s failed: %s", source, message)
        return report
    WireSource.objects.filter(pk=source.pk).update(last_polled_at=timezone.now(), last_error="")
    return report


def _poll_folder(source: WireSource) -> IngestReport:
    folder = Path(source.location)
    report = IngestReport()
    documents, pictures = _folder_files(folder)
    for first in range(0, len(documents), BATCH):
        chunk = documents[first : first + BATCH]
        for path, one in folder_ingest(source=source, paths=chunk, folder=folder):
            _file_away(path, one)
            report.add(one)
    for path in pictures:  # beside the items that name them: copied in already, or unused
        _file_away(path, IngestReport())
    return report


def _folder_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The documents of a drop folder and the pictures beside them, by name; hidden files,
    links, sub-folders (done/, failed/) and files that are not news (a LICENSE, a
    README, a checksum) are nobody's, and stay where they are."""
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.is_symlink() and not p.name.startswith(".") and _news(p)
    )
    pictures = [p for p in files if p.suffix.lower() in PICTURE_SUFFIXES]
    return [p for p in files if p not in pictures], pictures


def _news(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() not in NOT_NEWS_SUFFIXES and not name.startswith(NOT_NEWS_NAMES)


def location_ingest(
    *, name: str, location: str, progress: Callable[[int, int], None] | None = None
) -> tuple[WireSource, IngestReport]:
    """Read a file, a folder's files or an address once into the source called `name`
    (`manage.py ingest`; a new name makes an inactive source, each document's format
    told by itself). Files stay where they are; an address is fetched as a polled one
    is. `progress(done, total)` after each batch of a folder.

    Raises `Refused` when there is nothing to read there.
    """
    if location.startswith(("http://", "https://")):
        try:
            content = url_fetch(url=location)
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise Refused(str(error), code="fetch") from None
        if content is None:
            raise Refused(too_large_reason(size=settings.DATELINE_WIRE_MAX_BYTES), code="size")
        source = source_get_or_create(name=name, location=location)
        return source, content_ingest(source=source, content=content, origin=location)
    path = Path(location)
    if not path.exists():
        raise Refused(_("No such file or folder: %(path)s") % {"path": location}, code="missing")
    folder = path if path.is_dir() else path.parent
    files = _folder_files(folder)[0] if path.is_dir() else [path]
    if not files:
        raise Refused(_("Nothing to ingest in %(path)s") % {"path": location}, code="empty")
    source = source_get_or_create(name=name, location=str(folder))
    report = IngestReport()
    for first in range(0, len(files), BATCH):
        for _path, one in folder_ingest(
            source=source, paths=files[first : first + BATCH], folder=folder
        ):
            report.add(one)
        if progress is not None:
            progress(min(first + BATCH, len(files)), len(files))
    return source, report


def folder_ingest(
    *, source: WireSource, paths: list[Path], folder: Path
) -> list[tuple[Path, IngestReport]]:
    """Ingest files of a folder together; each file's report. A file over the size limit
    is refused unread."""
    reports: dict[Path, IngestReport] = {}
    readable = []
    for path in paths:
        size = path.stat().st_size
        if size > settings.DATELINE_WIRE_MAX_BYTES:
            reports[path] = IngestReport()
            failure_record(
                report=reports[path],
                source=source,
                origin=path.name,
                content=b"",
                reason=too_large_reason(size=size),
            )
        else:
            readable.append(path)
    documents = [Document(content=p.read_bytes(), origin=p.name, folder=folder) for p in readable]
    reports.update(zip(readable, documents_ingest(source=source, documents=documents), strict=True))
    return [(path, reports[path]) for path in paths]


def _file_away(path: Path, report: IngestReport) -> None:
    """done/ when anything came in (or nothing was new), failed/ with the reason otherwise."""
    ok = (
        report.failed == 0
        or report.created + report.updated + report.duplicates + report.unchanged > 0
    )
    target = path.parent / ("done" if ok else "failed")
    target.mkdir(exist_ok=True)
    destination = target / path.name
    if destination.exists():
        destination = target / f"{path.stem}-{timezone.now():%Y%m%d%H%M%S%f}{path.suffix}"
    shutil.move(path, destination)
    if report.reasons:
        destination.with_name(destination.name + ".reason.txt").write_text(
            "\n".join(report.reasons) + "\n"
        )


def _poll_url(source: WireSource) -> IngestReport:
    content = url_fetch(url=source.location)
    if content is None:
        report = IngestReport()
        failure_record(
            report=report,
            source=source,
            origin=source.location,
            content=b"",
            reason=too_large_reason(size=settings.DATELINE_WIRE_MAX_BYTES),
        )
        return report
    return content_ingest(source=source, content=content, origin=source.location)

"""The wire desk's writes: ingest (versions, duplicates, failures), polling of sources,
and turning an item into a draft article."""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.core.errors import Refused
from dateline.core.outbound import outbound_url_check
from dateline.mediabank.models import Photo
from dateline.mediabank.services import PhotoRejected, photo_credits_fill, photo_import
from dateline.newsroom.models import Agency, ArticlePage, SectionPage
from dateline.newsroom.services import article_draft_create, article_publish, system_user
from dateline.newsroom.urgency import urgency_for_article
from dateline.wire import parsers
from dateline.wire.models import WireFailure, WireItem, WireItemVersion, WireSource
from dateline.wire.parsers import ParseError
from dateline.wire.parsers.html_body import plain_text

logger = logging.getLogger(__name__)

DUPLICATE_WINDOW = timedelta(days=2)
BATCH = 200  # new items stored in one transaction
BLOCK = re.compile(r"<(p|h2|h3|h4|ul|ol|blockquote)>.*?</\1>", re.S)
EXCERPT = 2000
# Files in a drop folder that are pictures for the items beside them, not items.
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff"}


@dataclass
class IngestReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        for name in ("created", "updated", "unchanged", "duplicates", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reasons += other.reasons

    def summary(self) -> str:
        return (
            f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.duplicates} duplicates, {self.failed} failed"
        )


@dataclass(frozen=True)
class Document:
    """One document to read: a file of a drop folder (pictures beside it) or a feed."""

    content: bytes
    origin: str = ""
    folder: Path | None = None


def ingest_content(
    *, source: WireSource, content: bytes, origin: str = "", folder: Path | None = None
) -> IngestReport:
    """Read `content` and store each item in it (see `documents_ingest`)."""
    document = Document(content=content, origin=origin, folder=folder)
    return documents_ingest(source=source, documents=[document])[0]


def documents_ingest(*, source: WireSource, documents: list[Document]) -> list[IngestReport]:
    """Read the documents and store their items; one report per document, in order.

    Items that are all new come in together, BATCH at a time in one transaction (a feed
    of thousands, or a folder of files, is not a commit per item). Anything else (an
    update, a guid seen twice, a source that auto-publishes) or a batch that fails as a
    whole is stored item by item, each in its own transaction: one bad item is recorded
    as failed and the others still come in; nothing is half-stored.
    """
    reports = [IngestReport() for _ in documents]
    entries: list[_Entry] = []
    for document, report in zip(documents, reports, strict=True):
        if len(document.content) > settings.DATELINE_WIRE_MAX_BYTES:
            _fail(
                report, source, document.origin, document.content, _too_large(len(document.content))
            )
            continue
        try:
            items = parsers.parse(
                document.content, None if source.format == "auto" else source.format
            )
        except ParseError as error:
            _fail(report, source, document.origin, document.content, error.reason)
            continue
        entries += [_Entry(parsed, document, report) for parsed in items]
    for first in range(0, len(entries), BATCH):
        batch = entries[first : first + BATCH]
        if not _store_new_together(source, batch):
            for entry in batch:
                _store_alone(source, entry)
    return reports


@dataclass(frozen=True)
class _Entry:
    parsed: parsers.WireItem
    document: Document
    report: IngestReport

    def count(self, outcome: str) -> None:
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)


def _store_new_together(source: WireSource, batch: list[_Entry]) -> bool:
    """Store a batch of new items in one transaction; False (and nothing stored) when
    the batch is not all new or fails, for the item-by-item path to take it."""
    guids = [entry.parsed.guid[:500] for entry in batch]
    if len(batch) < 2 or source.auto_publish or len(set(guids)) < len(guids):
        return False
    try:
        with transaction.atomic():
            if WireItem.objects.filter(source=source, guid__in=guids).exists():
                return False
            items = [
                WireItem(
                    source=source,
                    guid=guid,
                    **_fields(entry.parsed, _raw(entry), entry.document.folder),
                )
                for guid, entry in zip(guids, batch, strict=True)
            ]
            first_seen = dict(
                WireItem.objects.filter(
                    fingerprint__in={item.fingerprint for item in items},
                    received_at__gte=timezone.now() - DUPLICATE_WINDOW,
                )
                .exclude(source=source)
                .order_by("-id")  # the oldest last: it is the one kept per fingerprint
                .values_list("fingerprint", "pk")
            )
            for item in items:
                item.duplicate_of_id = first_seen.get(item.fingerprint)
            WireItem.objects.bulk_create(items)
            WireItemVersion.objects.bulk_create(
                WireItemVersion(
                    item=item, version=item.version, headline=item.headline, raw=item.raw
                )
                for item in items
            )
    except Exception:  # the unique guid taken meanwhile, say: one by one finds out
        logger.info("A batch of %s wire items from %s goes one by one", len(batch), source)
        return False
    for entry, item in zip(batch, items, strict=True):
        entry.count("created" if item.duplicate_of_id is None else "duplicates")
    return True


def _store_alone(source: WireSource, entry: _Entry) -> None:
    parsed = entry.parsed
    try:
        with transaction.atomic():
            outcome = _store(source, entry)
    except Exception as error:  # one item's failure must not stop the batch or the worker
        logger.warning("Wire item %s from %s not stored: %s", parsed.guid, source, error)
        _fail(
            entry.report,
            source,
            entry.document.origin,
            (parsed.raw or "").encode(),
            f"Item {parsed.guid} could not be stored: {error}",
        )
        return
    entry.count(outcome)


def _raw(entry: _Entry) -> str:
    return entry.parsed.raw or entry.document.content.decode("utf-8", errors="replace")


def _store(source: WireSource, entry: _Entry) -> str:
    """Store one parsed item; returns which count of the report it adds to."""
    parsed = entry.parsed
    guid = parsed.guid[:500]
    # Only what decides the outcome is read: the stored copy's text is never needed.
    existing = (
        WireItem.objects.select_for_update()
        .filter(source=source, guid=guid)
        .values_list("pk", "version", "article_id")
        .first()
    )
    if existing is not None and parsed.version <= existing[1]:
        return "unchanged"  # read nothing more, copy no pictures
    raw = _raw(entry)
    fields = _fields(parsed, raw, entry.document.folder)
    if existing is not None:
        pk, _version, article_id = existing
        WireItem.objects.filter(pk=pk).update(
            **fields, article_outdated=article_id is not None, updated_at=timezone.now()
        )
        WireItemVersion.objects.create(
            item_id=pk, version=parsed.version, headline=fields["headline"], raw=raw
        )
        return "updated"
    duplicate = (
        WireItem.objects.filter(
            fingerprint=fields["fingerprint"], received_at__gte=timezone.now() - DUPLICATE_WINDOW
        )
        .exclude(source=source)
        .order_by("id")
        .values_list("pk", flat=True)
        .first()
    )
    item = WireItem.objects.create(source=source, guid=guid, duplicate_of_id=duplicate, **fields)
    WireItemVersion.objects.create(
        item=item, version=parsed.version, headline=item.headline, raw=raw
    )
    if source.auto_publish and duplicate is None and source.section_id:
        try:
            with transaction.atomic():  # the item stays in even if its article cannot be made
                article_from_item(item=item, section=source.section, publish=True)
        except Exception:
            logger.exception("Auto-publishing wire item %s failed", item.pk)
    return "created" if duplicate is None else "duplicates"


def _fields(parsed: parsers.WireItem, raw: str, folder: Path | None) -> dict[str, Any]:
    return {
        "version": parsed.version,
        "format": parsed.format,
        "item_class": parsed.item_class[:16],
        "headline": parsed.headline[:500],
        "lede": parsed.lede,
        "body_html": parsed.body_html,
        "dateline_place": parsed.dateline_place[:200],
        "dateline_text": parsed.dateline_text[:300],
        "dateline_date": _aware(parsed.dateline_date),
        "agency_name": parsed.agency[:200],
        "byline": parsed.byline[:300],
        "language": parsed.language[:16],
        "subjects": parsed.subjects[:50],
        "urgency": parsed.urgency if parsed.urgency and 1 <= parsed.urgency <= 9 else None,
        "links": [link.__dict__ for link in parsed.links],
        "pictures": _pictures_kept(parsed, folder),
        "raw": raw,
        "fingerprint": fingerprint(parsed.headline, parsed.body_html),
    }


def fingerprint(headline: str, body_html: str) -> str:
    """The same story from two agencies: the same words in the headline and opening."""
    words = " ".join(plain_text(f"{headline} {body_html}").lower().split()[:60])
    return hashlib.sha1(words.encode(), usedforsecurity=False).hexdigest()


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _pictures_kept(parsed: parsers.WireItem, folder: Path | None) -> list[dict]:
    """Pictures as JSON; those whose file sits beside the item in its drop folder are
    copied into storage now (named by their content: a picture sent twice is kept once),
    so that the article made later can import them."""
    kept = []
    for picture in parsed.pictures:
        entry = dict(picture.__dict__)
        path = _local_file(picture.href, folder)
        if path is not None:
            content = path.read_bytes()
            digest = hashlib.sha1(content, usedforsecurity=False).hexdigest()
            name = f"wire/{digest}{path.suffix.lower()}"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(content))
            entry["stored"] = name
        kept.append(entry)
    return kept


def _local_file(href: str, folder: Path | None) -> Path | None:
    if folder is None or not href or href.startswith(("http://", "https://")):
        return None
    relative = href.removeprefix("file://").strip().lstrip("/").removeprefix("./").strip()
    candidate = (folder / relative).resolve()
    root = folder.resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None  # never outside the drop folder
    if candidate.stat().st_size > settings.DATELINE_WIRE_MAX_BYTES:
        return None
    return candidate


def _too_large(size: int) -> str:
    limit = settings.DATELINE_WIRE_MAX_BYTES
    return f"The input is {size:,} bytes or more, over the limit of {limit:,}."


def _fail(
    report: IngestReport, source: WireSource | None, origin: str, content: bytes, reason: str
) -> None:
    WireFailure.objects.create(
        source=source,
        origin=origin[:500],
        reason=reason,
        excerpt=content[:EXCERPT].decode("utf-8", errors="replace"),
    )
    report.failed += 1
    report.reasons.append(reason)


# Sources


def source_for(name: str, *, location: str = "", content: bytes | None = None) -> WireSource:
    """The source called `name`; a new name makes a source, its format read off `content`."""
    source = WireSource.objects.filter(name=name).first()
    if source is None:
        detected = parsers.detect_format(content) if content else "auto"
        source = WireSource.objects.create(
            name=name, location=location, format=detected, active=False
        )
    return source


def sources_poll_due(now: datetime | None = None) -> int:
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


def source_location_check(location: str) -> None:
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


def source_poll(source: WireSource) -> IngestReport:
    """Read what is waiting at the source: files in its drop folder (moved to done/ or
    failed/ after), or the document at its address."""
    report = IngestReport()
    try:
        source_location_check(source.location)
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
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.is_symlink() and not p.name.startswith(".")
    )
    pictures = [p for p in files if p.suffix.lower() in PICTURE_SUFFIXES]
    documents = [p for p in files if p not in pictures]
    for first in range(0, len(documents), BATCH):
        for path, one in folder_ingest(source, documents[first : first + BATCH], folder):
            _file_away(path, one)
            report.add(one)
    for path in pictures:  # beside the items that name them: copied in already, or unused
        _file_away(path, IngestReport())
    return report


def folder_ingest(
    source: WireSource, paths: list[Path], folder: Path
) -> list[tuple[Path, IngestReport]]:
    """Ingest files of a folder together; each file's report. A file over the size limit
    is refused unread."""
    reports: dict[Path, IngestReport] = {}
    readable = []
    for path in paths:
        size = path.stat().st_size
        if size > settings.DATELINE_WIRE_MAX_BYTES:
            reports[path] = IngestReport()
            _fail(reports[path], source, path.name, b"", _too_large(size))
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
    content = _fetch(source.location)
    if content is None:
        report = IngestReport()
        _fail(report, source, source.location, b"", _too_large(settings.DATELINE_WIRE_MAX_BYTES))
        return report
    return ingest_content(source=source, content=content, origin=source.location)


# The desk


@transaction.atomic
def article_from_item(
    *,
    item: WireItem,
    section: SectionPage,
    user: AbstractBaseUser | None = None,
    publish: bool = False,
) -> ArticlePage:
    """A draft article in `section` from a wire item: headline, lede, dateline, agency and
    body mapped, its pictures imported into the media bank with their credits."""
    locked = WireItem.objects.select_for_update().get(pk=item.pk)  # one article per item
    if locked.article_id and ArticlePage.objects.filter(pk=locked.article_id).exists():
        raise Refused(_("An article was already made from this item."), code="used", status=409)
    if publish:  # the source's auto-publish: the wire desk's own account does it all
        user = system_user(name="wire", label="Wire desk")
    photos: list[Photo] = []
    for picture in _pictures_to_import(item):
        content = _picture_bytes(picture)
        if content is None:
            continue
        name = Path(picture.get("stored") or urlsplit(picture["href"]).path).name or "wire.jpg"
        try:
            imported = photo_import(content=content, filename=name, user=user)
        except PhotoRejected:
            continue
        photo_credits_fill(
            photo=imported.photo,
            credits={
                "caption": picture.get("caption", ""),
                "creator": picture.get("creator", ""),
                "credit_line": picture.get("credit", ""),
                "copyright_notice": picture.get("copyright_notice", ""),
            },
        )
        photos.append(imported.photo)
    agency = _agency_for(item, section)
    fields = {
        "title": item.headline[:255],
        "lede": (item.lede or item.headline)[:1000],
        "dateline_place": item.dateline_place[:100],
        "agency": agency,
        "lead_photo": photos[0] if photos else None,
        "body": _body_blocks(item.body_html),
        "urgency": urgency_for_article(item.urgency),
    }
    article = article_draft_create(section=section, fields=fields, user=user, topics=item.subjects)
    if publish:
        article_publish(article=article, user=user)
    WireItem.objects.filter(pk=item.pk).update(article=article, article_outdated=False)
    item.article, item.article_outdated = article, False
    return article


def _pictures_to_import(item: WireItem) -> list[dict[str, Any]]:
    """A picture item's renditions are one photo: its largest. Other items' pictures are
    each a photo of their own."""
    if item.item_class == "picture" and item.pictures:
        return [max(item.pictures, key=lambda p: (bool(p.get("stored")), p.get("width") or 0))]
    return item.pictures


def _picture_bytes(picture: dict[str, Any]) -> bytes | None:
    """The picture's file: copied from the drop folder at ingest, or fetched now from a
    public address (at most DATELINE_WIRE_MAX_BYTES, an image, within 20 seconds)."""
    if picture.get("stored"):
        try:
            with default_storage.open(picture["stored"]) as handle:
                return handle.read()
        except OSError:
            return None
    href = picture.get("href", "")
    if not href.startswith(("http://", "https://")):
        return None
    try:
        return _fetch(href, image=True)
    except (Refused, httpx.HTTPError, httpx.InvalidURL):
        return None


def _fetch(url: str, *, image: bool = False) -> bytes | None:
    """GET a public address, every redirect checked; None when it is too large (or, for
    `image`, not an image)."""
    outbound_url_check(url)
    limit = settings.DATELINE_WIRE_MAX_BYTES
    hooks = {"request": [lambda request: outbound_url_check(str(request.url))]}
    with (
        httpx.Client(timeout=20, follow_redirects=True, event_hooks=hooks) as client,
        client.stream("GET", url) as response,
    ):
        response.raise_for_status()
        if image and not response.headers.get("content-type", "").startswith("image/"):
            return None
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


def _agency_for(item: WireItem, section: SectionPage) -> Agency | None:
    if item.source.agency_id:
        agency = item.source.agency
        return agency.get_translation_or_none(section.locale) or agency
    if not item.agency_name:
        return None
    return (
        Agency.objects.filter(locale_id=section.locale_id)
        .filter(Q(name__iexact=item.agency_name) | Q(short_name__iexact=item.agency_name))
        .first()
    )


def _body_blocks(body_html: str) -> list[dict[str, str]]:
    """The sanitised body as paragraph blocks, one per block element."""
    return [{"type": "paragraph", "value": match.group(0)} for match in BLOCK.finditer(body_html)]

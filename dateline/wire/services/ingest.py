"""Ingest: agency copy read into the wire desk, item by item or many together
(versions, duplicates across agencies, failures kept with their reason)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from dateline.wire import parsers
from dateline.wire.models import WireFailure, WireItem, WireItemVersion, WireSource
from dateline.wire.parsers import ParseError
from dateline.wire.parsers.html_body import plain_text
from dateline.wire.services.desk import article_from_item, item_withdrawn

logger = logging.getLogger(__name__)

DUPLICATE_WINDOW = timedelta(days=2)
BATCH = 200  # new items stored in one transaction
EXCERPT = 2000


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


def content_ingest(
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
            failure_record(
                report=report,
                source=source,
                origin=document.origin,
                content=document.content,
                reason=too_large_reason(size=len(document.content)),
            )
            continue
        try:
            items = parsers.parse(
                document.content, None if source.format == "auto" else source.format
            )
        except ParseError as error:
            failure_record(
                report=report,
                source=source,
                origin=document.origin,
                content=document.content,
                reason=error.reason,
            )
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
    parsed: parsers.ParsedItem
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
    except Exception:  # noqa: BLE001 - a guid taken meanwhile, say: one by one finds out
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
    except Exception as error:  # noqa: BLE001 - one item must not stop the batch
        logger.warning("Wire item %s from %s not stored: %s", parsed.guid, source, error)
        failure_record(
            report=entry.report,
            source=source,
            origin=entry.document.origin,
            content=(parsed.raw or "").encode(),
            reason=f"Item {parsed.guid} could not be stored: {error}",
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
        if parsed.status != "usable":
            # A kill or a hold: the copy as it was stays readable; the notice is a version.
            fields = {name: fields[name] for name in WITHDRAWAL_FIELDS}
        WireItem.objects.filter(pk=pk).update(
            **fields, article_outdated=article_id is not None, updated_at=timezone.now()
        )
        WireItemVersion.objects.create(
            item_id=pk, version=parsed.version, headline=parsed.headline[:500], raw=raw
        )
        if parsed.status != "usable" and article_id is not None:
            item_withdrawn(item=WireItem.objects.get(pk=pk))
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
    if (
        source.auto_publish
        and duplicate is None
        and item.status == "usable"
        and source.section_id
        and (section := source.section) is not None
    ):
        try:
            with transaction.atomic():  # the item stays in even if its article cannot be made
                article_from_item(item=item, section=section, publish=True)
        except Exception:
            logger.exception("Auto-publishing wire item %s failed", item.pk)
    return "created" if duplicate is None else "duplicates"


def _fields(parsed: parsers.ParsedItem, raw: str, folder: Path | None) -> dict[str, Any]:
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
        "fingerprint": item_fingerprint(headline=parsed.headline, body_html=parsed.body_html),
        "status": parsed.status,
        "embargoed_until": _aware(parsed.embargoed),
        "ed_note": parsed.ed_note,
        "usage_terms": parsed.usage_terms,
        "first_created": _aware(parsed.first_created),
        "version_created": _aware(parsed.version_created),
        "warnings": parsed.warnings[:20],
    }


# What a kill or a hold changes of an item: its status and the agency's word on it.
WITHDRAWAL_FIELDS = ("version", "status", "ed_note", "version_created", "warnings")


def item_fingerprint(*, headline: str, body_html: str) -> str:
    """The same story from two agencies: the same words in the headline and opening."""
    words = " ".join(plain_text(f"{headline} {body_html}").lower().split()[:60])
    return hashlib.sha1(words.encode(), usedforsecurity=False).hexdigest()


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _pictures_kept(parsed: parsers.ParsedItem, folder: Path | None) -> list[dict]:
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
    """The file in the drop folder a picture's href names: by its path, or for an http
    address (the agency's own server) by the file name it ends in, sent beside the item."""
    if folder is None or not href:
        return None
    if href.startswith(("http://", "https://")):
        relative = Path(urlsplit(href).path).name
    else:
        relative = href.removeprefix("file://").strip().lstrip("/").removeprefix("./").strip()
    if not relative:
        return None
    candidate = (folder / relative).resolve()
    root = folder.resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None  # never outside the drop folder
    if candidate.stat().st_size > settings.DATELINE_WIRE_MAX_BYTES:
        return None
    return candidate


def too_large_reason(*, size: int) -> str:
    limit = settings.DATELINE_WIRE_MAX_BYTES
    return f"The input is {size:,} bytes or more, over the limit of {limit:,}."


def failure_record(
    *, report: IngestReport, source: WireSource | None, origin: str, content: bytes, reason: str
) -> None:
    """Keep what could not be read, with the reason, and count it in `report`."""
    WireFailure.objects.create(
        source=source,
        origin=origin[:500],
        reason=reason,
        excerpt=content[:EXCERPT].decode("utf-8", errors="replace"),
    )
    report.failed += 1
    report.reasons.append(reason)

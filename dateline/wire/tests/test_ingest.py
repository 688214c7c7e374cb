"""Ingest end to end: a drop folder and a loopback HTTP source polled by the worker,
versions and duplicates, failures recorded with their reason, and an item made into a
draft article with its picture in the media bank."""

import io
import shutil
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from PIL import Image
from wagtail.models import PageLogEntry

from dateline.core.tests.worker import run_worker
from dateline.newsroom.models import Agency
from dateline.newsroom.tests.factories import edition_tree
from dateline.wire.models import WireFailure, WireItem, WireItemVersion, WireSource
from dateline.wire.services.desk import article_from_item
from dateline.wire.services.ingest import content_ingest
from dateline.wire.services.sources import source_location_check, source_poll, sources_poll_due

pytestmark = pytest.mark.conformance

SHARED = Path(settings.BASE_DIR).parent / "shared"
LISTING_2 = SHARED / "conformance/newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml"
LISTING_3 = SHARED / "conformance/newsml-g2/examples/LISTING_3_Photo_in_NewsML-G2.xml"
SEED = SHARED / "seed/sputnik-russia-article.txt"


def version_of(content: bytes, version: int, headline: str | None = None) -> bytes:
    changed = content.replace(b'version="11"', f'version="{version}"'.encode(), 1)
    if headline:
        changed = changed.replace(
            b'Fed to halt QE to avert "bubble"</headline>', headline.encode() + b"</headline>"
        )
    return changed


@pytest.fixture
def source(db):
    return WireSource.objects.create(name="Acme", location="", format="auto")


def test_versions_update_the_item_and_flag_its_article(source):
    tree = edition_tree()
    content = LISTING_2.read_bytes()
    first = content_ingest(source=source, content=content)
    assert (first.created, first.failed) == (1, 0)
    again = content_ingest(source=source, content=content)
    assert again.unchanged == 1 and WireItemVersion.objects.count() == 1  # same guid and version
    item = WireItem.objects.get()
    article = article_from_item(item=item, section=tree.sections["en-world"])
    assert article.title == 'Fed to halt QE to avert "bubble"' and not article.live

    newer = content_ingest(source=source, content=version_of(content, 12, "Fed halts QE"))
    assert newer.updated == 1
    item.refresh_from_db()
    assert (item.version, item.headline, item.article_outdated) == (12, "Fed halts QE", True)
    assert list(item.versions.values_list("version", flat=True)) == [12, 11]
    older = content_ingest(source=source, content=version_of(content, 5, "Old news"))
    assert older.unchanged == 1 and WireItem.objects.get().headline == "Fed halts QE"


def test_the_same_story_from_two_sources_is_a_duplicate(source):
    other = WireSource.objects.create(name="Other agency", location="")
    content_ingest(source=source, content=SEED.read_bytes())
    copy = SEED.read_bytes().replace(b"- Sputnik International", b"- Another Site")
    report = content_ingest(source=other, content=copy)
    assert report.duplicates == 1
    duplicate = WireItem.objects.get(source=other)
    assert duplicate.duplicate_of == WireItem.objects.get(source=source)


def test_a_batch_keeps_its_good_items_when_one_is_bad(source):
    message = b"""<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/><itemSet>
      <newsItem guid="good-1" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta>
        <contentMeta><headline>Good one</headline></contentMeta></newsItem>
      <newsItem guid="good-2" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta>
        <contentMeta><headline>Good two</headline></contentMeta></newsItem>
    </itemSet></newsMessage>"""
    assert content_ingest(source=source, content=message).created == 2
    report = content_ingest(source=source, content=b"<newsItem><broken")
    assert report.failed == 1 and "Malformed XML" in report.reasons[0]
    failure = WireFailure.objects.get()
    assert failure.source == source and failure.excerpt.startswith("<newsItem")
    assert WireItem.objects.count() == 2


def g2_message(*items: tuple[str, int, str]) -> bytes:
    """A news message of (guid, version, headline) items."""
    body = "".join(
        f'<newsItem guid="{guid}" version="{version}"><itemMeta><itemClass qcode="ninat:text"/>'
        f"</itemMeta><contentMeta><headline>{headline}</headline></contentMeta></newsItem>"
        for guid, version, headline in items
    )
    return (
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/>'
        f"<itemSet>{body}</itemSet></newsMessage>"
    ).encode()


def test_new_items_come_in_together_and_a_batch_with_an_update_item_by_item(source):
    first = content_ingest(source=source, content=g2_message(("a", 1, "Talks open")))
    assert first.created == 1
    batch = g2_message(("a", 2, "Talks open, a deal near"), ("b", 1, "Markets"), ("c", 1, "Sport"))
    report = content_ingest(source=source, content=batch)
    assert (report.created, report.updated, report.failed) == (2, 1, 0)
    assert WireItem.objects.get(guid="a").headline == "Talks open, a deal near"
    assert WireItemVersion.objects.filter(item__guid="a").count() == 2
    # The same stories from another agency, all new to it: one batch, each a duplicate of
    # the item first seen.
    other = WireSource.objects.create(name="Other", location="", format="auto")
    again = g2_message(("x", 1, "Markets"), ("y", 1, "Sport"), ("z", 1, "Weather"))
    report = content_ingest(source=other, content=again)
    assert (report.created, report.duplicates) == (1, 2)
    assert WireItem.objects.get(source=other, guid="x").duplicate_of == WireItem.objects.get(
        source=source, guid="b"
    )
    assert all(item.versions.count() == 1 for item in WireItem.objects.filter(source=other))


def test_a_guid_twice_in_one_document_is_one_item_at_its_newest_version(source):
    report = content_ingest(
        source=source, content=g2_message(("a", 1, "First"), ("a", 3, "Third"), ("b", 1, "B"))
    )
    assert (report.created, report.updated) == (2, 1)
    assert WireItem.objects.get(guid="a").headline == "Third"


def test_over_the_size_limit_is_refused_unread(source, settings):
    settings.DATELINE_WIRE_MAX_BYTES = 1000
    report = content_ingest(source=source, content=LISTING_2.read_bytes())
    assert report.failed == 1 and "over the limit" in report.reasons[0]
    assert not WireItem.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_drop_folder_polled_by_the_worker(tmp_path, settings):
    settings.DATELINE_WIRE_DROP_ROOT = tmp_path
    tree = edition_tree()
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(LISTING_3, folder / "photo.xml")
    picture = io.BytesIO()
    Image.new("RGB", (640, 427), (90, 120, 150)).save(picture, "JPEG")
    (folder / "GYI0062134533.jpg").write_bytes(picture.getvalue())
    (folder / "broken.xml").write_bytes(b"<newsItem")
    source = WireSource.objects.create(
        name="Getty", location=str(folder), section=tree.sections["en-world"]
    )
    assert sources_poll_due() == 1
    assert sources_poll_due() == 0  # claimed: not queued twice
    run_worker()

    assert (folder / "done" / "photo.xml").exists()
    assert (folder / "failed" / "broken.xml").exists()
    assert "Malformed XML" in (folder / "failed" / "broken.xml.reason.txt").read_text()
    item = WireItem.objects.get(source=source)
    assert item.item_class == "picture"
    article = article_from_item(item=item, section=tree.sections["en-world"])
    photo = article.lead_photo
    assert photo is not None and photo.creator == "Spencer Platt"
    assert photo.credit_line == "Getty Images"
    assert photo.caption.startswith("A general view of part of downtown")


class LoopbackAgency(BaseHTTPRequestHandler):
    document = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(type(self).document)))
        self.end_headers()
        self.wfile.write(type(self).document)

    def log_message(self, *args):
        pass


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_http_source_polled_by_the_worker():
    LoopbackAgency.document = b"""<rss version="2.0"><channel><title>Loopback</title>
      <item><title>First</title><guid>l-1</guid><description>One</description></item>
      <item><title>Second</title><guid>l-2</guid><description>Two</description></item>
    </channel></rss>"""
    server = HTTPServer(("127.0.0.1", 0), LoopbackAgency)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        source = WireSource.objects.create(
            name="Loopback", location=f"http://127.0.0.1:{server.server_port}/feed.xml"
        )
        sources_poll_due()
        run_worker()
    finally:
        server.shutdown()
    assert sorted(WireItem.objects.values_list("headline", flat=True)) == ["First", "Second"]
    source.refresh_from_db()
    assert source.last_error == "" and source.last_polled_at is not None


def test_sources_may_not_reach_private_networks_or_folders_outside_the_root(db, settings, tmp_path):
    settings.DATELINE_ALLOW_PRIVATE_NETWORK = False
    settings.DATELINE_WIRE_DROP_ROOT = tmp_path / "drops"
    inside = tmp_path / "drops" / "agency"
    inside.mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("MOSCOW, November 2 (X) - not for the desk.")
    for location in ("http://127.0.0.1:9/feed", "http://169.254.169.254/latest", str(tmp_path)):
        source = WireSource.objects.create(name=location, location=location)
        source_poll(source=source)
        source.refresh_from_db()
        assert source.last_error, location
    assert (tmp_path / "secret.txt").exists()  # not read, not moved
    assert not WireItem.objects.exists()
    source_location_check(location=str(inside))  # a folder under the root is fine


def test_the_ingest_command_creates_the_source_from_the_content(tmp_path, db):
    out = io.StringIO()
    shutil.copy(SEED, tmp_path / "seed.txt")
    call_command(
        "ingest", str(tmp_path / "seed.txt"), "--source", "Sputnik pages", stdout=out, verbosity=0
    )
    source = WireSource.objects.get(name="Sputnik pages")
    assert source.format == "auto" and not source.active  # each file told by itself
    assert "1 new, 0 updated, 0 unchanged, 0 duplicates, 0 failed" in out.getvalue()


def test_the_ingest_command_reads_an_address_as_a_polled_source_would(db):
    LoopbackAgency.document = b"""<rss version="2.0"><channel><title>Loopback</title>
      <item><title>Once</title><guid>c-1</guid><description>One</description></item>
    </channel></rss>"""
    server = HTTPServer(("127.0.0.1", 0), LoopbackAgency)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out = io.StringIO()
    try:
        url = f"http://127.0.0.1:{server.server_port}/feed.xml"
        call_command("ingest", url, "--source", "By hand", stdout=out, verbosity=0)
    finally:
        server.shutdown()
    assert WireSource.objects.get(name="By hand").format == "auto"
    assert list(WireItem.objects.values_list("headline", flat=True)) == ["Once"]
    assert "By hand: 1 new" in out.getvalue()


def test_the_ingest_command_skips_pictures_and_says_what_it_cannot_read(tmp_path, db, settings):
    shutil.copy(SEED, tmp_path / "seed.txt")
    Image.new("RGB", (8, 8)).save(tmp_path / "beside.jpg")  # a picture, not an item
    out = io.StringIO()
    call_command("ingest", str(tmp_path), "--source", "Folder", stdout=out, verbosity=0)
    assert "Folder: 1 new, 0 updated, 0 unchanged, 0 duplicates, 0 failed" in out.getvalue()
    with pytest.raises(CommandError, match="No such file or folder"):
        call_command("ingest", str(tmp_path / "missing"), "--source", "Folder", verbosity=0)
    settings.DATELINE_ALLOW_PRIVATE_NETWORK = False
    with pytest.raises(CommandError, match="private networks"):
        call_command("ingest", "http://127.0.0.1:9/feed", "--source", "Folder", verbosity=0)


def test_an_item_becomes_a_draft_with_its_fields_mapped(source):
    tree = edition_tree()
    russia = tree.sections["en-russia"]
    ria = Agency.objects.create(name="RIA Novosti", short_name="RIA", locale=russia.locale)
    content_ingest(source=source, content=SEED.read_bytes())
    item = WireItem.objects.get()
    article = article_from_item(item=item, section=russia)
    assert article.title == "Lavrov, Miliband agree to disagree on extradition dispute"
    assert article.dateline_place == "Moscow"
    assert article.lede.startswith("Russia's foreign minister")
    assert len(article.body) > 10 and not article.live
    assert article.get_parent().specific == russia
    assert article.agency == ria
    assert item.article == article


def test_auto_publish_publishes_new_items_and_is_off_by_default(db):
    tree = edition_tree()
    manual = WireSource.objects.create(
        name="Manual", location="", section=tree.sections["en-world"]
    )
    assert manual.auto_publish is False
    content_ingest(source=manual, content=LISTING_2.read_bytes())
    assert WireItem.objects.get(source=manual).article is None
    automatic = WireSource.objects.create(
        name="Trusted", location="", section=tree.sections["en-world"], auto_publish=True
    )
    fishing = (SHARED / "conformance/nitf/nitf-fishing.xml").read_bytes()
    # IPTC's sample says of itself management-status="canceled": as sent, it is never
    # published; the same copy made usable is.
    content_ingest(source=automatic, content=fishing)
    assert WireItem.objects.get(source=automatic).article is None
    WireItem.objects.filter(source=automatic).delete()
    usable = fishing.replace(b'management-status="canceled"', b'management-status="usable"')
    content_ingest(source=automatic, content=usable)
    article = WireItem.objects.get(source=automatic).article
    assert article is not None and article.live
    assert article.title == "Weather and Tide Updates for Norfolk"
    # The page's history names who published it: the wire desk's own account.
    published = PageLogEntry.objects.get(page=article, action="wagtail.publish")
    assert published.user.username == "system-wire"
    assert published.user_display_name == "Wire desk"


class PictureServer(BaseHTTPRequestHandler):
    files: dict = {}

    def do_GET(self):
        content_type, body = type(self).files.get(self.path, ("text/plain", b"missing"))
        self.send_response(200 if self.path in type(self).files else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_remote_picture_is_fetched_when_the_article_is_made(source):
    tree = edition_tree()
    picture = io.BytesIO()
    Image.new("RGB", (800, 450), (200, 80, 60)).save(picture, "JPEG")
    server = HTTPServer(("127.0.0.1", 0), PictureServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    PictureServer.files = {
        "/fire.jpg": ("image/jpeg", picture.getvalue()),
        "/page": ("text/html", b"<html>"),
    }
    feed = f"""<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>A</title>
      <item><title>Fire in the port</title><guid>fire-1</guid>
        <description>Crews fought it.</description>
        <media:content url="{base}/fire.jpg" medium="image" type="image/jpeg">
          <media:credit>© Port Agency . Ivan Photo</media:credit></media:content>
        <media:content url="{base}/page" medium="image" type="image/jpeg"/></item>
    </channel></rss>""".encode()
    try:
        content_ingest(source=source, content=feed)
        article = article_from_item(item=WireItem.objects.get(), section=tree.sections["en-world"])
    finally:
        server.shutdown()
    assert article.lead_photo is not None
    assert article.lead_photo.credit_line == "© Port Agency . Ivan Photo"
    assert (article.lead_photo.width, article.lead_photo.height) == (800, 450)

"""Wire ingest throughput: items per second, end to end into the database.

`python -m bench.wire [N]` (default 5000): N NewsML-G2 items as files in a drop folder,
polled as the worker polls them (read, parse, store with versions, file away), and one
RSS feed of N entries read from a loopback address.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

from bench.support import at_least, django_setup, prepare_database, print_table

ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:bench.example:{run}:{n}"
  version="1" standard="NewsML-G2" standardversion="2.35" xml:lang="en">
  <itemMeta><itemClass qcode="ninat:text"/>
    <provider qcode="nprov:BENCH"><name>Bench Agency</name></provider>
    <versionCreated>2026-11-28T10:00:00Z</versionCreated><pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><located><name>Moscow</name></located><creator><name>Desk Writer</name></creator>
    <language tag="en"/><subject qcode="medtop:11000000"><name>politics</name></subject>
    <urgency>4</urgency><headline>Bench story {run}-{n}: talks continue</headline>
    <dateline>MOSCOW, November 28 (Bench)</dateline></contentMeta>
  <contentSet><inlineXML contenttype="application/nitf+xml">
    <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>
      <p>Story {n}: officials met for a second day of talks on Saturday, a spokesman said.</p>
      <p>Further meetings are planned for next week, according to a statement.</p>
    </body.content></body></nitf></inlineXML></contentSet>
</newsItem>"""

ENTRY = """<item><title>Feed story {run}-{n}: markets close higher</title>
<guid>urn:bench:{run}:rss:{n}</guid>
<link>https://bench.example/{n}</link><pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Entry {n}: stocks rose in late trading on Saturday.&lt;/p&gt;</description>
<category>Markets</category></item>"""


def newsml(count: int, run: str) -> tuple[float, str]:
    from django.conf import settings

    from dateline.wire.models import WireSource
    from dateline.wire.services.sources import source_poll

    # Drop folders must lie under the wire root (the bench's var/bench/wire/).
    folder = settings.DATELINE_WIRE_DROP_ROOT / "bench-drop"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"item-{n:05d}.xml").write_text(ITEM.format(n=n, run=run))
    source = WireSource.objects.create(name=f"Bench G2 {run}", location=str(folder))
    started = time.perf_counter()
    report = source_poll(source=source)
    elapsed = time.perf_counter() - started
    assert report.created == count, report.summary()
    return elapsed, report.summary()


def rss(count: int, run: str) -> tuple[float, str]:
    from dateline.wire.models import WireSource
    from dateline.wire.services.sources import source_poll

    document = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed</title>'
        + "".join(ENTRY.format(n=n, run=run) for n in range(count))
        + "</channel></rss>"
    ).encode()

    class Feed(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", str(len(document)))
            self.end_headers()
            self.wfile.write(document)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    source = WireSource.objects.create(
        name=f"Bench RSS {run}", location=f"http://127.0.0.1:{server.server_port}/feed.xml"
    )
    try:
        started = time.perf_counter()
        report = source_poll(source=source)
        elapsed = time.perf_counter() - started
    finally:
        server.shutdown()
    assert report.created == count, report.summary()
    return elapsed, report.summary()


def main(count: int) -> None:
    prepare_database()
    django_setup()
    from django.conf import settings

    settings.DATELINE_WIRE_MAX_BYTES = 64 * 1024 * 1024  # one feed of all the entries
    settings.DATELINE_ALLOW_PRIVATE_NETWORK = True  # the feed is served on loopback
    run = str(time.time_ns())
    rows = []
    for name, measure in (
        ("NewsML-G2 files (drop folder)", newsml),
        ("RSS entries (one feed over HTTP)", rss),
    ):
        elapsed, summary = measure(count, run)
        rate = count / elapsed
        rows.append(
            [name, count, f"{elapsed:.1f}", f"{rate:.0f}", at_least(rate, 1000, "/s"), summary]
        )
    print_table(
        "Wire ingest, end to end into the database",
        ["input", "items", "seconds", "items/s", "target", "result"],
        rows,
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)

"""Distribution by push: transmissions per second to 100 webhook destinations, and publish →
delivered latency.

`python -m bench.distribution [DESTINATIONS] [ARTICLES]` (default 100 and 20): that many
signed-webhook receivers on loopback (one threaded HTTP server each, as clients are
separate hosts), one client each; ARTICLES articles published one after another, each
queued by the worker's task and sent by the destinations' tasks as the scheduler and the
worker do it. Reported: transmissions per second (sending only, and queuing included) and
p50/p99 of publish → delivered (the receiver's clock: the moment it has the request).
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench.support import at_least, at_most, django_setup, prepare_database, print_table

DELIVERED: dict[tuple[int, str], float] = {}  # (destination port, idempotency key) → when


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        DELIVERED.setdefault(
            (self.server.server_port, self.headers["Idempotency-Key"]), time.perf_counter()
        )
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def main(destinations: int = 100, count: int = 20) -> None:
    prepare_database()
    django_setup()
    from django.conf import settings
    from django.core.management import call_command

    from dateline.newsroom.models import SectionPage
    from dateline.newsroom.services import article_draft_create, article_publish
    from dateline.syndication.models import Destination, DistributionClient, Transmission
    from dateline.syndication.signal_handlers import transmissions_enqueue_due

    settings.DATELINE_ALLOW_PRIVATE_NETWORK = True  # the receivers are on loopback
    run = str(time.time_ns())
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Receiver) for _ in range(destinations)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    Destination.objects.all().update(active=False)  # earlier runs' receivers are gone
    for number, server in enumerate(servers):
        client = DistributionClient.objects.create(name=f"Bench client {run}-{number}")
        Destination.objects.create(
            client=client, url=f"http://127.0.0.1:{server.server_port}/dateline"
        )
    section = SectionPage.objects.filter(locale__language_code="en").first()

    def worker() -> None:
        call_command(
            "db_worker",
            "--backend",
            "background",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            verbosity=0,
        )

    latencies: list[float] = []
    sending = 0.0
    started_all = time.perf_counter()
    for number in range(count):
        article = article_draft_create(
            section=section,
            fields={"title": f"Bench distribution {run}-{number}", "lede": "Bench."},
        )
        published = time.perf_counter()
        article_publish(article=article)
        worker()  # the publish's task: one transmission a destination
        before_send = time.perf_counter()
        transmissions_enqueue_due()
        worker()  # the destinations' tasks
        sending += time.perf_counter() - before_send
        keys = dict(
            Transmission.objects.filter(article_ref=article.pk).values_list(
                "key", "destination__url"
            )
        )
        arrived = [t for (port, key), t in DELIVERED.items() if key in keys]
        assert len(arrived) == destinations, (len(arrived), destinations)
        latencies += [t - published for t in arrived]
    elapsed = time.perf_counter() - started_all
    for server in servers:
        server.shutdown()
    sent = destinations * count
    p99 = sorted(latencies)[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print_table(
        f"Distribution to {destinations} webhook destinations, {count} articles published",
        ["measure", "value", "target"],
        [
            ["transmissions sent", sent, ""],
            [
                "transmissions/s, sending",
                f"{sent / sending:.0f}",
                at_least(sent / sending, 100, "/s"),
            ],
            ["transmissions/s, all in", f"{sent / elapsed:.0f}", ""],
            ["publish → delivered p50 (s)", f"{statistics.median(latencies):.2f}", ""],
            ["publish → delivered p99 (s)", f"{p99:.2f}", at_most(p99, 5, "s")],
        ],
    )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))

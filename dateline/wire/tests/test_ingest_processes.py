"""Two processes ingesting the same feed at once (a poll and an editor's `manage.py
ingest`, say): every item is stored once, and every process's report adds up."""

import re

from dateline.core.tests.processes import manage, manage_popen, process_environment

ENTRY = (
    "<item><title>Story {n}</title><guid>urn:test:{n}</guid><description>{n}</description></item>"
)
FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{}</channel></rss>'
SETUP = 'from dateline.wire.models import WireSource; WireSource.objects.create(name="Feed")'
COUNT = """
from dateline.wire.models import WireItem
from django.db.models import Count
twice = WireItem.objects.values("guid").annotate(n=Count("id")).filter(n__gt=1)
print(WireItem.objects.count(), twice.count())
"""


def test_two_processes_ingesting_one_feed_store_each_item_once(migrated_site):
    tmp_path = migrated_site
    env = process_environment(tmp_path)
    manage(env, "shell", "-v0", "-c", SETUP)
    feed = tmp_path / "feed.xml"
    entries = "".join(ENTRY.format(n=n) for n in range(600))  # three batches each
    feed.write_text(FEED.format(entries))
    ingest = ["ingest", str(feed), "--source", "Feed", "-v0"]
    processes = [manage_popen(env, *ingest) for _ in range(2)]
    outputs = [process.communicate(timeout=300)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    counts = [
        dict(zip(("new", "updated", "unchanged", "failed"), map(int, found), strict=True))
        for found in (
            re.search(
                r"(\d+) new, (\d+) updated, (\d+) unchanged, \d+ duplicates, (\d+) failed", out
            ).groups()
            for out in outputs
        )
    ]
    assert sum(c["new"] for c in counts) == 600, outputs
    assert sum(c["unchanged"] for c in counts) == 600, outputs
    assert all(c["failed"] == 0 and c["updated"] == 0 for c in counts), outputs
    assert manage(env, "shell", "-v0", "-c", COUNT).split() == ["600", "0"]

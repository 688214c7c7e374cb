"""Property-based: whatever bytes arrive, each parser answers with items or its own
ParseError, and nothing else; the same for valid documents with bytes changed."""

from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from dateline.wire.parsers import PARSERS, ParsedItem, ParseError

pytestmark = pytest.mark.conformance

SHARED = Path(settings.BASE_DIR).parent / "shared"
SAMPLES = {
    "newsml-g2": SHARED / "conformance/newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml",
    "nitf": SHARED / "conformance/nitf/nitf-fishing.xml",
    "ninjs": SHARED / "conformance/ninjs/examples/2.1/dpa_text.json",
    "text": SHARED / "seed/sputnik-russia-article.txt",
}
FEED = b"""<rss version="2.0"><channel><title>A</title><item><title>T</title><guid>g</guid>
<description>&lt;p&gt;Body&lt;/p&gt;</description></item></channel></rss>"""
PAGE = b"""<html><head><title>Title of the page</title></head><body><article><h1>Title</h1>
<p>A first paragraph long enough to be taken for the article's own text by the extractor.</p>
<p>A second paragraph, also long enough to count as text rather than navigation links.</p>
</article></body></html>"""
RUNS = hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def sample(fmt: str) -> bytes:
    return {"rss": FEED, "html": PAGE}.get(fmt) or SAMPLES[fmt].read_bytes()


def only_items_or_parse_error(fmt: str, content: bytes) -> None:
    try:
        items = PARSERS[fmt](content)
    except ParseError as error:
        assert error.reason
        return
    assert all(isinstance(item, ParsedItem) and item.guid and item.headline for item in items)


@pytest.mark.parametrize("fmt", list(PARSERS))
def test_the_samples_themselves_parse(fmt):
    assert PARSERS[fmt](sample(fmt))


@pytest.mark.parametrize("fmt", list(PARSERS))
@RUNS
@given(content=st.binary(max_size=4096))
def test_arbitrary_bytes(fmt, content):
    only_items_or_parse_error(fmt, content)


@pytest.mark.parametrize("fmt", list(PARSERS))
@RUNS
@given(data=st.data())
def test_mutated_valid_documents(fmt, data):
    original = sample(fmt)
    content = bytearray(original)
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(content) - 1))
        action = data.draw(st.sampled_from(["replace", "delete", "insert", "truncate"]))
        if action == "replace":
            content[position] = data.draw(st.integers(min_value=0, max_value=255))
        elif action == "delete":
            del content[position]
        elif action == "insert":
            content[position:position] = data.draw(st.binary(min_size=1, max_size=16))
        else:
            del content[position:]
        if not content:
            content = bytearray(b" ")
    only_items_or_parse_error(fmt, bytes(content))

"""Our NewsML-G2 output: valid against IPTC's 2.35 XSD, for articles and withdrawal notices,
and read back by our own wire parser as the same story."""

from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from dateline.newsroom.models import ArticleCorrection
from dateline.newsroom.services import article_withdraw
from dateline.syndication.newsml import article_newsml, withdrawal_newsml
from dateline.wire.parsers import parse

pytestmark = [pytest.mark.conformance, pytest.mark.django_db]

XSD = Path(settings.BASE_DIR).parent / "shared/conformance/newsml-g2/schema"


def valid(document: bytes) -> None:
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(
        etree.parse(str(XSD / "NewsML-G2_2.35-spec-All-Power.xsd"), parser=parser)
    )
    root = etree.fromstring(document)
    assert schema.validate(root), [str(error) for error in schema.error_log][:3]


def valid_nitf(document: bytes) -> None:
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(
        etree.parse(str(XSD.parent.parent / "nitf/schema/nitf-3-6.xsd"), parser=parser)
    )
    assert schema.validate(etree.fromstring(document)), [str(e) for e in schema.error_log][:3]


def absolute(path: str) -> str:
    return f"https://news.example{path}"


def test_an_article_and_its_withdrawal_are_valid_newsml_g2_read_back_as_sent(newsroom):
    from django.utils import timezone

    article = newsroom.with_photo
    ArticleCorrection.objects.create(page=article, corrected_at=timezone.now(), text="Fixed.")
    live_version = article.live_revision_id or 1
    document = article_newsml(article, absolute=absolute, version=str(live_version))
    valid(document)
    (item,) = parse(document)
    assert (item.headline, item.lede, item.version) == (article.title, article.lede, live_version)
    assert item.ed_note == "Fixed." and item.status == "usable"
    assert item.body_html.startswith("<p>") and item.language == "en"
    withdrawal = article_withdraw(article=article, status="canceled", note="Legal.")
    notice = withdrawal_newsml(withdrawal)
    valid(notice)
    (killed,) = parse(notice)
    assert (killed.guid, killed.status, killed.ed_note) == (item.guid, "canceled", "Legal.")
    assert killed.version > item.version


def test_an_article_and_its_withdrawal_are_valid_nitf_read_back_as_sent(newsroom):
    from dateline.syndication.nitf import article_nitf, withdrawal_nitf

    article = newsroom.with_photo
    document = article_nitf(article, absolute=absolute, version="3")
    valid_nitf(document)
    (item,) = parse(document)
    assert (item.headline, item.lede, item.version, item.status) == (
        article.title,
        article.lede,
        3,
        "usable",
    )
    assert item.body_html.startswith("<p>")
    withdrawal = article_withdraw(article=article, status="canceled", note="Legal.")
    notice = withdrawal_nitf(withdrawal)
    valid_nitf(notice)
    (killed,) = parse(notice)
    assert (killed.guid, killed.status, killed.ed_note) == (item.guid, "canceled", "Legal.")

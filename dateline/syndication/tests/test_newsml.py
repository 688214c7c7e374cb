"""Our NewsML-G2 output: valid against IPTC's 2.35 XSD, for articles and withdrawal notices,
and read back by our own wire parser as the same story."""

from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from dateline.newsroom.models import ArticleCorrection
from dateline.newsroom.services import article_withdraw
from dateline.syndication.newsml import article_newsml, withdrawal_newsml
from dateline.syndication.ninjs import PICTURE_RENDITIONS
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
    package, item, picture = parse(document)
    assert package.item_class == "package" and [link.href for link in package.links] == [
        item.guid,
        f"urn:dateline:photo:{article.lead_photo_id}",
    ]
    assert picture.item_class == "picture" and picture.guid == package.links[1].href
    renditions = [article.lead_photo.get_rendition(spec) for spec in PICTURE_RENDITIONS.values()]
    assert [(p.rendition, p.width, p.height) for p in picture.pictures] == [
        ("rnd:web", renditions[0].width, renditions[0].height),
        ("rnd:thumbnail", renditions[1].width, renditions[1].height),
    ]
    assert picture.pictures[0].href.startswith("https://news.example/")
    assert picture.pictures[0].caption == (article.lead_photo_caption or article.lead_photo.caption)
    assert (item.headline, item.lede, item.version) == (article.title, article.lede, live_version)
    assert item.ed_note == "Fixed." and item.status == "usable"
    assert item.body_html.startswith("<p>") and item.language == "en"
    withdrawal = article_withdraw(article=article, status="canceled", note="Legal.")
    notice = withdrawal_newsml(withdrawal)
    valid(notice)
    (killed,) = parse(notice)
    assert (killed.guid, killed.status, killed.ed_note) == (item.guid, "canceled", "Legal.")
    assert killed.version > item.version


def test_an_article_without_photos_is_one_news_item_and_body_photos_travel_too(newsroom):
    article = newsroom.published[1]
    assert article.lead_photo is None
    alone = article_newsml(article, absolute=absolute, version="1")
    valid(alone)
    assert etree.fromstring(alone).tag.endswith("newsItem")
    photo = newsroom.with_photo.lead_photo
    article.body.append(("photo", {"photo": photo, "caption": "In the body."}))
    document = article_newsml(article, absolute=absolute, version="1")
    valid(document)
    _package, _text, picture = parse(document)
    assert picture.pictures[0].caption == "In the body."


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

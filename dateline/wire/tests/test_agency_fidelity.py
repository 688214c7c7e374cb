"""Agency copy as agencies really send it, on documents of our own that show each class of
defect seen in real NewsML-G2 and NITF: names given as literals or only as IPTC codes, bodies
set as one broken paragraph or as bare text, filing chrome, datelines, ids left out."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from dateline.wire.parsers import parse
from dateline.wire.parsers.newscodes import DATA, newscodes_derive

G2 = "http://iptc.org/std/nar/2006-10-01/"


def g2_item(
    content_meta: str,
    body: str = "<p>Text of the story.</p>",
    *,
    item_meta: str = "",
    rights: str = "",
    lang: str = "en",
) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="{G2}" guid="urn:test:{abs(hash(content_meta + body))}" version="1"
  standard="NewsML-G2" standardversion="2.35" xml:lang="{lang}">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"/>
  {rights}
  <itemMeta><itemClass qcode="ninat:text"/>{item_meta}
    <versionCreated>2026-12-05T10:00:00Z</versionCreated><pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>{content_meta}</contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head>
    <body>{body}</body></html></inlineXML></contentSet>
</newsItem>""".encode()


def one(content: bytes):
    (item,) = parse(content)
    return item


# NewsML-G2 --------------------------------------------------------------------------------


def test_names_given_as_literals_are_read():
    item = one(
        g2_item(
            '<located literal="Geneva"/><creator literal="Anna Petrova"/>'
            '<subject literal="nuclear talks"/><headline>Talks resume</headline>',
            item_meta='<provider literal="Example Wire"/>',
            rights='<rightsInfo><copyrightHolder literal="Example Wire Ltd"/></rightsInfo>',
        )
    )
    assert item.agency == "Example Wire"
    assert item.byline == "Anna Petrova"
    assert item.dateline_place == "Geneva"
    assert "nuclear talks" in item.subjects


def test_a_copyright_holder_named_by_literal_is_the_agency_when_nothing_else_is():
    item = one(
        g2_item(
            "<headline>Talks resume</headline>",
            rights='<rightsInfo><copyrightHolder literal="Example Wire Ltd"/></rightsInfo>',
        )
    )
    assert item.agency == "Example Wire Ltd"


def test_subjects_sent_only_as_iptc_codes_are_named_in_the_items_language():
    subjects = (
        '<subject qcode="subj:15054000"/><subject qcode="medtop:20001065"/>'
        '<subject qcode="subj:99999999"/><headline>{}</headline>'
    )
    english = one(g2_item(subjects.format("Cup final")))
    assert english.subjects == ["soccer", "football", "subj:99999999"], "unknown codes kept"
    german = one(g2_item(subjects.format("Pokalfinale"), lang="de"))
    assert german.subjects[0] == "Fußball"


def test_one_paragraph_broken_by_br_keeps_its_paragraphs():
    body = "<p>MOSCOW (Example) - First paragraph.<br/>Second paragraph.<br/><br/>Third.</p>"
    item = one(g2_item("<headline>Lines</headline>", body))
    assert item.body_html == (
        "<p>MOSCOW (Example) - First paragraph.</p><p>Second paragraph.</p><p>Third.</p>"
    )


def test_text_set_straight_in_the_body_and_preformatted_results_are_kept():
    body = """Results of the day, as sent.

Second block of text.<pre>Team A   3
Team B   1</pre><table><tr><th>Team</th><th>Pts</th></tr><tr><td>A</td><td>3</td></tr></table>"""
    item = one(g2_item("<headline>Results</headline>", body))
    assert item.body_html.startswith(
        "<p>Results of the day, as sent.</p><p>Second block of text.</p>"
    )
    assert "<pre>Team A   3\nTeam B   1</pre>" in item.body_html, "the columns kept"
    assert "<tr><th>Team</th><th>Pts</th></tr><tr><td>A</td><td>3</td></tr>" in item.body_html


def test_html_sent_escaped_is_read_as_html():
    body = "&lt;p&gt;First.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;"
    item = one(g2_item("<headline>Escaped</headline>", body))
    assert item.body_html == "<p>First.</p><p>Second.</p>"


def test_a_slug_line_or_a_label_is_never_the_lede():
    body = (
        "<p>SYRIA-CRISIS/TALKS: Talks resume in Geneva</p><p>Extra</p>"
        "<p>DAMASCUS (Reuters) - Delegations met on Saturday.</p>"
    )
    item = one(g2_item("<headline>Talks resume</headline>", body))
    assert item.lede == "DAMASCUS (Reuters) - Delegations met on Saturday."
    slugged = one(
        g2_item(
            '<headline>Talks</headline><description role="drol:summary">'
            "SYRIA-CRISIS/TALKS: Talks resume</description>",
            "<p>Delegations met on Saturday.</p>",
        )
    )
    assert slugged.lede == "Delegations met on Saturday."


def test_the_dateline_in_the_copy_names_the_place_before_located():
    item = one(
        g2_item(
            '<located literal="London"/><headline>Talks</headline>',
            "<p>DAMASCUS (Reuters) - Delegations met on Saturday.</p>",
        )
    )
    assert item.dateline_place == "Damascus", "London is the editing desk"
    written = one(
        g2_item("<located/><dateline>NEW YORK, Dec 5 (Example) -</dateline><headline>H</headline>")
    )
    assert written.dateline_place == "New York"
    none = one(g2_item("<located/><headline>H</headline>", "<p>Delegations met.</p>"))
    assert none.dateline_place == "", "an empty <located/> is not a place"


def test_an_item_without_a_headline_is_named_by_its_description_or_text():
    item = one(
        g2_item(
            "<description>Goals of the final. Highlights in full.</description>",
            "<p>Video.</p>",
        )
    )
    assert item.headline == "Goals of the final."
    bare = one(g2_item("", "<p>Storm closes the port. Ferries stay in.</p>"))
    assert bare.headline == "Storm closes the port."


# NITF ----------------------------------------------------------------------------------------


def nitf(head: str = "", body_head: str = "", *, attributes: str = "") -> bytes:
    return f"""<?xml version="1.0"?>
<nitf {attributes}><head><title>Fallback title</title>
  <docdata>{head}<date.issue norm="20261205T100000Z"/></docdata></head>
  <body><body.head><hedline><hl1>Port reopens</hl1></hedline>{body_head}</body.head>
  <body.content><p>The port reopened on Saturday.</p></body.content></body></nitf>""".encode()


def test_a_doc_id_without_id_string_gets_a_stable_derived_id():
    document = nitf('<doc-id regsrc="EXW"/>')
    first, again = one(document), one(document)
    assert first.guid == again.guid and first.guid.startswith("nitf:EXW:20261205T100000Z:")
    other = one(document.replace(b"Port reopens", b"Port closes"))
    assert other.guid != first.guid


def test_byline_title_language_rights_and_the_dateline_without_its_date():
    item = one(
        nitf(
            '<doc-id id-string="exw-1"/>',
            "<byline>By Anna Petrova<byttl>Staff Correspondent</byttl></byline>"
            "<dateline><location>ODESSA</location>, "
            '<story.date norm="20261205">Dec 5</story.date></dateline>'
            "<rights><rights.owner>Example Wire</rights.owner></rights>",
            attributes='baselang="uk-UA"',
        )
    )
    assert item.byline == "Anna Petrova"
    assert item.language == "uk-UA"
    assert item.agency == "Example Wire"
    assert item.dateline_text == "ODESSA"
    assert item.dateline_date is not None


def test_editor_credits_are_not_the_byline():
    item = one(
        nitf('<doc-id id-string="exw-2"/>', "<byline>By Anna Petrova; Editing by B. Smith</byline>")
    )
    assert item.byline == "Anna Petrova"


# IPTC's catalogues ---------------------------------------------------------------------------


@pytest.mark.conformance
def test_the_shipped_names_are_what_iptcs_catalogues_give():
    folder = Path(settings.BASE_DIR).parent / "shared" / "conformance" / "newscodes"
    catalogues = [
        json.loads((folder / name).read_text(encoding="utf-8-sig"))
        for name in ("IPTC_codes.json", "cptall-x-all.json", "cptall-en-GB.json")
    ]
    shipped = json.loads(DATA.read_text(encoding="utf-8"))
    assert shipped == newscodes_derive(catalogues), "run manage.py newscodes_derive"
    assert "CC BY 4.0" in shipped["about"]


# The article made from it ------------------------------------------------------------------


@pytest.mark.django_db
def test_tables_and_preformatted_results_reach_the_article_as_sent(client):
    from django.utils import timezone

    from dateline.newsroom.models import ArticlePage
    from dateline.newsroom.tests.factories import edition_tree
    from dateline.wire.models import WireItem, WireSource
    from dateline.wire.services.desk import article_from_item
    from dateline.wire.services.ingest import content_ingest

    tree = edition_tree()
    source = WireSource.objects.create(name="Example Wire", location="")
    body = (
        "<p>KAZAN (Example) - Results of the day.</p><pre>Team A   3\nTeam B   1</pre>"
        "<table><tr><th>Team</th><th>Pts</th></tr><tr><td>A &amp; B</td><td>3</td></tr></table>"
    )
    content_ingest(source=source, content=g2_item("<headline>Hockey results</headline>", body))
    item = WireItem.objects.get(source=source)
    article = article_from_item(item=item, section=tree.sections["en-russia"])
    kinds = [block.block_type for block in article.body]
    assert kinds == ["paragraph", "preformatted", "table"]
    assert article.body[2].value["data"] == [["Team", "Pts"], ["A & B", "3"]]
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.first_published_at <= timezone.now()
    html = client.get(article.url).content.decode()
    assert '<pre class="preformatted">Team A   3\nTeam B   1</pre>' in html
    assert re.search(r'<th scope="col"\s*>\s*Team\s*</th>', html)
    assert re.search(r"<td[^>]*>\s*A &amp; B\s*</td>", html), "escaped once, kept in its cell"

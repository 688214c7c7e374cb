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


def test_filing_chrome_before_the_story_is_not_body_text():
    body = (
        "<ul><li>SYRIA-CRISIS</li><li>TALKS</li></ul><p>Analysis</p>"
        "<p>DAMASCUS (Reuters) - Delegations met on Saturday.</p><p>Talks go on.</p>"
    )
    item = one(g2_item("<headline>Talks resume</headline>", body))
    assert item.body_html == (
        "<p>DAMASCUS (Reuters) - Delegations met on Saturday.</p><p>Talks go on.</p>"
    )
    short = one(g2_item("<headline>Video</headline>", "<p>Extra</p>"))
    assert short.body_html == "<p>Extra</p>", "a body that is all chrome is kept as sent"


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


# Kills, holds, embargoes and the agency's word, stored and honoured ---------------------------


def g2_versioned(
    version: int,
    *,
    status: str = "usable",
    body: str = "<p>Copy.</p>",
    item_meta: str = "",
    rights: str = "",
) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="{G2}" guid="urn:test:kill-1" version="{version}" standard="NewsML-G2"
  standardversion="2.35" xml:lang="en">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"/>
  {rights}
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="Example Wire"/>
    <versionCreated>2026-12-05T1{version}:00:00Z</versionCreated>
    <firstCreated>2026-12-05T09:00:00Z</firstCreated>
    <pubStatus qcode="stat:{status}"/>{item_meta}</itemMeta>
  <contentMeta><headline>Port reopens after storm</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head>
    <body>{body}</body></html></inlineXML></contentSet>
</newsItem>""".encode()


def test_the_agencys_facts_are_parsed_in_every_format():
    item = one(
        g2_versioned(
            1,
            item_meta="<edNote>Corrects spelling of the mayor's name.</edNote>"
            "<embargoed>2030-01-01T06:00:00Z</embargoed>",
            rights="<rightsInfo><usageTerms>No use in Ukraine.</usageTerms></rightsInfo>",
        )
    )
    assert (item.status, item.ed_note, item.usage_terms) == (
        "usable",
        "Corrects spelling of the mayor's name.",
        "No use in Ukraine.",
    )
    assert item.embargoed.isoformat() == "2030-01-01T06:00:00+00:00"
    assert item.first_created.isoformat() == "2026-12-05T09:00:00+00:00"
    assert one(g2_versioned(2, status="canceled")).status == "canceled"
    assert one(g2_versioned(2, status="withheld")).status == "withheld"
    killed = one(
        nitf(
            '<doc-id id-string="exw-3"/><ed-msg info="Legal: kill this story."/>'
            '<date.release norm="20300101T060000Z"/>'
        ).replace(b"<docdata>", b'<docdata management-status="canceled">')
    )
    assert (killed.status, killed.ed_note) == ("canceled", "Legal: kill this story.")
    assert killed.embargoed.year == 2030
    ninjs = json.dumps(
        {
            "uri": "urn:test:ninjs-kill",
            "headline": "Port reopens",
            "pubstatus": "canceled",
            "ednote": "Withdrawn.",
            "embargoed": "2030-01-01T06:00:00Z",
            "usageterms": "Editorial use only.",
        }
    ).encode()
    (from_ninjs,) = parse(ninjs)
    assert (from_ninjs.status, from_ninjs.ed_note, from_ninjs.usage_terms) == (
        "canceled",
        "Withdrawn.",
        "Editorial use only.",
    )


@pytest.fixture
def wire_desk(db, client):
    from django.contrib.auth.models import Group

    from dateline.comments.tests.factories import reader_for_test
    from dateline.newsroom.tests.factories import edition_tree

    tree = edition_tree()
    editor = reader_for_test("Desk Editor")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return tree


def test_a_kill_withdraws_an_auto_published_article_and_tells_its_editors(client, wire_desk):
    from wagtail.models import Comment

    from dateline.newsroom.models import ArticlePage, ArticleWithdrawal
    from dateline.wire.models import WireItem, WireSource
    from dateline.wire.services.ingest import content_ingest

    source = WireSource.objects.create(
        name="Example Wire", location="", auto_publish=True, section=wire_desk.sections["en-russia"]
    )
    content_ingest(
        source=source, content=g2_versioned(1, body="<p>ODESSA - The port reopened.</p>")
    )
    item = WireItem.objects.get(source=source)
    article = ArticlePage.objects.get(pk=item.article_id)
    assert article.live
    kill = g2_versioned(
        2, status="canceled", body="", item_meta="<edNote>Legal: kill this story.</edNote>"
    )
    report = content_ingest(source=source, content=kill)
    assert report.updated == 1
    item.refresh_from_db()
    assert item.status == "canceled" and item.version == 2
    assert "The port reopened." in item.body_html, "the copy as it was stays readable"
    assert item.versions.count() == 2
    assert not ArticlePage.objects.get(pk=article.pk).live
    (notice,) = ArticleWithdrawal.objects.filter(article_ref=article.pk)  # for partners
    assert (notice.status, notice.note) == ("canceled", "Legal: kill this story.")
    (comment,) = Comment.objects.filter(page=article)
    assert "Killed by the agency" in comment.text and "Legal: kill this story." in comment.text
    preview = client.get(f"/admin/wire/{item.id}/").content.decode()
    assert "Killed by the agency: do not use." in preview and "Legal: kill this story." in preview
    assert "killed" in client.get("/admin/wire/").content.decode()


def test_a_hold_flags_an_editors_article_and_leaves_it_to_them(wire_desk):
    from wagtail.models import Comment

    from dateline.newsroom.models import ArticlePage
    from dateline.wire.models import WireItem, WireSource
    from dateline.wire.services.desk import article_from_item
    from dateline.wire.services.ingest import content_ingest

    source = WireSource.objects.create(name="Example Wire", location="")
    content_ingest(source=source, content=g2_versioned(1))
    item = WireItem.objects.get(source=source)
    article = article_from_item(item=item, section=wire_desk.sections["en-russia"])
    article.save_revision().publish()
    content_ingest(source=source, content=g2_versioned(2, status="withheld"))
    assert ArticlePage.objects.get(pk=article.pk).live, "an editor's article: theirs to decide"
    assert "Withheld by the agency" in Comment.objects.get(page=article).text
    # A new item sent already killed is never auto-published.
    auto = WireSource.objects.create(
        name="Auto", location="", auto_publish=True, section=wire_desk.sections["en-russia"]
    )
    content_ingest(source=auto, content=g2_versioned(1, status="canceled"))
    assert WireItem.objects.get(source=auto).article_id is None


def test_an_embargoed_item_is_not_public_before_its_time(client, wire_desk):
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    from dateline.newsroom.models import ArticlePage
    from dateline.wire.models import WireItem, WireSource
    from dateline.wire.services.desk import article_from_item
    from dateline.wire.services.ingest import content_ingest

    embargo = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    stamp = embargo.strftime("%Y-%m-%dT%H:%M:%SZ")
    auto = WireSource.objects.create(
        name="Auto", location="", auto_publish=True, section=wire_desk.sections["en-russia"]
    )
    content_ingest(
        source=auto, content=g2_versioned(1, item_meta=f"<embargoed>{stamp}</embargoed>")
    )
    item = WireItem.objects.get(source=auto)
    assert item.embargoed_until == embargo
    article = ArticlePage.objects.get(pk=item.article_id)
    assert not article.live, "scheduled for its embargo, not published"
    assert article.get_latest_revision().approved_go_live_at == embargo
    assert client.get(article.url or "/en/russia/port-reopens-after-storm/").status_code == 404
    assert "Embargoed until" in client.get(f"/admin/wire/{item.id}/").content.decode()

    # An editor may not set it live earlier; with no go-live time it waits for the embargo.
    other = WireSource.objects.create(name="Desk", location="")
    content_ingest(
        source=other,
        content=g2_versioned(1, item_meta=f"<embargoed>{stamp}</embargoed>").replace(
            b"kill-1", b"kill-2"
        ),
    )
    draft = article_from_item(
        item=WireItem.objects.get(source=other), section=wire_desk.sections["en-russia"]
    )
    url = f"/admin/pages/{draft.id}/edit/"

    def publish(go_live_at: str):
        return client.post(
            url,
            nested_form_data(
                {
                    "title": draft.title,
                    "slug": draft.slug,
                    "lede": draft.lede,
                    "urgency": "4",
                    "body": streamfield([("paragraph", rich_text("<p>Copy.</p>"))]),
                    "bylines": inline_formset([]),
                    "corrections": inline_formset([]),
                    "topics": "",
                    "go_live_at": go_live_at,
                    "embargoed_until": timezone.localtime(embargo).strftime("%Y-%m-%d %H:%M"),
                    "action-publish": "publish",
                }
            ),
        )

    early = publish(timezone.localtime(embargo - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"))
    assert early.status_code == 200
    assert "cannot go live before" in early.content.decode()
    assert not ArticlePage.objects.get(pk=draft.pk).live
    assert publish("").status_code == 302
    draft = ArticlePage.objects.get(pk=draft.pk)
    assert not draft.live and draft.get_latest_revision().approved_go_live_at == embargo


# Schemas: validate and warn ------------------------------------------------------------------


@pytest.mark.conformance
def test_schema_errors_are_warnings_by_default_and_refusals_when_strict(settings):
    from dateline.wire.parsers import ParseError

    xsd = Path(settings.BASE_DIR).parent / "shared/conformance/newsml-g2/schema"
    settings.DATELINE_WIRE_NEWSML_G2_XSD = str(xsd / "NewsML-G2_2.35-spec-All-Power.xsd")
    # A timestamp with surrounding whitespace: agencies send it every day.
    sloppy = g2_versioned(1).replace(
        b"<firstCreated>2026-12-05T09:00:00Z", b"<firstCreated> 2026-12-05T09:00:00Z "
    )
    item = one(sloppy)
    assert item.warnings and "firstCreated" in item.warnings[0]
    assert one(g2_versioned(1)).warnings == []
    settings.DATELINE_WIRE_SCHEMA_CHECK = "strict"
    with pytest.raises(ParseError, match="Not valid NewsML-G2"):
        parse(sloppy)


@pytest.mark.conformance
def test_a_bad_header_never_refuses_a_news_messages_good_items(settings):
    xsd = Path(settings.BASE_DIR).parent / "shared/conformance/newsml-g2/schema"
    settings.DATELINE_WIRE_NEWSML_G2_XSD = str(xsd / "NewsML-G2_2.35-spec-All-Power.xsd")
    settings.DATELINE_WIRE_SCHEMA_CHECK = "strict"
    item = g2_versioned(1).decode().split("?>", 1)[1]
    message = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="{G2}"><header><sent> 2026-12-05T10:00:00Z </sent></header>
<itemSet>{item}{item.replace("kill-1", "kill-2")}</itemSet></newsMessage>""".encode()
    first, second = parse(message)
    assert second.guid == "urn:test:kill-2"
    assert first.warnings and first.warnings[0].startswith("News message:")


# Feeds in legacy encodings; drop folders ------------------------------------------------------

NEWS = {
    "koi8-r": "Москва. Министр иностранных дел России Сергей Лавров встретился с коллегой из "
    "Великобритании; стороны обсудили экстрадицию.",
    "windows-1251": "Казань. Правительство Татарстана утвердило бюджет на следующий год; "
    "расходы на образование вырастут.",
    "shift_jis": "東京、12月5日 日本政府は土曜日、新しい経済対策を発表した。首相は記者会見で、"
    "景気回復を最優先にすると述べた。",
    "euc-jp": "大阪、12月5日 関西の企業は土曜日、新しい投資計画を発表した。社長は記者会見で、"
    "地域経済の回復を最優先にすると述べた。",
    "euc-kr": "서울, 12월 5일 한국 정부는 토요일 새로운 경제 대책을 발표했다. 총리는 기자회견에서 "
    "경기 회복을 최우선으로 하겠다고 말했다.",
    "gb2312": "北京，12月5日 中国政府星期六宣布了新的经济措施。"
    "总理在记者会上说，经济复苏是重中之重。",
}


def rss(text: str, *, declared: str = "") -> str:
    declaration = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    return (
        f'{declaration}<rss version="2.0"><channel><title>Agency</title><item>'
        f"<title>{text[:20]}</title><guid>e-1</guid><description>{text}</description>"
        "</item></channel></rss>"
    )


@pytest.mark.parametrize("encoding", sorted(NEWS))
def test_a_feed_in_an_undeclared_legacy_encoding_is_read_as_written(encoding):
    (item,) = parse(rss(NEWS[encoding]).encode(encoding))
    assert item.lede == NEWS[encoding], "no mojibake"
    (declared,) = parse(rss(NEWS[encoding], declared=encoding).encode(encoding))
    assert declared.lede == NEWS[encoding]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-32"])
def test_utf16_without_a_mark_and_utf32_reach_the_right_parser(encoding):
    document = rss(
        NEWS["koi8-r"], declared=encoding.upper().removesuffix("-LE").removesuffix("-BE")
    )
    (item,) = parse(document.encode(encoding))
    assert item.format == "rss" and item.lede == NEWS["koi8-r"]


def test_bytes_in_no_encoding_that_can_be_told_are_refused_with_the_reason():
    from dateline.wire.parsers import ParseError

    with pytest.raises(ParseError, match="declares no encoding"):
        parse(b"<rss>" + bytes(range(128, 256)) * 4 + b"</rss>")
    with pytest.raises(ParseError, match="declares the encoding 'utf-8'"):
        parse(b'<?xml version="1.0" encoding="utf-8"?><rss>\xff\xfe\x80</rss>')


@pytest.mark.django_db
def test_a_folder_tells_each_files_format_and_skips_what_is_not_news(tmp_path):
    from PIL import Image

    from dateline.wire.models import WireItem
    from dateline.wire.services.sources import location_ingest

    (tmp_path / "LICENSE").write_text("Permission is hereby granted, free of charge…\n")
    (tmp_path / "README.md").write_text("# Drop folder\n")
    (tmp_path / "a-story.xml").write_bytes(
        g2_item("<headline>Storm closes port</headline>", "<p>ODESSA (Example) - Storm.</p>")
    )
    (tmp_path / "b-feed.rss").write_bytes(rss(NEWS["windows-1251"]).encode("windows-1251"))
    source, report = location_ingest(name="Folder", location=str(tmp_path))
    assert source.format == "auto"
    assert report.created == 2 and report.failed == 0, report.reasons
    assert sorted(WireItem.objects.values_list("format", flat=True)) == ["newsml-g2", "rss"]
    assert (tmp_path / "LICENSE").exists() and (tmp_path / "README.md").exists(), "left alone"
    # A picture named by the agency's http address, sent beside the item, is that picture.
    Image.new("RGB", (16, 16), "red").save(tmp_path / "storm-photo.jpg")
    picture = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="{G2}" guid="urn:test:photo-1" version="1" standard="NewsML-G2"
  standardversion="2.35"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
  <contentMeta><headline>Storm over the port</headline></contentMeta>
  <contentSet><remoteContent href="https://photos.example.com/2026/storm-photo.jpg"
    rendition="rnd:highRes" contenttype="image/jpeg" width="16" height="16"/></contentSet>
</newsItem>"""
    (tmp_path / "c-photo.xml").write_text(picture)
    location_ingest(name="Folder", location=str(tmp_path))
    photo = WireItem.objects.get(guid="urn:test:photo-1")
    assert photo.pictures[0]["stored"].startswith("wire/")


def test_a_bad_item_never_refuses_a_news_messages_good_items():
    good = g2_versioned(1).decode().split("?>", 1)[1]
    message = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="{G2}"><header><sent>2026-12-05T10:00:00Z</sent></header>
<itemSet><newsItem guid="stub"/>{good}</itemSet></newsMessage>""".encode()
    (item,) = parse(message)
    assert item.guid == "urn:test:kill-1"
    assert item.warnings == [
        "News message: item 1 refused: Item stub has no itemMeta: it is incomplete."
    ]


def test_an_item_of_events_without_content_meta_is_named_by_its_first_event():
    events = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="{G2}" guid="urn:test:events" version="1" standard="NewsML-G2"
  standardversion="2.35"><itemMeta><itemClass qcode="ninat:text"/></itemMeta>
  <contentSet><inlineXML><events><event><name>Autumn meeting of editors</name></event>
  </events></inlineXML></contentSet></newsItem>""".encode()
    assert one(events).headline == "Autumn meeting of editors"

"""The incoming desk: editors filter items, preview one, and make a draft in a few clicks;
readers and other staff cannot; the dashboard counts."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from dateline.comments.tests.factories import reader_for_test
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.tests.factories import edition_tree
from dateline.wire.models import WireItem, WireSource
from dateline.wire.services.ingest import content_ingest

pytestmark = [pytest.mark.conformance, pytest.mark.django_db]

SHARED = Path(settings.BASE_DIR).parent / "shared"


@pytest.fixture
def desk(client):
    tree = edition_tree()
    editor = reader_for_test("Desk Editor")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    seed = WireSource.objects.create(
        name="Sputnik pages", location="", section=tree.sections["en-russia"]
    )
    iptc = WireSource.objects.create(name="IPTC", location="")
    content_ingest(source=seed, content=(SHARED / "seed/sputnik-russia-article.txt").read_bytes())
    content_ingest(source=iptc, content=(SHARED / "conformance/nitf/nitf-fishing.xml").read_bytes())
    content_ingest(source=iptc, content=b"<broken")
    return tree, seed, iptc


def test_filters_preview_and_create_article(client, desk):
    tree, seed, _iptc = desk
    page = client.get("/admin/wire/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lavrov, Miliband agree" in html and "Weather and Tide Updates" in html
    assert "Malformed XML" in html  # the failed input, with its reason
    only_seed = client.get("/admin/wire/", {"source": seed.id}).content.decode()
    assert "Lavrov" in only_seed and "Weather and Tide" not in only_seed
    urgent = client.get("/admin/wire/", {"urgency": "3"}).content.decode()
    assert "Weather and Tide" in urgent and "Lavrov" not in urgent
    assert "Lavrov" in client.get("/admin/wire/", {"used": "no", "since": "24"}).content.decode()
    for nonsense in (
        {"urgency": "x", "since": "forever"},
        {"source": "²"},
        {"urgency": "²"},
        {"source": "99999999999999999999"},
        {"language": "e\x00n"},
    ):
        assert client.get("/admin/wire/", nonsense).status_code == 200, nonsense

    item = WireItem.objects.get(source=seed)
    preview = client.get(f"/admin/wire/{item.id}/").content.decode()
    assert "MOSCOW, November 2 (RIA Novosti)" in preview and "Create article" in preview
    response = client.post(
        f"/admin/wire/{item.id}/article/", {"section": tree.sections["en-russia"].id}
    )
    article = ArticlePage.objects.get(title=item.headline)
    assert response["Location"] == f"/admin/pages/{article.id}/edit/"
    assert not article.live
    again = client.post(
        f"/admin/wire/{item.id}/article/", {"section": tree.sections["en-russia"].id}
    )
    assert again.status_code == 302 and ArticlePage.objects.filter(title=item.headline).count() == 1
    assert "Lavrov" not in client.get("/admin/wire/", {"used": "no"}).content.decode()


def test_the_dashboard_counts_and_others_are_kept_out(client, desk):
    assert "items in 24 hours" in client.get("/admin/").content.decode()
    reporter = reader_for_test("Reporter")
    reporter.is_staff = True
    reporter.save()
    reporter.groups.add(Group.objects.get(name="Reporters"))
    client.force_login(reporter)
    assert client.get("/admin/wire/").status_code == 302  # Wagtail's refusal
    item = WireItem.objects.first()
    client.post(f"/admin/wire/{item.id}/article/", {"section": desk[0].sections["en-russia"].id})
    assert not ArticlePage.objects.filter(title=item.headline).exists()


def test_sources_are_managed_in_the_admin(client, desk, settings, tmp_path):
    settings.DATELINE_WIRE_DROP_ROOT = tmp_path
    assert client.get("/admin/wire_sources/").status_code == 200
    form = {"name": "Reuters drop", "format": "newsml-g2", "poll_minutes": 2, "active": "on"}
    outside = client.post("/admin/wire_sources/new/", {**form, "location": "/etc"})
    assert outside.status_code == 200 and "must be inside" in outside.content.decode()
    inside = client.post(
        "/admin/wire_sources/new/", {**form, "location": str(tmp_path / "reuters")}
    )
    assert inside.status_code == 302
    assert WireSource.objects.get(name="Reuters drop").poll_minutes == 2

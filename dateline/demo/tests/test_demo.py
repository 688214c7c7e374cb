import io
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, PageLogEntry, Revision

from dateline.demo import generated, seed_article
from dateline.demo.loader import demo_load
from dateline.mediabank.models import Photo
from dateline.newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_a_second_run_changes_nothing():
    assert demo_load(stdout=io.StringIO()) is True
    counts = (Page.objects.count(), Photo.objects.count(), ArticlePage.objects.live().count())
    assert demo_load(stdout=io.StringIO()) is False
    assert (
        Page.objects.count(),
        Photo.objects.count(),
        ArticlePage.objects.live().count(),
    ) == counts

    assert counts[2] >= 200
    for language in ("en", "ru"):
        titles = set(
            SectionPage.objects.filter(locale__language_code=language).values_list(
                "slug", flat=True
            )
        )
        assert titles == {
            "world",
            "russia",
            "politics",
            "economy",
            "defense",
            "science",
            "society",
            "sport",
        }

    english = ArticlePage.objects.get(locale__language_code="en", title=seed_article.HEADLINE["en"])
    russian = ArticlePage.objects.get(locale__language_code="ru", title=seed_article.HEADLINE["ru"])
    assert russian.translation_key == english.translation_key
    assert english.get_parent().slug == "russia"
    assert english.agency.short_name == "RIA Novosti"
    assert russian.agency.short_name == "РИА Новости"
    assert english.lead_photo.creator == "Eduard Pesov"
    assert english.lead_photo.copyright_notice == "© RIA Novosti"
    # The photo file carries its own credit, as an agency's would.
    with english.lead_photo.file.open("rb") as handle:
        content = handle.read()
    assert b"Eduard Pesov" in content
    assert "Москве".encode() in russian.lead_photo.file.open("rb").read()


def test_demo_keeps_a_draft_and_a_scheduled_article_away_from_readers():
    demo_load(stdout=io.StringIO())
    hidden = ArticlePage.objects.filter(
        slug__in=["embargoed-cabinet-reshuffle", "draft-budget-notes"]
    )
    assert hidden.count() == 2
    assert not hidden.filter(live=True).exists()


def test_demo_articles_carry_the_history_the_admin_would_have_made(client):
    """The reporter's draft, then the editor's publish at the article's publication time."""
    demo_load(stdout=io.StringIO())
    articles = ArticlePage.objects.live().select_related("live_revision__user", "owner")
    assert articles.exists()
    for article in articles:
        assert article.live_revision is not None, article.title
        assert article.live_revision_id == article.latest_revision_id
        assert not article.has_unpublished_changes
        assert article.owner.username == "reporter"
        revisions = Revision.page_revisions.filter(object_id=str(article.pk)).order_by("created_at")
        assert [r.user.username for r in revisions] == ["reporter", "editor"], article.title
        assert revisions.last().created_at == article.first_published_at
        assert revisions.first().created_at < article.first_published_at
        # The revision holds the article as published, bylines and all.
        assert revisions.last().as_object().title == article.title
        assert revisions.last().as_object().bylines.count() == article.bylines.count() > 0
        logs = PageLogEntry.objects.filter(page=article).order_by("timestamp")
        assert [(e.action, e.user and e.user.username) for e in logs] == [
            ("wagtail.create", "reporter"),
            ("wagtail.publish", "editor"),
        ]
    # The admin's history of an article says who published it.
    client.force_login(get_user_model().objects.get(username="admin"))
    article = articles.first()
    history = client.get(f"/admin/pages/{article.pk}/history/")
    assert history.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", history.content.decode()))
    table = text[text.index("Action User Date") :]
    assert re.search(r"Published Live version editor .+ Created .+ reporter", table), table
    scheduled = ArticlePage.objects.get(slug="embargoed-cabinet-reshuffle")
    assert scheduled.latest_revision.user.username == "editor"


@pytest.mark.parametrize(
    ("predicate", "gender", "expected"),
    [
        ("принял бюджет", "f", "приняла бюджет"),
        ("принял бюджет", "m", "принял бюджет"),
        ("сообщил о росте", "n", "сообщило о росте"),
        ("отчитался о подготовке", "f", "отчиталась о подготовке"),
        ("отчитался о подготовке", "n", "отчиталось о подготовке"),
        ("провёл учения", "n", "провело учения"),
        ("призывает к миру", "f", "призывает к миру"),
    ],
)
def test_russian_headlines_agree_with_their_subject(predicate, gender, expected):
    assert generated.russian_predicate(predicate, gender) == expected


def test_every_generated_russian_headline_agrees():
    """No «Совет Федерации приняла», no «Федерация … выиграл»: a past-tense verb ends as its
    subject's gender asks."""
    endings = {"m": ("л", "лся"), "f": ("ла", "лась"), "n": ("ло", "лось")}
    for section in generated.SECTIONS:
        for _en, subject, gender in section["subjects"]:
            for _en_predicate, predicate in section["predicates"]:
                verb = generated.russian_predicate(predicate, gender).split()[0]
                past = verb.endswith(("л", "ла", "ло", "лся", "лась", "лось"))
                assert not past or verb.endswith(endings[gender]), f"{subject} {verb}"

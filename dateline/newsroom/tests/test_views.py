from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation
from django.views.defaults import server_error

from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import (
    AgencyFactory,
    article_for_test,
    edition_tree,
    photo_for_test,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return edition_tree()


@pytest.mark.parametrize(
    ("accept", "edition"),
    [("ru-RU,ru;q=0.9", "/ru/"), ("en-GB,en;q=0.8", "/en/"), ("fr-FR", "/en/")],
)
def test_root_sends_readers_to_the_edition_in_their_language(client, tree, accept, edition):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == edition
    assert "Accept-Language" in response["Vary"]


def test_article_page_shows_its_parts_in_the_seed_order(client, tree):
    photo = photo_for_test(caption="Meeting in Moscow", creator="Eduard Pesov")
    article = article_for_test(
        tree.sections["en-russia"],
        title="Lavrov meets Miliband",
        photo=photo,
        dateline_place="Moscow",
        agency=AgencyFactory(),
    )
    older = article_for_test(
        tree.sections["en-world"], published_at=article.first_published_at - timedelta(hours=1)
    )
    html = client.get(article.url).content.decode()
    html = html[html.index("<body") :]
    parts = [
        "Dateline International",
        "The latest news and stories from Russia.",
        "Lavrov meets Miliband",
        "© RIA Novosti . Eduard Pesov",
        f'href="/en/mediabank/{photo.pk}/">Go to the mediabank',
        'photo__caption">Meeting in Moscow',
        ">Subscribe<",
        article.lede,
        "MOSCOW,",
        "(RIA Novosti) –</span> Paragraph 0",
        "/en/topics/",
        "Newsfeed",
        f'data-thread-url="/en/comments/{article.id}/"',  # count, prompt and list come from here
        f'href="/en/comments/{article.id}/">Read the comments and join the discussion',
        f'rel="next">{older.title}',
        ">Chats<",
    ]
    positions = [html.find(part) for part in parts]
    assert -1 not in positions, [p for p, i in zip(parts, positions, strict=True) if i == -1]
    assert positions == sorted(positions), list(zip(parts, positions, strict=True))
    assert 'alt="Meeting in Moscow"' in html


def test_russian_article_page_speaks_russian(client, tree):
    article = article_for_test(
        tree.sections["ru-russia"], title="Лавров и Милибэнд", dateline_place="Москва"
    )
    html = client.get(article.url).content.decode()
    assert article.url.startswith("/ru/")
    assert '<html lang="ru">' in html
    discussion = client.get(
        f"/ru/comments/{article.id}/", headers={"X-Requested-With": "fetch"}
    ).content.decode()
    for phrase in ("Чтобы участвовать в дискуссии", "авторизуйтесь", "зарегистрируйтесь"):
        assert phrase in discussion
    for phrase in (
        "Лента новостей",
        "Комментарии",
        "Подписаться",
        "Чаты",
        "МОСКВА",
    ):
        assert phrase in html
    for english in ("Newsfeed", "To participate", "Subscribe", "Chats"):
        assert english not in html


def test_drafts_and_scheduled_articles_never_reach_readers(client, tree):
    section = tree.sections["en-russia"]
    visible = article_for_test(section, title="Visible story")
    draft = article_for_test(section, title="Secret draft", live=False, topics=0)
    draft.topics.add("Shared topic")
    draft.save()
    scheduled = article_for_test(section, title="Embargoed story", live=False)
    article_publish(article=scheduled, go_live_at=timezone.now() + timedelta(days=1))
    visible.topics.add("Shared topic")
    visible.save()

    for url in (draft.url or f"/en/russia/{draft.slug}/", f"/en/russia/{scheduled.slug}/"):
        assert client.get(url).status_code == 404
    for url in (
        "/en/",
        "/en/russia/",
        "/en/search/?q=story",
        "/en/search/?q=Secret",
        "/en/topics/shared-topic/",
        visible.url,
    ):
        html = client.get(url).content.decode()
        assert "Secret draft" not in html, url
        assert "Embargoed story" not in html, url
    assert "Visible story" in client.get("/en/search/?q=story").content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "%00"])
def test_bad_page_numbers_give_the_first_page(client, tree, page):
    article_for_test(tree.sections["en-russia"], title="Only story")
    response = client.get(f"/en/russia/?page={page}")
    assert response.status_code == 200
    assert "Only story" in response.content.decode()


def test_page_past_the_end_is_404(client, tree):
    article_for_test(tree.sections["en-russia"])
    assert client.get("/en/russia/?page=999").status_code == 404


def test_not_found_page_is_in_the_editions_language(client, tree):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
    assert "Page not found" in client.get("/en/no-such-page/").content.decode()


def test_server_error_page_is_in_the_editions_language():
    with translation.override("ru"):
        response = server_error(RequestFactory().get("/ru/"))
    assert response.status_code == 500
    assert "Ошибка сервера" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/en/authors/nobody/", "/en/topics/nothing/", "/en/stories/999/", "/en/mediabank/999/"]
)
def test_unknown_objects_are_404(client, tree, url):
    assert client.get(url).status_code == 404


def test_author_topic_and_photo_pages(client, tree):
    photo = photo_for_test(caption="Kremlin at dusk", creator="Alexei Druzhinin")
    article = article_for_test(tree.sections["en-russia"], title="Author's story", photo=photo)
    author = article.bylines.first().author
    topic = article.topics.first()
    assert "Author&#x27;s story" in client.get(f"/en/authors/{author.slug}/").content.decode()
    assert "Author&#x27;s story" in client.get(f"/en/topics/{topic.slug}/").content.decode()
    html = client.get(f"/en/mediabank/{photo.pk}/").content.decode()
    assert "© RIA Novosti . Alexei Druzhinin" in html
    assert "Kremlin at dusk" in html
    assert article.url in html


def test_search_escapes_the_query(client, tree):
    html = client.get("/en/search/?q=<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_pages_carry_the_newsrooms_icon_and_favicon_ico_leads_to_it(client, tree):
    home = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in home
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301 and answer["Location"] == "/static/img/favicon.svg"
    icon = client.get("/static/img/favicon.svg")
    assert icon.status_code == 200 and b"<svg" in b"".join(icon.streaming_content)


@pytest.mark.parametrize("where", ["home", "section", "topic", "author", "search"])
def test_heading_levels_never_skip_one(client, tree, where):
    import itertools
    import re

    article = article_for_test(tree.sections["en-russia"], title="Lavrov speaks")
    byline = article.bylines.first()
    url = {
        "home": "/en/",
        "section": "/en/russia/",
        "topic": f"/en/topics/{article.topics.first().slug}/",
        "author": f"/en/authors/{byline.author.slug}/",
        "search": "/en/search/?q=Lavrov",
    }[where]
    response = client.get(url)
    assert response.status_code == 200, url
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", response.content.decode())]
    assert levels[0] == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} then h{after} on {url}: {levels}"

"""Each page leads to its own translation: the language switch, hreflang alternates in the
head (home, section, article) and Open Graph's alternate locales; never to a draft."""

import pytest
from lxml import html

from dateline.newsroom.services import article_unpublish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return edition_tree()


@pytest.fixture
def translated(tree):
    english = article_for_test(tree.sections["en-russia"], title="Talks end")
    russian = article_for_test(
        tree.sections["ru-russia"],
        title="Переговоры окончены",
        translation_key=english.translation_key,
    )
    return english, russian


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content)


def switch_to(document, language):
    (link,) = document.xpath(f'//ul[@class="languages"]//a[@hreflang="{language}"]')
    return link.get("href")


def alternates(document):
    return {
        link.get("hreflang"): link.get("href")
        for link in document.head.xpath('link[@rel="alternate"][@hreflang]')
    }


def test_the_switch_leads_to_the_articles_translation_and_back(client, translated):
    english, russian = translated
    assert switch_to(page_of(client, english.url), "ru") == russian.url
    assert switch_to(page_of(client, russian.url), "en") == english.url


def test_without_a_live_translation_the_switch_leads_to_the_other_edition(client, translated):
    english, russian = translated
    article_unpublish(article=russian)
    assert switch_to(page_of(client, english.url), "ru") == "/ru/"
    assert "ru" not in alternates(page_of(client, english.url))
    alone = article_for_test(english.get_parent().specific, title="Only in English")
    assert switch_to(page_of(client, alone.url), "ru") == "/ru/"


@pytest.mark.parametrize("page", ["home", "section"])
def test_home_and_section_pages_name_their_translations(client, tree, page):
    english, russian = (
        (tree.homes["en"], tree.homes["ru"])
        if page == "home"
        else (tree.sections["en-russia"], tree.sections["ru-russia"])
    )
    for shown in (english, russian):
        document = page_of(client, shown.url)
        assert alternates(document) == {
            "en": f"http://testserver{english.url}",
            "ru": f"http://testserver{russian.url}",
        }
    assert switch_to(page_of(client, english.url), "ru") == russian.url


def test_a_translated_article_names_its_other_locale_for_open_graph(client, translated):
    english, russian = translated
    head = page_of(client, english.url).head
    assert head.xpath('meta[@property="og:locale"]/@content') == ["en_GB"]
    assert head.xpath('meta[@property="og:locale:alternate"]/@content') == ["ru_RU"]
    assert page_of(client, russian.url).head.xpath(
        'meta[@property="og:locale:alternate"]/@content'
    ) == ["en_GB"]

"""A reader opens the seed article in Debian's Chromium and sees every part of it, in order."""

import pytest

from dateline.tests.reader_pages import READER_PAGES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED_PATH = "russia/lavrov-miliband-extradition/"


@pytest.fixture
def demo_site(demo_database, asgi_server):
    return asgi_server


@pytest.fixture
def phone(chromium):
    """A phone-sized page: one column, so reading order is top to bottom."""
    context = chromium.new_context(viewport={"width": 412, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def visible_in_order(page, locators: list[tuple[str, object]]) -> None:
    tops = []
    for name, locator in locators:
        first = locator.first
        assert first.is_visible(), f"{name} is not visible"
        tops.append((name, first.bounding_box()["y"]))
    assert [y for _, y in tops] == sorted(y for _, y in tops), tops


def test_seed_article_in_english_shows_every_part_in_order(demo_site, phone):
    phone.goto(f"{demo_site}/en/{SEED_PATH}")
    phone.locator(".comments__prompt").wait_for()  # the discussion is fetched by the page
    article = phone.locator("article.article")
    visible_in_order(
        phone,
        [
            ("edition brand", phone.get_by_role("link", name="Dateline International")),
            ("section name", article.get_by_role("link", name="Russia", exact=True)),
            (
                "section description",
                phone.get_by_text("The latest news and stories from Russia. Stay tuned"),
            ),
            (
                "headline",
                phone.get_by_role(
                    "heading",
                    level=1,
                    name="Lavrov, Miliband agree to disagree on extradition dispute",
                ),
            ),
            ("photo", article.locator("figure.photo img")),
            ("credit", phone.get_by_text("© RIA Novosti . Eduard Pesov")),
            ("media bank link", phone.get_by_role("link", name="Go to the mediabank")),
            (
                "caption",
                phone.locator(
                    ".photo__caption", has_text="Meeting of Russian Foreign Minister Sergei Lavrov"
                ),
            ),
            ("subscribe", phone.get_by_role("link", name="Subscribe", exact=True)),
            ("lede", phone.locator(".article__lede", has_text="reiterated on Monday")),
            ("dateline", phone.get_by_text("MOSCOW, November 2 (RIA Novosti) –")),
            (
                "body end",
                phone.get_by_text("Lugovoi, 42, was elected a member of parliament in 2007."),
            ),
            ("topics", phone.get_by_role("link", name="Extradition")),
            ("newsfeed", phone.get_by_role("heading", name="Newsfeed")),
            ("comment count", phone.locator(".comments__count", has_text="0")),
            ("prompt", phone.get_by_text("To participate in the discussion")),
            ("log in", phone.get_by_role("link", name="log in")),
            ("register", phone.get_by_role("link", name="register")),
            ("next article", phone.locator(".next-article__link")),
            ("chats", phone.get_by_role("link", name="Chats").last),
        ],
    )
    assert (
        phone.locator("article.article figure.photo img")
        .get_attribute("alt")
        .startswith("Meeting of Russian")
    )

    phone.get_by_role("link", name="Go to the mediabank").click()
    phone.wait_for_url("**/en/mediabank/*/")
    assert phone.locator(".photo__credit").first.inner_text() == "© RIA Novosti . Eduard Pesov"


def test_seed_article_in_russian_speaks_russian(demo_site, phone):
    phone.goto(f"{demo_site}/ru/{SEED_PATH}")
    phone.locator(".comments__prompt").wait_for()
    assert phone.locator("html").get_attribute("lang") == "ru"
    visible_in_order(
        phone,
        [
            ("edition brand", phone.get_by_role("link", name="Дейтлайн")),
            (
                "section",
                phone.locator("article.article").get_by_role("link", name="Россия", exact=True),
            ),
            ("headline", phone.get_by_role("heading", level=1, name="Лавров и Милибэнд")),
            ("media bank link", phone.get_by_role("link", name="Перейти в фотобанк")),
            ("subscribe", phone.get_by_role("link", name="Подписаться", exact=True)),
            ("dateline", phone.get_by_text("МОСКВА, 2 ноября (РИА Новости) –")),
            ("newsfeed", phone.get_by_role("heading", name="Лента новостей")),
            ("prompt", phone.get_by_text("Чтобы участвовать в дискуссии")),
            ("log in", phone.get_by_role("link", name="авторизуйтесь")),
            ("register", phone.get_by_role("link", name="зарегистрируйтесь")),
            ("chats", phone.get_by_role("link", name="Чаты").last),
        ],
    )
    body = phone.locator("body").inner_text()
    for english in ("Newsfeed", "Subscribe", "To participate", "Chats", "Go to the mediabank"):
        assert english not in body


def test_article_reads_without_javascript(demo_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{demo_site}/en/{SEED_PATH}")
    assert page.get_by_text("MOSCOW, November 2 (RIA Novosti) –").is_visible()
    page.locator(".next-article__link").click()
    assert page.locator("h1").inner_text() != ""
    context.close()


@pytest.mark.parametrize("width", [320, 390, 430])
def test_no_page_scrolls_sideways_on_a_phone(demo_site, chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    wider = []
    for language in ("en", "ru"):
        for path in READER_PAGES:
            url = path.format(lang=language)
            assert page.goto(f"{demo_site}{url}").ok, url
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                wider.append((url, scroll_width))
    context.close()
    assert not wider, f"wider than {width} px: {wider}"


@pytest.mark.parametrize("width", [1280, 900])
def test_no_section_on_the_home_page_leaves_a_card_alone_on_a_row(demo_site, chromium, width):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{demo_site}/en/")
    lists = page.locator(".section-block__list")
    assert lists.count() > 0
    for index in range(lists.count()):
        tops = [
            round(card.bounding_box()["y"])
            for card in lists.nth(index).locator(":scope > li").all()
        ]
        rows = [tops.count(top) for top in sorted(set(tops))]
        assert rows[-1] == rows[0], f"section {index}: cards per row {rows}"
    page.close()

"""Loads the demo newsroom: two editions, eight sections each, 200+ articles, photos, staff.

Idempotent: when the English edition exists, only the staff accounts are ensured.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import TextIO

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site

from dateline.accounts.services import reader_profile_save
from dateline.chats.models import ChatIndexPage, ChatRoomPage
from dateline.demo import generated, seed_article
from dateline.mediabank.demo import DemoPhotoMetadata, demo_photo_bytes
from dateline.mediabank.models import Photo
from dateline.mediabank.services import photo_import
from dateline.newsroom.models import (
    Agency,
    ArticleByline,
    ArticlePage,
    Author,
    EditionHomePage,
    EditionTopStory,
    LiveBlogEntry,
    LiveBlogPage,
    SectionPage,
    Story,
)
from dateline.newsroom.services import article_publish

LANGUAGES = ("en", "ru")
BRAND = {"en": "Dateline International", "ru": "Дейтлайн"}
TAGLINE = {
    "en": "News from Russia and the world, as it happens",
    "ru": "Новости России и мира в режиме реального времени",
}
TIME_ZONE = "Europe/Moscow"
ARTICLES_PER_SECTION = 14
SPAN = timedelta(days=35)
SEED_PRECEDES = timedelta(days=7)
# The seed page's dateline is "MOSCOW, November 2": noon in Moscow on that day.
SEED_PUBLISHED_AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

STAFF = [
    # username, e-mail, group, superuser
    ("admin", "admin@dateline.local", None, True),
    ("editor", "editor@dateline.local", "Editors", False),
    ("reporter", "reporter@dateline.local", "Reporters", False),
    ("photoeditor", "photoeditor@dateline.local", "Photo editors", False),
]
# A registered reader for comments and chats (not staff).
READER = ("reader", "reader@dateline.local", "Demo Reader")
DEMO_PASSWORD_SUFFIX = "-dateline-demo"  # noqa: S105 - demo accounts, printed by `make run`


def demo_password(username: str) -> str:
    return f"{username}{DEMO_PASSWORD_SUFFIX}"


def staff_ensure() -> list[tuple[str, str, str, str]]:
    """Create the demo accounts if missing; returns (username, e-mail, password, role).

    Everyone signs in with a verified e-mail address, staff and the demo reader alike.
    """
    user_model = get_user_model()
    accounts = []
    for username, email, group_name, superuser in STAFF:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(username=username, email=email, is_staff=True, is_superuser=superuser)
            user.set_password(demo_password(username))
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        accounts.append((username, email, demo_password(username), group_name or "Administrator"))
    username, email, display_name = READER
    reader = user_model.objects.filter(username=username).first()
    if reader is None:
        reader = user_model(username=username, email=email)
        reader.set_password(demo_password(username))
        reader.save()
        EmailAddress.objects.create(user=reader, email=email, verified=True, primary=True)
        reader_profile_save(user=reader, display_name=display_name)
    accounts.append((username, email, demo_password(username), "Reader"))
    return accounts


def demo_load(*, stdout: TextIO) -> bool:
    """Load the demo unless it is there already. Returns whether anything was loaded."""
    if EditionHomePage.objects.exists():
        return False
    with transaction.atomic():
        _DemoBuilder(stdout).build()
    return True


class _DemoBuilder:
    def __init__(self, stdout: TextIO) -> None:
        self.stdout = stdout
        self.rng = random.Random(20261102)  # noqa: S311 - reproducible demo, not security
        self.now = timezone.now()
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES
        }

    def build(self) -> None:
        staff_ensure()  # the desk whose names the articles' histories carry
        users = get_user_model().objects.filter(username__in=["reporter", "editor"])
        self.staff = {user.username: user for user in users}
        self.authors = self._authors()
        self.agencies = self._agencies()
        self.story = self._story()
        self.photos = self._photos()
        homes = self._editions()
        seed = {}
        for language in LANGUAGES:
            sections = self._sections(homes, language)
            seed[language] = self._seed_article(sections["russia"], language)
            self._generated_articles(sections, language)
            self._top_stories(homes[language], seed[language])
            self._chats(homes[language], sections["russia"], language)
        self._live_blog(self.locales["en"])
        self._scheduled_and_draft(homes["en"])
        self.stdout.write(
            f"Loaded {ArticlePage.objects.live().count()} published articles and "
            f"{Photo.objects.count()} photos.\n"
        )

    # Snippets -------------------------------------------------------------

    def _authors(self) -> list[Author]:
        return [
            Author.objects.create(name=name, slug=slug, job_title=job)
            for name, slug, job in generated.AUTHORS
        ]

    def _agencies(self) -> dict[str, dict[str, Agency]]:
        agencies: dict[str, dict[str, Agency]] = {}
        for spec in generated.AGENCIES:
            english = Agency.objects.create(
                locale=self.locales["en"], name=spec["name"][0], short_name=spec["short"][0]
            )
            russian = Agency.objects.create(
                locale=self.locales["ru"],
                translation_key=english.translation_key,
                name=spec["name"][1],
                short_name=spec["short"][1],
            )
            agencies[spec["key"]] = {"en": english, "ru": russian}
        return agencies

    def _story(self) -> dict[str, Story]:
        english = Story.objects.create(
            locale=self.locales["en"],
            title="Russia–UK relations",
            description=(
                "Extradition disputes, diplomatic visits and the long thaw between Moscow "
                "and London."
            ),
        )
        russian = Story.objects.create(
            locale=self.locales["ru"],
            translation_key=english.translation_key,
            title="Российско-британские отношения",
            description=(
                "Споры об экстрадиции, дипломатические визиты и долгая оттепель между "
                "Москвой и Лондоном."
            ),
        )
        return {"en": english, "ru": russian}

    # Photos ---------------------------------------------------------------

    def _photos(self) -> dict[str, list[Photo]]:
        """One seed photo per language and a shared pool for the generated articles."""
        photos: dict[str, list[Photo]] = {"seed-en": [], "seed-ru": [], "pool": []}
        for language in LANGUAGES:
            photos[f"seed-{language}"].append(
                self._photo(
                    seed=1 + LANGUAGES.index(language),
                    metadata=DemoPhotoMetadata(
                        caption=seed_article.PHOTO_CAPTION[language],
                        headline=seed_article.HEADLINE[language],
                        creator=seed_article.PHOTO_CREATOR,
                        copyright_notice=seed_article.PHOTO_COPYRIGHT,
                        credit_line="RIA Novosti",
                        source="RIA Novosti",
                        city="Moscow",
                        country="Russia",
                        keywords=["Sergei Lavrov", "David Miliband", "diplomacy"],
                    ),
                )
            )
        for index, section in enumerate(generated.SECTIONS):
            for variant in range(2):
                creator = generated.PHOTOGRAPHERS[(index + variant) % len(generated.PHOTOGRAPHERS)]
                agency = generated.AGENCIES[(index + variant) % len(generated.AGENCIES)]
                place = generated.PLACES[(index + variant) % len(generated.PLACES)][0]
                caption = f"{section['title']['en']}: {place}, photo {variant + 1}"
                photos["pool"].append(
                    self._photo(
                        seed=100 + index * 10 + variant,
                        metadata=DemoPhotoMetadata(
                            caption=caption,
                            creator=creator,
                            copyright_notice=f"© {agency['name'][0]}",
                            credit_line=agency["name"][0],
                            source=agency["name"][0],
                            city=place,
                            keywords=[section["title"]["en"], place],
                        ),
                    )
                )
        return photos

    def _photo(self, *, seed: int, metadata: DemoPhotoMetadata) -> Photo:
        """The media bank reads the credits back from the file, as for any upload."""
        return photo_import(
            content=demo_photo_bytes(seed=seed, metadata=metadata), filename=f"demo-{seed}.jpg"
        ).photo

    # Pages ----------------------------------------------------------------

    def _editions(self) -> dict[str, EditionHomePage]:
        root = Page.get_first_root_node()
        # Wagtail's installer leaves a "Welcome" page; the editions replace it.
        for page in root.get_children():
            page.delete()
        english = root.add_child(
            instance=EditionHomePage(
                title=BRAND["en"],
                slug="en",
                locale=self.locales["en"],
                brand_name=BRAND["en"],
                tagline=TAGLINE["en"],
                time_zone=TIME_ZONE,
                first_published_at=self.now - self._span(),
            )
        )
        russian = root.add_child(
            instance=EditionHomePage(
                title=BRAND["ru"],
                slug="ru",
                locale=self.locales["ru"],
                translation_key=english.translation_key,
                brand_name=BRAND["ru"],
                tagline=TAGLINE["ru"],
                time_zone=TIME_ZONE,
                first_published_at=self.now - self._span(),
            )
        )
        Site.objects.all().delete()
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=english,
            is_default_site=True,
            site_name="Dateline",
        )
        return {"en": english, "ru": russian}

    def _sections(self, homes: dict[str, EditionHomePage], language: str) -> dict[str, SectionPage]:
        sections = {}
        for spec in generated.SECTIONS:
            english = None
            if language == "ru":
                english = SectionPage.objects.get(locale=self.locales["en"], slug=spec["slug"])
            section = SectionPage(
                title=spec["title"][language],
                slug=spec["slug"],
                description=spec["description"][language],
                locale=self.locales[language],
                first_published_at=self.now - self._span(),
            )
            if english is not None:
                section.translation_key = english.translation_key
            sections[spec["slug"]] = homes[language].add_child(instance=section)
        return sections

    def _article(
        self,
        *,
        section: SectionPage,
        language: str,
        title: str,
        lede: str,
        paragraphs: list[str],
        published_at: datetime,
        photo: Photo | None,
        authors: list[Author],
        agency_key: str,
        place: str,
        topics: list[str],
        urgency: int = 4,
        story: Story | None = None,
        translation_of: ArticlePage | None = None,
        slug: str | None = None,
        quote: tuple[str, str] | None = None,
        model: type[ArticlePage] = ArticlePage,
        **extra: object,
    ) -> ArticlePage:
        body = [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs]
        if quote:
            body.insert(2, {"type": "quote", "value": {"quote": quote[0], "attribution": quote[1]}})
        article = model(
            title=title,
            slug=slug or "",
            locale=self.locales[language],
            lede=lede,
            dateline_place=place,
            agency=self.agencies[agency_key][language],
            lead_photo=photo,
            body=body,
            urgency=urgency,
            story=story,
            owner=self.staff["reporter"],
            live=True,
            first_published_at=published_at,
            last_published_at=published_at,
            **extra,
        )
        if translation_of is not None:
            article.translation_key = translation_of.translation_key
        section.add_child(instance=article)
        for order, author in enumerate(authors):
            ArticleByline.objects.create(page=article, author=author, sort_order=order)
        article.topics.add(*topics)
        article.save()  # whole, with its bylines and topics: its search entry is written too
        self._history(article, published_at=published_at)
        return article

    def _history(self, article: ArticlePage, *, published_at: datetime) -> None:
        """The history the admin would show: the reporter's draft, then the editor's publish.

        Written as rows, not through `publish()`: a published page's signals (newsfeed,
        purges, distribution) are for news that happens now, not for a back catalogue.
        """
        # Not from self.rng: the demo's other draws (publication times) stay as they were.
        drafted_at = published_at - timedelta(minutes=15 + article.pk % 75)
        revisions = [
            Revision.objects.create(
                content_object=article,
                base_content_type=article.get_base_content_type(),
                user=user,
                content=article.serializable_data(),
                object_str=str(article),
                created_at=at,
            )
            for user, at in [
                (self.staff["reporter"], drafted_at),
                (self.staff["editor"], published_at),
            ]
        ]
        # Wagtail logged the page's creation (by its owner, the reporter) as it was added.
        PageLogEntry.objects.filter(page=article, action="wagtail.create").update(
            timestamp=drafted_at, revision=revisions[0]
        )
        log(
            instance=article,
            action="wagtail.publish",
            user=self.staff["editor"],
            revision=revisions[1],
            timestamp=published_at,
            content_changed=True,
        )
        ArticlePage.objects.filter(pk=article.pk).update(
            latest_revision=revisions[1],
            live_revision=revisions[1],
            latest_revision_created_at=published_at,
            has_unpublished_changes=False,
        )

    def _seed_article(self, section: SectionPage, language: str) -> ArticlePage:
        english = None
        if language == "ru":
            english = ArticlePage.objects.get(
                locale=self.locales["en"], slug="lavrov-miliband-extradition"
            )
        return self._article(
            section=section,
            language=language,
            title=seed_article.HEADLINE[language],
            slug="lavrov-miliband-extradition",
            lede=seed_article.LEDE[language],
            paragraphs=seed_article.BODY[language],
            published_at=SEED_PUBLISHED_AT,
            photo=self.photos[f"seed-{language}"][0],
            authors=[self.authors[0]],
            agency_key="ria",
            place=seed_article.PLACE[language],
            topics=seed_article.TOPICS[language],
            story=self.story[language],
            translation_of=english,
        )

    def _generated_articles(self, sections: dict[str, SectionPage], language: str) -> None:
        column = 0 if language == "en" else 1
        for index, spec in enumerate(generated.SECTIONS):
            pairs = [(s, p) for s in spec["subjects"] for p in spec["predicates"]]
            self.rng.shuffle(pairs)
            for number, (subject, predicate) in enumerate(pairs[:ARTICLES_PER_SECTION]):
                verb = (
                    predicate[0]
                    if language == "en"
                    else generated.russian_predicate(predicate[1], subject[2])
                )
                title = f"{subject[column]} {verb}"
                place = generated.PLACES[(index + number) % len(generated.PLACES)]
                published_at = self.now - timedelta(
                    minutes=self.rng.randrange(10, int(self._span().total_seconds() // 60))
                )
                paragraphs = self.rng.sample(generated.PARAGRAPHS[language], 3)
                lede = f"{title}. {paragraphs[0]}"
                self._article(
                    section=sections[spec["slug"]],
                    language=language,
                    title=title,
                    lede=lede,
                    paragraphs=[lede, *paragraphs[1:]],
                    published_at=published_at,
                    photo=self.photos["pool"][(index * 2 + number) % len(self.photos["pool"])],
                    authors=[self.authors[(index + number) % len(self.authors)]],
                    agency_key=generated.AGENCIES[number % len(generated.AGENCIES)]["key"],
                    place=place[column],
                    topics=[t[column] for t in spec["topics"][: 1 + number % 2]],
                    urgency=2 if number == 0 and index % 3 == 0 else 4,
                    story=self.story[language] if spec["slug"] == "russia" and number < 3 else None,
                    quote=generated.QUOTES[language] if number % 3 == 0 else None,
                )

    def _span(self) -> timedelta:
        """How far back the generated articles go: SPAN, and always a week before the seed
        article (fixed on its own date), so that reading on from it finds older news."""
        return max(SPAN, self.now - (SEED_PUBLISHED_AT - SEED_PRECEDES))

    def _top_stories(self, home: EditionHomePage, seed: ArticlePage) -> None:
        latest = list(
            ArticlePage.objects.live()
            .filter(locale=home.locale)
            .exclude(pk=seed.pk)
            .order_by("-first_published_at")[:3]
        )
        for order, article in enumerate([seed, *latest]):
            EditionTopStory.objects.create(page=home, article=article, sort_order=order)

    def _chats(self, home: EditionHomePage, russia: SectionPage, language: str) -> None:
        texts = generated.CHATS[language]
        index = home.add_child(
            instance=ChatIndexPage(
                title=texts["index"], slug="chats", intro=texts["intro"], locale=home.locale
            )
        )
        rooms = [
            ChatRoomPage(title=texts["general"], slug="general", kind="general"),
            ChatRoomPage(title=russia.title, slug="russia", kind="section", section=russia),
            ChatRoomPage(
                title=self.story[language].title,
                slug="story",
                kind="story",
                story=self.story[language],
            ),
        ]
        for room in rooms:
            room.locale = home.locale
            index.add_child(instance=room)

    def _live_blog(self, locale: Locale) -> None:
        """A live blog in the English edition's Russia section, on the seed's story: key
        events on top, a pinned entry, a quote, a quote card and a photo."""
        section = SectionPage.objects.get(locale=locale, slug="russia")
        started = self.now - timedelta(hours=3)
        blog = self._article(
            section=section,
            language="en",
            title="Live: Lavrov and Miliband meet in London",
            slug="live-lavrov-miliband-london",
            lede="The foreign ministers meet for the first time in three years. Follow it here.",
            paragraphs=["The talks began at the Foreign Office at 10:00 London time."],
            published_at=started,
            photo=None,
            authors=[self.authors[0]],
            agency_key="ria",
            place="London",
            topics=["Diplomacy"],
            story=self.story["en"],
            model=LiveBlogPage,
            key_events=(
                "<ul><li>Talks began at 10:00</li><li>Extradition on the agenda</li>"
                "<li>Joint statement expected this afternoon</li></ul>"
            ),
        )
        editor = self.staff["editor"]
        entries = [
            {"title": "The talks are under way", "text": "<p>Both ministers arrived on time.</p>"},
            {"quote": "We are here to listen.", "quote_by": "Sergei Lavrov"},
            {
                "card_author": "Foreign Office",
                "card_handle": "@foreignoffice",
                "card_text": "The Foreign Secretary welcomes Minister Lavrov to London.",
                "card_url": "https://social.example/foreignoffice/1",
                "card_posted_at": started + timedelta(minutes=20),
            },
            {"photo": self.photos["seed-en"][0], "photo_caption": "The ministers at the door."},
            {
                "title": "Joint statement at 15:00",
                "text": "<p>Officials say a short joint statement will follow.</p>",
                "pinned": True,
            },
        ]
        for minutes, fields in zip((5, 25, 40, 70, 110), entries, strict=True):
            LiveBlogEntry.objects.create(
                blog=blog,
                author=editor,
                byline=editor.get_full_name() or editor.username,
                posted_at=started + timedelta(minutes=minutes),
                **fields,
            )

    def _scheduled_and_draft(self, home: EditionHomePage) -> None:
        """An embargoed article scheduled for tomorrow and a draft: neither may reach readers."""
        politics = SectionPage.objects.get(locale=home.locale, slug="politics")
        scheduled = politics.add_child(
            instance=ArticlePage(
                title="Embargoed: cabinet reshuffle to be announced",
                owner=self.staff["reporter"],
                slug="embargoed-cabinet-reshuffle",
                locale=home.locale,
                lede="The prime minister will name three new ministers.",
                live=False,
            )
        )
        article_publish(
            article=scheduled, user=self.staff["editor"], go_live_at=self.now + timedelta(days=1)
        )
        draft = politics.add_child(
            instance=ArticlePage(
                title="Draft: notes on the budget debate",
                owner=self.staff["reporter"],
                slug="draft-budget-notes",
                locale=home.locale,
                lede="Unfinished.",
                live=False,
            )
        )
        draft.save_revision(user=self.staff["reporter"], log_action="wagtail.create")

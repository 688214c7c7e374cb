"""The newsroom in Wagtail's admin: forms refuse bad values, editors preview and publish."""

from datetime import UTC

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from dateline.newsroom.models import ArticlePage, SectionPage
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return edition_tree()


def signed_in(client, group: str) -> User:
    user = User.objects.create_user(username=group.lower(), password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def article_form(**overrides):
    data = {
        "title": "From the admin",
        "slug": "from-the-admin",
        "lede": "A lede.",
        "dateline_place": "Moscow",
        "urgency": "4",
        "comments_open": "on",
        "body": streamfield([("paragraph", rich_text("<p>Body.</p>"))]),
        "bylines": inline_formset([]),
        "corrections": inline_formset([]),
        "topics": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def create_url(section) -> str:
    return reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", section.id))


def test_urgency_outside_range_is_refused_with_a_message(client, tree):
    signed_in(client, "Editors")
    response = client.post(create_url(tree.sections["en-russia"]), article_form(urgency="9"))
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 8." in response.content.decode()
    assert not ArticlePage.objects.filter(slug="from-the-admin").exists()


def test_reporter_saves_a_draft_but_cannot_publish(client, tree):
    signed_in(client, "Reporters")
    response = client.post(
        create_url(tree.sections["en-russia"]), article_form(**{"action-publish": "publish"})
    )
    # Wagtail saves the reporter's draft and ignores the publish button.
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="from-the-admin")
    assert not article.live
    assert article.first_published_at is None


def test_editor_publishes_from_the_admin(client, tree):
    signed_in(client, "Editors")
    response = client.post(
        create_url(tree.sections["en-russia"]), article_form(**{"action-publish": "publish"})
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get(slug="from-the-admin").live


def test_section_cannot_be_created_under_a_section(client, tree):
    signed_in(client, "Editors")
    url = reverse(
        "wagtailadmin_pages:add", args=("newsroom", "sectionpage", tree.sections["en-russia"].id)
    )
    response = client.get(url)
    # Wagtail answers a forbidden page type with a redirect to the dashboard and a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(url, {"title": "Nested", "slug": "nested", "description": ""})
    assert not SectionPage.objects.filter(slug="nested").exists()


def test_editor_previews_a_draft(client, tree):
    signed_in(client, "Editors")
    draft = article_for_test(tree.sections["en-russia"], title="Preview me", live=False)
    draft.save_revision()
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(draft.id,)))
    assert response.status_code == 200
    assert "Preview me" in response.content.decode()


def test_editors_translate_an_article_into_the_other_edition(client, tree):
    english = article_for_test(tree.sections["en-russia"], title="Talks end")
    signed_in(client, "Editors")
    url = f"/admin/translation/submit/page/{english.id}/"
    assert client.get(url).status_code == 200
    russian_locale = tree.homes["ru"].locale
    answer = client.post(url, {"locales": [russian_locale.id]})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    copy = ArticlePage.objects.get(translation_key=english.translation_key, locale=russian_locale)
    assert copy.get_parent().id == tree.sections["ru-russia"].id
    assert not copy.live, "a draft for the editor to translate, not published copy"


def test_reporters_do_not_translate(client, tree):
    english = article_for_test(tree.sections["en-russia"], title="Talks end")
    signed_in(client, "Reporters")
    url = f"/admin/translation/submit/page/{english.id}/"
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"locales": [tree.homes["ru"].locale.id]})
    assert ArticlePage.objects.filter(translation_key=english.translation_key).count() == 1


def test_an_editor_schedules_in_the_newsrooms_zone_and_is_told_so(client, tree, settings):
    """An editor in Moscow types Moscow time; the form says which zone it reads."""
    settings.TIME_ZONE = "Europe/Moscow"
    signed_in(client, "Editors")
    form = client.get(create_url(tree.sections["en-russia"])).content.decode()
    assert "Time in Europe/Moscow (UTC+03:00)." in form
    response = client.post(
        create_url(tree.sections["en-russia"]),
        article_form(**{"action-publish": "publish", "go_live_at": "2030-01-15 09:00"}),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="from-the-admin")
    assert not article.live
    go_live = article.get_latest_revision().approved_go_live_at
    assert go_live.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == "2030-01-15 06:00"


def test_an_editors_own_zone_wins_over_the_newsrooms(client, tree, settings):
    settings.TIME_ZONE = "Europe/Moscow"
    editor = signed_in(client, "Editors")
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(
        current_time_zone="Asia/Vladivostok"
    )
    form = client.get(create_url(tree.sections["en-russia"])).content.decode()
    assert "Time in Asia/Vladivostok (UTC+10:00)." in form

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from dateline.newsroom import selectors
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import (
    article_draft_create,
    article_publish,
    article_unpublish,
    scheduled_publish_run,
    system_user,
)
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


def staff(username: str, group: str) -> User:
    user = User.objects.create_user(username=username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def make_due(article: ArticlePage) -> None:
    """Let the clock pass the scheduled time: the approval and the revision's own field."""
    due = timezone.now() - timedelta(seconds=1)
    revision = Revision.objects.get(object_id=str(article.pk), approved_go_live_at__isnull=False)
    revision.approved_go_live_at = due
    revision.content["go_live_at"] = due.isoformat()
    revision.save()


@pytest.fixture
def tree():
    return edition_tree()


@pytest.fixture
def draft(tree):
    return article_for_test(tree.sections["en-russia"], title="Draft story", live=False)


def test_editor_publishes_a_draft(draft):
    editor = staff("editor", "Editors")
    article_publish(article=draft, user=editor)
    draft.refresh_from_db()
    assert draft.live
    assert draft.first_published_at is not None


def test_reporter_cannot_publish(draft):
    reporter = staff("reporter", "Reporters")
    with pytest.raises(PermissionDenied):
        article_publish(article=draft, user=reporter)
    draft.refresh_from_db()
    assert not draft.live


def test_a_draft_is_made_in_a_section_with_a_free_address_by_who_may_add_to_it(tree):
    reporter = staff("reporter", "Reporters")
    section = tree.sections["en-russia"]
    fields = {"title": "Talks resume", "lede": "Talks resumed on Monday."}
    first = article_draft_create(section=section, fields=fields, user=reporter)
    second = article_draft_create(
        section=section, fields=fields, user=reporter, topics=["Diplomacy"]
    )
    assert (first.slug, second.slug) == ("talks-resume", "talks-resume-2")
    assert not first.live and first.get_parent().specific == section
    assert first.latest_revision.user == reporter
    assert [tag.name for tag in second.topics.all()] == ["Diplomacy"]


def test_a_reader_may_not_make_articles_and_nothing_is_stored(tree):
    reader = User.objects.create_user(username="reader", password="x")
    before = ArticlePage.objects.count()
    with pytest.raises(PermissionDenied):
        article_draft_create(
            section=tree.sections["en-russia"], fields={"title": "Not mine"}, user=reader
        )
    assert ArticlePage.objects.count() == before


def test_the_system_acts_under_its_own_name_and_no_one_can_sign_in_as_it(draft):
    wire = system_user(name="wire", label="Wire desk")
    assert system_user(name="wire", label="Wire desk") == wire
    assert not wire.is_active and not wire.has_usable_password()
    article_publish(article=draft, user=wire)
    draft.refresh_from_db()
    assert draft.live and draft.live_revision.user == wire
    # An active account whose name merely looks like the system's is checked as anyone.
    lookalike = User.objects.create_user(username="system-fake", password="x")
    with pytest.raises(PermissionDenied):
        article_publish(article=draft, user=lookalike)


def test_reporter_submits_and_editor_approves_through_the_workflow(draft):
    reporter, editor = staff("reporter", "Reporters"), staff("editor", "Editors")
    workflow = draft.get_workflow()
    assert workflow is not None and workflow.name == "Editorial review"
    draft.save_revision(user=reporter)
    state = workflow.start(draft, reporter)
    task_state = state.current_task_state
    assert [a[0] for a in task_state.task.specific.get_actions(draft, reporter)] == []
    assert "approve" in [a[0] for a in task_state.task.specific.get_actions(draft, editor)]
    task_state.task.specific.on_action(task_state, editor, "approve")
    draft.refresh_from_db()
    assert draft.live


def test_scheduled_article_stays_hidden_until_the_scheduler_publishes_it(tree, draft):
    article_publish(article=draft, go_live_at=timezone.now() + timedelta(hours=2))
    draft.refresh_from_db()
    assert not draft.live
    assert draft not in selectors.articles_public(locale_id=draft.locale_id)

    assert scheduled_publish_run() == 0  # not due yet
    assert not ArticlePage.objects.get(pk=draft.pk).live

    make_due(draft)
    assert scheduled_publish_run() == 1
    assert ArticlePage.objects.get(pk=draft.pk).live


def test_naive_schedule_time_is_refused(draft):
    with pytest.raises(ValidationError):
        article_publish(article=draft, go_live_at=timezone.now().replace(tzinfo=None))


def test_unpublish_hides_the_article(tree):
    article = article_for_test(tree.sections["en-russia"])
    editor = staff("editor", "Editors")
    article_unpublish(article=article, user=editor)
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_reporter_cannot_unpublish(tree):
    article = article_for_test(tree.sections["en-russia"])
    with pytest.raises(PermissionDenied):
        article_unpublish(article=article, user=staff("reporter", "Reporters"))
    assert ArticlePage.objects.get(pk=article.pk).live


def test_scheduler_command_publishes_what_is_due(tree, draft):
    article_publish(article=draft, go_live_at=timezone.now() + timedelta(minutes=1))
    make_due(draft)
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert "published 1 scheduled revision" in out.getvalue()
    assert ArticlePage.objects.get(pk=draft.pk).live


def test_only_editors_delete_pages_in_the_admin(client, tree):
    reporter, colleague = staff("reporter", "Reporters"), staff("colleague", "Reporters")
    editor = staff("editor", "Editors")
    section = tree.sections["en-russia"]
    own = article_for_test(section, title="Own draft", live=False, owner=reporter)
    theirs = article_for_test(section, title="A colleague's draft", live=False, owner=colleague)
    scheduled = article_for_test(section, title="Tomorrow's story", live=False, owner=reporter)
    article_publish(article=scheduled, go_live_at=timezone.now() + timedelta(days=1))
    client.force_login(reporter)
    for page in (own, theirs, scheduled):
        assert not page.permissions_for_user(reporter).can_delete()
        response = client.post(f"/admin/pages/{page.id}/delete/")
        assert response.status_code in (302, 403)
        assert ArticlePage.objects.filter(pk=page.pk).exists(), page.title
    bulk = client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={own.id}&id={theirs.id}&next=/admin/",
    )
    assert bulk.status_code in (200, 302, 403)
    assert ArticlePage.objects.filter(pk__in=[own.pk, theirs.pk]).count() == 2
    client.force_login(editor)
    assert theirs.permissions_for_user(editor).can_delete()
    assert client.post(f"/admin/pages/{theirs.id}/delete/").status_code == 302
    assert not ArticlePage.objects.filter(pk=theirs.pk).exists()


def test_no_way_of_publishing_puts_an_embargoed_article_out_early(db):
    """Wagtail's own publish (what the page listing's bulk action and a workflow's approval
    call) schedules an embargoed article for its embargo, as our service and form do."""
    from dateline.newsroom.models import ArticlePage
    from dateline.newsroom.tests.factories import article_for_test, edition_tree

    tree = edition_tree()
    embargo = timezone.now() + timedelta(hours=3)
    article = article_for_test(tree.sections["en-russia"], title="Budget", live=False)
    article.embargoed_until = embargo
    article.save()
    article.save_revision().publish()  # the raw path: no form, no service
    assert not ArticlePage.objects.get(pk=article.pk).live
    assert article.get_latest_revision().approved_go_live_at == embargo
    early = article_for_test(tree.sections["en-russia"], title="Early", live=False)
    early.embargoed_until, early.go_live_at = embargo, timezone.now() + timedelta(hours=1)
    early.save()
    early.save_revision().publish()
    assert early.get_latest_revision().approved_go_live_at == embargo, "never before it"

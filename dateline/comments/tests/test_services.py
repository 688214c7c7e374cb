"""Comment rules: who may write what, when, how often, and what moderators change."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone

from dateline.accounts.selectors import reader_is_banned
from dateline.accounts.services import reader_ban
from dateline.comments.models import Comment, CommentReport
from dateline.comments.selectors import comment_thread, moderation_counts, moderation_queue
from dateline.comments.services import (
    comment_approve,
    comment_ban_author,
    comment_delete,
    comment_edit,
    comment_hide,
    comment_post,
    comment_report,
)
from dateline.comments.tests.factories import reader_for_test
from dateline.core.errors import Refused
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return edition_tree()


@pytest.fixture
def article(tree):
    return article_for_test(tree.sections["en-russia"], title="Discussed story")


@pytest.fixture
def anna():
    return reader_for_test("Anna")


@pytest.fixture
def boris():
    return reader_for_test("Boris")


@pytest.fixture
def moderator():
    user = reader_for_test("Moderator")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def refused(code, action, **kwargs):
    with pytest.raises(Refused) as caught:
        action(**kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def test_post_and_reply_one_level_deep(article, anna, boris):
    first = comment_post(author=anna, article=article, body="First!")
    reply = comment_post(author=boris, article=article, body="Reply", parent_id=first.id)
    deeper = comment_post(author=anna, article=article, body="Deeper", parent_id=reply.id)
    assert reply.parent_id == first.id
    assert deeper.parent_id == first.id, "a reply to a reply hangs on the top comment"
    thread = comment_thread(article_id=article.id, viewer=AnonymousUser())
    assert thread.count == 3
    assert [item.comment.body for item in thread.comments] == ["First!"]
    assert [item.comment.body for item in thread.comments[0].replies] == ["Reply", "Deeper"]


def test_anonymous_and_banned_readers_cannot_write(article, anna, moderator):
    refused("signin", comment_post, author=AnonymousUser(), article=article, body="Hi")
    reader_ban(moderator=moderator, user=anna, reason="Spam")
    refused("banned", comment_post, author=anna, article=article, body="Hi")
    assert not Comment.objects.exists()


def test_empty_and_oversized_comments_are_refused(article, anna, settings):
    refused("empty", comment_post, author=anna, article=article, body="   ")
    settings.DATELINE_COMMENT_MAX_LENGTH = 10
    problem = refused("too_long", comment_post, author=anna, article=article, body="x" * 11)
    assert "11" in problem.message
    assert not Comment.objects.exists()


def test_comments_close_per_article_and_after_the_configured_days(tree, anna, settings):
    closed = article_for_test(tree.sections["en-russia"], comments_open=False)
    refused("closed", comment_post, author=anna, article=closed, body="Hi")
    settings.DATELINE_COMMENTS_OPEN_DAYS = 3
    old = article_for_test(
        tree.sections["en-russia"], published_at=timezone.now() - timedelta(days=4)
    )
    fresh = article_for_test(
        tree.sections["en-russia"], published_at=timezone.now() - timedelta(days=2)
    )
    refused("closed", comment_post, author=anna, article=old, body="Hi")
    assert comment_post(author=anna, article=fresh, body="Hi").status == "published"


def test_pre_moderated_section_holds_comments_until_approved(tree, anna, boris, moderator):
    section = tree.sections["en-world"]
    section.comment_moderation = "pre"
    section.save()
    article = article_for_test(section)
    held = comment_post(author=anna, article=article, body="Held back")
    assert held.status == "pending"
    assert comment_thread(article_id=article.id, viewer=boris).count == 0
    own_view = comment_thread(article_id=article.id, viewer=anna)
    assert [item.comment.body for item in own_view.comments] == ["Held back"]
    assert moderation_counts()["pending"] == 1
    comment_approve(moderator=moderator, comment=held)
    assert comment_thread(article_id=article.id, viewer=boris).count == 1


def test_authors_edit_within_ten_minutes_and_delete_their_own(article, anna, boris):
    comment = comment_post(author=anna, article=article, body="Tyop")
    comment_edit(author=anna, comment=comment, body="Typo")
    assert Comment.objects.get(pk=comment.pk).edited_at is not None
    refused("forbidden", comment_edit, author=boris, comment=comment, body="Mine now")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    comment.refresh_from_db()
    refused("too_late", comment_edit, author=anna, comment=comment, body="Later")
    refused("forbidden", comment_delete, author=boris, comment=comment)
    comment_delete(author=anna, comment=comment)
    comment.refresh_from_db()
    assert (comment.status, comment.body) == ("removed", "")
    assert comment_thread(article_id=article.id, viewer=anna).comments == []


def test_reports_queue_and_moderators_hide_with_a_reason(article, anna, boris, moderator):
    comment = comment_post(author=anna, article=article, body="Rude words")
    refused("own", comment_report, reporter=anna, comment=comment)
    assert comment_report(reporter=boris, comment=comment, reason="Insulting") is True
    assert comment_report(reporter=boris, comment=comment) is False, "once per reader"
    assert moderation_counts() == {"pending": 0, "reported": 1}
    assert [c.open_reports for c in moderation_queue()] == [1]
    refused("forbidden", comment_hide, moderator=boris, comment=comment, reason="No")
    refused("reason", comment_hide, moderator=moderator, comment=comment, reason=" ")
    comment_hide(moderator=moderator, comment=comment, reason="Insults")
    comment.refresh_from_db()
    assert (comment.status, comment.hidden_reason) == ("hidden", "Insults")
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()
    assert moderation_counts() == {"pending": 0, "reported": 0}
    assert comment_thread(article_id=article.id, viewer=boris).count == 0


def test_hidden_comment_with_replies_leaves_a_placeholder(article, anna, boris, moderator):
    parent = comment_post(author=anna, article=article, body="Original")
    comment_post(author=boris, article=article, body="Answer", parent_id=parent.id)
    comment_hide(moderator=moderator, comment=parent, reason="Off topic")
    thread = comment_thread(article_id=article.id, viewer=AnonymousUser())
    assert thread.count == 1
    assert thread.comments[0].is_placeholder
    assert [item.comment.body for item in thread.comments[0].replies] == ["Answer"]


def test_rate_limits_per_reader_and_per_address(article, anna, boris, settings):
    settings.DATELINE_COMMENT_RATE_USER = "2/m"
    settings.DATELINE_COMMENT_RATE_ADDRESS = "3/m"
    comment_post(author=anna, article=article, body="1", address="192.0.2.1")
    comment_post(author=anna, article=article, body="2", address="192.0.2.1")
    refused("rate", comment_post, author=anna, article=article, body="3", address="192.0.2.1")
    comment_post(author=boris, article=article, body="4", address="192.0.2.1")
    problem = refused(
        "rate", comment_post, author=boris, article=article, body="5", address="192.0.2.1"
    )
    assert problem.status == 429
    assert Comment.objects.count() == 3


def test_editing_in_a_pre_moderated_section_goes_back_to_the_moderator(
    tree, article, anna, moderator
):
    section = article.get_parent().specific
    section.comment_moderation = "pre"
    section.save()
    comment = comment_post(author=anna, article=article, body="Harmless")
    comment_approve(moderator=moderator, comment=comment)
    comment_edit(author=anna, comment=Comment.objects.get(pk=comment.pk), body="Something else")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING


def test_a_moderators_hide_stays_and_a_deleted_comment_is_not_brought_back(
    article, anna, moderator
):
    hidden = comment_post(author=anna, article=article, body="Rude words")
    comment_hide(moderator=moderator, comment=hidden, reason="Insults")
    refused("gone", comment_delete, author=anna, comment=Comment.objects.get(pk=hidden.pk))
    assert Comment.objects.get(pk=hidden.pk).body == "Rude words"  # kept for the record

    taken_back = comment_post(author=anna, article=article, body="Second thoughts")
    comment_delete(author=anna, comment=taken_back)
    refused("gone", comment_approve, moderator=moderator, comment=taken_back)
    assert Comment.objects.get(pk=taken_back.pk).status == Comment.Status.REMOVED


def test_banning_from_a_comment_bans_and_hides_or_changes_nothing(article, anna, moderator):
    comment = comment_post(author=anna, article=article, body="Abuse")
    refused("reason", comment_ban_author, moderator=moderator, comment=comment, reason=" ")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PUBLISHED
    assert not reader_is_banned(user=anna)
    comment_ban_author(moderator=moderator, comment=comment, reason="Abuse")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.HIDDEN
    assert reader_is_banned(user=anna)

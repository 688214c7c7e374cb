"""The discussion endpoint and the moderation queue over real HTTP requests."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from dateline.comments.models import Comment
from dateline.comments.services import comment_post, comment_report
from dateline.comments.tests.factories import reader_for_test
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db

FETCH = {"X-Requested-With": "fetch"}
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> javascript:alert(1)'


@pytest.fixture
def article():
    return article_for_test(edition_tree().sections["en-russia"], title="Discussed story")


@pytest.fixture
def anna():
    return reader_for_test("Anna")


@pytest.fixture
def signed_in(anna):
    client = Client(enforce_csrf_checks=True)
    client.force_login(anna)
    return client


def csrf_token(client, article) -> str:
    client.get(f"/en/comments/{article.id}/", headers=FETCH)
    return client.cookies["csrftoken"].value


def test_anonymous_reader_sees_count_prompt_and_a_way_back(client, article, anna):
    comment_post(author=anna, article=article, body="Hello")
    html = client.get(f"/en/comments/{article.id}/", headers=FETCH).content.decode()
    assert 'class="comments__count">1<' in html
    assert "To participate in the discussion" in html
    assert f"/en/accounts/login/?next={article.url}" in html.replace("%2F", "/")
    assert "<form" not in html


def test_thread_costs_the_same_queries_however_long(client, article, django_assert_num_queries):
    for number in range(3):
        comment_post(author=reader_for_test(f"Reader {number}"), article=article, body="Hi")
    client.get(f"/en/comments/{article.id}/", headers=FETCH)  # Wagtail caches its site roots
    # The article (public? the restricted pages are known per site state, here none), a
    # page of comments with authors and profiles, their replies, the count.
    with django_assert_num_queries(4):
        client.get(f"/en/comments/{article.id}/", headers=FETCH)
    for number in range(3, 20):
        comment_post(author=reader_for_test(f"Reader {number}"), article=article, body="Hi")
    with django_assert_num_queries(4):
        html = client.get(f"/en/comments/{article.id}/", headers=FETCH).content.decode()
    assert html.count('class="comment"') == 20


def test_posting_from_the_page_returns_the_fresh_list(signed_in, article):
    token = csrf_token(signed_in, article)
    response = signed_in.post(
        f"/en/comments/{article.id}/",
        {"body": "Well reported. See https://example.org/more", "csrfmiddlewaretoken": token},
        headers=FETCH,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-count="1"' in html
    assert '<a href="https://example.org/more" rel="nofollow ugc noopener" target="_blank">' in html


def test_script_and_html_are_rendered_inert(signed_in, article):
    token = csrf_token(signed_in, article)
    signed_in.post(
        f"/en/comments/{article.id}/", {"body": XSS, "csrfmiddlewaretoken": token}, headers=FETCH
    )
    html = Client().get(f"/en/comments/{article.id}/", headers=FETCH).content.decode()
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_missing_or_forged_csrf_token_is_refused_and_nothing_stored(signed_in, article):
    csrf_token(signed_in, article)
    missing = signed_in.post(f"/en/comments/{article.id}/", {"body": "Hi"}, headers=FETCH)
    forged = signed_in.post(
        f"/en/comments/{article.id}/",
        {"body": "Hi", "csrfmiddlewaretoken": "x" * 64},
        headers=FETCH,
    )
    for response in (missing, forged):
        assert response.status_code == 403
        assert response.json()["code"] == "csrf"
    assert not Comment.objects.exists()


def test_unauthenticated_and_oversized_posts_get_clear_errors(client, signed_in, article):
    anonymous = client.post(f"/en/comments/{article.id}/", {"body": "Hi"}, headers=FETCH)
    assert anonymous.status_code == 401
    assert "Sign in" in anonymous.json()["error"]
    token = csrf_token(signed_in, article)
    huge = signed_in.post(
        f"/en/comments/{article.id}/",
        {"body": "x" * 5000, "csrfmiddlewaretoken": token},
        headers=FETCH,
    )
    assert huge.status_code == 400
    assert "at most 2000 characters" in huge.json()["error"]
    assert not Comment.objects.exists()


def test_without_javascript_the_thread_page_keeps_the_text_of_a_refused_comment(signed_in, article):
    token = csrf_token(signed_in, article)
    response = signed_in.post(
        f"/en/comments/{article.id}/", {"body": "y" * 2001, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<html" in html and "at most 2000 characters" in html
    assert "y" * 2001 in html, "what the reader wrote is kept"
    ok = signed_in.post(
        f"/en/comments/{article.id}/", {"body": "Short", "csrfmiddlewaretoken": token}
    )
    assert ok.status_code == 302 and ok["Location"].endswith(f"/en/comments/{article.id}/#comments")


def test_edit_delete_and_report_from_the_page(signed_in, article, anna):
    token = csrf_token(signed_in, article)
    mine = comment_post(author=anna, article=article, body="Mine")
    theirs = comment_post(author=reader_for_test("Boris"), article=article, body="Theirs")
    data = {"csrfmiddlewaretoken": token}
    edited = signed_in.post(
        f"/en/comments/edit/{mine.id}/", {**data, "body": "Mine, edited"}, headers=FETCH
    )
    assert edited.status_code == 200 and "Mine, edited" in edited.content.decode()
    not_mine = signed_in.post(
        f"/en/comments/edit/{theirs.id}/", {**data, "body": "Hacked"}, headers=FETCH
    )
    assert not_mine.status_code == 403
    reported = signed_in.post(
        f"/en/comments/report/{theirs.id}/", {**data, "reason": "Spam"}, headers=FETCH
    )
    assert reported.status_code == 200
    deleted = signed_in.post(f"/en/comments/delete/{mine.id}/", data, headers=FETCH)
    assert deleted.status_code == 200
    assert Comment.objects.get(pk=theirs.pk).body == "Theirs"
    assert Comment.objects.get(pk=mine.pk).status == "removed"
    assert theirs.reports.count() == 1


def test_moderators_work_the_queue_in_the_admin(client, article, anna):
    boris = reader_for_test("Boris")
    rude = comment_post(author=boris, article=article, body="Rude words")
    comment_report(reporter=anna, comment=rude, reason="Insulting")
    editor = reader_for_test("Editor")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "1 reported comment" in dashboard
    queue = client.get("/admin/comments/").content.decode()
    assert "Rude words" in queue and "1 report" in queue
    refused = client.post(f"/admin/comments/{rude.id}/", {"action": "ban", "reason": ""})
    assert refused.status_code == 302
    assert not boris.reader.__class__.objects.get(user=boris).is_banned
    client.post(f"/admin/comments/{rude.id}/", {"action": "ban", "reason": "Abuse"})
    rude.refresh_from_db()
    assert rude.status == "hidden"
    assert boris.reader.__class__.objects.get(user=boris).is_banned
    assert "Nothing to moderate." in client.get("/admin/comments/").content.decode()


def test_reporters_cannot_moderate(client, article, anna):
    comment = comment_post(author=anna, article=article, body="Fine")
    reporter = reader_for_test("Reporter")
    reporter.is_staff = True
    reporter.save()
    reporter.groups.add(Group.objects.get(name="Reporters"))
    client.force_login(reporter)
    assert client.get("/admin/comments/").status_code in (302, 403)
    client.post(f"/admin/comments/{comment.id}/", {"action": "hide", "reason": "No"})
    assert Comment.objects.get(pk=comment.pk).status == "published"


def editor_for_test():
    editor = reader_for_test("Editor")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def test_an_ordinary_comment_is_found_and_hidden_from_the_admin(client, article, anna):
    plain = comment_post(author=anna, article=article, body="Nobody reported me")
    client.force_login(editor_for_test())
    assert "1 reported comment" not in client.get("/admin/").content.decode()
    queue = client.get("/admin/comments/").content.decode()
    assert "0 waiting, 0 reported." in queue and "Nobody reported me" not in queue
    every = client.get("/admin/comments/?show=all").content.decode()
    assert "Nobody reported me" in every
    answer = client.post(
        f"/admin/comments/{plain.id}/",
        {"action": "hide", "reason": "Off topic", "next": "?show=all&page=1"},
    )
    assert answer["Location"] == "/admin/comments/?show=all&page=1"
    assert Comment.objects.get(pk=plain.pk).status == "hidden"
    # Away from the site, whatever a forged form says.
    elsewhere = client.post(
        f"/admin/comments/{plain.id}/", {"action": "approve", "next": "https://evil.example/"}
    )
    assert elsewhere["Location"] == "/admin/comments/"


def test_every_comment_is_listed_a_page_at_a_time(client, article, anna):
    for n in range(55):
        comment_post(author=reader_for_test(f"Reader {n}"), article=article, body=f"Note {n}")
    client.force_login(editor_for_test())
    first = client.get("/admin/comments/?show=all").content.decode()
    second = client.get("/admin/comments/?show=all&page=2").content.decode()
    assert "Note 54<" in first and "Note 5<" in first and "Note 4<" not in first
    assert "Note 4<" in second and "Note 0<" in second and "Note 5<" not in second
    assert first.count("data-comment-id=") == 50 and second.count("data-comment-id=") == 5


def test_a_moderator_hides_a_comment_from_the_thread(article, anna):
    comment = comment_post(author=anna, article=article, body="Spam link")
    reader = Client()
    reader.force_login(reader_for_test("Boris"))
    assert (
        "comment__hide"
        not in reader.get(f"/en/comments/{article.id}/", headers=FETCH).content.decode()
    )
    refused = reader.post(f"/en/comments/hide/{comment.id}/", {"reason": "No"}, headers=FETCH)
    assert refused.status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == "published"

    moderator = Client()
    moderator.force_login(editor_for_test())
    thread = moderator.get(f"/en/comments/{article.id}/", headers=FETCH).content.decode()
    assert f'action="/en/comments/hide/{comment.id}/"' in thread
    unexplained = moderator.post(f"/en/comments/hide/{comment.id}/", {"reason": ""}, headers=FETCH)
    assert unexplained.status_code == 400 and "Say why" in unexplained.json()["error"]
    hidden = moderator.post(f"/en/comments/hide/{comment.id}/", {"reason": "Spam"}, headers=FETCH)
    assert hidden.status_code == 200 and "Spam link" not in hidden.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == "hidden"


def test_a_long_discussion_comes_a_page_at_a_time(client, article, settings):
    settings.DATELINE_COMMENT_RATE_USER = settings.DATELINE_COMMENT_RATE_ADDRESS = "1000/m"
    readers = [reader_for_test(f"Reader {n}") for n in range(4)]
    posted = [
        comment_post(author=readers[n % 4], article=article, body=f"Note {n}.") for n in range(120)
    ]
    reply = comment_post(
        author=readers[0], article=article, body="A reply.", parent_id=posted[80].id
    )

    def page(before=None):
        query = f"?before={before}" if before else ""
        html = client.get(f"/en/comments/{article.id}/{query}", headers=FETCH).content.decode()
        return html, re.findall(r"Note (\d+)\.", html), re.search(r'data-earlier="(\d+)"', html)

    latest, numbers, earlier = page()
    assert numbers == [str(n) for n in range(70, 120)]  # the latest fifty, oldest first
    assert "A reply." in latest and reply.id
    assert 'data-count="121"' in latest
    _middle, numbers, earlier_still = page(earlier.group(1))
    assert numbers == [str(n) for n in range(20, 70)]
    _first, numbers, none = page(earlier_still.group(1))
    assert numbers == [str(n) for n in range(20)] and none is None
    # Nonsense asks for the latest page: letters, a digit that is no ASCII digit, zero, 2**64.
    for nonsense in ("abc", "²", "0", str(2**64)):
        assert page(nonsense)[1] == [str(n) for n in range(70, 120)], nonsense

"""Reader accounts end to end through allauth, reading every link from the mail files."""

import json
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from dateline.accounts.models import ReaderProfile
from dateline.comments.models import Comment
from dateline.comments.services import comment_post
from dateline.newsroom.models import EditionHomePage
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db

EMAIL = "anna@example.org"
PASSWORD = "correct horse battery 42"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_up(client, mailbox, email=EMAIL, name="Anna K."):
    response = client.post(
        "/en/accounts/signup/",
        {"email": email, "display_name": name, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    confirm = path_of(mailbox.link_to(email, "/accounts/confirm-email/"))
    assert client.get(confirm).status_code == 200
    return client.post(confirm)


def test_sign_up_verify_and_sign_in_again(client, mailbox):
    edition_tree()
    response = client.post(
        "/en/accounts/signup/",
        {"email": EMAIL, "display_name": "Anna K.", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/en/accounts/profile/").status_code == 302, "not signed in before verifying"
    assert not EmailAddress.objects.get(email=EMAIL).verified

    message = mailbox.last_to(EMAIL)
    confirm = path_of(mailbox.link_to(EMAIL, "/en/accounts/confirm-email/"))
    assert "Dateline" in message["From"]
    # In the edition's name, not the host the request came in on.
    brand = EditionHomePage.objects.get(locale__language_code="en").brand_name
    assert message["Subject"].startswith(f"[{brand}] ")
    assert mailbox.text(message).startswith(f"Hello from {brand}!")
    assert "testserver!" not in mailbox.text(message)
    # The reader is named as they chose, never by the username allauth derived from the address.
    username = get_user_model().objects.get(email=EMAIL).username
    assert "user Anna K. has given" in mailbox.text(message)
    assert f"user {username} " not in mailbox.text(message)
    confirm_page = client.get(confirm).content.decode()
    assert "for user Anna K." in confirm_page and f"user {username}." not in confirm_page
    client.post(confirm)
    assert EmailAddress.objects.get(email=EMAIL).verified
    profile = client.get("/en/accounts/profile/")
    assert profile.status_code == 200
    assert "Anna K." in profile.content.decode()
    assert ReaderProfile.objects.get(user__email=EMAIL).display_name == "Anna K."

    client.post("/en/accounts/logout/")
    assert client.get("/en/accounts/profile/").status_code == 302
    signed_in = client.post("/en/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/en/accounts/profile/").status_code == 200


def test_sign_in_returns_to_the_article(client, mailbox):
    tree = edition_tree()
    article = article_for_test(tree.sections["en-russia"], title="Back here")
    sign_up(client, mailbox)
    client.post("/en/accounts/logout/")
    response = client.post(
        f"/en/accounts/login/?next={article.url}", {"login": EMAIL, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == article.url


def test_signup_pages_speak_russian(client):
    edition_tree()
    html = client.get("/ru/accounts/signup/").content.decode()
    assert '<html lang="ru">' in html
    assert "Имя для показа" in html  # our field
    assert "Пароль" in html  # allauth's own translation


def test_password_reset_through_the_mailed_link(client, mailbox):
    edition_tree()
    sign_up(client, mailbox)
    client.post("/en/accounts/logout/")
    client.post("/en/accounts/password/reset/", {"email": EMAIL})
    reset = path_of(mailbox.link_to(EMAIL, "/accounts/password/reset/key/"))
    form = client.get(reset, follow=True)
    new_password = "a different horse 77"
    client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else reset,
        {"password1": new_password, "password2": new_password},
    )
    assert not client.login(username=EMAIL, password=PASSWORD)
    response = client.post("/en/accounts/login/", {"login": EMAIL, "password": new_password})
    assert response.status_code == 302


def test_changing_the_email_address_verifies_the_new_one(client, mailbox):
    edition_tree()
    sign_up(client, mailbox)
    client.post("/en/accounts/email/", {"action_add": "", "email": "anna@new.example.org"})
    confirm = path_of(mailbox.link_to("anna@new.example.org", "/accounts/confirm-email/"))
    client.post(confirm)
    addresses = list(EmailAddress.objects.values_list("email", "verified"))
    assert addresses == [("anna@new.example.org", True)]


def test_repeated_failures_lock_the_account_for_a_while(client, mailbox):
    edition_tree()
    sign_up(client, mailbox)
    client.post("/en/accounts/logout/")
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": EMAIL, "password": "wrong"})
    locked = client.post("/en/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert locked.status_code in (200, 429)
    assert client.get("/en/accounts/profile/").status_code == 302, "locked out"
    assert "Too many failed login attempts" in locked.content.decode()


def test_export_then_delete_erases_the_readers_words(client, mailbox):
    tree = edition_tree()
    article = article_for_test(tree.sections["en-russia"], title="Discussed")
    sign_up(client, mailbox)
    user = get_user_model().objects.get(email=EMAIL)
    mine = comment_post(author=user, article=article, body="My view, for the record.")
    other = get_user_model().objects.create_user("other", "other@example.org", "x")
    ReaderProfile.objects.create(user=other, display_name="Other")
    reply = comment_post(author=other, article=article, body="I disagree.", parent_id=mine.id)

    export = client.get("/en/accounts/export/")
    assert export["Content-Disposition"].startswith("attachment;")
    data = json.loads(export.content)
    assert data["account"]["display_name"] == "Anna K."
    assert data["account"]["email_addresses"][0]["email"] == EMAIL
    assert data["comments"][0]["text"] == "My view, for the record."

    wrong = client.post("/en/accounts/delete/", {"password": "not it"})
    assert wrong.status_code == 200 and "That is not your password." in wrong.content.decode()
    assert get_user_model().objects.filter(email=EMAIL).exists()

    assert client.post("/en/accounts/delete/", {"password": PASSWORD}).status_code == 302
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert not EmailAddress.objects.filter(email=EMAIL).exists()
    mine.refresh_from_db()
    assert (mine.author, mine.body, mine.status, mine.address) == (None, "", "removed", None)
    assert Comment.objects.get(pk=reply.pk).body == "I disagree.", "others' replies stay"


def test_staff_accounts_are_not_deleted_by_their_owners(client, django_user_model):
    edition_tree()
    editor = django_user_model.objects.create_user(
        "desk", "desk@example.org", PASSWORD, is_staff=True
    )
    client.force_login(editor)
    response = client.post("/en/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "closed by an administrator" in response.content.decode()
    assert django_user_model.objects.filter(pk=editor.pk).exists()


def test_the_masthead_offers_sign_in_and_then_the_readers_account(client):
    from dateline.comments.tests.factories import reader_for_test

    tree = edition_tree()
    article = article_for_test(tree.sections["en-russia"], title="Signed story")
    anonymous = client.get(article.url)
    html = anonymous.content.decode()
    assert f'href="/en/accounts/login/?next={article.url}">Sign in</a>' in html
    assert "public" in anonymous["Cache-Control"], "the same for every anonymous reader"
    client.force_login(reader_for_test("Anna K."))
    signed_in = client.get(article.url).content.decode()
    assert '<a class="account-link" href="/en/accounts/profile/"' in signed_in
    assert ">Anna K.</a>" in signed_in and ">Sign in</a>" not in signed_in

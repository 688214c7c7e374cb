"""The newsroom's sign-in locks after repeated failures, as readers' does."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed

pytestmark = pytest.mark.django_db

PASSWORD = "editor passphrase 31"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "olga", "olga@example.org", PASSWORD, is_superuser=True, is_staff=True
    )


def sign_in(client, username, password, address="192.0.2.1"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_right_password_signs_in(client, editor):
    assert sign_in(client, "olga", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_fifteen_wrong_passwords_lock_the_account_even_against_the_right_one(client, editor):
    answers = [sign_in(client, "olga", f"guess {n}", f"192.0.2.{n}").status_code for n in range(15)]
    assert answers[:5] == [200] * 5  # the form again, with its error
    assert set(answers[5:]) == {429}
    locked = sign_in(client, "OLGA", PASSWORD, "198.51.100.7")  # another address, any case
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert client.get("/admin/").status_code == 302, "still signed out"
    # Locked, a password is not even checked (no hash worked out for a guesser).
    checked = []
    user_login_failed.connect(lambda **kw: checked.append(kw), weak=False, dispatch_uid="t")
    try:
        assert sign_in(client, "olga", "another guess").status_code == 429
    finally:
        user_login_failed.disconnect(dispatch_uid="t")
    assert checked == []


def test_one_address_guessing_many_accounts_is_locked_too(client, editor):
    for n in range(10):
        assert sign_in(client, f"nobody{n}", "guess").status_code == 200
    assert sign_in(client, "olga", PASSWORD).status_code == 429
    # The account itself is not locked for other addresses.
    assert sign_in(client, "olga", PASSWORD, "198.51.100.7").status_code == 302


def test_the_admin_asks_nobody_outside(client, editor):
    """No avatar service, no release check: the dashboard of an administrator (who would
    get Wagtail's upgrade notice) names no address outside the site."""
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert 'data-controller="w-upgrade' not in dashboard
    assert "gravatar" not in dashboard


def test_a_reader_without_a_first_or_last_name_joins_media_clients(client, editor):
    """Readers sign up with an address and a display name; the admin takes them as they are."""
    from django.contrib.auth.models import Group

    reader = get_user_model().objects.create_user("anna", "anna@example.org", "reader pass 42")
    clients = Group.objects.get(name="Media clients")
    client.force_login(editor)
    answer = client.post(
        f"/admin/users/edit/{reader.pk}/",
        {
            "username": "anna",
            "email": "anna@example.org",
            "first_name": "",
            "last_name": "",
            "is_active": "on",
            "groups": [clients.pk],
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert list(reader.groups.all()) == [clients]


def test_the_admin_shows_the_newsrooms_brand(client, editor):
    login = client.get("/admin/login/").content.decode()
    assert "<title>Sign in - Dateline</title>" in login
    assert "Sign in to the newsroom" in login and "Sign in to Wagtail" not in login
    assert 'href="/static/img/favicon.svg"' in login
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "- Dateline</title>" in dashboard and "- Wagtail</title>" not in dashboard

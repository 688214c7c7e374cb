"""Administrators manage partners' keys; editors see how mailings went; others see neither."""

import pytest
from django.contrib.auth.models import Group

from dateline.comments.tests.factories import reader_for_test
from dateline.syndication.models import ApiKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    return client


def test_a_key_is_shown_once_works_and_can_be_revoked(admin_client, client):
    page = admin_client.post("/admin/api-keys/", {"name": "Agence Example"})
    assert page.status_code == 200
    key = page.context["new_key"]
    assert key and key in page.content.decode()
    record = ApiKey.objects.get()
    assert key not in str(record.__dict__)  # only its hash is stored
    assert key not in admin_client.get("/admin/api-keys/").content.decode()
    assert client.get("/api/ninjs/items/", HTTP_X_API_KEY=key).status_code == 200
    admin_client.post(f"/admin/api-keys/{record.prefix}/revoke/")
    assert client.get("/api/ninjs/items/", HTTP_X_API_KEY=key).status_code == 401


def test_editors_see_the_mailings_report_but_not_the_keys(client):
    editor = reader_for_test("Editor")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/subscriptions/").status_code == 200
    refused = client.post("/admin/api-keys/", {"name": "Sneaky"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's refusal
    assert not ApiKey.objects.exists()
    reader = reader_for_test("Reader")
    client.force_login(reader)
    assert client.get("/admin/subscriptions/")["Location"].startswith("/admin/login/")

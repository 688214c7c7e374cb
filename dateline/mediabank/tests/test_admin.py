"""Photo editors upload in Wagtail's admin; the form fills credits from the file."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from dateline.mediabank.models import Photo
from dateline.mediabank.tests.fixtures import REFERENCE_IMAGE

pytestmark = [pytest.mark.conformance, pytest.mark.django_db]


def upload_as_photo_editor(client, *, title: str, filename: str, **typed: str):
    """The reference photo uploaded through Wagtail's form by a member of Photo editors."""
    editor = User.objects.create_user(username="photo", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Photo editors"))
    client.force_login(editor)
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "collection": Collection.get_first_root_node().id,
            "file": SimpleUploadedFile(filename, REFERENCE_IMAGE.read_bytes(), "image/jpeg"),
            **typed,
        },
    )


def test_upload_prefills_metadata_that_the_editor_did_not_type(client):
    response = upload_as_photo_editor(
        client, title="Reference", filename="ref.jpg", credit_line="Typed by the editor"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    assert photo.title == "Reference"
    assert photo.credit_line == "Typed by the editor"  # what the editor typed stays
    assert photo.creator == "Creator1 (ref2017.1), Creator2 (ref2017.1)"
    assert photo.caption == "The description aka caption (ref2017.1)"
    edit = client.get(reverse("wagtailimages:edit", args=(photo.pk,))).content.decode()
    assert "The description aka caption (ref2017.1)" in edit


def test_a_photo_uploaded_under_its_file_name_takes_the_photographers_title(client):
    name = "IPTC-PhotometadataRef-Std2017.1"  # the uploader fills the title in from the file
    response = upload_as_photo_editor(client, title=name, filename=f"{name}.jpg")
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    assert photo.title == "The Headline (ref2017.1)"
    page = client.get(reverse("mediabank:photo", kwargs={"photo_id": photo.pk})).content.decode()
    assert "<h1>The Headline (ref2017.1)</h1>" in page
    assert 'alt="The description aka caption (ref2017.1)"' in page

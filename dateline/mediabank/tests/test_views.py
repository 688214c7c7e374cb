"""The public media bank, and originals only for licensed media clients."""

import pytest
from django.contrib.auth.models import Group, User

from dateline.core.tests.conformance import conformance_required
from dateline.mediabank.models import PhotoDownload, PhotoRendition
from dateline.mediabank.services import photo_import
from dateline.mediabank.tests.fixtures import REFERENCE_IMAGE, jpeg, written
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    conformance_required()  # IPTC's reference image
    edition_tree()
    return photo_import(content=REFERENCE_IMAGE.read_bytes(), filename="ref.jpg").photo


def reader(client, *, group: str | None = None) -> User:
    user = User.objects.create_user(username=f"reader-{group}", password="pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def test_photo_page_shows_metadata_and_licence(client, photo):
    html = client.get(f"/en/mediabank/{photo.pk}/").content.decode()
    for value in (
        photo.caption,
        "Creator1 (ref2017.1), Creator2 (ref2017.1)",
        photo.usage_terms,
        "City (Core)",
    ):
        assert value in html
    assert 'type="image/webp"' in html  # WebP first, JPEG beside it


def test_photo_page_lists_the_edition_s_published_articles_with_the_photo(client, photo):
    tree = edition_tree()
    led = article_for_test(tree.sections["en-russia"], title="Led by the photo", photo=photo)
    article_for_test(tree.sections["en-russia"], title="Draft with it", photo=photo, live=False)
    article_for_test(tree.sections["ru-russia"], title="Russian edition's", photo=photo)
    html = client.get(f"/en/mediabank/{photo.pk}/").content.decode()
    assert "Led by the photo" in html
    assert "Draft with it" not in html and "Russian edition's" not in html
    # The figure on the article links the photo's page of the same edition.
    assert f'href="/en/mediabank/{photo.pk}/"' in client.get(led.url).content.decode()


def test_anonymous_reader_is_sent_to_sign_in_for_the_original(client, photo):
    response = client.get(f"/en/mediabank/{photo.pk}/original/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert PhotoDownload.objects.count() == 0


def test_ordinary_reader_is_refused_the_original(client, photo):
    reader(client)
    assert client.get(f"/en/mediabank/{photo.pk}/original/").status_code == 403
    assert PhotoDownload.objects.count() == 0


def test_originals_cannot_be_fetched_by_guessing_their_address(client, photo):
    assert client.get(f"/media/{photo.file.name}").status_code == 404
    rendition = photo.get_rendition("fill-480x270-c80")
    assert client.get(rendition.url).status_code == 200


def test_media_client_downloads_the_original_with_metadata_intact(client, photo):
    user = reader(client, group="Media clients")
    response = client.get(f"/en/mediabank/{photo.pk}/original/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == REFERENCE_IMAGE.read_bytes()
    assert "no-store" in response["Cache-Control"]
    download = PhotoDownload.objects.get()
    assert (download.user, download.photo) == (user, photo)


def test_search_by_caption_keyword_person_place_and_creator(client, photo, tmp_path):
    other = photo_import(
        content=written(
            tmp_path, "-XMP-dc:Description=Harbour at dawn", "-XMP-dc:Creator=Ivan Petrov"
        ),
        filename="other.jpg",
    ).photo
    for query in (
        "description aka caption",
        "Keyword2ref2017.1",
        "Person Shown 1",
        "City Core",
        "Creator2",
    ):
        html = client.get("/en/mediabank/", {"q": query}).content.decode()
        assert f"/en/mediabank/{photo.pk}/" in html, query
        assert f"/en/mediabank/{other.pk}/" not in html, query
    html = client.get("/en/mediabank/", {"q": "Harbour"}).content.decode()
    assert f"/en/mediabank/{other.pk}/" in html


def test_filter_by_date_and_collection(client, photo):
    html = client.get(
        "/en/mediabank/", {"date_from": "2017-07-01", "date_to": "2017-07-31"}
    ).content.decode()
    assert f"/en/mediabank/{photo.pk}/" in html
    html = client.get("/en/mediabank/", {"date_from": "2018-01-01"}).content.decode()
    assert f"/en/mediabank/{photo.pk}/" not in html


def test_bad_filters_explain_themselves(client, photo):
    response = client.get("/en/mediabank/", {"date_from": "someday", "date_to": "2017-01-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid date." in html
    assert 'value="2017-01-01"' in html, "what was right is kept"


def _raw_get(server: str, path: str) -> tuple[int, bytes]:
    """GET `path` exactly as written (curl --path-as-is): no client normalises it."""
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_address_under_media_reaches_an_original(asgi_server, settings):
    edition_tree()
    photo = photo_import(content=jpeg((320, 180)), filename="licensed.jpg").photo
    rendition = photo.get_rendition("fill-480x270-c80")
    with photo.file.open("rb") as handle:
        original = handle.read()
    name = photo.file.name.split("/", 1)[1]  # original_images/<name>
    # A symlink among the renditions that points at the original is not a rendition either.
    images = settings.MEDIA_ROOT / "images"
    (images / "link.jpg").symlink_to(settings.MEDIA_ROOT / "original_images" / name)
    attempts = [
        f"/media/{photo.file.name}",
        f"/media/images/../original_images/{name}",
        f"/media/images/%2e%2e/original_images/{name}",
        f"/media/images/%2E%2E/original_images/{name}",
        f"/media/images/..%2foriginal_images%2f{name}",
        f"/media/images/..%2Foriginal_images/{name}",
        f"/media/images/%2e%2e%2foriginal_images%2f{name}",
        f"/media/images/..%5coriginal_images%5c{name}",
        f"/media/images/%252e%252e/original_images/{name}",
        f"/media/images/.%2e/original_images/{name}",
        f"/media/images//{settings.MEDIA_ROOT}/original_images/{name}",
        f"/media/images/%2f{str(settings.MEDIA_ROOT).lstrip('/')}/original_images/{name}",
        "/media/images/link.jpg",
        "/media/images/",
        "/media/images/%00.jpg",
    ]
    for path in attempts:
        status, body = _raw_get(asgi_server, path)
        assert status == 404, path
        assert original not in body, path
    status, body = _raw_get(asgi_server, rendition.url)
    assert status == 200
    assert body == rendition.file.open("rb").read()


def test_renditions_are_served_by_lookup_and_cached_publicly(client):
    photo = photo_import(content=jpeg((320, 180)), filename="plain.jpg").photo
    rendition = photo.get_rendition("fill-480x270-c80")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    # The file is still on disk; without its row it is nobody's rendition.
    PhotoRendition.objects.filter(file=rendition.file.name).delete()
    assert client.get(rendition.url).status_code == 404


def test_the_index_keeps_caption_and_credit_apart_and_searches_itself(client, photo):
    from lxml import html

    document = html.fromstring(client.get("/en/mediabank/").content)
    (item,) = document.xpath('//ul[@class="photo-grid"]/li/a')
    caption, credit = (
        item.xpath('span[@class="photo-grid__caption"]'),
        item.xpath('span[@class="photo-grid__credit"]'),
    )
    assert caption and credit
    # Read as text (a screen reader, a copy), the two never run into one word.
    assert caption[0].text_content() + " " + credit[0].text_content() in item.text_content()
    assert document.xpath('//form[contains(@class, "mediabank-filters")]/@action') == [
        "/en/mediabank/"
    ]

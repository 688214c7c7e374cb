"""Bad input, on every boundary that had answered it with a 500: each gets a clear 4xx (or,
for a reader's search, is searched as the words it contains), and nothing is stored."""

import io

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import Collection

from dateline.asgi import websockets
from dateline.chats.models import ChatIndexPage, ChatMessage, ChatRoomPage
from dateline.chats.tests.test_consumers import ORIGIN, error_code, joined
from dateline.comments.models import Comment
from dateline.comments.tests.factories import reader_for_test
from dateline.mediabank.models import Photo
from dateline.newsroom.tests.factories import article_for_test, edition_tree
from dateline.syndication.services import api_key_create

HUGE = str(2**64)
FTS_SYNTAX = ['"unbalanced', "AND OR", "NEAR(", "a*b -c", "title:x", "(((", "'; --"]


@pytest.fixture
def article(db):
    return article_for_test(edition_tree().sections["en-russia"], title="Lavrov meets Miliband")


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["99999999999999999999", "100001", "9" * 400])
def test_absurd_page_numbers_are_not_found(client, article, page):
    for url in ("/en/russia/", "/en/search/?q=Lavrov&", "/en/mediabank/?"):
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}page={page}")
        assert response.status_code == 404, url


@pytest.mark.django_db
def test_a_nul_in_the_search_is_a_clear_400(client, article):
    response = client.get("/en/search/", {"q": "Lavrov\x00"})
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", FTS_SYNTAX)
def test_full_text_syntax_is_searched_as_plain_words(client, article, query):
    assert client.get("/en/search/", {"q": query}).status_code == 200
    assert client.get("/en/mediabank/", {"q": query}).status_code == 200
    found = client.get("/en/search/", {"q": f'"Lavrov AND {query}'}).status_code
    assert found == 200


@pytest.mark.django_db
def test_ids_past_64_bits_are_not_found(client, article):
    reader = reader_for_test("Anna")
    client.force_login(reader)
    for url in (
        f"/en/live/next/{HUGE}/",
        f"/en/comments/{HUGE}/",
        f"/en/comments/edit/{HUGE}/",
        f"/en/mediabank/{HUGE}/",
        f"/en/stories/{HUGE}/",
    ):
        assert client.get(url).status_code in (404, 405), url
    assert client.post(f"/en/live/viewed/{HUGE}/").status_code == 404
    assert client.post(f"/en/comments/delete/{HUGE}/").status_code == 404


@pytest.mark.django_db
def test_a_reply_to_an_impossible_comment_is_refused_and_stores_nothing(client, article):
    client.force_login(reader_for_test("Anna"))
    response = client.post(
        f"/en/comments/{article.id}/",
        {"body": "A reply", "parent": HUGE},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parent"
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_an_edit_with_a_nul_is_refused_and_keeps_the_comment(client, article):
    anna = reader_for_test("Anna")
    client.force_login(anna)
    client.post(f"/en/comments/{article.id}/", {"body": "First words"})
    comment = Comment.objects.get()
    response = client.post(
        f"/en/comments/edit/{comment.id}/",
        {"body": "Other\x00words"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.body == "First words"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2026-11-02T10:00:00-23:00"}, None),
        ({"since": "2026-11-02T10:00:00+23:59"}, None),
        ({"since": "0001-01-01T00:00:00+23:00"}, "out of range"),
        ({"q": "x" * 50_000}, "at most 200"),
        ({"q": "\x00"}, "NUL"),
        ({"section": "y" * 5000}, "at most 200"),
    ],
)
def test_api_filters_out_of_range_are_clear(client, article, params, message):
    _record, key = api_key_create(name="Partner")
    response = client.get("/api/ninjs/items/", params, HTTP_X_API_KEY=key)
    if message is None:
        assert response.status_code == 200, response.content
    else:
        assert response.status_code == 400
        assert message in response.json()["detail"]


def _truncated_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 80).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()[:20_000]


def _jpeg_with_huge_metadata() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36)).save(buffer, "JPEG")
    data = buffer.getvalue()
    comment = b"\xff\xe1" + (65533).to_bytes(2, "big") + b"x" * 65531
    return data[:2] + comment * 70 + data[2:]  # 4.5 MB in APP1 segments


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "reason"),
    [(_truncated_jpeg(), "damaged or incomplete"), (_jpeg_with_huge_metadata(), "metadata")],
)
def test_the_admin_upload_applies_the_import_rules(client, content, reason):
    editor = User.objects.create_user(username="photo", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Photo editors"))
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Broken",
            "collection": Collection.get_first_root_node().id,
            "file": SimpleUploadedFile("broken.jpg", content, "image/jpeg"),
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    assert reason in response.content.decode()
    assert not Photo.objects.exists()


@pytest.fixture
def room(transactional_db):
    home = edition_tree().homes["en"]
    index = home.add_child(instance=ChatIndexPage(title="Chats", slug="chats"))
    return index.add_child(instance=ChatRoomPage(title="General", slug="general"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_chat_sockets_refuse_impossible_rooms_and_frames(room):
    async_to_sync(_chat_refusals)(room, reader_for_test("Anna"))
    assert list(ChatMessage.objects.values_list("body", flat=True)) == ["Still here"]


async def _chat_refusals(room, anna):
    socket = WebsocketCommunicator(websockets, f"/ws/chats/{HUGE}/", headers=[ORIGIN])
    connected, _code = await socket.connect()
    assert not connected
    socket, _hello = await joined(room.id, anna, query=f"after={HUGE}")
    for frame in (
        '{"type": "send", "body": "nul \\u0000 byte"}',
        '{"type": "send", "body": "lone \\ud800 half"}',
        "\ud800",
        f'{{"type": "delete", "id": {HUGE}}}',
        f'{{"type": "mute", "user": {HUGE}, "minutes": 5}}',
    ):
        await socket.send_to(text_data=frame)
        assert await error_code(socket) in ("format", "refused"), frame
    await socket.send_json_to({"type": "send", "body": "Still here"})
    assert (await socket.receive_json_from())["type"] == "message"  # the socket lives on
    await socket.disconnect()

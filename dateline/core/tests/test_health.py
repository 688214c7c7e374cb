"""The proxy's probe answers from the event loop, with the database's state."""

import httpx
import pytest


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_probe_answers_ok_while_the_database_answers(asgi_server):
    response = httpx.get(f"{asgi_server}/healthz/", timeout=10)
    assert response.status_code == 200
    assert response.text == "ok\n"
    assert response.headers["cache-control"] == "no-store"

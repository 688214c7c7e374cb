import pytest


@pytest.fixture
def server(asgi_server, settings):
    """The real server, its streams sending keep-alives each second and polling the outbox
    every 0.1 s (events published from outside it are found within that)."""
    settings.DATELINE_LIVE_KEEPALIVE = 1
    settings.DATELINE_LIVE_POLL = 0.1
    return asgi_server

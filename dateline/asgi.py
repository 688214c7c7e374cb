import asyncio
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.dev")

# Django's pages through its WSGI handler, on a few reused threads (core/request_threads.py).
django_application = get_wsgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402 - needs Django set up first
from django.urls import path, re_path  # noqa: E402

from dateline.chats.consumers import ChatConsumer  # noqa: E402
from dateline.core.cache_invalidations import invalidation_watcher  # noqa: E402
from dateline.core.consumers import NotFoundConsumer  # noqa: E402
from dateline.core.health import HealthApp  # noqa: E402
from dateline.core.page_cache import PageCacheApp  # noqa: E402
from dateline.core.request_threads import RequestThreadsApp  # noqa: E402
from dateline.core.row_watcher import rows_watched  # noqa: E402
from dateline.core.scheduler import scheduler_loop  # noqa: E402
from dateline.live.asgi import NewsfeedApp  # noqa: E402
from dateline.live.relay import broadcast_watcher  # noqa: E402

pages = PageCacheApp(
    RequestThreadsApp(django_application, threads=settings.DATELINE_REQUEST_THREADS)
)
newsfeed = NewsfeedApp()  # streams bypass Django: no thread, no connection per reader
health = HealthApp()  # the proxy's probe, answered even when the pages queue
# Chat rooms; a socket opened from another site's page is refused (Origin checked
# against ALLOWED_HOSTS), the session cookie tells who the reader is.
websockets = AllowedHostsOriginValidator(
    AuthMiddlewareStack(
        URLRouter(
            [
                path("ws/chats/<id:room_id>/", ChatConsumer.as_asgi()),
                re_path(r"", NotFoundConsumer.as_asgi()),
            ]
        )
    )
)


async def application(scope, receive, send):
    """Pages, newsfeed streams and chat sockets; the lifespan starts the in-process
    scheduler and, without Redis, the watchers that keep this process's page cache and
    sockets in step with the other processes."""
    if scope["type"] == "websocket":
        await websockets(scope, receive, send)
        return
    if scope["type"] != "lifespan":
        if newsfeed.handles(scope):
            await newsfeed(scope, receive, send)
        elif health.handles(scope):
            await health(scope, receive, send)
        else:
            await pages(scope, receive, send)
        return
    task = None
    watchers = [w for w in (invalidation_watcher(), broadcast_watcher()) if w is not None]
    async with rows_watched(*watchers):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if settings.DATELINE_SCHEDULER_IN_PROCESS:
                    interval = settings.DATELINE_SCHEDULER_INTERVAL
                    task = asyncio.create_task(scheduler_loop(interval))
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if task is not None:
                    task.cancel()
                await send({"type": "lifespan.shutdown.complete"})
                return

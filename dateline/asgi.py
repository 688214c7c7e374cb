import asyncio
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.dev")

django_application = get_asgi_application()

from django.conf import settings  # noqa: E402 - needs Django set up first

from dateline.core.page_cache import PageCacheApp  # noqa: E402
from dateline.newsroom.scheduler import scheduler_loop  # noqa: E402

pages = PageCacheApp(django_application)


async def application(scope, receive, send):
    """Pages and streams; the lifespan starts the in-process scheduler where configured."""
    if scope["type"] != "lifespan":
        await pages(scope, receive, send)
        return
    task = None
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            if settings.DATELINE_SCHEDULER_IN_PROCESS:
                task = asyncio.create_task(scheduler_loop(settings.DATELINE_SCHEDULER_INTERVAL))
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            if task is not None:
                task.cancel()
            await send({"type": "lifespan.shutdown.complete"})
            return

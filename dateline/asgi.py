import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.dev")

django_application = get_asgi_application()

from dateline.core.page_cache import PageCacheApp  # noqa: E402 - needs Django set up first

application = PageCacheApp(django_application)

from django.apps import AppConfig

# URL patterns in models (Wagtail's routable pages) are built while models load, after the
# app configs and before ready(): the `<id:…>` converter must exist by then.
from dateline.core.ids import id_converter_register

id_converter_register()


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = "Dateline core"

    def ready(self) -> None:
        from dateline.core import checks  # noqa: F401 - registers them
        from dateline.core.cache_invalidations import invalidations_prune
        from dateline.core.database_statistics import database_statistics_refresh
        from dateline.core.periodic import periodic_register
        from dateline.core.purge import purges_send

        # Purges a proxy did not take go again on every pass until they are taken.
        periodic_register(purges_send)
        periodic_register(invalidations_prune)
        periodic_register(database_statistics_refresh)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "dateline.live"
    label = "live"
    verbose_name = _("Live")

    def ready(self) -> None:
        from dateline.core.periodic import periodic_register

        from .relay import broadcasts_prune
        from .services import page_views_prune
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        periodic_register(broadcasts_prune)
        periodic_register(page_views_prune)

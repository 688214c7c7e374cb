from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "dateline.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from dateline.core.periodic import periodic_register

        from .services import scheduled_publish_run
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        periodic_register(scheduled_publish_run, report="published {} scheduled revision(s)")

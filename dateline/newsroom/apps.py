from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "dateline.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

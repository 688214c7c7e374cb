from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediabankConfig(AppConfig):
    name = "dateline.mediabank"
    label = "mediabank"
    verbose_name = _("Media bank")

    def ready(self) -> None:
        from dateline.mediabank.signal_handlers import register_signal_handlers

        register_signal_handlers()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "dateline.syndication"
    verbose_name = _("Syndication")

    def ready(self) -> None:
        from dateline.core.periodic import periodic_register
        from dateline.syndication.signal_handlers import (
            register_signal_handlers,
            transmissions_enqueue_due,
            websub_retry_enqueue_due,
        )

        register_signal_handlers()
        periodic_register(transmissions_enqueue_due)
        periodic_register(websub_retry_enqueue_due)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WireConfig(AppConfig):
    name = "dateline.wire"
    verbose_name = _("Wire desk")

    def ready(self) -> None:
        from dateline.core.periodic import periodic_register
        from dateline.wire.services.sources import sources_poll_due

        periodic_register(sources_poll_due)

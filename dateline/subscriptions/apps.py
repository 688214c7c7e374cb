from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "dateline.subscriptions"
    verbose_name = _("Subscriptions")

    def ready(self) -> None:
        from dateline.core.periodic import periodic_register
        from dateline.subscriptions.services.mailings import digests_enqueue_due, mailings_resume
        from dateline.subscriptions.signal_handlers import register_signal_handlers

        register_signal_handlers()
        periodic_register(digests_enqueue_due)
        periodic_register(mailings_resume)

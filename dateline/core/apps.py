from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = "Dateline core"

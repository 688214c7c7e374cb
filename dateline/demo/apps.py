from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and its loader (`manage.py load_demo`): it uses every app, and no
    app uses it."""

    name = "dateline.demo"
    label = "demo"
    verbose_name = "Demo"

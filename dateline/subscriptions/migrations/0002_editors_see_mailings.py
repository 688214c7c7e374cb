"""Editors see how subscriptions and mailings go (admin → Subscriptions)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.get_or_create(name="Editors")[0]
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="subscriptions", codename="view_mailing")
    )


def revoke(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        editors.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="subscriptions", codename="view_mailing"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_subscribers_mailings"),
        ("newsroom", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""Editors work the wire desk and manage its sources."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_wireitem", "view_wiresource", "add_wiresource", "change_wiresource", "delete_wiresource"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    editors = apps.get_model("auth", "Group").objects.get_or_create(name="Editors")[0]
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="wire", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        editors.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="wire", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [("wire", "0001_wire_desk"), ("newsroom", "0002_editorial_groups")]

    operations = [migrations.RunPython(grant, revoke)]

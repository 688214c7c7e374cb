"""Editors moderate readers: comments, bans and chat rooms."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = (("comments", "moderate_comment"), ("chats", "moderate_chat"))


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.get_or_create(name="Editors")[0]
    for app_label, codename in PERMISSIONS:
        editors.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        for app_label, codename in PERMISSIONS:
            editors.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("chats", "0001_initial"),
        ("comments", "0001_initial"),
        ("newsroom", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""Licensed media clients may download originals; photo editors may too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Media clients", "Photo editors")


def add_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    download = Permission.objects.get(content_type__app_label="mediabank", codename="download_original")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)[0].permissions.add(download)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Media clients").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mediabank", "0002_photo_download"),
        ("newsroom", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(add_group, remove_group)]

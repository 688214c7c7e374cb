"""Editors translate: an agency with several editions lives by it (Wagtail's "Translate"
action, which copies a page into another edition as a draft for the editor to translate)."""

from django.db import migrations

from dateline.core.group_permissions import group_permissions_grant, group_permissions_revoke

PERMISSIONS = (("simple_translation", "submit_translation"),)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0006_page_expire_at_index"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, _schema: group_permissions_grant(apps, "Editors", PERMISSIONS),
            lambda apps, _schema: group_permissions_revoke(apps, "Editors", PERMISSIONS),
        )
    ]

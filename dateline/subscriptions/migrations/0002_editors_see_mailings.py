"""Editors see how subscriptions and mailings go (admin → Subscriptions)."""

from django.db import migrations

from dateline.core.group_permissions import group_permissions_grant, group_permissions_revoke

PERMISSIONS = (("subscriptions", "view_mailing"),)


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_subscribers_mailings"),
        ("newsroom", "0002_editorial_groups"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, _schema: group_permissions_grant(apps, "Editors", PERMISSIONS),
            lambda apps, _schema: group_permissions_revoke(apps, "Editors", PERMISSIONS),
        )
    ]

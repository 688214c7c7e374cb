"""Editors see the readers' real-time view (Reports → Readers now)."""

from django.db import migrations

from dateline.core.group_permissions import group_permissions_grant, group_permissions_revoke

PERMISSIONS = (("live", "view_realtime"),)


class Migration(migrations.Migration):
    dependencies = [("live", "0006_realtime_counts")]

    operations = [
        migrations.RunPython(
            lambda apps, _schema: group_permissions_grant(apps, "Editors", PERMISSIONS),
            lambda apps, _schema: group_permissions_revoke(apps, "Editors", PERMISSIONS),
        )
    ]

"""Editors work the wire desk and manage its sources."""

from django.db import migrations

from dateline.core.group_permissions import group_permissions_grant, group_permissions_revoke

PERMISSIONS = tuple(
    ("wire", codename)
    for codename in (
        "view_wireitem",
        "view_wiresource",
        "add_wiresource",
        "change_wiresource",
        "delete_wiresource",
    )
)


class Migration(migrations.Migration):
    dependencies = [("wire", "0001_wire_desk"), ("newsroom", "0002_editorial_groups")]

    operations = [
        migrations.RunPython(
            lambda apps, _schema: group_permissions_grant(apps, "Editors", PERMISSIONS),
            lambda apps, _schema: group_permissions_revoke(apps, "Editors", PERMISSIONS),
        )
    ]

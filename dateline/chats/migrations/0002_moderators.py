"""Editors moderate readers: comments, bans and chat rooms."""

from django.db import migrations

from dateline.core.group_permissions import group_permissions_grant, group_permissions_revoke

PERMISSIONS = (("comments", "moderate_comment"), ("chats", "moderate_chat"))


class Migration(migrations.Migration):
    dependencies = [
        ("chats", "0001_initial"),
        ("comments", "0001_initial"),
        ("newsroom", "0002_editorial_groups"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, _schema: group_permissions_grant(apps, "Editors", PERMISSIONS),
            lambda apps, _schema: group_permissions_revoke(apps, "Editors", PERMISSIONS),
        )
    ]

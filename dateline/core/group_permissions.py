"""Data migrations that give a staff group permissions: one way for every app.

Permissions are made first (Django makes them only after all migrations have run).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.management import create_permissions


def group_permissions_grant(apps, group: str, permissions: Iterable[tuple[str, str]]) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    target = apps.get_model("auth", "Group").objects.get_or_create(name=group)[0]
    for app_label, codename in permissions:
        target.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def group_permissions_revoke(apps, group: str, permissions: Iterable[tuple[str, str]]) -> None:
    target = apps.get_model("auth", "Group").objects.filter(name=group).first()
    if target is None:
        return
    Permission = apps.get_model("auth", "Permission")
    for app_label, codename in permissions:
        target.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )

"""Newsroom roles and the review workflow: reporters submit, editors approve and publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROOT_PAGE_PERMISSIONS = {
    "Reporters": ["add_page", "change_page"],
    "Editors": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    "Reporters": ["add_image", "choose_image"],
    "Editors": ["add_image", "change_image", "choose_image"],
    "Photo editors": ["add_image", "change_image", "delete_image", "choose_image"],
}
MODEL_PERMISSIONS = {
    "Reporters": ["view_agency", "view_author", "view_story"],
    "Editors": [
        f"{action}_{model}"
        for model in ("agency", "author", "story")
        for action in ("add", "change", "delete", "view")
    ],
}
WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Editor review"


def _permission(Permission, codename):
    return Permission.objects.get(codename=codename)


def create_groups(apps, schema_editor):
    # Permission rows are normally made after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    access_admin = _permission(Permission, "access_admin")

    groups = {}
    for name in ("Reporters", "Editors", "Photo editors"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        groups[name] = group
    for name, codenames in ROOT_PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root_page, permission=_permission(Permission, codename)
            )
    for name, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name],
                collection=root_collection,
                permission=_permission(Permission, codename),
            )
    for name, codenames in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(
            *Permission.objects.filter(content_type__app_label="newsroom", codename__in=codenames)
        )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([groups["Editors"]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowPage.objects.filter(workflow__name=WORKFLOW_NAME).delete()
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=TASK_NAME).delete()
    Group.objects.filter(name__in=["Reporters", "Photo editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("mediabank", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

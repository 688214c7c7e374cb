from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from dateline.comments import admin_views
from dateline.comments.selectors import moderation_counts
from dateline.comments.services import MODERATE

moderation_urls = [
    path("", admin_views.queue, name="queue"),
    path("<id:comment_id>/", admin_views.act, name="act"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("comments/", include((moderation_urls, "comments_moderation")))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(MODERATE)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ModerationMenuItem(
        _("Comments"), reverse("comments_moderation:queue"), icon_name="comment", order=260
    )


class ModerationPanel(Component):
    """Dashboard counts for moderators: held and reported comments."""

    name = "comment_moderation"
    template_name = "comments/admin/panel.html"
    order = 90

    def get_context_data(self, parent_context=None):
        return {"counts": moderation_counts()}


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if request.user.has_perm(MODERATE):
        panels.append(ModerationPanel())


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label__in=["comments", "chats"],
        codename__in=["moderate_comment", "moderate_chat"],
    )

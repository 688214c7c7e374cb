from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.wire import admin_views
from dateline.wire.models import WireSource
from dateline.wire.selectors import desk_counts

desk_urls = [
    path("", admin_views.incoming, name="incoming"),
    path("<id:item_id>/", admin_views.preview, name="preview"),
    path("<id:item_id>/article/", admin_views.make_article, name="article"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("wire/", include((desk_urls, "wire_desk")))]


class DeskMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.VIEW)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return DeskMenuItem(_("Wire"), reverse("wire_desk:incoming"), icon_name="download", order=250)


class WireSourceViewSet(ModelViewSet):
    model = WireSource
    icon = "site"
    menu_label = _("Wire sources")
    add_to_settings_menu = True
    form_fields = [
        "name",
        "agency",
        "format",
        "location",
        "poll_minutes",
        "section",
        "auto_publish",
        "active",
    ]
    list_display = ["name", "format", "location", "active", "last_polled_at", "last_error"]


@hooks.register("register_admin_viewset")
def register_sources():
    return WireSourceViewSet("wire_sources")


class DeskPanel(Component):
    name = "wire_desk"
    template_name = "wire/admin/panel.html"
    order = 95

    def get_context_data(self, parent_context=None):
        return {"counts": desk_counts()}


@hooks.register("construct_homepage_panels")
def add_desk_panel(request, panels):
    if request.user.has_perm(admin_views.VIEW):
        panels.append(DeskPanel())


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="wire")

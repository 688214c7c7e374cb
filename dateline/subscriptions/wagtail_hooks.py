from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dateline.subscriptions import admin_views


@hooks.register("register_admin_urls")
def register_urls():
    return [path("subscriptions/", admin_views.report, name="subscriptions_report")]


class ReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.VIEW)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ReportMenuItem(
        _("Subscriptions"), reverse("subscriptions_report"), icon_name="mail", order=270
    )


@hooks.register("register_permissions")
def register_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="subscriptions", codename="view_mailing"
    )

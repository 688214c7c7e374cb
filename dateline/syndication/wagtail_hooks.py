from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dateline.syndication import admin_views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("api-keys/", admin_views.keys, name="api_keys"),
        path("api-keys/<str:prefix>/revoke/", admin_views.revoke, name="api_key_revoke"),
    ]


class KeysMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.MANAGE)


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return KeysMenuItem(_("API keys"), reverse("api_keys"), icon_name="key", order=900)

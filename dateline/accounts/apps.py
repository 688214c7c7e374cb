from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # the module holds the users app's config too
    name = "dateline.accounts"
    label = "accounts"
    verbose_name = _("Readers")


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's users app with forms that take readers as they are (`admin_users`)."""

    user_viewset = "dateline.accounts.admin_users.UserViewSet"

from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.syndication import admin_views
from dateline.syndication.models import Destination, DistributionClient


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("api-keys/", admin_views.keys, name="api_keys"),
        path("api-keys/<str:prefix>/revoke/", admin_views.revoke, name="api_key_revoke"),
        path("distribution/", admin_views.transmissions, name="distribution"),
        path(
            "distribution/<int:transmission_id>/resend/",
            admin_views.resend,
            name="distribution_resend",
        ),
        path(
            "distribution/destinations/<int:destination_id>/resume/",
            admin_views.resume,
            name="distribution_resume",
        ),
    ]


class KeysMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.MANAGE)


class DistributionMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.DISTRIBUTE)


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return KeysMenuItem(_("API keys"), reverse("api_keys"), icon_name="key", order=900)


@hooks.register("register_settings_menu_item")
def register_distribution_menu_item():
    return DistributionMenuItem(
        _("Distribution"), reverse("distribution"), icon_name="resubmit", order=901
    )


class DistributionClientViewSet(ModelViewSet):
    model = DistributionClient
    icon = "group"
    menu_label = _("Distribution clients")
    add_to_settings_menu = True
    form_fields = ["name", "active", "languages", "sections", "topics", "urgency_max"]
    list_display = ["name", "active", "urgency_max"]


class DestinationCreateView(CreateView):
    def get_success_message(self, instance):
        # The only time the secret is shown: the operator hands it to the client.
        return gettext(
            "Destination %(destination)s created. Its signing secret, shown this once: %(secret)s"
        ) % {"destination": instance, "secret": instance.secret}


class DestinationViewSet(ModelViewSet):
    model = Destination
    icon = "resubmit"
    menu_label = _("Distribution destinations")
    add_to_settings_menu = True
    add_view_class = DestinationCreateView
    form_fields = [
        "client",
        "kind",
        "format",
        "url",
        "email",
        "password",
        "host_key",
        "tls_certificate",
        "active",
    ]
    list_display = ["client", "kind", "url", "email", "format", "active", "paused_at"]


@hooks.register("register_admin_viewset")
def register_distribution_viewsets():
    return [
        DistributionClientViewSet("distribution_clients"),
        DestinationViewSet("distribution_destinations"),
    ]

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class RealtimeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("live.view_realtime")


@hooks.register("register_reports_menu_item")
def register_realtime_menu_item():
    return RealtimeMenuItem(_("Readers now"), reverse("live_realtime"), icon_name="view", order=50)


@hooks.register("register_admin_urls")
def register_realtime_url():
    from dateline.live.admin_views import realtime

    return [path("readers-now/", realtime, name="live_realtime")]

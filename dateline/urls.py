from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline.accounts.admin_login import AdminLoginView
from dateline.core import views as core_views
from dateline.live import views as live_views
from dateline.newsroom import views as newsroom_views
from dateline.subscriptions import views as subscription_views
from dateline.syndication import views as syndication_views
from dateline.syndication.api import api_urls as ninjs_api_urls

handler500 = "dateline.core.views.server_error"

urlpatterns = [
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", syndication_views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", syndication_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", syndication_views.robots_txt, name="robots_txt"),
    path("websub/", syndication_views.websub_hub, name="websub_hub"),
    path("api/ninjs/", ninjs_api_urls()),
    path("sw.js", subscription_views.service_worker, name="service_worker"),
    # Browsers and crawlers ask for it whatever the page says: the page's own icon.
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("", newsroom_views.edition_redirect, name="edition_redirect"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("dateline.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("comments/", include("dateline.comments.urls")),
    path("feeds/", include("dateline.syndication.urls")),
    path("subscribe/", include("dateline.subscriptions.urls")),
    path("mediabank/", include("dateline.mediabank.urls")),
    path("live/next/<id:article_id>/", live_views.next_article, name="next_article"),
    path("live/viewed/<id:article_id>/", live_views.article_viewed, name="article_viewed"),
    path("live/most-read/", live_views.most_read, name="most_read"),
    path("", include(wagtail_urls)),
)

if settings.DATELINE_SERVE_MEDIA:
    # The embedded profile has no front server for uploaded files; in the scale profile
    # the proxy serves them. Only renditions are public: originals are for licensed
    # clients and leave through the media bank's download view.
    from django.urls import re_path

    from dateline.mediabank.views import rendition_file

    urlpatterns.insert(0, re_path(r"^media/images/(?P<name>.+)$", rendition_file))

"""Feeds under each edition: /<edition>/feeds/rss/, …/section/<slug>/atom/, …"""

from django.urls import path

from dateline.syndication.feeds import feed_view, withdrawal_feed_view

urlpatterns = [
    path("withdrawn/rss/", withdrawal_feed_view, name="feed_withdrawn"),
    path("rss/", feed_view, {"fmt": "rss"}, name="feed_rss"),
    path("atom/", feed_view, {"fmt": "atom"}, name="feed_atom"),
    path("<str:kind>/<str:slug>/rss/", feed_view, {"fmt": "rss"}, name="feed_rss"),
    path("<str:kind>/<str:slug>/atom/", feed_view, {"fmt": "atom"}, name="feed_atom"),
]

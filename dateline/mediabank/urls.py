"""The public media bank of every edition, under its language: `/<lang>/mediabank/…`."""

from django.urls import path

from dateline.mediabank import views

app_name = "mediabank"

urlpatterns = [
    path("", views.photo_index, name="index"),
    path("<id:photo_id>/", views.photo_detail, name="photo"),
    path("<id:photo_id>/original/", views.photo_original, name="original"),
]

from django.urls import path

from dateline.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="account_profile"),
    path("export/", views.export, name="account_export"),
    path("delete/", views.delete, name="account_delete"),
]

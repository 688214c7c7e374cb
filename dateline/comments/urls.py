from django.urls import path

from dateline.comments import views

urlpatterns = [
    path("<id:article_id>/", views.thread, name="comment_thread"),
    path("edit/<id:comment_id>/", views.edit, name="comment_edit"),
    path("delete/<id:comment_id>/", views.delete, name="comment_delete"),
    path("report/<id:comment_id>/", views.report, name="comment_report"),
    path("hide/<id:comment_id>/", views.hide, name="comment_hide"),
]

from django.urls import path

from dateline.comments import views

urlpatterns = [
    path("<int:article_id>/", views.thread, name="comment_thread"),
    path("edit/<int:comment_id>/", views.edit, name="comment_edit"),
    path("delete/<int:comment_id>/", views.delete, name="comment_delete"),
    path("report/<int:comment_id>/", views.report, name="comment_report"),
]

from __future__ import annotations

from django.urls import path

from annotations import views

urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("articles/import/", views.article_import_view, name="article-import"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
]

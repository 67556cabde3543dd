from __future__ import annotations

from django.urls import path

from annotations import views

urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("articles/import/", views.article_import_view, name="article-import"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("agreement/", views.agreement_dashboard, name="agreement-dashboard"),
    path("agreement/recompute/", views.agreement_recompute, name="agreement-recompute"),
]

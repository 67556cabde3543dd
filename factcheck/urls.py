from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView

from annotations.account_views import account, token_revoke
from annotations.api.docs_views import api_docs
from annotations.converters import IdConverter
from annotations.public_views import verdict_public

register_converter(IdConverter, "id")

handler404 = "annotations.api.errors.not_found"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("api/v1/", include("annotations.api.urls")),
    path("verdicts/<id:pk>/", verdict_public, name="verdict-public"),
    path("account/", account, name="account"),
    path("account/tokens/<id:pk>/revoke/", token_revoke, name="account-token-revoke"),
    path("", include("annotations.urls")),
]

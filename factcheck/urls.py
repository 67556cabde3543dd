from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView

from annotations.account_views import account, token_revoke
from annotations.api.docs_views import api_docs
from annotations.converters import IdConverter
from annotations.permissions import Permission
from annotations.public_views import verdict_public
from annotations.views.decorators import permission_required

register_converter(IdConverter, "id")

handler404 = "annotations.api.errors.not_found"

urlpatterns = [
    # Django's own views, declared like every page (the map grants them to anyone).
    path(
        "login/",
        permission_required(Permission.Account.LOG_IN)(
            auth_views.LoginView.as_view(redirect_authenticated_user=True)
        ),
        name="login",
    ),
    path(
        "logout/",
        permission_required(Permission.Account.LOG_OUT)(auth_views.LogoutView.as_view()),
        name="logout",
    ),
    # The back office: Django's admin, for staff, with its own model permissions.
    path("admin/", admin.site.urls),
    path(
        "api/schema/",
        permission_required(Permission.Public.READ)(SpectacularAPIView.as_view()),
        name="api-schema",
    ),
    path("api/docs/", permission_required(Permission.Public.READ)(api_docs), name="api-docs"),
    path("api/v1/", include("annotations.api.urls")),
    path("verdicts/<id:pk>/", verdict_public, name="verdict-public"),
    path("account/", account, name="account"),
    path("account/tokens/<id:pk>/revoke/", token_revoke, name="account-token-revoke"),
    path("", include("annotations.urls")),
]

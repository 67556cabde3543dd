from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, register_converter
from django.utils import timezone
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView

from annotations.account_views import account, token_revoke
from annotations.api.docs_views import api_docs
from annotations.converters import IdConverter
from annotations.permissions import Permission
from annotations.public_views import (
    SITEMAPS,
    VerdictsFeed,
    article_checked_page,
    robots_txt,
    scale_page,
    verdict_index,
    verdict_public,
)
from annotations.views.decorators import permission_required
from annotations.views.languages import language_set

register_converter(IdConverter, "id")

handler404 = "annotations.api.errors.not_found"

# The JavaScript catalogue changes only with a deployment: browsers revalidate it against the
# time this process started (the page asks for it with the language in its query string).
STARTED = timezone.now()

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
    # The interface's language: the header's switcher posts here (Django's view, which checks
    # `next` stays on this site and sets the language cookie, and the member's account keeps
    # it); scripts read their strings from the catalogue.
    path("i18n/setlang/", language_set, name="set_language"),
    path(
        "i18n/catalogue.js",
        permission_required(Permission.Public.READ)(
            last_modified(lambda request: STARTED)(JavaScriptCatalog.as_view())
        ),
        name="javascript-catalogue",
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
    # The public site: no login (annotations/public_views/).
    path("verdicts/", verdict_index, name="verdict-index"),
    path("verdicts/<id:pk>/", verdict_public, name="verdict-public"),
    path("verdicts/articles/<id:pk>/", article_checked_page, name="public-article"),
    path(
        "verdicts/feed.atom",
        permission_required(Permission.Verdict.READ)(VerdictsFeed()),
        name="verdict-feed",
    ),
    path("scale/", scale_page, name="public-scale"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        permission_required(Permission.Public.READ)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<slug:section>.xml",
        permission_required(Permission.Public.READ)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("account/", account, name="account"),
    path("account/tokens/<id:pk>/revoke/", token_revoke, name="account-token-revoke"),
    path("", include("annotations.urls")),
]

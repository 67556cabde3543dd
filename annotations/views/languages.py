"""The interface language: the header's switcher, and the choice following a desk member to a
new browser.

Django's set_language view keeps the choice in a cookie (LocaleMiddleware reads it on every
request). A logged-in member's choice is also kept on their account, so that their e-mails are
written in it and logging in on another browser brings it back (the login's response sets the
cookie: one query at login, none on other requests).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.selectors.languages import languages_chosen
from annotations.services.users import language_remember
from annotations.views.decorators import permission_required

# Where the login hands the member's chosen language to RememberedLanguageMiddleware.
CHOSEN_ATTRIBUTE = "language_chosen_at_login"


@permission_required(Permission.Public.READ)
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and translation.check_for_language(language):
        language_remember(user=request_user(request), language=language)
    return response


def language_restore_at_login(
    sender: Any, request: HttpRequest | None, user: Any, **_: Any
) -> None:
    """`user_logged_in`: look up the language the member chose, for the login's response."""
    if request is not None:
        setattr(request, CHOSEN_ATTRIBUTE, languages_chosen([user.pk]).get(user.pk))


class RememberedLanguageMiddleware:
    """The response to a login carries the member's chosen language as the language cookie,
    unless the browser already has that one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        chosen = getattr(request, CHOSEN_ATTRIBUTE, None)
        if chosen and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=cast(Any, settings.LANGUAGE_COOKIE_SAMESITE),  # a setting: a str
            )
        return response

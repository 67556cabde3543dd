"""The signed-in user of a request, typed as the account model the services store."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.models import User
from django.http import HttpRequest
from rest_framework.request import Request


def request_user(request: HttpRequest | Request) -> User:
    """`request.user` where the page's permission, the API's permission classes or the admin
    let only signed-in users through. Typing only: the services still check the user's roles,
    so an anonymous user here would be refused there, as before."""
    return cast(User, request.user)

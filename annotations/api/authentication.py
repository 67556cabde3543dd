"""Authentication with personal tokens: `Authorization: Token fc_...`."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from annotations.services.tokens import TOKEN_MARK, personal_token_authenticate


class PersonalTokenAuthentication(BaseAuthentication):
    """Handles `Token fc_…` keys; any other token is left to DRF's TokenAuthentication."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        parts = get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].decode(errors="replace") != self.keyword:
            return None
        key = parts[1].decode(errors="replace")
        if not key.startswith(TOKEN_MARK):
            return None
        user = personal_token_authenticate(key)
        if user is None:
            raise AuthenticationFailed("Invalid or revoked token.")
        return (user, None)

    def authenticate_header(self, request: Request) -> str:
        return self.keyword

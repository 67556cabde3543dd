"""Authentication with personal tokens: `Authorization: Token fc_...`."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from annotations.models import PersonalToken
from annotations.services.tokens import personal_token_authenticate


class PersonalTokenAuthentication(BaseAuthentication):
    """Handles `Token fc_…` keys, personal and login tokens alike. `request.auth` is the
    PersonalToken, so that `DELETE /api/v1/auth/token/` can revoke the one presented."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, PersonalToken] | None:
        parts = get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].decode(errors="replace") != self.keyword:
            return None
        # A key without the `fc_` mark (e.g. a plaintext key from before login tokens were
        # digests) is refused like any unknown key.
        token = personal_token_authenticate(parts[1].decode(errors="replace"))
        if token is None:
            raise AuthenticationFailed("Invalid or revoked token.")
        return (token.user, token)

    def authenticate_header(self, request: Request) -> str:
        return self.keyword

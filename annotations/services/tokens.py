"""Writes for personal API tokens: created and revoked by their owner, stored as digests.

A token reads `fc_<prefix><secret>`: the prefix finds the row, the SHA-256 digest of the whole
token, compared in constant time, proves it. A stolen database copy holds no usable token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from annotations.errors import DomainError
from annotations.models import PersonalToken

TOKEN_MARK = "fc_"  # noqa: S105 (a public marker, not a secret)
PREFIX_LENGTH = 10
MAX_TOKENS_PER_USER = 20


@dataclass(frozen=True)
class IssuedToken:
    token: PersonalToken
    key: str  # shown to the user once; never stored


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def personal_token_create(*, user: AbstractBaseUser, name: str) -> IssuedToken:
    name = " ".join(name.split())
    if not name:
        raise DomainError(
            "Name the token, e.g. after the script that uses it.", code="token_name", field="name"
        )
    if (
        PersonalToken.objects.filter(user=user, revoked_at__isnull=True).count()
        >= MAX_TOKENS_PER_USER
    ):
        raise DomainError(
            f"You have {MAX_TOKENS_PER_USER} active tokens; revoke one first.",
            code="too_many_tokens",
            status=409,
        )
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    key = f"{TOKEN_MARK}{prefix}{secrets.token_urlsafe(32)}"
    token = PersonalToken.objects.create(
        user=user, name=name[:100], prefix=prefix, digest=_digest(key)
    )
    return IssuedToken(token=token, key=key)


def personal_token_revoke(*, user: AbstractBaseUser, token_id: int) -> PersonalToken:
    token = PersonalToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise DomainError("No such token.", code="token_not_found", status=404)
    if token.revoked_at is None:
        PersonalToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token.refresh_from_db()
    return token


def personal_token_authenticate(key: str) -> AbstractBaseUser | None:
    """The active user a token belongs to, or None. Records when it was last used."""
    if not key.startswith(TOKEN_MARK):
        return None
    prefix = key[len(TOKEN_MARK) : len(TOKEN_MARK) + PREFIX_LENGTH]
    token = (
        PersonalToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, _digest(key)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        # At most one write a minute per token, not one per request.
        PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

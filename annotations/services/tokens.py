"""Writes for API tokens: created and revoked by their owner, stored as digests.

A token reads `fc_<prefix><secret>`: the prefix finds the row, the SHA-256 digest of the whole
token, compared in constant time, proves it. A stolen database copy holds no usable token.

Two kinds share the table and the rules: personal tokens, named by hand, and login tokens,
issued for a username and password by `POST /api/v1/auth/token/`. Every token of a user is
revoked when their password changes (annotations.passwords) or they are deactivated.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from annotations.errors import DomainError
from annotations.models import PersonalToken
from annotations.validators import visible_name_check

TOKEN_MARK = "fc_"  # noqa: S105 (a public marker, not a secret)
PREFIX_LENGTH = 10
MAX_TOKENS_PER_USER = 20
# Each login issues a new token (the old ones cannot be shown again: only digests are kept);
# beyond this many, a login revokes the least recently used, so scripts that log in on every
# run do not pile up live tokens.
MAX_LOGIN_TOKENS_PER_USER = 10
LOGIN_TOKEN_NAME = "Login token (API)"  # noqa: S105 (a label, not a secret)


@dataclass(frozen=True)
class IssuedToken:
    token: PersonalToken
    key: str  # shown to the user once; never stored


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def personal_token_create(*, user: User, name: str) -> IssuedToken:
    name = " ".join(visible_name_check(name, field="name").split())
    if not name:
        raise DomainError(
            gettext("Name the token, e.g. after the script that uses it."),
            code="token_name",
            field="name",
        )
    active = _active(user=user, kind=PersonalToken.Kind.PERSONAL)
    if active.count() >= MAX_TOKENS_PER_USER:
        raise DomainError(
            ngettext(
                "You have %(count)s active token; revoke it first.",
                "You have %(count)s active tokens; revoke one first.",
                MAX_TOKENS_PER_USER,
            )
            % {"count": MAX_TOKENS_PER_USER},
            code="too_many_tokens",
            status=409,
        )
    return _issue(user=user, name=name[:100], kind=PersonalToken.Kind.PERSONAL)


@transaction.atomic
def login_token_create(*, user: User) -> IssuedToken:
    """A new login token for a user who just proved their password; the oldest beyond
    MAX_LOGIN_TOKENS_PER_USER are revoked."""
    issued = _issue(user=user, name=LOGIN_TOKEN_NAME, kind=PersonalToken.Kind.LOGIN)
    # Least recently used first out: a token never used counts from its creation.
    kept = (
        _active(user=user, kind=PersonalToken.Kind.LOGIN)
        .order_by(Coalesce("last_used_at", "created").desc(), "-id")
        .values_list("pk", flat=True)[:MAX_LOGIN_TOKENS_PER_USER]
    )
    _active(user=user, kind=PersonalToken.Kind.LOGIN).exclude(pk__in=list(kept)).update(
        revoked_at=timezone.now()
    )
    # Dead login tokens are kept only as long as they help tell what happened (the most
    # recently revoked), so the token list of a script that logs in hourly stays short.
    logins = PersonalToken.objects.filter(user=user, kind=PersonalToken.Kind.LOGIN)
    recently_revoked = (
        logins.filter(revoked_at__isnull=False)
        .order_by("-revoked_at", "-id")
        .values_list("pk", flat=True)[:MAX_LOGIN_TOKENS_PER_USER]
    )
    logins.filter(revoked_at__isnull=False).exclude(pk__in=list(recently_revoked)).delete()
    return issued


def tokens_revoke_all(*, user: User) -> int:
    """Revoke every active token of a user, of either kind; returns how many."""
    return PersonalToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def _active(*, user: User, kind: str) -> QuerySet[PersonalToken]:
    return PersonalToken.objects.filter(user=user, kind=kind, revoked_at__isnull=True)


def _issue(*, user: User, name: str, kind: str) -> IssuedToken:
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    key = f"{TOKEN_MARK}{prefix}{secrets.token_urlsafe(32)}"
    token = PersonalToken.objects.create(
        user=user, name=name, kind=kind, prefix=prefix, digest=_digest(key)
    )
    return IssuedToken(token=token, key=key)


def personal_token_revoke(*, user: User, token_id: int) -> PersonalToken:
    token = PersonalToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise DomainError(gettext("No such token."), code="token_not_found", status=404)
    if token.revoked_at is None:
        PersonalToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token.refresh_from_db()
    return token


def personal_token_authenticate(key: str) -> PersonalToken | None:
    """The live token a key proves, its user active, or None. Records when it was last used."""
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
    return token

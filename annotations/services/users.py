"""Writes for desk members leaving: deactivated, never deleted, so that their work stays."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from annotations.services.tokens import tokens_revoke_all


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Deactivate a user: no more logins, sessions or API tokens; their highlights, reviews and
    verdicts stay, with their name on them."""
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    # Even when already inactive: tokens left live by an earlier, hand-made deactivation go too.
    tokens_revoke_all(user=user)

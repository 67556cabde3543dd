"""Writes for desk members: leaving (deactivated, never deleted, so that their work stays) and
the interface language they chose."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from annotations.models import LanguagePreference
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


def language_remember(*, user: User, language: str) -> None:
    """Keep `language` as `user`'s interface language (their e-mails', and a new browser's);
    a code that is not one of the interface's languages is ignored, as the switcher ignores it."""
    if language not in dict(settings.LANGUAGES):
        return
    LanguagePreference.objects.update_or_create(user=user, defaults={"language": language})

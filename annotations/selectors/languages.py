"""Reads of the interface language each desk member chose (annotations.services.users)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from annotations.models import LanguagePreference


def languages_chosen(user_ids: Iterable[int]) -> dict[int, str]:
    """The interface language each of `user_ids` chose, in one query; absent when none (or one
    the desk no longer offers)."""
    offered = dict(settings.LANGUAGES)
    rows = LanguagePreference.objects.filter(user_id__in=set(user_ids)).values_list(
        "user_id", "language"
    )
    return {user_id: language for user_id, language in rows if language in offered}

"""Template filters for languages: a tag's name in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language_info

from annotations.core.languages import languages_differ

register = template.Library()


@register.filter
def language_name(tag: str) -> str:
    """The language's name in the interface's language ("French" for "fr", "fr-CA" or
    "fr_CA"), or the tag itself when Django does not know it (its LANG_INFO)."""
    cleaned = (tag or "").strip().replace("_", "-")
    for candidate in (cleaned.lower(), cleaned.split("-")[0].lower()):
        if not candidate:
            continue
        try:
            return str(get_language_info(candidate)["name_translated"])
        except KeyError:
            continue
    return cleaned


@register.filter
def language_other(tag: str, other: str) -> str:
    """The name of `tag`'s language when it is known and differs from `other`'s (a review in
    another language than the claim's), else ""."""
    return language_name(tag) if languages_differ(tag or "", other or "") else ""

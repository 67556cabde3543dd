"""A rating label's name in the interface's language on the desk's pages: `{% label_name label %}`.

The names come from presenters.labels (the label's translation, else its own name), read once
per request for the whole scale (two queries), so a page's queries do not grow with its rows.
"""

from __future__ import annotations

from typing import Any

from django import template

from annotations.models import VerdictLabel
from annotations.presenters.labels import label_wording, reader_language
from annotations.selectors.articles import verdict_labels_translated
from annotations.selectors.labels import label_names_by_slug

register = template.Library()

# Where a request keeps the scale's names, by language.
_CACHE = "_label_names_by_language"


def label_names(request: Any) -> dict[int, str]:
    """Every label's name in the reader's language, by label id (cached on `request`)."""
    language = reader_language()
    cache: dict[str, dict[int, str]] = getattr(request, _CACHE, None) or {}
    if language not in cache:
        cache[language] = {
            label.pk: label_wording(label, language).name for label in verdict_labels_translated()
        }
        if request is not None:
            setattr(request, _CACHE, cache)
    return cache[language]


@register.simple_tag(takes_context=True)
def label_name(context: template.Context, label: VerdictLabel | None) -> str:
    if label is None:
        return ""
    return label_names(context.get("request")).get(label.pk, label.name)


# Where a request keeps the scale's names by slug, by language.
_SLUG_CACHE = "_label_names_by_slug_and_language"


@register.simple_tag(takes_context=True)
def label_slug_name(context: template.Context, slug: str | None, fallback: str | None = "") -> str:
    """The name of the label `slug` in the reader's language, for rows that carry a label's
    slug rather than the label (search results); `fallback` (an external fact-check's rating
    as published) when no desk label has that slug."""
    request = context.get("request")
    language = reader_language()
    cache: dict[str, dict[str, str]] = getattr(request, _SLUG_CACHE, None) or {}
    if language not in cache:
        cache[language] = label_names_by_slug(language)
        if request is not None:
            setattr(request, _SLUG_CACHE, cache)
    return cache[language].get(slug or "", fallback or "")

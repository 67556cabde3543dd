"""A rating label's name and description in the interface's language on the desk's pages:
`{% label_name label %}`, `{% label_description label as description %}`.

The wording comes from presenters.labels (the label's translation, else its own), read once per
request for the whole scale (two queries), so a page's queries do not grow with its rows.
"""

from __future__ import annotations

from typing import Any

from django import template

from annotations.core.label_wording import LabelWording
from annotations.models import VerdictLabel
from annotations.presenters.labels import label_wording, reader_language
from annotations.selectors.articles import verdict_labels_translated
from annotations.selectors.labels import label_names_by_slug

register = template.Library()

# Where a request keeps the scale's wording, by language.
_CACHE = "_label_wording_by_language"


def label_wordings(request: Any) -> dict[int, LabelWording]:
    """Every label's wording in the reader's language, by label id (cached on `request`)."""
    language = reader_language()
    cache: dict[str, dict[int, LabelWording]] = getattr(request, _CACHE, None) or {}
    if language not in cache:
        cache[language] = {
            label.pk: label_wording(label, language) for label in verdict_labels_translated()
        }
        if request is not None:
            setattr(request, _CACHE, cache)
    return cache[language]


def label_names(request: Any) -> dict[int, str]:
    """Every label's name in the reader's language, by label id (cached on `request`)."""
    return {pk: words.name for pk, words in label_wordings(request).items()}


@register.simple_tag(takes_context=True)
def label_name(context: template.Context, label: VerdictLabel | None) -> str:
    if label is None:
        return ""
    words = label_wordings(context.get("request")).get(label.pk)
    return words.name if words else label.name


@register.simple_tag(takes_context=True)
def label_description(context: template.Context, label: VerdictLabel | None) -> str:
    """The label's description in the reader's language ("" for none)."""
    if label is None:
        return ""
    words = label_wordings(context.get("request")).get(label.pk)
    return words.description if words else label.description


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

"""A rating label's name and description in the interface's language on the desk's pages:
`{% label_name label %}`, `{% label_description label as description %}`.

The wording comes from selectors.labels (the label's translation, else its own), read once per
request for the whole scale (two queries), so a page's queries do not grow with its rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from annotations.core.label_wording import LabelWording
from annotations.models import VerdictLabel
from annotations.selectors.articles import verdict_labels_translated
from annotations.selectors.labels import label_wording, reader_language

register = template.Library()

# Where a request keeps the scale's wording, by language.
_CACHE = "_label_wording_by_language"


@dataclass(frozen=True)
class _Scale:
    by_id: dict[int, LabelWording]
    by_slug: dict[str, LabelWording]


def _scale(request: Any) -> _Scale:
    """Every label's wording in the reader's language, by id and by slug (read once per
    request and language, cached on `request`)."""
    language = reader_language()
    cache: dict[str, _Scale] = getattr(request, _CACHE, None) or {}
    if language not in cache:
        labels = verdict_labels_translated()
        words = {label.pk: label_wording(label, language) for label in labels}
        cache[language] = _Scale(words, {label.slug: words[label.pk] for label in labels})
        if request is not None:
            setattr(request, _CACHE, cache)
    return cache[language]


@register.simple_tag(takes_context=True)
def label_name(context: template.Context, label: VerdictLabel | None) -> str:
    if label is None:
        return ""
    words = _scale(context.get("request")).by_id.get(label.pk)
    return words.name if words else label.name


@register.simple_tag(takes_context=True)
def label_description(context: template.Context, label: VerdictLabel | None) -> str:
    """The label's description in the reader's language ("" for none)."""
    if label is None:
        return ""
    words = _scale(context.get("request")).by_id.get(label.pk)
    return words.description if words else label.description


@register.simple_tag(takes_context=True)
def label_slug_name(context: template.Context, slug: str | None, fallback: str | None = "") -> str:
    """The name of the label `slug` in the reader's language, for rows that carry a label's
    slug rather than the label (search results); `fallback` (an external fact-check's rating
    as published) when no desk label has that slug."""
    words = _scale(context.get("request")).by_slug.get(slug or "")
    return words.name if words else fallback or ""

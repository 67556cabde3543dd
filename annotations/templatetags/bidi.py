"""User content in its own direction (issue 17): `{{ value|bdi }}` isolates a piece of text
(a title, a name, a quote) inside a sentence of the interface, so that English in an Arabic
page, or Arabic in an English one, keeps its own order and does not reorder the words,
digits and punctuation around it. For a whole element, templates write `dir="auto"`; this is
for values inside a translated sentence (`{% blocktranslate with title=x|bdi %}`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def bdi(value: Any) -> SafeString:
    """`value`, escaped, in a <bdi> element (its direction taken from its own first letter)."""
    return format_html("<bdi>{}</bdi>", value)

"""A list inside a sentence, in the reader's language: the separator is translated (Arabic
writes "، ")."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def text_list(items: Iterable[object]) -> str:
    """The items joined by the reader's list separator: "a, b, c" in English."""
    return pgettext("list separator", ", ").join(str(item) for item in items)

"""How the speaker tests read quotes_find: the speaker of the last quotation of a text."""

from __future__ import annotations

from annotations.core.suggestions.quotes import quotes_find


def last_speaker(text: str) -> str | None:
    found = quotes_find(text)
    assert found, text
    return found[-1].speaker

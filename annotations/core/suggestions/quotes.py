"""Quotations in a text, their exact spans (without the marks) and who said them.

SCAFFOLD: double quotes only, no speaker; the full detection and attribution replace it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Quote:
    """`text == source[start:end]`, the quoted words without their quote marks."""

    start: int
    end: int
    text: str
    confidence: float  # that this is a quotation, 0 to 1
    speaker: str | None  # None: unknown (never a guess)
    speaker_confidence: float  # 0 when the speaker is unknown


_DOUBLE = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")


def quotes_find(text: str, *, language: str = "en") -> list[Quote]:
    """Every quotation of the text, in order."""
    return [Quote(m.start(1), m.end(1), m.group(1), 0.5, None, 0.0) for m in _DOUBLE.finditer(text)]

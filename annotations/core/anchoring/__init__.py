"""Highlights' W3C selectors <-> offsets in article text: pure, no Django import.

``quotes``: anchoring a stored target in one text (``anchor``, ``find_quote``), building
selectors (``quote_around``) and converting browser UTF-16 offsets. ``revisions``:
carrying many targets from one revision of a text to the next (``reanchor``).
"""

from annotations.core.anchoring.quotes import (
    AMBIGUITY_FACTOR,
    CONTEXT_LENGTH,
    CONTEXT_WEIGHT,
    FUZZY_CEILING,
    POSITION_WEIGHT,
    WINDOW_PADDING,
    Anchor,
    TextQuote,
    anchor,
    code_point_to_utf16_offset,
    find_quote,
    quote_around,
    utf16_to_code_point_offset,
)
from annotations.core.anchoring.revisions import DIFF_TIMEOUT_SECONDS, StoredTarget, reanchor

__all__ = [
    "AMBIGUITY_FACTOR",
    "CONTEXT_LENGTH",
    "CONTEXT_WEIGHT",
    "DIFF_TIMEOUT_SECONDS",
    "FUZZY_CEILING",
    "POSITION_WEIGHT",
    "WINDOW_PADDING",
    "Anchor",
    "StoredTarget",
    "TextQuote",
    "anchor",
    "code_point_to_utf16_offset",
    "find_quote",
    "quote_around",
    "reanchor",
    "utf16_to_code_point_offset",
]

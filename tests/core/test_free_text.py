"""Free text people write (rationales, explanations, notes, comments) refuses the text-direction
controls that reorder it, and keeps what right-to-left writing types on purpose (walk 19,
finding 16)."""

from __future__ import annotations

import pytest

from annotations.core.text import free_text_forbidden_characters

RLO = "\u202e"


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        (f"The typed {RLO}RTL", [RLO]),
        ("a\u202ab\u202bc\u202cd\u202d", ["\u202a", "\u202b", "\u202c", "\u202d"]),
        (
            "isolated \u2066x\u2069, \u2067y\u2069 and \u2068z\u2069",
            ["\u2066", "\u2069", "\u2067", "\u2068"],
        ),
    ],
)
def test_embeddings_overrides_and_isolates_are_found_once_each_in_order(text, forbidden):
    assert free_text_forbidden_characters(text) == forbidden


@pytest.mark.parametrize(
    "text",
    [
        "الرقم 2,000\u200f ممرضة",  # a right-to-left mark placing the number
        "نسبة 12%\u061c فقط",  # the Arabic letter mark
        "می\u200cخواهم",  # a zero-width non-joiner inside a Persian word
        "Police\u00adfigures\nshow\ta 3% fall.",  # soft hyphen, line break, tab
        "\u200eLTR mark before a Latin word",
    ],
)
def test_marks_joiners_and_line_breaks_are_kept(text):
    assert free_text_forbidden_characters(text) == []

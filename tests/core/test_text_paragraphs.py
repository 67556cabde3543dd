"""Paragraphs of a pasted text: one per line when it has no blank line, its headline, and
whether it shows anything at all."""

from __future__ import annotations

from annotations.core.text import (
    first_paragraph_split,
    has_visible_character,
    looks_like_headline,
    paragraphs_guessed,
)


def test_lines_without_a_blank_line_are_paragraphs():
    assert paragraphs_guessed("One.\r\nTwo.\nThree.\n") == "One.\n\nTwo.\n\nThree."


def test_a_text_with_blank_lines_keeps_its_line_breaks_inside_paragraphs():
    assert paragraphs_guessed("A,\nB.\n\n\nC.") == "A,\nB.\n\nC."


def test_a_single_line_stays_as_it_is():
    assert paragraphs_guessed("  Only one.  ") == "Only one."


def test_the_first_paragraph_splits_from_the_rest():
    assert first_paragraph_split("Head\n\nBody.\n\nMore.") == ("Head", "Body.\n\nMore.")
    assert first_paragraph_split("Alone.") == ("", "Alone.")


def test_a_short_line_not_ending_as_a_sentence_looks_like_a_headline():
    assert looks_like_headline("Port strike ends after nine days\n\nDock workers returned.")
    assert looks_like_headline("“Nobody starves,” minister says\n\nBody.")
    assert not looks_like_headline("It rained.\n\nThen it stopped.")
    assert not looks_like_headline("Alone")
    assert not looks_like_headline("x" * 201 + "\n\nBody.")


def test_blanks_format_characters_and_invisible_letters_show_nothing():
    assert not has_visible_character(" \u200b\u200c\u200d\u200e\u2060\ufeff\u3164\u2800\n\t\u00a0")


def test_a_single_visible_character_among_invisible_ones_shows():
    assert has_visible_character("\u200b.\u200b")
    assert has_visible_character("\u0645\u200c")

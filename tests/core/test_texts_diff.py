"""The diff the revision pages show: word by word, and always faithful to both texts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotations.core.diff import texts_diff


def rebuilt(old: str, new: str) -> tuple[str, str]:
    pieces = texts_diff(old, new).pieces
    return (
        "".join(p.text for p in pieces if p.kind != "insert"),
        "".join(p.text for p in pieces if p.kind != "delete"),
    )


def test_a_corrected_figure_is_shown_as_a_whole_word():
    diff = texts_diff("Costs rose 12 percent.", "Costs rose 14 percent.")

    assert [(p.kind, p.text) for p in diff.pieces] == [
        ("equal", "Costs rose "),
        ("delete", "12"),
        ("insert", "14"),
        ("equal", " percent."),
    ]
    assert (diff.inserted, diff.deleted) == (2, 2)


def test_an_inserted_paragraph_is_one_insertion():
    diff = texts_diff("First.\n\nSecond.", "First.\n\nUpdate: new facts.\n\nSecond.")

    assert [p.text for p in diff.pieces if p.kind == "insert"] == ["Update: new facts.\n\n"]
    assert diff.deleted == 0


def test_identical_texts_have_no_changes():
    assert not texts_diff("Same text.", "Same text.").changed


@given(st.text(max_size=200), st.text(max_size=200))
def test_the_pieces_rebuild_both_texts_exactly(old, new):
    assert rebuilt(old, new) == (old, new)


@given(st.lists(st.sampled_from(["a", "b", "cat", " ", "\\n", ".", "🇺🇦", "é"]), max_size=60))
def test_many_distinct_words_and_astral_characters_round_trip(tokens):
    old = "".join(tokens)
    new = "".join(reversed(tokens))

    assert rebuilt(old, new) == (old, new)

"""The re-attach similarity: the cases static/annotations/reattach-mode.js must agree on."""

from __future__ import annotations

import pytest

from annotations.core.anchoring.similarity import REATTACH_CONFIRM_BELOW, passage_similarity

# (old passage, new passage, similarity): the browser test checks the page's figure too.
CASES = [
    ("In many ways Plan B is that people starve.", "the UN's response", 0.0),
    ("Crime fell by 30%.", "crime fell by 30 %", 1.0),
    ("“It’s over,” she said.", '"It\'s over," she said.', 1.0),
    (
        "Critics say unemployment has doubled since 2020.",
        "Unemployment doubled since 2020.",
        8 / 11,
    ),
    ("", "", 0.0),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_passage_similarity_is_the_dice_coefficient_of_their_words(old, new, expected):
    assert passage_similarity(old, new) == pytest.approx(expected)


def test_unrelated_text_is_below_the_threshold_and_a_rewording_above():
    assert passage_similarity(*CASES[0][:2]) < REATTACH_CONFIRM_BELOW
    assert passage_similarity(*CASES[3][:2]) >= REATTACH_CONFIRM_BELOW

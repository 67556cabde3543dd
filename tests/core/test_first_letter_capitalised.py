"""A claim as a public title shows it (core.text.first_letter_capitalised): its first letter a
capital, whatever opens it; left alone where a capital would be wrong."""

from __future__ import annotations

import pytest

from annotations.core.text import first_letter_capitalised


@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        ("crime fell by 30 percent last year", "Crime fell by 30 percent last year"),
        ("“we will cut taxes”", "“We will cut taxes”"),
        ("« le chômage a doublé »", "« Le chômage a doublé »"),
        ("¿qué dijo el alcalde?", "¿Qué dijo el alcalde?"),
        ("élections: la participation a baissé", "Élections: la participation a baissé"),
        ("Crime fell", "Crime fell"),
    ],
)
def test_the_first_letter_is_a_capital_after_any_opening_marks(claim, shown):
    assert first_letter_capitalised(claim) == shown


@pytest.mark.parametrize(
    "claim",
    [
        "iPhone sales doubled",  # a name written with a capital inside
        "eBay paid no tax",
        "3 million jobs were lost",  # a digit first
        "البطالة تضاعفت منذ 2020",  # no case
        "",
        "“…”",
    ],
)
def test_what_a_capital_would_spoil_is_left_as_it_is(claim):
    assert first_letter_capitalised(claim) == claim

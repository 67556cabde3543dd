"""Arabic script where it matters for matching (issue 17): Arabic-Indic digits, the tatweel,
vowel marks and the letters written either way fold away in claim matching and the facts, and
in re-anchoring as far as offsets allow; the stored text never changes. Texts written for these
tests."""

from __future__ import annotations

import pytest

from annotations.core.anchoring.quotes import FUZZY_CEILING, anchor, fold_typography, quote_around
from annotations.core.claims.normalise import normalise
from annotations.core.facts import facts_extract, plain

WESTERN = "ارتفعت الأسعار بنسبة 12.5% في عام 2024"
ARABIC_INDIC = "ارتفعت الأسعار بنسبة ١٢٫٥٪ في عام ٢٠٢٤"


@pytest.mark.parametrize(
    "variant",
    [
        ARABIC_INDIC,
        "ارتفعـــت الأسعار بنسبة 12.5% في عام 2024",  # tatweel
        "ارْتَفَعَتِ الأَسْعارُ بِنِسْبَةِ 12.5% في عامِ 2024",  # vowel marks
        "ارتفعت الاسعار بنسبه 12.5% في عام 2024",  # alef without hamza, ha for ta marbuta
        "ارتفعت الأسعار بنسبة ۱۲.۵% في عام ۲۰۲۴",  # Persian digits
    ],
)
def test_a_claim_written_another_way_normalises_alike(variant: str) -> None:
    assert normalise(variant) == normalise(WESTERN)


def test_a_different_letter_is_still_a_different_claim() -> None:
    assert normalise("ارتفعت الأسعار") != normalise("انخفضت الأسعار")


def test_arabic_indic_figures_are_the_same_facts() -> None:
    assert facts_extract(ARABIC_INDIC) == facts_extract(WESTERN)
    assert plain("١٬٢٠٠ شخص") == "1,200 شخص"


def test_a_changed_arabic_indic_figure_is_a_changed_fact() -> None:
    before = facts_extract(ARABIC_INDIC)
    after = facts_extract("ارتفعت الأسعار بنسبة ١٤٪ في عام ٢٠٢٤")

    assert [fact.value for fact in before.numbers] == ["12.5 percentage", "2024"]
    assert [fact.value for fact in after.numbers] == ["14 percentage", "2024"]


def test_folding_for_anchoring_keeps_every_offset() -> None:
    folded = fold_typography(ARABIC_INDIC + " — أإآٱ")

    assert len(folded) == len(ARABIC_INDIC + " — أإآٱ")
    assert folded == "ارتفعت الاسعار بنسبة 12٫5٪ في عام 2024 - اااا"


def test_a_highlight_re_anchors_across_digit_and_hamza_spellings() -> None:
    # Highlighted in a revision written with Arabic-Indic digits; the next one uses Western
    # digits and drops the hamza. The offsets found are the new text's own code points.
    old = "قال الوزير إن البطالة انخفضت إلى ٤٫٢٪ هذا العام. وأضاف أن الأجور ارتفعت."
    new = "قال الوزير ان البطالة انخفضت إلى 4٫2٪ هذا العام. واضاف ان الاجور ارتفعت."
    start, end = old.index("انخفضت"), old.index(" هذا")
    quote = quote_around(old, start, end)

    found = anchor(
        new, exact=quote.exact, prefix=quote.prefix, suffix=quote.suffix, start=start, end=end
    )

    assert found is not None
    assert new[found.start : found.end] == "انخفضت إلى 4٫2٪"
    # Not verbatim, so the fuzzy search found it; folded, the quote and its context are equal.
    assert (found.method, found.confidence) == ("fuzzy", FUZZY_CEILING)

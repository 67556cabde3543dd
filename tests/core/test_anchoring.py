"""Tests for annotations.core.anchoring: pure functions, no database."""

from __future__ import annotations

import random
import time
from dataclasses import asdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.core.anchoring import (
    AMBIGUITY_FACTOR,
    CONTEXT_LENGTH,
    FUZZY_CEILING,
    WINDOW_PADDING,
    Anchor,
    TextQuote,
    anchor,
    code_point_to_utf16_offset,
    quote_around,
    utf16_to_code_point_offset,
)

ARTICLE = (
    "The minister said on Tuesday that unemployment fell to 4.2 percent in March, "
    "the lowest level in a decade.\n\n"
    "Critics said the figure ignored part-time work. The opposition leader called the "
    "claim misleading and demanded an independent inquiry into the statistics office.\n\n"
    "Economists expect the rate to stay flat for the rest of the year."
)
QUOTE = "unemployment fell to 4.2 percent in March"
TWO_RATES = (
    "In 2019 the rate was 5 percent, officials said. In 2023 the rate was 5 percent, critics said."
)


def target(text: str, exact: str) -> dict:
    """The stored selectors for the first occurrence of ``exact`` in ``text``."""
    start = text.index(exact)
    end = start + len(exact)
    return {**asdict(quote_around(text, start, end)), "start": start, "end": end}


def covered(text: str, found: Anchor | None) -> str | None:
    return None if found is None else text[found.start : found.end]


# --- position ----------------------------------------------------------------------


def test_a_verified_position_is_returned_with_full_confidence():
    stored = target(ARTICLE, QUOTE)

    found = anchor(ARTICLE, **stored)

    assert found == Anchor(stored["start"], stored["end"], "position", 1.0)


def test_a_position_is_trusted_even_without_context():
    start = ARTICLE.index(QUOTE)

    found = anchor(ARTICLE, exact=QUOTE, start=start, end=start + len(QUOTE))

    assert found is not None and found.method == "position"


def test_a_position_beyond_a_shortened_text_falls_back_to_the_quote():
    stored = target(ARTICLE, "Economists expect")
    shortened = ARTICLE[ARTICLE.index("Economists") :]
    assert stored["end"] > len(shortened)

    found = anchor(shortened, **stored)

    # The stored prefix no longer precedes the quote (nothing does): half the context.
    assert found == Anchor(0, len("Economists expect"), "quote", 0.9)


# --- exact quote -------------------------------------------------------------------


def test_a_stale_position_falls_back_to_the_unique_exact_quote_with_full_confidence():
    stored = target(ARTICLE, QUOTE)
    edited = "UPDATE: corrected figures below.\n\n" + ARTICLE

    found = anchor(edited, **stored)

    assert found is not None
    assert (found.method, found.confidence) == ("quote", 1.0)
    assert covered(edited, found) == QUOTE
    assert found.start == stored["start"] + len("UPDATE: corrected figures below.\n\n")


def test_a_unique_quote_whose_context_was_rewritten_still_anchors_with_lower_confidence():
    stored = target(ARTICLE, QUOTE)
    edited = "Officials confirmed " + QUOTE + " after revisions were published."

    found = anchor(edited, **stored)

    assert found is not None and found.method == "quote"
    assert covered(edited, found) == QUOTE
    assert 0.75 <= found.confidence < 0.95


def test_min_confidence_orphans_a_quote_whose_context_no_longer_matches():
    stored = target(ARTICLE, QUOTE)
    edited = "Officials confirmed " + QUOTE + " after revisions were published."

    assert anchor(edited, **stored, min_confidence=0.95) is None


def test_prefix_and_suffix_pick_the_right_one_of_two_identical_quotes():
    text = TWO_RATES
    second = text.rindex("the rate was 5 percent")
    quote = quote_around(text, second, second + len("the rate was 5 percent"))

    found = anchor(text, **asdict(quote))

    assert found == Anchor(second, second + len(quote.exact), "quote", 1.0)


def test_context_outweighs_a_stored_start_pointing_at_the_other_copy():
    text = TWO_RATES
    first, second = text.index("the rate"), text.rindex("the rate")
    quote = quote_around(text, second, second + len("the rate was 5 percent"))

    found = anchor(text, **asdict(quote), start=first + 1, end=first + 1 + len(quote.exact))

    assert found is not None and found.start == second


@pytest.mark.parametrize("near", ["first", "second"])
def test_closeness_to_the_expected_start_picks_between_identical_quotes_without_context(near):
    text = "the rate was 5 percent. " + "Filler sentence here. " * 20 + "the rate was 5 percent."
    copies = {"first": text.index("the rate"), "second": text.rindex("the rate")}
    stale_start = copies[near] + 3  # offsets drifted a little, so the position check fails

    found = anchor(text, exact="the rate was 5 percent", start=stale_start)

    assert found is not None and found.method == "quote"
    assert found.start == copies[near]
    # Only the position told the copies apart, so the anchor is not fully certain.
    assert found.confidence == pytest.approx(AMBIGUITY_FACTOR)


def test_identical_quotes_with_no_context_and_no_position_resolve_to_the_first():
    text = "yes. no. yes. no."

    found = anchor(text, exact="no.")

    assert found == Anchor(5, 8, "quote", AMBIGUITY_FACTOR)


def test_overlapping_occurrences_are_all_candidates():
    text = "aaaa"

    found = anchor(text, exact="aa", prefix="aa")

    assert found is not None and found.start == 2


# --- fuzzy -------------------------------------------------------------------------


def test_a_fixed_typo_inside_the_quote_is_found_fuzzily():
    typo_article = ARTICLE.replace("unemployment", "unemplyoment")
    stored = target(typo_article, "unemplyoment fell to 4.2 percent in March")

    found = anchor(ARTICLE, **stored)

    assert found is not None and found.method == "fuzzy"
    assert covered(ARTICLE, found) == QUOTE
    assert 0.9 <= found.confidence <= FUZZY_CEILING


def test_a_changed_word_inside_the_quote_is_found_fuzzily():
    stored = target(ARTICLE, QUOTE)
    edited = ARTICLE.replace("fell to 4.2 percent", "dropped to 4.3 percent")

    found = anchor(edited, **stored)

    assert found is not None and found.method == "fuzzy"
    assert covered(edited, found) == "unemployment dropped to 4.3 percent in March"
    assert 0.8 <= found.confidence < 0.95


def test_context_picks_between_two_similar_passages_when_the_quote_changed():
    text = TWO_RATES
    second = text.rindex("the rate was 5 percent")
    stored = asdict(quote_around(text, second, second + len("the rate was 5 percent")))
    edited = text.replace("5 percent", "5.1 percent")

    found = anchor(edited, **stored)

    assert found is not None and found.method == "fuzzy"
    assert found.start == edited.rindex("the rate was 5.1 percent")
    assert covered(edited, found) == "the rate was 5.1 percent"


def test_min_confidence_orphans_a_fuzzy_match_below_it():
    stored = target(ARTICLE, QUOTE)
    edited = ARTICLE.replace("fell to 4.2 percent", "dropped to 4.3 percent")

    assert anchor(edited, **stored, min_confidence=0.95) is None


def test_a_fuzzy_quote_moved_beyond_the_search_window_is_found_in_the_whole_text():
    stored = target(ARTICLE, QUOTE)
    edited = "x" * (3 * WINDOW_PADDING) + ARTICLE.replace("4.2", "4.3")

    found = anchor(edited, **stored)

    assert found is not None and found.method == "fuzzy"
    assert covered(edited, found) == QUOTE.replace("4.2", "4.3")


def test_a_quote_rewritten_beyond_recognition_is_orphaned():
    stored = target(ARTICLE, QUOTE)
    edited = ARTICLE.replace(QUOTE, "joblessness rose sharply last spring")

    assert anchor(edited, **stored) is None


def test_a_deleted_quote_is_orphaned():
    stored = target(ARTICLE, "The opposition leader called the claim misleading")
    edited = ARTICLE.replace(
        "The opposition leader called the claim misleading and demanded an independent "
        "inquiry into the statistics office.",
        "",
    )

    assert anchor(edited, **stored) is None


def test_a_quote_longer_than_the_whole_text_is_orphaned():
    assert anchor("short", exact="a much longer quote than the text") is None


def test_straightened_curly_quotes_are_found_fuzzily_at_the_same_offsets():
    text = "The opposition said \u201cthe numbers don\u2019t add up\u201d and left."
    exact = "\u201cthe numbers don\u2019t add up\u201d"
    stored = target(text, exact)
    straightened = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")

    found = anchor(straightened, **stored)

    assert found is not None and found.method == "fuzzy"
    assert (found.start, found.end) == (stored["start"], stored["end"])
    assert found.confidence == FUZZY_CEILING


def test_non_breaking_spaces_replaced_by_spaces_are_found_fuzzily():
    text = "Prices rose by 12\u00a0% in 2023, up from 9\u00a0% the year before, said the office."
    stored = target(text, "12\u00a0% in 2023, up from 9\u00a0%")
    plain = text.replace("\u00a0", " ")

    found = anchor(plain, **stored)

    assert found is not None and found.method == "fuzzy"
    assert covered(plain, found) == "12 % in 2023, up from 9 %"


def test_a_short_quote_with_nothing_similar_left_is_orphaned():
    stored = target("We saw a cat.", "cat")

    assert anchor("We saw a dog.", **stored) is None


# --- code points vs UTF-16 ---------------------------------------------------------


EMOJI_TEXT = "Reactions \U0001f600\U0001f44d\U0001f3fd were mixed: the claim is false."


def test_offsets_after_astral_characters_are_code_points():
    start = EMOJI_TEXT.index("the claim")
    stored = target(EMOJI_TEXT, "the claim is false")

    # "Reactions " + three astral characters + " were mixed: " = 10 + 3 + 13 code points.
    assert stored["start"] == start == 26
    assert anchor(EMOJI_TEXT, **stored) == Anchor(26, 44, "position", 1.0)


def test_a_quote_is_found_after_an_emoji_is_inserted_before_it():
    stored = target(ARTICLE, QUOTE)
    edited = "\U0001f4e2 " + ARTICLE

    found = anchor(edited, **stored)

    assert found == Anchor(stored["start"] + 2, stored["end"] + 2, "quote", 1.0)


def test_utf16_offsets_count_two_units_per_astral_character():
    start = EMOJI_TEXT.index("the claim")

    assert code_point_to_utf16_offset(EMOJI_TEXT, start) == start + 3
    assert utf16_to_code_point_offset(EMOJI_TEXT, start + 3) == start


def test_utf16_offset_inside_a_surrogate_pair_raises():
    emoji_at = EMOJI_TEXT.index("\U0001f600")

    with pytest.raises(ValueError, match="surrogate pair"):
        utf16_to_code_point_offset(EMOJI_TEXT, emoji_at + 1)


@pytest.mark.parametrize("offset", [-1, len(EMOJI_TEXT) + 4])
def test_utf16_offset_outside_the_text_raises(offset):
    with pytest.raises(ValueError, match="outside"):
        utf16_to_code_point_offset(EMOJI_TEXT, offset)


@pytest.mark.parametrize("offset", [-1, len(EMOJI_TEXT) + 1])
def test_code_point_offset_outside_the_text_raises(offset):
    with pytest.raises(ValueError, match="outside"):
        code_point_to_utf16_offset(EMOJI_TEXT, offset)


@given(st.text(), st.data())
def test_utf16_and_code_point_offsets_round_trip(text, data):
    offset = data.draw(st.integers(0, len(text)))

    utf16 = code_point_to_utf16_offset(text, offset)

    assert utf16_to_code_point_offset(text, utf16) == offset
    assert utf16 == len(text[:offset].encode("utf-16-le")) // 2


# --- quote_around ------------------------------------------------------------------


def test_quote_around_at_the_start_of_the_text_has_an_empty_prefix():
    assert quote_around(ARTICLE, 0, 3) == TextQuote("The", "", ARTICLE[3 : 3 + CONTEXT_LENGTH])


def test_quote_around_at_the_end_of_the_text_has_an_empty_suffix():
    end = len(ARTICLE)

    quote = quote_around(ARTICLE, end - 5, end)

    assert quote == TextQuote("year.", ARTICLE[end - 5 - CONTEXT_LENGTH : end - 5], "")


def test_quote_around_takes_context_length_code_points_each_side():
    quote = quote_around("abcdefghij", 4, 6, context_length=3)

    assert quote == TextQuote("ef", "bcd", "ghi")


@pytest.mark.parametrize("span", [(3, 3), (5, 2), (-1, 2), (0, 10_000)])
def test_quote_around_rejects_an_empty_or_out_of_range_span(span):
    with pytest.raises(ValueError):
        quote_around(ARTICLE, *span)


def test_an_empty_exact_is_orphaned_rather_than_raising():
    assert anchor(ARTICLE, exact="", start=0, end=0) is None


# --- properties --------------------------------------------------------------------

# A tiny alphabet makes repeated quotes (the hard case) common; the full one finds
# Unicode edge cases.
texts = st.one_of(st.text(alphabet="ab \n\u00e9\U0001f600", min_size=1), st.text(min_size=1))


@st.composite
def texts_with_spans(draw):
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(texts_with_spans())
def test_any_stored_target_anchors_to_its_own_span_by_position(case):
    text, start, end = case

    found = anchor(text, **asdict(quote_around(text, start, end)), start=start, end=end)

    assert found == Anchor(start, end, "position", 1.0)


@given(texts_with_spans())
def test_any_quote_without_positions_anchors_to_an_exact_copy(case):
    text, start, end = case
    quote = quote_around(text, start, end)

    found = anchor(text, **asdict(quote))

    assert found is not None and found.method == "quote"
    assert text[found.start : found.end] == quote.exact
    assert found.confidence >= AMBIGUITY_FACTOR


# --- speed -------------------------------------------------------------------------


def test_reanchoring_500_highlights_on_a_20000_character_article_takes_well_under_a_second():
    # A loose guard against accidental O(len(text) * len(quote)) Python loops; measured
    # runs take ~0.05 s, so the bound leaves room for a loaded CI machine.
    rng = random.Random(2024)
    words = [f"{rng.choice('bcdfgklmnprstvz')}{rng.choice('aeiou')}{n}" for n in range(300)]
    text = " ".join(rng.choice(words) for _ in range(5000))[:20_000]
    spans = [(s, s + rng.randint(20, 200)) for s in rng.sample(range(len(text) - 200), 500)]
    stored = [{**asdict(quote_around(text, s, e)), "start": s, "end": e} for s, e in spans]
    insertion = "A new first paragraph.\n\n"
    edited = insertion + text
    # 400 stale positions (exact quote path) and 100 quotes whose first character changed.
    targets = stored[100:] + [{**t, "exact": "#" + t["exact"][1:]} for t in stored[:100]]

    # CPU time: a bound on the work done, whatever else the machine runs.
    started = time.process_time()
    found = [anchor(edited, **t) for t in targets]
    elapsed = time.process_time() - started

    assert [f and f.start for f in found] == [t["start"] + len(insertion) for t in targets]
    assert elapsed < 1.0

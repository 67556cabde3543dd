"""Tests for annotations.core.anchoring.reanchor: highlights carried across article revisions.

Pure functions and a benchmark command that needs no database.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import asdict

from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from annotations.core.anchoring import (
    FUZZY_CEILING,
    Anchor,
    StoredTarget,
    quote_around,
    reanchor,
)
from annotations.core.anchoring.quotes import fold_typography

PARAGRAPHS = [
    "The national statistics office said on Tuesday that consumer prices rose 4% in March "
    "from a year earlier, the slowest pace since the autumn of 2021.",
    "Food and energy costs eased for a third month, while rents kept climbing in the "
    "capital and in most regional cities, the office said in its monthly bulletin.",
    'The finance minister welcomed the figures. "Inflation is coming down faster than '
    'anyone expected," she told reporters outside parliament.',
    "Opposition leaders said the government was taking credit for falling fuel prices "
    "and called for an independent review of how the index is weighted.",
    "Economists expect the central bank to hold interest rates at its meeting next month "
    "before cutting them in the summer.",
]
ARTICLE = "\n\n".join(PARAGRAPHS)
PRICES = "consumer prices rose 4% in March from a year earlier"
RENTS = "rents kept climbing in the capital"
REVIEW = "called for an independent review of how the index is weighted"


def stored(text: str, exact: str, occurrence: int = 0) -> StoredTarget:
    """The stored target of the ``occurrence``-th copy of ``exact`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(exact, start + 1)
    end = start + len(exact)
    return StoredTarget(**asdict(quote_around(text, start, end)), start=start, end=end)


def covered(text: str, found: Anchor | None) -> str | None:
    return None if found is None else text[found.start : found.end]


def revise(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


# --- carried through the diff ------------------------------------------------------


def test_a_paragraph_inserted_before_the_quote_carries_it_to_its_new_offsets():
    lead = "Updated at 14:00 with the minister's comments and the opposition's reaction."
    revised = revise(lead, *PARAGRAPHS)

    [found] = reanchor(ARTICLE, revised, [stored(ARTICLE, RENTS)])

    shift = len(lead) + 2
    assert found == Anchor(
        ARTICLE.index(RENTS) + shift, ARTICLE.index(RENTS) + shift + len(RENTS), "carried", 1.0
    )
    assert covered(revised, found) == RENTS


def test_text_inserted_right_after_the_quote_stays_outside_it():
    revised = ARTICLE.replace(RENTS, RENTS + " and its suburbs")

    [found] = reanchor(ARTICLE, revised, [stored(ARTICLE, RENTS)])

    assert found == Anchor(ARTICLE.index(RENTS), ARTICLE.index(RENTS) + len(RENTS), "carried", 1.0)


def test_an_insertion_starting_like_the_quote_is_not_taken_into_it():
    # The diff is as short with the insertion after "consumer " as before it.
    insertion = "consumer confidence fell and "
    revised = ARTICLE.replace(PRICES, insertion + PRICES)

    [found] = reanchor(ARTICLE, revised, [stored(ARTICLE, PRICES)])

    start = ARTICLE.index(PRICES) + len(insertion)
    assert found == Anchor(start, start + len(PRICES), "carried", 1.0)


def test_text_inserted_right_before_the_quote_stays_outside_it():
    revised = ARTICLE.replace(RENTS, "average " + RENTS)

    [found] = reanchor(ARTICLE, revised, [stored(ARTICLE, RENTS)])

    assert found is not None and found.method == "carried"
    assert covered(revised, found) == RENTS


def test_an_emoji_and_an_astral_letter_before_the_quote_shift_it_by_one_code_point_each():
    revised = ARTICLE.replace("The national", "🇺🇦 𝔘pdate: The national")

    [found] = reanchor(ARTICLE, revised, [stored(ARTICLE, RENTS)])

    # The flag is two code points (regional indicators) and 𝔘 one, each two UTF-16 units.
    shift = len("🇺🇦 𝔘pdate: ")
    assert shift == 11
    assert found == Anchor(
        ARTICLE.index(RENTS) + shift, ARTICLE.index(RENTS) + shift + len(RENTS), "carried", 1.0
    )
    assert covered(revised, found) == RENTS


def test_a_quote_containing_astral_characters_is_carried_past_an_inserted_emoji():
    article = "Protesters carried 🇺🇦 flags and signs reading 𝔉𝔯𝔢𝔢𝔡𝔬𝔪 through the old town."
    quote = "🇺🇦 flags and signs reading 𝔉𝔯𝔢𝔢𝔡𝔬𝔪"
    revised = "📷 " + article

    [found] = reanchor(article, revised, [stored(article, quote)])

    assert found == Anchor(
        article.index(quote) + 2, article.index(quote) + 2 + len(quote), "carried", 1.0
    )


def test_identical_texts_anchor_every_target_by_its_position():
    targets = [stored(ARTICLE, quote) for quote in (PRICES, RENTS, REVIEW)]

    found = reanchor(ARTICLE, ARTICLE, targets)

    assert found == [Anchor(t.start, t.end, "position", 1.0) for t in targets]


# --- edited, moved, deleted ----------------------------------------------------------


def test_a_corrected_figure_inside_the_quote_is_found_fuzzily_at_the_same_place():
    revised = ARTICLE.replace("rose 4% in March", "rose 5% in March")

    [found] = reanchor(ARTICLE, revised, [stored(ARTICLE, PRICES)])

    assert found is not None and found.method == "fuzzy"
    assert covered(revised, found) == "consumer prices rose 5% in March from a year earlier"
    assert 0.9 < found.confidence <= FUZZY_CEILING


def test_a_changed_word_inside_the_quote_is_found_fuzzily_at_the_same_place():
    revised = ARTICLE.replace("kept climbing", "kept rising")

    [found] = reanchor(ARTICLE, revised, [stored(ARTICLE, RENTS)])

    assert found is not None and found.method == "fuzzy"
    assert covered(revised, found) == "rents kept rising in the capital"
    assert found.confidence >= 0.75


def test_a_paragraph_moved_below_another_is_found_at_its_new_place():
    moved = revise(PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[1], PARAGRAPHS[4])

    [found] = reanchor(ARTICLE, moved, [stored(ARTICLE, RENTS)])

    assert found is not None and found.confidence >= 0.9
    assert found.start == moved.index(RENTS)
    assert covered(moved, found) == RENTS


def test_a_deleted_quote_is_orphaned():
    revised = revise(PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[4])

    assert reanchor(ARTICLE, revised, [stored(ARTICLE, RENTS)]) == [None]


def test_a_wholly_rewritten_article_orphans_every_target():
    rewritten = (
        "Heavy rain flooded the river valley overnight, and the regional council closed "
        "three bridges while engineers inspected them.\n\n"
        "Residents of the lower town were moved to a school gymnasium; no injuries were "
        "reported, a council spokesman said on Wednesday morning."
    )
    targets = [stored(ARTICLE, quote) for quote in (PRICES, RENTS, REVIEW)]

    assert reanchor(ARTICLE, rewritten, targets) == [None, None, None]


def test_min_confidence_orphans_a_fuzzy_match_below_it():
    revised = ARTICLE.replace("kept climbing", "kept rising")

    [found] = reanchor(ARTICLE, revised, [stored(ARTICLE, RENTS)], min_confidence=0.95)

    assert found is None


def test_an_empty_quote_is_orphaned_rather_than_failing_the_batch():
    targets = [StoredTarget("", "", "", 0, 0), stored(ARTICLE, RENTS)]

    found = reanchor(ARTICLE, "Breaking: " + ARTICLE, targets)

    assert found[0] is None and found[1] is not None and found[1].method == "carried"


# --- typography and whitespace ------------------------------------------------------


def test_straight_quotes_turned_curly_around_the_quote_still_carry_it():
    quote = "Inflation is coming down faster than anyone expected"
    curly = ARTICLE.replace('"Inflation', "\u201cInflation").replace(
        'expected,"', "expected,\u201d"
    )

    [found] = reanchor(ARTICLE, curly, [stored(ARTICLE, quote)])

    assert found == Anchor(ARTICLE.index(quote), ARTICLE.index(quote) + len(quote), "carried", 1.0)


def test_curly_quotes_inside_the_quote_are_found_fuzzily_at_the_same_offsets():
    quote = '"Inflation is coming down faster than anyone expected,"'
    curly = ARTICLE.replace(quote, "\u201c" + quote[1:-1] + "\u201d")

    [found] = reanchor(ARTICLE, curly, [stored(ARTICLE, quote)])

    start = ARTICLE.index(quote)
    assert found == Anchor(start, start + len(quote), "fuzzy", FUZZY_CEILING)


def test_spaces_turned_non_breaking_throughout_keep_every_offset():
    non_breaking = ARTICLE.replace(" ", "\u00a0")
    targets = [stored(ARTICLE, quote) for quote in (PRICES, RENTS, REVIEW)]

    found = reanchor(ARTICLE, non_breaking, targets)

    assert [(f.start, f.end, f.method) for f in found] == [
        (t.start, t.end, "fuzzy") for t in targets
    ]
    assert all(f.confidence == FUZZY_CEILING for f in found)


def test_double_spaces_collapsed_before_the_quote_shift_it_and_keep_it_carried():
    spaced = ARTICLE.replace(". ", ".  ")
    collapsed = ARTICLE

    [found] = reanchor(spaced, collapsed, [stored(spaced, REVIEW)])

    assert found is not None and found.method == "carried"
    assert covered(collapsed, found) == REVIEW


def test_a_double_hyphen_turned_em_dash_inside_the_quote_is_found_fuzzily():
    article = ARTICLE.replace("the office said", "the office said -- citing its own survey --")
    quote = (
        "rents kept climbing in the capital and in most regional cities, the office said -- citing"
    )
    revised = article.replace(" -- ", "\u2009\u2014\u2009")

    [found] = reanchor(article, revised, [stored(article, quote)])

    assert found is not None and found.method == "fuzzy"
    assert found.start == revised.index("rents kept climbing")
    assert covered(revised, found).endswith("said\u2009\u2014\u2009citing")
    assert found.confidence > 0.9


# --- repeated quotes ----------------------------------------------------------------


TWO_YEARS = (
    "The agency's 2019 survey, published before the pandemic, found that the jobless rate "
    "was 5 percent among young people in the northern regions.\n\n"
    "Its 2023 survey, published last week after a long delay, found that the jobless rate "
    "was 5 percent among young people in the southern regions."
)
JOBLESS = "the jobless rate was 5 percent"


def test_a_repeated_quote_is_carried_to_its_own_copy_when_text_is_inserted_between():
    revised = TWO_YEARS.replace("last week", "last week by the labour ministry")

    [found] = reanchor(TWO_YEARS, revised, [stored(TWO_YEARS, JOBLESS, occurrence=1)])

    second = revised.index(JOBLESS, revised.index(JOBLESS) + 1)
    assert found == Anchor(second, second + len(JOBLESS), "carried", 1.0)


def test_context_decides_between_two_copies_when_their_paragraphs_swap_places():
    first, second = TWO_YEARS.split("\n\n")
    swapped = second + "\n\n" + first

    [found] = reanchor(TWO_YEARS, swapped, [stored(TWO_YEARS, JOBLESS, occurrence=1)])

    # The 2023 survey's copy, now the first one; the other copy sits where this one was.
    assert found is not None and found.start == swapped.index(JOBLESS)
    assert found.confidence >= 0.9


def test_context_decides_when_a_character_diff_aligns_two_swapped_sentences():
    # Sentences this alike diff as a few changed words in place, which carries the
    # highlight onto the other sentence's copy; the context check moves it back.
    article = (
        "The agency said that in the northern regions the jobless rate was 5 percent in 2019. "
        "The agency said that in the southern regions the jobless rate was 5 percent in 2023."
    )
    swapped = (
        "The agency said that in the southern regions the jobless rate was 5 percent in 2023. "
        "The agency said that in the northern regions the jobless rate was 5 percent in 2019."
    )

    [found] = reanchor(article, swapped, [stored(article, JOBLESS, occurrence=1)])

    assert found is not None and found.start == swapped.index(JOBLESS)
    assert found.method == "quote"


# --- many targets ---------------------------------------------------------------------


def test_two_hundred_targets_keep_their_order_and_each_maps_to_its_own_span():
    rng = random.Random(6)
    article = "\n\n".join(f"Paragraph {n}: " + PARAGRAPHS[n % len(PARAGRAPHS)] for n in range(40))
    spans = sorted((s, s + rng.randint(10, 80)) for s in rng.sample(range(len(article) - 80), 200))
    targets = [
        StoredTarget(**asdict(quote_around(article, s, e)), start=s, end=e) for s, e in spans
    ]
    rng.shuffle(targets)
    lead = "Correction appended: an earlier version misstated the month.\n\n"
    revised = lead + article

    found = reanchor(article, revised, targets)

    assert [(f.start, f.end) for f in found] == [
        (t.start + len(lead), t.end + len(lead)) for t in targets
    ]
    assert {f.method for f in found} == {"carried"}


# Characters the article does not contain, even with typography folded (the diff compares
# folded text): the diff of an insertion made of them is unambiguous.
FOREIGN = st.characters(exclude_categories=["Cs"]).filter(
    lambda c: fold_typography(c) not in ARTICLE
)


@st.composite
def spans_and_insertions(draw: st.DrawFn, alphabet: st.SearchStrategy[str]) -> tuple:
    """A span of ARTICLE, a point outside it and the text inserted there."""
    start = draw(st.integers(0, len(ARTICLE) - 1), label="start")
    end = draw(st.integers(start + 1, min(len(ARTICLE), start + 120)), label="end")
    at = draw(st.one_of(st.integers(0, start), st.integers(end, len(ARTICLE))), label="at")
    return start, end, at, draw(st.text(alphabet=alphabet, min_size=1), label="inserted")


@given(spans_and_insertions(FOREIGN))
def test_any_insertion_outside_the_quote_carries_it_exactly_by_the_inserted_length(case):
    start, end, at, inserted = case
    target = StoredTarget(**asdict(quote_around(ARTICLE, start, end)), start=start, end=end)
    revised = ARTICLE[:at] + inserted + ARTICLE[at:]

    [found] = reanchor(ARTICLE, revised, [target])

    shift = len(inserted) if at <= start else 0
    assert found == Anchor(start + shift, end + shift, "carried", 1.0)


@given(spans_and_insertions(st.characters(exclude_categories=["Cs"])))
def test_any_insertion_outside_the_quote_leaves_it_anchored_on_an_exact_copy(case):
    # Text that repeats the quote's edges can make the right copy ambiguous, so this
    # checks only that some copy of the quote is found, never an orphan or a fuzzy match.
    start, end, at, inserted = case
    target = StoredTarget(**asdict(quote_around(ARTICLE, start, end)), start=start, end=end)
    revised = ARTICLE[:at] + inserted + ARTICLE[at:]

    [found] = reanchor(ARTICLE, revised, [target])

    assert covered(revised, found) == ARTICLE[start:end]
    assert found.method in ("carried", "quote")


# --- the benchmark command ----------------------------------------------------------


def test_the_benchmark_command_reports_its_timings_and_every_highlight_s_method():
    # No django_db mark: the command would fail here if it touched the database.
    output = io.StringIO()

    call_command(
        "bench_reanchor", "--chars", "3000", "--highlights", "50", "--runs", "1", stdout=output
    )

    report = output.getvalue()
    assert re.search(r"reanchor, 50 highlights +best +[\d.]+ ms +median +[\d.]+ ms", report)
    assert re.search(r"diff_main alone .* best +[\d.]+ ms", report)
    assert re.search(r"reanchor / diff_main \(medians\): [\d.]+x", report)
    counts = re.search(
        r"Highlights: (\d+) carried, (\d+) quote, (\d+) fuzzy, (\d+) orphaned", report
    )
    assert counts is not None and sum(map(int, counts.groups())) == 50

"""Span F1 between reviewers' highlights, and Krippendorff's unitizing alpha."""

from __future__ import annotations

import json
from itertools import permutations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.core.agreement import mean_pairwise_span_f1, span_f1, unitizing_alpha
from annotations.core.agreement.reliability import ONE_REVIEWER
from annotations.core.agreement.unitizing import LABEL_UNUSED, NOTHING_HIGHLIGHTED

FIGURE_2 = json.loads(
    (
        Path(__file__).resolve().parents[1]
        / "data"
        / "agreement-cases"
        / "krippendorff2004_unitizing_alpha_qq_figure2.json"
    ).read_text(encoding="utf-8")
)

Labelled = list[tuple[int, int, str]]


def figure_2_spans() -> list[Labelled]:
    spans: list[Labelled] = [[], []]
    for coder, label, start, length in FIGURE_2["data"]["units"]:
        spans[coder].append((start, start + length, label))
    return spans


BASELINES = FIGURE_2["computed"][
    "baselines (this report, sklearn/krippendorff on digitized characters)"
]


@pytest.mark.parametrize("match", ["exact", "overlap"])
def test_span_f1_reproduces_the_figure_2_baseline(match: str) -> None:
    first, second = figure_2_spans()
    expected = BASELINES[f"span_f1|{match}"]
    result = span_f1(first, second, match)  # type: ignore[arg-type]
    assert result.matched == expected["tp"]
    assert result.precision == pytest.approx(expected["precision"])
    assert result.recall == pytest.approx(expected["recall"])
    assert result.value == pytest.approx(expected["f1"])


def test_one_long_span_matches_only_one_of_the_short_spans_it_covers() -> None:
    result = span_f1([(0, 100)], [(0, 10), (50, 60)], "overlap")
    assert result.matched == 1
    assert result.value == pytest.approx(2 * 1 / 3)


def test_overlap_matching_finds_the_largest_one_to_one_matching() -> None:
    # Greedy left-to-right would pair (0, 10) with (5, 15) and leave (12, 20) unmatched.
    a = [(0, 10), (12, 20)]
    b = [(5, 15), (0, 3)]
    assert span_f1(a, b, "overlap").matched == 2


def brute_force_matching(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Largest one-to-one matching by trying every assignment of a's spans to b's."""
    overlapping = [[max(s, t) < min(e, f) for t, f in b] for s, e in a]
    slots = list(range(len(b))) + [None] * len(a)
    best = 0
    for assignment in permutations(slots, len(a)):
        best = max(best, sum(j is not None and overlapping[i][j] for i, j in enumerate(assignment)))
    return best


@settings(max_examples=60, deadline=None)
@given(
    a=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12)), max_size=4),
    b=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12)), max_size=4),
)
def test_overlap_matching_is_as_large_as_exhaustive_search(
    a: list[tuple[int, int]], b: list[tuple[int, int]]
) -> None:
    spans_a = [(start, start + length) for start, length in a]
    spans_b = [(start, start + length) for start, length in b]
    expected = brute_force_matching(spans_a, spans_b)
    assert span_f1(spans_a, spans_b, "overlap").matched == expected


def test_spans_that_only_touch_do_not_overlap() -> None:
    assert span_f1([(0, 10)], [(10, 20)], "overlap").matched == 0


def test_labels_must_agree_for_a_match() -> None:
    assert span_f1([(0, 10, "false")], [(0, 10, "true")], "exact").matched == 0
    assert span_f1([(0, 10, "false")], [(2, 8, "true")], "overlap").matched == 0


def test_duplicate_spans_are_matched_at_most_once_each() -> None:
    assert span_f1([(0, 5), (0, 5)], [(0, 5)], "exact").matched == 1


def test_f1_does_not_depend_on_which_reviewer_comes_first() -> None:
    first, second = figure_2_spans()
    assert span_f1(first, second, "overlap").value == span_f1(second, first, "overlap").value


def test_f1_is_undefined_when_neither_reviewer_highlighted_anything() -> None:
    result = span_f1([], [])
    assert result.value is None and result.reason is not None


def test_f1_is_zero_when_only_one_reviewer_highlighted() -> None:
    result = span_f1([(0, 4)], [])
    assert result.value == 0.0
    assert result.recall == 0.0 and result.precision is None


@pytest.mark.parametrize(
    "bad", [[(5, 5)], [(6, 5)], [(0.5, 4)], [(0,)], ["ab"], [(0, 4, "x", "y")]]
)
def test_malformed_spans_are_rejected(bad: list[object]) -> None:
    with pytest.raises(ValueError):
        span_f1(bad, [])  # type: ignore[arg-type]


def test_mixing_labelled_and_unlabelled_spans_is_rejected() -> None:
    with pytest.raises(ValueError, match="labelled and unlabelled"):
        span_f1([(0, 4, "x")], [(0, 4)])


def test_an_unknown_match_mode_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown match"):
        span_f1([(0, 4)], [(0, 4)], "fuzzy")  # type: ignore[arg-type]


def test_mean_pairwise_f1_averages_pairs_named_by_reviewer() -> None:
    result = mean_pairwise_span_f1({"ann": [(0, 4)], "bob": [(0, 4)], "cy": []})
    assert set(result.pairs) == {("ann", "bob"), ("ann", "cy"), ("bob", "cy")}
    assert result.value == pytest.approx((1.0 + 0.0 + 0.0) / 3)
    assert result.reviewers == 3


def test_mean_pairwise_f1_skips_pairs_where_nobody_highlighted() -> None:
    result = mean_pairwise_span_f1([[(0, 4)], [(0, 4)], [], []])
    assert result.value == pytest.approx((1 + 0 + 0 + 0 + 0) / 5)


def test_mean_pairwise_f1_needs_two_reviewers() -> None:
    assert mean_pairwise_span_f1([[(0, 4)]]).value is None
    assert mean_pairwise_span_f1([[], []]).value is None


# -- unitizing alpha -----------------------------------------------------------------------

SPANS = st.lists(
    st.tuples(st.integers(0, 90), st.integers(1, 10)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=5,
)


def test_unitizing_alpha_of_identical_highlights_is_one() -> None:
    spans = [(10, 20), (40, 45)]
    assert unitizing_alpha([spans, spans, spans], length=100).value == 1.0


def test_length_is_shorthand_for_a_continuum_starting_at_zero() -> None:
    spans = [[(10, 20)], [(12, 25)]]
    assert unitizing_alpha(spans, length=100) == unitizing_alpha(spans, (0, 100))


def test_unitizing_alpha_exposes_the_overall_statistic_fields() -> None:
    result = unitizing_alpha(figure_2_spans(), (150, 450))
    assert (result.value, result.reason, result.units, result.reviewers, result.pairable) == (
        result.overall.value,
        None,
        9,
        2,
        9,
    )


def test_overlapping_spans_of_one_reviewer_are_merged_into_their_union() -> None:
    merged = unitizing_alpha([[(10, 30), (20, 40)], [(10, 40)]], length=100)
    assert merged.value == 1.0


def test_overlapping_spans_can_be_rejected_instead() -> None:
    with pytest.raises(ValueError, match="overlap"):
        unitizing_alpha([[(10, 30), (20, 40)], [(10, 40)]], length=100, overlaps="error")


def test_touching_spans_stay_two_units() -> None:
    touching = unitizing_alpha([[(10, 20), (20, 30)], [(10, 30)]], length=100)
    assert touching.value is not None and touching.value < 1.0


def test_spans_outside_the_continuum_are_rejected() -> None:
    with pytest.raises(ValueError, match="outside the continuum"):
        unitizing_alpha([[(90, 110)], []], length=100)


def test_the_continuum_must_be_given_once_and_be_non_empty() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        unitizing_alpha([[], []])
    with pytest.raises(ValueError, match="begin < end"):
        unitizing_alpha([[], []], (10, 10))


def test_unitizing_alpha_needs_two_reviewers() -> None:
    assert unitizing_alpha([[(0, 5)]], length=10).reason == ONE_REVIEWER


def test_unitizing_alpha_is_undefined_when_nobody_highlighted_anything() -> None:
    assert unitizing_alpha([[], []], length=10).reason == NOTHING_HIGHLIGHTED


def test_a_declared_but_unused_label_is_reported_undefined_and_changes_nothing() -> None:
    spans = figure_2_spans()
    plain = unitizing_alpha(spans, (150, 450))
    declared = unitizing_alpha(spans, (150, 450), labels=["c", "k", "x"])
    assert declared.by_label["x"].reason == LABEL_UNUSED
    assert declared.overall == plain.overall


def test_a_reviewer_who_highlighted_nothing_lowers_unitizing_alpha() -> None:
    spans = [[(10, 20)], [(10, 20)]]
    with_silent = unitizing_alpha([*spans, []], length=100)
    assert with_silent.reviewers == 3
    assert with_silent.value is not None and with_silent.value < 1.0


@settings(max_examples=60, deadline=None)
@given(first=SPANS, second=SPANS, third=SPANS)
def test_unitizing_alpha_does_not_depend_on_reviewer_order(
    first: list[tuple[int, int]], second: list[tuple[int, int]], third: list[tuple[int, int]]
) -> None:
    forward = unitizing_alpha([first, second, third], length=100)
    backward = unitizing_alpha([third, first, second], length=100)
    assert (forward.value is None) == (backward.value is None)
    if forward.value is not None:
        assert forward.value == pytest.approx(backward.value, abs=1e-12)
        assert forward.value <= 1.0 + 1e-12

"""The claim-unit grouping rule (pure)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.core.units import Span, overlap_ratio, spans_group


def span(key, reviewer, start, end, kind="claim"):
    return Span(key=key, reviewer=reviewer, kind=kind, start=start, end=end)


def test_overlap_ratio_is_measured_against_the_shorter_span():
    assert overlap_ratio(0, 10, 5, 100) == 0.5
    assert overlap_ratio(0, 10, 10, 20) == 0.0
    assert overlap_ratio(0, 10, 2, 4) == 1.0


def test_identical_highlights_by_different_reviewers_form_one_unit():
    groups = spans_group([span(1, "a", 0, 10), span(2, "b", 0, 10), span(3, "c", 0, 10)])

    assert [[m.key for m in g.members] for g in groups] == [[1, 2, 3]]


def test_less_than_half_overlap_starts_a_new_unit():
    groups = spans_group([span(1, "a", 0, 10), span(2, "b", 6, 16)])

    assert len(groups) == 2


def test_a_reviewer_never_votes_twice_in_one_unit():
    groups = spans_group([span(1, "a", 0, 10), span(2, "a", 0, 10), span(3, "b", 0, 10)])

    assert sorted(len(g.members) for g in groups) == [1, 2]


def test_claims_and_quotes_never_share_a_unit():
    groups = spans_group([span(1, "a", 0, 10), span(2, "b", 0, 10, kind="quote")])

    assert len(groups) == 2


def test_fixed_units_keep_their_members_and_attract_new_ones():
    fixed = [(7, [span(1, "a", 0, 10), span(2, "b", 50, 60)])]

    groups = spans_group([span(3, "c", 0, 10)], fixed=fixed)

    assert len(groups) == 1
    assert groups[0].fixed == 7
    assert [m.key for m in groups[0].members] == [1, 2, 3]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 200), st.integers(1, 40)),
        max_size=40,
    ),
    st.randoms(),
)
def test_grouping_does_not_depend_on_the_order_highlights_arrive_in(rows, rnd):
    spans = [span(i, r, s, s + length) for i, (r, s, length) in enumerate(rows)]
    shuffled = list(spans)
    rnd.shuffle(shuffled)

    def shape(groups):
        return sorted(sorted(m.key for m in g.members) for g in groups)

    assert shape(spans_group(spans)) == shape(spans_group(shuffled))


def test_a_large_article_groups_into_one_unit_per_claim():
    rng = random.Random(1)
    spans = [
        span(n * 5 + r, r, n * 60 + rng.randint(0, 3), n * 60 + 40)
        for n in range(3000)
        for r in range(5)
    ]

    groups = spans_group(spans)

    assert len(groups) == 3000

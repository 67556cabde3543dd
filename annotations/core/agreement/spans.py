"""Span agreement between reviewers' highlights on one article: pairwise F1.

A span is a half-open character range ``(start, end)`` or a labelled one
``(start, end, label)``. F1 treats highlighting as detection: no chance correction, no credit
for agreeing on what is *not* highlighted. :func:`unitizing_alpha` is the chance-corrected
counterpart.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal, TypeAlias

from annotations.core.charts import gettext_noop

Span: TypeAlias = tuple[int, int] | tuple[int, int, Hashable]
Match = Literal["exact", "overlap"]

NOTHING_HIGHLIGHTED = gettext_noop(
    "neither reviewer highlighted anything, so there is nothing to match"
)
NO_PAIR_HIGHLIGHTED = gettext_noop("no reviewer highlighted anything, so there is nothing to match")
FEWER_THAN_TWO = gettext_noop("span agreement needs at least two reviewers")


@dataclass(frozen=True, slots=True)
class SpanF1:
    """F1 between two reviewers' spans, with its parts.

    ``value`` (the F1) is ``None`` exactly when undefined, and ``reason`` then says why.
    Reviewer ``a`` plays the reference: ``precision = matched / spans_b`` and
    ``recall = matched / spans_a`` (each ``None`` when its denominator is 0). F1 itself is
    symmetric in a and b.
    """

    value: float | None
    reason: str | None
    precision: float | None
    recall: float | None
    matched: int
    spans_a: int
    spans_b: int


@dataclass(frozen=True, slots=True)
class PairwiseSpanF1:
    """Mean F1 over all reviewer pairs with a defined F1, and each pair's result."""

    value: float | None
    reason: str | None
    reviewers: int
    pairs: dict[tuple[Hashable, Hashable], SpanF1]


def span_f1(spans_a: Sequence[Span], spans_b: Sequence[Span], match: Match = "exact") -> SpanF1:
    """Pairwise span F1 between two reviewers (one-to-one matching).

    ``F1 = 2 * matched / (|a| + |b|)``, the harmonic mean of precision and recall
    (van Rijsbergen 1979, Information Retrieval, ch. 7; as used for span agreement by
    Hripcsak & Rothschild 2005, JAMIA 12:296-298, who show it approaches kappa when
    negatives are numerous).

    ``match="exact"``: a pair matches when start, end and label are all equal.
    ``match="overlap"``: a pair matches when the labels are equal and the ranges share at
    least one character (``max(starts) < min(ends)``). Each span is matched at most once;
    ``matched`` is the size of a maximum one-to-one matching, so one long span cannot absorb
    several short ones.

    Labels must be used consistently: either every span of the call has a label or none has.
    Undefined when neither reviewer highlighted anything.
    """
    if match not in ("exact", "overlap"):
        raise ValueError(f"unknown match {match!r}; expected 'exact' or 'overlap'")
    left, right = _normalise_pair(spans_a, spans_b)
    if match == "exact":
        matched = sum((Counter(left) & Counter(right)).values())
    else:
        matched = _maximum_overlap_matching(left, right)
    total = len(left) + len(right)
    if total == 0:
        return SpanF1(None, NOTHING_HIGHLIGHTED, None, None, 0, 0, 0)
    return SpanF1(
        value=2.0 * matched / total,
        reason=None,
        precision=matched / len(right) if right else None,
        recall=matched / len(left) if left else None,
        matched=matched,
        spans_a=len(left),
        spans_b=len(right),
    )


def mean_pairwise_span_f1(
    spans_by_reviewer: Mapping[Hashable, Sequence[Span]] | Sequence[Sequence[Span]],
    match: Match = "exact",
) -> PairwiseSpanF1:
    """Unweighted mean of :func:`span_f1` over all pairs of reviewers.

    Every pair counts once (macro average), so a prolific highlighter does not dominate.
    Pairs where neither reviewer highlighted anything have no F1 and are left out of the mean;
    a reviewer with no spans next to one with spans gives that pair F1 = 0. Keys of a mapping
    (for example user ids) name the pairs; a plain sequence is keyed by position.
    """
    named: dict[Hashable, Sequence[Span]] = (
        dict(spans_by_reviewer)
        if isinstance(spans_by_reviewer, Mapping)
        else dict(enumerate(spans_by_reviewer))
    )
    if len(named) < 2:
        return PairwiseSpanF1(None, FEWER_THAN_TWO, len(named), {})
    pairs = {
        (first, second): span_f1(named[first], named[second], match)
        for first, second in combinations(named, 2)
    }
    defined = [result.value for result in pairs.values() if result.value is not None]
    if not defined:
        return PairwiseSpanF1(None, NO_PAIR_HIGHLIGHTED, len(named), pairs)
    return PairwiseSpanF1(sum(defined) / len(defined), None, len(named), pairs)


def normalise_spans(spans: Sequence[Span]) -> list[tuple[int, int, Hashable]]:
    """Validated ``(start, end, label)`` triples; unlabelled spans get label ``None``."""
    result: list[tuple[int, int, Hashable]] = []
    for span in spans:
        if not isinstance(span, Sequence) or isinstance(span, str) or len(span) not in (2, 3):
            raise ValueError(f"a span is (start, end) or (start, end, label), got {span!r}")
        start, end = span[0], span[1]
        if not (_is_int(start) and _is_int(end)):
            raise ValueError(f"span bounds must be integers, got {span!r}")
        if not int(start) < int(end):
            raise ValueError(f"a span needs start < end (half-open range), got {span!r}")
        label = span[2] if len(span) == 3 else None
        result.append((int(start), int(end), label))
    return result


def _normalise_pair(
    spans_a: Sequence[Span], spans_b: Sequence[Span]
) -> tuple[list[tuple[int, int, Hashable]], list[tuple[int, int, Hashable]]]:
    left, right = normalise_spans(spans_a), normalise_spans(spans_b)
    arities = {len(span) for span in (*spans_a, *spans_b)}
    if len(arities) > 1:
        raise ValueError("mix of labelled and unlabelled spans; label all of them or none")
    return left, right


def _is_int(x: object) -> bool:
    return hasattr(x, "__index__") and not isinstance(x, bool)


def _overlapping_neighbours(
    left: list[tuple[int, int, Hashable]], right: list[tuple[int, int, Hashable]]
) -> list[list[int]]:
    """For each left span, the right spans with the same label that share a character.

    A right span can only overlap (s1, e1) if it starts before e1 and after s1 minus the
    longest right span, so with the right spans sorted by start each left span looks at a
    window found by bisection, not at all of them: an article's thousands of highlights stay
    fast.
    """
    order = sorted(range(len(right)), key=lambda j: right[j][0])
    starts = [right[j][0] for j in order]
    longest = max((end - start for start, end, _label in right), default=0)
    neighbours = []
    for s1, e1, l1 in left:
        first = bisect.bisect_right(starts, s1 - longest)
        last = bisect.bisect_left(starts, e1)
        neighbours.append(
            sorted(
                j
                for j in (order[k] for k in range(first, last))
                if right[j][2] == l1 and max(s1, right[j][0]) < min(e1, right[j][1])
            )
        )
    return neighbours


def _maximum_overlap_matching(
    left: list[tuple[int, int, Hashable]], right: list[tuple[int, int, Hashable]]
) -> int:
    """Size of a maximum bipartite matching (Kuhn's augmenting paths, iterative)."""
    neighbours = _overlapping_neighbours(left, right)
    owner: list[int | None] = [None] * len(right)
    matched = 0
    for root in range(len(left)):
        # Breadth-first search for an augmenting path from this left span. parent maps a right
        # span to the left span that reached it and the right span that left span gives up.
        parent: dict[int, tuple[int, int | None]] = {}
        frontier: list[tuple[int, int | None]] = [(root, None)]
        found: int | None = None
        while frontier and found is None:
            next_frontier: list[tuple[int, int | None]] = []
            for current, given_up in frontier:
                for j in neighbours[current]:
                    if j in parent:
                        continue
                    parent[j] = (current, given_up)
                    holder = owner[j]
                    if holder is None:
                        found = j
                        break
                    next_frontier.append((holder, j))
                if found is not None:
                    break
            frontier = next_frontier
        if found is None:
            continue
        step: int | None = found
        while step is not None:
            left_index, previous = parent[step]
            owner[step] = left_index
            step = previous
        matched += 1
    return matched

"""Claim units: grouping different reviewers' highlights of the same claim. Pure, no Django.

The rule (documented in docs/agreement.md):
- Highlights are taken in text order (start, then longer first, then id), so grouping is
  deterministic and independent of the order reviewers saved in.
- A highlight joins an existing unit of the same kind when it overlaps the unit's span (the union
  of its members' spans) by at least half of the shorter of the two; among several such units,
  the one with the largest overlap ratio wins, then the earliest.
- A unit holds at most one highlight per reviewer: a reviewer's second highlight on the same
  passage starts a unit of its own rather than casting a second vote.
- Units an editor fixed by hand (merged or split) keep their members; only the other highlights
  are grouped around them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class Span:
    key: int  # the annotation's id
    reviewer: Hashable
    kind: str
    start: int
    end: int


@dataclass
class Group:
    """A unit in the making: its members and the union of their spans."""

    kind: str
    start: int
    end: int
    members: list[Span] = field(default_factory=list)
    reviewers: set[Hashable] = field(default_factory=set)
    fixed: int | None = None  # the id of a unit an editor fixed; None for computed units

    def add(self, span: Span) -> None:
        self.members.append(span)
        self.reviewers.add(span.reviewer)
        self.start = min(self.start, span.start)
        self.end = max(self.end, span.end)


def overlap_ratio(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Length of the intersection over the length of the shorter span (0 when disjoint)."""
    shorter = min(a_end - a_start, b_end - b_start)
    if shorter <= 0:
        return 0.0
    return max(0, min(a_end, b_end) - max(a_start, b_start)) / shorter


def spans_group(
    spans: Iterable[Span],
    *,
    fixed: Sequence[tuple[int, Sequence[Span]]] = (),
    min_overlap: float = MIN_OVERLAP,
) -> list[Group]:
    """Group spans into units by the rule above. `fixed` are (unit id, members) kept as they are.

    Returns the groups in text order (by start, then end), fixed ones included.
    """
    groups: list[Group] = []
    placed: set[int] = set()
    for unit_id, members in fixed:
        if not members:
            continue
        group = Group(
            kind=members[0].kind, start=members[0].start, end=members[0].end, fixed=unit_id
        )
        for member in members:
            group.add(member)
            placed.add(member.key)
        groups.append(group)

    ordered = sorted(
        (span for span in spans if span.key not in placed),
        key=lambda s: (s.start, -(s.end - s.start), str(s.key)),
    )
    # Spans come in start order and a group's end only grows, so a group that ends before the
    # current span starts can overlap no later span either: retire it. This keeps the search
    # to the few groups around the current position instead of every group of the article.
    active = list(groups)
    for span in ordered:
        active = [group for group in active if group.end > span.start]
        best: Group | None = None
        best_ratio = min_overlap
        for group in active:
            if group.kind != span.kind or span.reviewer in group.reviewers:
                continue
            ratio = overlap_ratio(span.start, span.end, group.start, group.end)
            if ratio >= best_ratio and (best is None or ratio > best_ratio):
                best, best_ratio = group, ratio
        if best is None:
            best = Group(kind=span.kind, start=span.start, end=span.end)
            groups.append(best)
            active.append(best)
        best.add(span)
    return sorted(groups, key=lambda g: (g.start, g.end))

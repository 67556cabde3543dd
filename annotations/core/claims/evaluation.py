"""Figures of the matcher on an evaluation set (tests/data/claims-eval/): what `bench_claims`
prints and what the shipped thresholds were chosen with.

- recall@k: the share of paraphrase queries whose claim is among the first k matches returned
  (a match is returned when it scores at least the lower threshold);
- same-claim recall: the share of paraphrase queries whose claim is returned as "same claim";
- false "same claim" rate: the share of hard-negative (or unrelated) queries for which any
  claim is returned as "same claim" (no claim of the set states them: the generator sees to it).

Matches are computed once per query with no lower threshold and a generous limit, and the
thresholds applied afterwards (`Thresholded`), so a grid of thresholds costs no new matching.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from annotations.core.claims.matching import Match

RAW_LIMIT = 20
THRESHOLD_GRID = tuple(round(0.30 + 0.01 * step, 2) for step in range(71))


@dataclass(frozen=True)
class EvalClaim:
    id: int
    text: str
    split: str


@dataclass(frozen=True)
class EvalQuery:
    query: str
    claim: int | None
    kind: str  # "paraphrase", "hard_negative" or "unrelated"
    changed: str | None
    split: str


def eval_load(directory: Path) -> tuple[list[EvalClaim], list[EvalQuery]]:
    with (directory / "claims.jsonl").open(encoding="utf-8") as lines:
        claims = [EvalClaim(row["id"], row["text"], row["split"]) for row in map(json.loads, lines)]
    with (directory / "queries.jsonl").open(encoding="utf-8") as lines:
        queries = [
            EvalQuery(row["query"], row["claim"], row["kind"], row["changed"], row["split"])
            for row in map(json.loads, lines)
        ]
    return claims, queries


@dataclass(frozen=True)
class Figures:
    recall_at_1: float
    recall_at_5: float
    same_recall: float
    false_same_hard: float
    false_same_unrelated: float
    false_same_by_change: dict[str, float]


def _returned(matches: Sequence[Match], lower: float, limit: int) -> list[Match]:
    return [m for m in matches if m.score >= lower][:limit]


def _is_same(match: Match, upper: float) -> bool:
    return match.score >= upper and not match.differences


def _share(hits: Sequence[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


def figures(
    queries: Sequence[EvalQuery], raw: Sequence[Sequence[Match]], *, upper: float, lower: float
) -> Figures:
    """The figures at these thresholds; `raw[i]` are query i's matches with no lower bound."""
    at1, at5, same, hard, unrelated = [], [], [], [], []
    by_change: dict[str, list[bool]] = {}
    for query, matches in zip(queries, raw, strict=True):
        shown = _returned(matches, lower, 5)
        any_same = any(_is_same(m, upper) for m in shown)
        if query.kind == "paraphrase":
            ids = [m.claim_id for m in shown]
            at1.append(ids[:1] == [query.claim])
            at5.append(query.claim in ids)
            same.append(any(m.claim_id == query.claim and _is_same(m, upper) for m in shown))
        elif query.kind == "hard_negative":
            hard.append(any_same)
            by_change.setdefault(query.changed or "?", []).append(any_same)
        else:
            unrelated.append(any_same)
    return Figures(
        _share(at1), _share(at5), _share(same), _share(hard), _share(unrelated),
        {kind: _share(hits) for kind, hits in sorted(by_change.items())},
    )  # fmt: skip


def thresholds_tune(
    queries: Sequence[EvalQuery],
    raw: Sequence[Sequence[Match]],
    *,
    max_false_hard: float = 0.01,
    min_upper: float = 0.0,
    grid: Sequence[float] = THRESHOLD_GRID,
) -> tuple[float, float]:
    """(upper, lower) for the training queries: the highest lower threshold that keeps the best
    recall@5 found, then the lowest upper threshold whose false "same claim" rate is at most
    `max_false_hard` on hard negatives and 0 on unrelated sentences (the most paraphrases
    linked in one click within that bound), at least `min_upper`."""
    values = list(grid)
    best_recall = max(figures(queries, raw, upper=1.01, lower=v).recall_at_5 for v in values)
    lower = max(
        v for v in values if figures(queries, raw, upper=1.01, lower=v).recall_at_5 >= best_recall
    )
    for upper in values:
        if upper < max(lower, min_upper):
            continue
        result = figures(queries, raw, upper=upper, lower=lower)
        if result.false_same_hard <= max_false_hard and result.false_same_unrelated == 0:
            return upper, lower
    return 1.0, lower

"""TEMPORARY: minimal private versions of the training functions the checkworthy work adds to
`core/suggestions/model.py` (`model_train`, `ranking_figures`, `articles_split`), with the same
signatures, so the training service can be built in parallel. Deleted at merge; the imports
switch to `model.py`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from annotations.core.suggestions.features import FEATURE_NAMES
from annotations.core.suggestions.model import DeskModel

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class RankingFigures:
    """How well a score ranks the statements worth checking, over held-out articles.

    recall_top: of all the positive sentences, the share ranked in the top `top_share` of their
    article's sentences (micro-averaged); precision_at_k: per article, the share of positives
    among its k best-ranked sentences (or all of them when it has fewer), averaged over the
    articles (Manning, Raghavan and Schütze, Introduction to Information Retrieval, 8.4)."""

    recall_top: float
    precision_at_k: float
    articles: int
    positives: int


def model_train(examples: Sequence[tuple[dict[str, float], bool]], *, name: str) -> DeskModel:
    """A logistic regression (L2, C=1) over FEATURE_NAMES fitted to the labelled examples, by
    batch gradient descent on the mean log-loss. One class only: the intercept is that class's
    smoothed log-odds and every weight 0."""
    columns = [n for n in FEATURE_NAMES]
    rows = [[features.get(n, 0.0) for n in columns] for features, _ in examples]
    labels = [1.0 if label else 0.0 for _, label in examples]
    count = len(rows)
    positives = sum(labels)
    if count == 0 or positives in (0, count):
        prior = (positives + 0.5) / (count + 1.0)
        return DeskModel(name, dict.fromkeys(columns, 0.0), math.log(prior / (1 - prior)))
    weights = [0.0] * len(columns)
    intercept = 0.0
    rate, penalty = 0.5, 1.0 / count
    for _ in range(400):
        gradient = [0.0] * len(columns)
        gradient_intercept = 0.0
        for row, label in zip(rows, labels, strict=True):
            z = intercept + sum(w * x for w, x in zip(weights, row, strict=True))
            error = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z)))) - label
            gradient_intercept += error
            for j, x in enumerate(row):
                gradient[j] += error * x
        intercept -= rate * gradient_intercept / count
        weights = [
            w - rate * (g / count + penalty * w) for w, g in zip(weights, gradient, strict=True)
        ]
    return DeskModel(name, dict(zip(columns, weights, strict=True)), intercept)


def ranking_figures(
    articles: Sequence[Sequence[tuple[float, bool]]], *, top_share: float = 0.3, k: int = 10
) -> RankingFigures:
    """RankingFigures of (score, is positive) per sentence, per article, in text order (ties
    keep text order)."""
    found = total = 0
    precisions: list[float] = []
    for sentences in articles:
        if not sentences:
            continue
        ranked = sorted(sentences, key=lambda pair: -pair[0])
        top = max(1, math.ceil(top_share * len(ranked)))
        found += sum(1 for _, positive in ranked[:top] if positive)
        total += sum(1 for _, positive in ranked if positive)
        best = ranked[:k]
        precisions.append(sum(1 for _, positive in best if positive) / len(best))
    return RankingFigures(
        round(found / total, 4) if total else 0.0,
        round(sum(precisions) / len(precisions), 4) if precisions else 0.0,
        len(precisions),
        total,
    )


def articles_split(
    keys: Sequence[Key], *, test_share: float = 0.5, seed: int
) -> tuple[list[Key], list[Key]]:
    """(train, test): the keys shuffled with `seed`, the first `test_share` of them (at least
    one when there are two or more) held out."""
    shuffled = sorted(keys, key=repr)
    random.Random(seed).shuffle(shuffled)
    held = round(test_share * len(shuffled))
    if len(shuffled) >= 2:
        held = min(max(held, 1), len(shuffled) - 1)
    return shuffled[held:], shuffled[:held]

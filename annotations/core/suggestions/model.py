"""The desk's own check-worthiness model, and the figures that say whether it ranks well.

The model is a logistic regression over the sentence features (`features.FEATURE_NAMES`) and the
rules' log-odds (`checkworthiness.rules_logit`, the column RULES_COLUMN), trained
with scikit-learn on the desk's own reviews: a sentence a reviewer highlighted is a positive,
one nobody highlighted in a submitted review a negative. It is stored as plain JSON weights (never
a pickle: a stored model is data, loading it runs no code) and scored here without scikit-learn:
`model_score` is exactly scikit-learn's `predict_proba` for the positive class, the logistic
function of intercept + the weights' dot product with the features (a test checks it).

The rules' column lets a desk with few reviews start from the rules rather than from nothing: the
rules' log-odds already rank sentences, and training learns how far to trust them (their weight)
and what to add or take away for this desk (the features' weights). With C=REGULARISATION_C the L2
penalty keeps the features' corrections small unless the reviews clearly ask for them.

Training details: `class_weight="balanced"` (a desk marks a few sentences in many: without it
the model would learn to say "no" everywhere), an L2 penalty with C=REGULARISATION_C (the
features are 0/1 or small counts on one scale, so no standardisation, which keeps the stored
weights readable: "percentage: +1.3"), the lbfgs solver, and a fixed random_state.

The figures (`ranking_figures`) are the ones the benchmark prints and the training task compares
the model with the rules on: how many of the marked sentences are among each article's top 30%,
and precision at 10, per article.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from annotations.core.suggestions.checkworthiness import rules_logit
from annotations.core.suggestions.features import FEATURE_NAMES

# Fixed, so that training twice on the same reviews gives the same model.
RANDOM_STATE = 13
# LogisticRegression's inverse regularisation strength: a thirtieth of scikit-learn's default, a
# strong L2 penalty, so that a few reviews only nudge the rules (on the evaluation set's train
# split, five-fold by article, C=1 ranked worse than the rules alone; C=0.1 gave a recall in the
# top 30% of 0.886, C=0.03 0.899 and C=0.01 0.892).
REGULARISATION_C = 0.03
MAX_ITERATIONS = 1000
# The column holding the rules' log-odds, after FEATURE_NAMES.
RULES_COLUMN = "rules"
MODEL_COLUMNS: tuple[str, ...] = (*FEATURE_NAMES, RULES_COLUMN)


@dataclass(frozen=True)
class DeskModel:
    """A trained model as plain data (stored as JSON, never pickled)."""

    name: str  # "desk-model-<date>"
    weights: dict[str, float] = field(default_factory=dict)
    intercept: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "weights": self.weights, "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> DeskModel:
        """The model `to_json` wrote; a malformed weight or intercept counts as 0."""
        weights = data.get("weights")
        intercept = data.get("intercept", 0.0)
        return cls(
            name=str(data.get("name", "desk-model")),
            weights={
                str(k): float(v) if isinstance(v, (int, float)) else 0.0 for k, v in weights.items()
            }
            if isinstance(weights, dict)
            else {},
            intercept=float(intercept) if isinstance(intercept, (int, float)) else 0.0,
        )


def _logistic(z: float) -> float:
    """1 / (1 + e^-z), written as scipy's expit is (which predict_proba uses) for both signs."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def model_row(features: dict[str, float]) -> list[float]:
    """The model's input for one statement: its features in FEATURE_NAMES order, then the
    rules' log-odds (RULES_COLUMN), as training sees them."""
    return [float(features.get(column, 0.0)) for column in FEATURE_NAMES] + [rules_logit(features)]


def model_score(model: DeskModel, features: dict[str, float]) -> float:
    """The model's probability that a statement with these features is worth checking.

    p = 1 / (1 + exp(-(b + sum_i w_i x_i))), the logistic regression's predict_proba, over the
    columns of `model_row` in MODEL_COLUMNS order (as scikit-learn's dot product runs); a column
    the model has no weight for counts for nothing (a model stored before RULES_COLUMN existed
    scores as it did), a weight for an absent feature multiplies 0, and a feature outside
    MODEL_COLUMNS with a weight of its own adds its product.
    """
    z = model.intercept
    for name, value in zip(MODEL_COLUMNS, model_row(features), strict=True):
        z += model.weights.get(name, 0.0) * value
    for name, value in features.items():
        if name not in MODEL_COLUMNS:
            z += model.weights.get(name, 0.0) * value
    return _logistic(z)


def model_train(examples: Sequence[tuple[dict[str, float], bool]], *, name: str) -> DeskModel:
    """A logistic regression fitted on (features, worth checking) examples (see the module
    docstring for its settings). Raises ValueError unless both kinds of example are present:
    a model needs positives and negatives to learn anything.
    """
    labels = [bool(label) for _, label in examples]
    if all(labels) or not any(labels):
        raise ValueError("training needs both check-worthy and other sentences")
    # scikit-learn is imported here: loading it takes about a second, which a process that only
    # scores (the suggestions task, the page) does not pay.
    from sklearn.linear_model import LogisticRegression

    rows = [model_row(features) for features, _ in examples]
    regression = LogisticRegression(
        C=REGULARISATION_C,
        class_weight="balanced",
        random_state=RANDOM_STATE,
        max_iter=MAX_ITERATIONS,
    )
    regression.fit(rows, labels)
    weights = regression.coef_[0]
    return DeskModel(
        name=name,
        weights={column: float(weights[i]) for i, column in enumerate(MODEL_COLUMNS)},
        intercept=float(regression.intercept_[0]),
    )


@dataclass(frozen=True)
class RankingFigures:
    """How well a scorer ranks the marked (check-worthy) sentences of a set of articles."""

    recall_top: float  # marked sentences in their article's top share / all marked (pooled)
    precision_at_k: float  # mean over articles of the marked share of the top min(k, n)
    articles: int  # articles with at least one sentence
    positives: int  # marked sentences in all


def _ranked(sentences: Sequence[tuple[float, bool]]) -> list[bool]:
    """The marks in ranking order: score descending, ties by text position (earlier first)."""
    order = sorted(range(len(sentences)), key=lambda i: (-sentences[i][0], i))
    return [sentences[i][1] for i in order]


def ranking_figures(
    articles: Sequence[Sequence[tuple[float, bool]]], *, top_share: float = 0.3, k: int = 10
) -> RankingFigures:
    """Recall in the top share and precision at k of sentence rankings.

    Each article is its sentences in text order as (score, marked). In each article the
    sentences are ranked by score (ties: the earlier sentence first) and its top
    ceil(top_share * n) are taken; recall_top = marked sentences in those tops / marked
    sentences, pooled over articles (0 when nothing is marked). precision_at_k = the mean over
    articles of (marked among the top min(k, n)) / min(k, n), the usual precision@k of
    information retrieval (Manning, Raghavan and Schütze, "Introduction to Information
    Retrieval", 2008, section 8.4), with k shortened for an article of fewer sentences. An
    article without sentences counts in neither.
    """
    found = positives = counted = 0
    precisions = []
    for sentences in articles:
        if not sentences:
            continue
        counted += 1
        marks = _ranked(sentences)
        top = math.ceil(top_share * len(marks))
        positives += sum(marks)
        found += sum(marks[:top])
        shown = min(k, len(marks))
        precisions.append(sum(marks[:shown]) / shown)
    return RankingFigures(
        recall_top=found / positives if positives else 0.0,
        precision_at_k=sum(precisions) / len(precisions) if precisions else 0.0,
        articles=counted,
        positives=positives,
    )


Key = TypeVar("Key", bound=Hashable)


def _draw(key: Hashable, seed: int) -> str:
    # A digest rather than hash(): Python salts str hashes per process, and the split must be
    # the same in the benchmark, the training task and the tests.
    return hashlib.sha256(f"{seed}\x00{key!r}".encode()).hexdigest()


def articles_split(
    keys: Sequence[Key], *, test_share: float = 0.5, seed: int
) -> tuple[list[Key], list[Key]]:
    """(train keys, test keys): a held-out split by article, the same for the same keys and seed.

    Keys are ordered by a digest of (seed, key) and the first round(test_share * n) go to the
    test side (at least one on each side when there are two keys or more and 0 < test_share <
    1); each side keeps the keys' own order. A key's side depends only on the seed and on how
    many keys there are, not on their order. Duplicate keys are taken once.
    """
    unique = list(dict.fromkeys(keys))
    tested = round(test_share * len(unique))
    if len(unique) >= 2 and 0 < test_share < 1:
        tested = min(max(tested, 1), len(unique) - 1)
    drawn = set(sorted(unique, key=lambda key: _draw(key, seed))[:tested])
    return [key for key in unique if key not in drawn], [key for key in unique if key in drawn]

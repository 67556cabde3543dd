"""The desk model, its training and the ranking figures (annotations.core.suggestions.model)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable

import pytest

from annotations.core.suggestions.checkworthiness import rules_logit, rules_score
from annotations.core.suggestions.features import FEATURE_NAMES
from annotations.core.suggestions.model import (
    MODEL_COLUMNS,
    REGULARISATION_C,
    RULES_COLUMN,
    DeskModel,
    RankingFigures,
    articles_split,
    model_score,
    model_train,
    ranking_figures,
)


def row(**values: float) -> dict[str, float]:
    features = dict.fromkeys(FEATURE_NAMES, 0.0)
    features.update(values)
    return features


def synthetic(seed: int, n: int = 400) -> list[tuple[dict[str, float], bool]]:
    """Check-worthy sentences have a percentage or money; names appear in both kinds alike,
    and opinions only in the others: learnable by a logistic regression."""
    rng = random.Random(seed)
    examples = []
    for _ in range(n):
        worthy = rng.random() < 0.25
        features = row(
            percentage=float(worthy and rng.random() < 0.7),
            money=float(worthy and rng.random() < 0.5),
            named_entity=float(rng.randint(0, 3)),
            opinion=float(not worthy and rng.random() < 0.5),
            short=float(rng.random() < 0.2),
        )
        examples.append((features, worthy))
    return examples


def test_the_stored_weights_reproduce_scikit_learns_probabilities_exactly() -> None:
    from sklearn.linear_model import LogisticRegression

    examples = synthetic(1)
    model = model_train(examples, name="desk-model-2026-01-01")
    rows = [[f[c] for c in FEATURE_NAMES] + [rules_logit(f)] for f, _ in examples]
    reference = LogisticRegression(
        C=REGULARISATION_C, class_weight="balanced", random_state=13, max_iter=1000
    )
    reference.fit(rows, [label for _, label in examples])
    expected = reference.predict_proba(rows)[:, 1]
    for (features, _), probability in zip(examples, expected, strict=True):
        assert model_score(model, features) == pytest.approx(float(probability), abs=1e-12)


def test_a_model_survives_its_json_round_trip() -> None:
    model = model_train(synthetic(2), name="desk-model-2026-01-02")
    stored = DeskModel.from_json(json.loads(json.dumps(model.to_json())))
    assert stored == model
    assert set(stored.weights) == set(MODEL_COLUMNS) == {*FEATURE_NAMES, RULES_COLUMN}


def test_malformed_stored_weights_count_as_nothing() -> None:
    model = DeskModel.from_json({"weights": {"number": "x", "money": 2}, "intercept": "y"})
    assert model.weights == {"number": 0.0, "money": 2.0}
    assert model.intercept == 0.0
    assert DeskModel.from_json({}).name == "desk-model"


def test_training_is_deterministic() -> None:
    assert model_train(synthetic(3), name="m") == model_train(synthetic(3), name="m")


def test_training_needs_both_kinds_of_example() -> None:
    with pytest.raises(ValueError, match="both"):
        model_train([(row(number=1.0), True)] * 5, name="m")
    with pytest.raises(ValueError, match="both"):
        model_train([], name="m")


def test_the_trained_model_learns_what_a_bad_rule_misses() -> None:
    model = model_train(synthetic(4), name="m")
    held_out = synthetic(5)
    articles = [held_out[i : i + 20] for i in range(0, len(held_out), 20)]

    def figures(scorer: Callable[[dict[str, float]], float]) -> RankingFigures:
        return ranking_figures(
            [[(scorer(features), label) for features, label in article] for article in articles]
        )

    learned = figures(lambda features: model_score(model, features))
    # A bad rule: names make a sentence check-worthy (here they say nothing).
    bad = figures(lambda features: features["named_entity"])
    assert learned.recall_top > bad.recall_top + 0.3
    # 15% of the positives have neither a percentage nor money: nothing tells them apart.
    assert learned.recall_top > 0.8
    assert learned.precision_at_k > bad.precision_at_k
    assert model.weights["percentage"] > 0 and model.weights["opinion"] < 0


def test_model_score_ignores_features_it_has_no_weight_for() -> None:
    model = DeskModel("m", {"number": 2.0}, -1.0)
    assert model_score(model, {"number": 1.0, "new feature": 7.0}) == pytest.approx(0.7310585786)
    assert model_score(DeskModel("m", {}, 0.0), {}) == 0.5
    assert 0.0 <= model_score(DeskModel("m", {"number": 1e6}, 0.0), {"number": -1.0}) < 1e-300


def test_ranking_figures_by_hand() -> None:
    first = [(0.9, True), (0.8, False), (0.1, True), (0.5, False)]  # top ceil(1.2) = 2
    second = [(0.2, False), (0.7, True), (0.7, False)]  # top ceil(0.9) = 1: the tie, earlier
    figures = ranking_figures([first, second], top_share=0.3, k=2)
    # Marked in the tops: 1 of 2 in the first, 1 of 1 in the second: 2 of 3.
    assert figures.recall_top == pytest.approx(2 / 3)
    # Top 2: first 1/2, second 1/2 (0.7 True then 0.7 False).
    assert figures.precision_at_k == pytest.approx(0.5)
    assert (figures.articles, figures.positives) == (2, 3)


def test_ties_are_broken_by_text_position() -> None:
    early = ranking_figures([[(0.5, True), (0.5, False), (0.5, False)]], top_share=0.3, k=1)
    late = ranking_figures([[(0.5, False), (0.5, False), (0.5, True)]], top_share=0.3, k=1)
    assert (early.recall_top, early.precision_at_k) == (1.0, 1.0)
    assert (late.recall_top, late.precision_at_k) == (0.0, 0.0)


def test_precision_at_k_shortens_k_for_a_short_article_and_skips_empty_ones() -> None:
    figures = ranking_figures([[(0.3, True), (0.1, False)], []], k=10)
    assert figures.precision_at_k == 0.5
    assert figures.articles == 1
    assert ranking_figures([]) == RankingFigures(0.0, 0.0, 0, 0)
    assert ranking_figures([[(0.3, False)]]).recall_top == 0.0


def test_articles_split_is_deterministic_disjoint_and_held_out_by_share() -> None:
    keys = [f"article-{i}" for i in range(24)]
    train, test = articles_split(keys, test_share=0.5, seed=7)
    assert (train, test) == articles_split(keys, test_share=0.5, seed=7)
    assert len(test) == 12 and set(train) | set(test) == set(keys) and not set(train) & set(test)
    assert train == [k for k in keys if k in train]  # the keys' own order
    assert articles_split(list(reversed(keys)), test_share=0.5, seed=7)[1] == list(reversed(test))
    assert articles_split(keys, test_share=0.5, seed=8)[1] != test


def test_articles_split_keeps_one_article_on_each_side_when_it_can() -> None:
    assert [len(side) for side in articles_split([1, 2], test_share=0.01, seed=1)] == [1, 1]
    assert [len(side) for side in articles_split([1, 2, 3], test_share=0.99, seed=1)] == [1, 2]
    assert articles_split([], seed=1) == ([], [])
    assert articles_split([5], seed=1) in (([5], []), ([], [5]))
    assert articles_split([1, 1, 2, 2], seed=1)[0] + articles_split([1, 1, 2, 2], seed=1)[1] in (
        [1, 2],
        [2, 1],
    )


def test_a_model_with_only_the_rules_column_scores_as_the_rules() -> None:
    model = DeskModel("m", {RULES_COLUMN: 1.0}, 0.0)
    for features in (row(), row(number=2.0, percentage=1.0), row(opinion=1.0, question=1.0)):
        assert model_score(model, features) == pytest.approx(rules_score(features), abs=1e-12)


def test_a_model_stored_before_the_rules_column_scores_as_it_did() -> None:
    model = DeskModel("m", {"number": 2.0}, -1.0)
    assert model_score(model, row(number=1.0, percentage=1.0)) == pytest.approx(0.7310585786)


def test_training_starts_from_the_rules_when_they_already_rank_well() -> None:
    # Labels that follow the rules' own order: the rules' column carries the weight.
    rng = random.Random(6)
    examples = []
    for _ in range(300):
        features = row(
            number=float(rng.randint(0, 2)), opinion=float(rng.random() < 0.3),
            hedge=float(rng.random() < 0.3), date=float(rng.random() < 0.5),
        )  # fmt: skip
        examples.append((features, rng.random() < rules_score(features)))
    model = model_train(examples, name="m")
    assert model.weights[RULES_COLUMN] > 0.5
    assert model.weights[RULES_COLUMN] > max(abs(model.weights[c]) for c in FEATURE_NAMES)

"""Random reliability matrices, missing ratings included, against reference libraries.

krippendorff 0.9.0 (alpha), statsmodels 0.15 (Fleiss' kappa, Cohen's kappa and its standard
error) and scikit-learn 1.9 (Cohen's kappa, weighted) must agree to 1e-9. Where a library
cannot express the case (statsmodels' Fleiss' kappa has no missing data), the check is against
a direct, loop-by-loop transcription of the textbook formula instead.
"""

from __future__ import annotations

from itertools import permutations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss_kappa

from annotations.core.agreement import (
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)

SEEDS = range(25)
TOLERANCE = 1e-9


def random_matrix(seed: int, *, missing: bool = True) -> tuple[np.ndarray, list[int]]:
    """Reviewers x units with unevenly spaced integer values and (optionally) NaN gaps."""
    rng = np.random.default_rng(seed)
    reviewers = int(rng.integers(2, 8))
    units = int(rng.integers(5, 60))
    scale = sorted(rng.choice(np.arange(0, 20), size=int(rng.integers(2, 7)), replace=False))
    # Skewed value frequencies, and agreement above chance, as in real coding data.
    truth = rng.choice(scale, size=units, p=rng.dirichlet(np.ones(len(scale))))
    data = np.where(
        rng.random((reviewers, units)) < 0.6,
        truth[None, :],
        rng.choice(scale, size=(reviewers, units)),
    ).astype(np.float64)
    if missing:
        data[rng.random(data.shape) < rng.uniform(0.0, 0.5)] = np.nan
    return data, [int(v) for v in scale]


def usable_by_krippendorff(data: np.ndarray) -> bool:
    rated = (~np.isnan(data)).sum(axis=0)
    return bool((rated >= 2).any()) and len(np.unique(data[~np.isnan(data)])) > 1


def textbook_alpha(data: np.ndarray, level: str) -> float:
    """Krippendorff (2011) by enumerating ordered pairs of values within each unit."""
    domain = np.unique(data[~np.isnan(data)])
    index = {value: k for k, value in enumerate(domain)}
    coincidences = np.zeros((len(domain), len(domain)))
    for column in data.T:
        given = column[~np.isnan(column)]
        if len(given) < 2:
            continue
        for x, y in permutations(range(len(given)), 2):
            coincidences[index[given[x]], index[given[y]]] += 1.0 / (len(given) - 1)
    marginals = coincidences.sum(axis=0)
    n = marginals.sum()

    def delta(c: int, k: int) -> float:
        if level == "nominal":
            return float(c != k)
        if level == "ordinal":
            low, high = min(c, k), max(c, k)
            return (marginals[low : high + 1].sum() - (marginals[c] + marginals[k]) / 2) ** 2
        if level == "interval":
            return (domain[c] - domain[k]) ** 2
        total = domain[c] + domain[k]
        return 0.0 if total == 0 else ((domain[c] - domain[k]) / total) ** 2

    size = len(domain)
    observed = sum(coincidences[c, k] * delta(c, k) for c in range(size) for k in range(size))
    expected = sum(
        marginals[c] * marginals[k] * delta(c, k) for c in range(size) for k in range(size)
    )
    return 1.0 - (n - 1) * observed / expected


def gwet_parts(data: np.ndarray) -> tuple[float, dict[float, float]]:
    """Gwet (2014) p_a and pi_k for incomplete data, unit by unit."""
    agreement, shares, pairable, rated = 0.0, {}, 0, 0
    for column in data.T:
        given = column[~np.isnan(column)].tolist()
        if not given:
            continue
        rated += 1
        for value in set(given):
            shares[value] = shares.get(value, 0.0) + given.count(value) / len(given)
        if len(given) >= 2:
            pairable += 1
            agreeing = sum(given.count(v) * (given.count(v) - 1) for v in set(given))
            agreement += agreeing / (len(given) * (len(given) - 1))
    return agreement / pairable, {value: total / rated for value, total in shares.items()}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_matches_the_krippendorff_package(seed: int, level: str) -> None:
    data, _scale = random_matrix(seed)
    assert usable_by_krippendorff(data), (
        "fixed seed gives a degenerate matrix: "
        + "the package raises on this matrix; degenerate cases are tested elsewhere"
    )
    ours = krippendorff_alpha(data, level)
    assert ours.value == pytest.approx(
        krippendorff.alpha(data, level_of_measurement=level), abs=TOLERANCE
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_matches_the_textbook_pair_enumeration(seed: int, level: str) -> None:
    # The textbook check matters most for the ordinal metric: older krippendorff releases
    # implemented it differently, and it must use the pairable marginals only.
    data, _scale = random_matrix(seed)
    assert usable_by_krippendorff(data), (
        "fixed seed gives a degenerate matrix: " + "alpha is undefined here"
    )
    assert krippendorff_alpha(data, level).value == pytest.approx(
        textbook_alpha(data, level), abs=TOLERANCE
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_alpha_with_a_declared_scale_matches_the_package_given_the_same_domain(seed: int) -> None:
    data, scale = random_matrix(seed)
    assert usable_by_krippendorff(data), (
        "fixed seed gives a degenerate matrix: " + "the package raises on this matrix"
    )
    wider = sorted({*scale, -1, 25})
    for level in ("nominal", "ordinal", "interval"):
        ours = krippendorff_alpha(data, level, values=wider)
        theirs = krippendorff.alpha(data, level_of_measurement=level, value_domain=wider)
        assert ours.value == pytest.approx(theirs, abs=TOLERANCE)


@pytest.mark.parametrize("seed", SEEDS)
def test_alpha_on_labels_matches_the_package_on_the_numbers_they_stand_for(seed: int) -> None:
    data, scale = random_matrix(seed)
    assert usable_by_krippendorff(data), (
        "fixed seed gives a degenerate matrix: " + "the package raises on this matrix"
    )
    names = {value: f"label-{value:02d}" for value in scale}
    labelled = [[None if np.isnan(v) else names[int(v)] for v in row] for row in data]
    ours = krippendorff_alpha(labelled, "ordinal", values=[names[v] for v in scale])
    assert ours.value == pytest.approx(
        krippendorff.alpha(data, level_of_measurement="ordinal"), abs=TOLERANCE
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_fleiss_kappa_matches_statsmodels_on_complete_data(seed: int) -> None:
    data, _scale = random_matrix(seed, missing=False)
    table, _categories = aggregate_raters(data.T)
    ours = fleiss_kappa(data)
    assert ours.value is not None, (
        "fixed seed gives a degenerate matrix: " + "a single category: statsmodels returns NaN here"
    )
    assert ours.value == pytest.approx(statsmodels_fleiss_kappa(table), abs=TOLERANCE)


@pytest.mark.parametrize("seed", SEEDS)
def test_fleiss_ac1_and_bp_match_gwets_formulas_with_missing_data(seed: int) -> None:
    # statsmodels cannot take missing ratings (it would count NaN as a category), so the
    # reference is Gwet's (2014) definition transcribed unit by unit.
    data, _scale = random_matrix(seed)
    assert usable_by_krippendorff(data), "fixed seed gives a degenerate matrix: " + "undefined here"
    agreement, shares = gwet_parts(data)
    q = len(shares)
    pi = np.array(list(shares.values()))
    fleiss_chance = float(pi @ pi)
    ac1_chance = float((pi * (1 - pi)).sum()) / (q - 1)
    assert percent_agreement(data).value == pytest.approx(agreement, abs=TOLERANCE)
    assert fleiss_kappa(data).value == pytest.approx(
        (agreement - fleiss_chance) / (1 - fleiss_chance), abs=TOLERANCE
    )
    assert gwet_ac1(data).value == pytest.approx(
        (agreement - ac1_chance) / (1 - ac1_chance), abs=TOLERANCE
    )
    assert brennan_prediger(data).value == pytest.approx(
        (agreement - 1 / q) / (1 - 1 / q), abs=TOLERANCE
    )


def complete_pairs(data: np.ndarray) -> tuple[list[int], list[int]]:
    both = ~np.isnan(data[0]) & ~np.isnan(data[1])
    return data[0, both].astype(int).tolist(), data[1, both].astype(int).tolist()


def with_missing(row: np.ndarray) -> list[int | None]:
    return [None if np.isnan(v) else int(v) for v in row]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_matches_scikit_learn_on_the_declared_scale(
    seed: int, weights: str | None
) -> None:
    data, scale = random_matrix(seed)
    a, b = complete_pairs(data)
    assert not (len(set(a) | set(b)) < 2), (
        "fixed seed gives a degenerate matrix: " + "no variation among complete pairs"
    )
    declared = sorted({*scale, 50})  # an unused category at the top still counts as a step
    ours = cohen_kappa(with_missing(data[0]), with_missing(data[1]), weights, values=declared)
    theirs = cohen_kappa_score(a, b, labels=declared, weights=weights)
    assert ours.value == pytest.approx(theirs, abs=TOLERANCE)


# statsmodels also computes a z statistic, which divides by zero on some tables; irrelevant here.
@pytest.mark.filterwarnings("ignore:invalid value encountered in scalar divide:RuntimeWarning")
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_and_its_standard_error_match_statsmodels(
    seed: int, weights: str | None
) -> None:
    data, scale = random_matrix(seed)
    a, b = complete_pairs(data)
    assert not (len(set(a) | set(b)) < 2), (
        "fixed seed gives a degenerate matrix: " + "no variation among complete pairs"
    )
    position = {value: k for k, value in enumerate(scale)}
    table = np.zeros((len(scale), len(scale)))
    for x, y in zip(a, b, strict=True):
        table[position[x], position[y]] += 1
    theirs = cohens_kappa(table, wt=weights)
    ours = cohen_kappa(with_missing(data[0]), with_missing(data[1]), weights, values=scale)
    assert ours.value == pytest.approx(theirs.kappa, abs=TOLERANCE)
    assert ours.standard_error == pytest.approx(theirs.std_kappa, abs=TOLERANCE)


@pytest.mark.parametrize("seed", SEEDS)
def test_scott_pi_equals_statsmodels_fleiss_kappa_for_two_complete_reviewers(seed: int) -> None:
    data, _scale = random_matrix(seed, missing=False)
    ours = scott_pi(data[0].tolist(), data[1].tolist())
    assert ours.value is not None, "fixed seed gives a degenerate matrix: " + "no variation"
    table, _categories = aggregate_raters(data[:2].T)
    assert ours.value == pytest.approx(statsmodels_fleiss_kappa(table), abs=TOLERANCE)

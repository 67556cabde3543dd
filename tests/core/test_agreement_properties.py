"""Properties every coefficient must have, on hypothesis-generated reliability matrices."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.core.agreement import (
    Statistic,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)

Matrix = list[list[int | None]]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MULTI: dict[str, Callable[[Matrix], Statistic]] = {
    "alpha nominal": lambda m: krippendorff_alpha(m, "nominal"),
    "alpha ordinal": lambda m: krippendorff_alpha(m, "ordinal"),
    "alpha interval": lambda m: krippendorff_alpha(m, "interval"),
    "alpha ratio": lambda m: krippendorff_alpha(m, "ratio"),
    "fleiss kappa": fleiss_kappa,
    "gwet ac1": gwet_ac1,
    "brennan-prediger": brennan_prediger,
    "percent agreement": percent_agreement,
}
PAIRWISE: dict[str, Callable[[Matrix], Statistic]] = {
    "cohen kappa": lambda m: cohen_kappa(m[0], m[1]),
    "cohen kappa linear": lambda m: cohen_kappa(m[0], m[1], "linear"),
    "cohen kappa quadratic": lambda m: cohen_kappa(m[0], m[1], "quadratic"),
    "scott pi": lambda m: scott_pi(m[0], m[1]),
}
ALL = MULTI | PAIRWISE
CHANCE_CORRECTED = {name: f for name, f in ALL.items() if name != "percent agreement"}


@st.composite
def matrices(draw: st.DrawFn, min_reviewers: int = 2, max_reviewers: int = 6) -> Matrix:
    reviewers = draw(st.integers(min_reviewers, max_reviewers))
    units = draw(st.integers(1, 12))
    rating = st.one_of(st.none(), st.integers(1, 4))
    return [[draw(rating) for _ in range(units)] for _ in range(reviewers)]


@st.composite
def unanimous_matrices(draw: st.DrawFn) -> Matrix:
    """Every unit's ratings agree, and at least two different values are used."""
    reviewers = draw(st.integers(2, 5))
    truths = draw(
        st.lists(st.integers(1, 4), min_size=2, max_size=10).filter(lambda t: len(set(t)) > 1)
    )
    return [[truth for truth in truths] for _ in range(reviewers)]


def same(first: Statistic, second: Statistic) -> bool:
    if (first.value is None) != (second.value is None):
        return False
    if first.value is None:
        return first.reason == second.reason
    return math.isclose(first.value, second.value, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("name", sorted(ALL))
@SETTINGS
@given(data=matrices(), seed=st.integers(0, 2**32 - 1))
def test_permuting_units_changes_nothing(name: str, data: Matrix, seed: int) -> None:
    order = np.random.default_rng(seed).permutation(len(data[0]))
    shuffled = [[row[k] for k in order] for row in data]
    assert same(ALL[name](data), ALL[name](shuffled))


@pytest.mark.parametrize("name", sorted(MULTI))
@SETTINGS
@given(data=matrices(), seed=st.integers(0, 2**32 - 1))
def test_permuting_reviewers_changes_nothing(name: str, data: Matrix, seed: int) -> None:
    order = np.random.default_rng(seed).permutation(len(data))
    assert same(MULTI[name](data), MULTI[name]([data[k] for k in order]))


@pytest.mark.parametrize("name", ["cohen kappa", "cohen kappa linear", "scott pi"])
@SETTINGS
@given(data=matrices(min_reviewers=2, max_reviewers=2))
def test_swapping_the_two_reviewers_changes_nothing(name: str, data: Matrix) -> None:
    assert same(PAIRWISE[name](data), PAIRWISE[name]([data[1], data[0]]))


@pytest.mark.parametrize("name", sorted(ALL))
@SETTINGS
@given(data=unanimous_matrices())
def test_perfect_agreement_gives_exactly_one(name: str, data: Matrix) -> None:
    assert ALL[name](data).value == 1.0


@pytest.mark.parametrize("name", sorted(CHANCE_CORRECTED))
@SETTINGS
@given(data=matrices())
def test_chance_corrected_coefficients_never_exceed_one(name: str, data: Matrix) -> None:
    value = CHANCE_CORRECTED[name](data).value
    assert value is None or value <= 1.0 + 1e-12


@SETTINGS
@given(data=matrices())
def test_percent_agreement_lies_between_zero_and_one(data: Matrix) -> None:
    value = percent_agreement(data).value
    assert value is None or 0.0 <= value <= 1.0


@pytest.mark.parametrize("name", sorted(MULTI))
@SETTINGS
@given(data=matrices(), position=st.integers(0, 6))
def test_adding_a_reviewer_who_rated_nothing_changes_nothing(
    name: str, data: Matrix, position: int
) -> None:
    padded = [*data]
    padded.insert(min(position, len(data)), [None] * len(data[0]))
    assert MULTI[name](padded) == MULTI[name](data)


@pytest.mark.parametrize("name", sorted(MULTI))
@SETTINGS
@given(data=matrices())
def test_adding_a_unit_nobody_rated_changes_nothing(name: str, data: Matrix) -> None:
    padded = [[*row, None] for row in data]
    assert MULTI[name](padded) == MULTI[name](data)


@pytest.mark.parametrize("name", sorted(ALL))
@SETTINGS
@given(data=matrices())
def test_a_result_is_a_finite_value_or_a_reason_never_nan(name: str, data: Matrix) -> None:
    result = ALL[name](data)
    assert (result.value is None) == (result.reason is not None)
    assert result.value is None or math.isfinite(result.value)


@pytest.mark.parametrize("name", sorted(CHANCE_CORRECTED))
@SETTINGS
@given(data=matrices(), value=st.integers(1, 4))
def test_identical_ratings_everywhere_are_undefined(name: str, data: Matrix, value: int) -> None:
    constant = [[None if cell is None else value for cell in row] for row in data]
    assert CHANCE_CORRECTED[name](constant).value is None


@pytest.mark.parametrize("name", sorted(MULTI))
@SETTINGS
@given(data=matrices(min_reviewers=1, max_reviewers=1))
def test_a_single_reviewer_is_undefined(name: str, data: Matrix) -> None:
    result = MULTI[name](data)
    assert result.value is None
    assert result.reviewers <= 1


@pytest.mark.parametrize("name", sorted(MULTI))
@SETTINGS
@given(data=matrices(), keep=st.integers(0, 2**32 - 1))
def test_no_unit_with_two_ratings_is_undefined(name: str, data: Matrix, keep: int) -> None:
    # Keep at most one rating per unit, chosen at random.
    rng = np.random.default_rng(keep)
    chosen = [int(rng.integers(0, len(data))) for _ in data[0]]
    sparse = [
        [cell if chosen[u] == r else None for u, cell in enumerate(row)]
        for r, row in enumerate(data)
    ]
    result = MULTI[name](sparse)
    assert result.value is None
    assert result.pairable == 0


@SETTINGS
@given(data=matrices())
def test_alpha_observed_and_expected_disagreement_reproduce_the_value(data: Matrix) -> None:
    result = krippendorff_alpha(data, "interval")
    if result.value is not None:
        assert result.observed is not None and result.expected is not None
        assert result.value == pytest.approx(1 - result.observed / result.expected)


@SETTINGS
@given(data=matrices(min_reviewers=2, max_reviewers=2))
def test_scott_pi_equals_fleiss_kappa_for_two_reviewers_on_complete_pairs(data: Matrix) -> None:
    complete = [
        [a for a, b in zip(*data, strict=True) if a is not None and b is not None],
        [b for a, b in zip(*data, strict=True) if a is not None and b is not None],
    ]
    pi, kappa = scott_pi(*complete), fleiss_kappa(complete)
    assert same(pi, kappa)

"""Degenerate input gives an explicit undefined result; malformed input raises ValueError.

The degenerate matrices come from tests/data/agreement-cases/edge_cases_computed_only.json,
which also records how the reference libraries misbehave on them (exceptions, NaN, a silent 1).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from annotations.core.agreement import (
    Statistic,
    alpha_bootstrap,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    fleiss_kappa_by_category,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)
from annotations.core.agreement.reliability import (
    NO_PAIRABLE_UNITS,
    NO_RATINGS,
    NO_VARIATION,
    ONE_REVIEWER,
)

EDGE = json.loads(
    (
        Path(__file__).resolve().parents[1]
        / "data"
        / "agreement-cases"
        / "edge_cases_computed_only.json"
    ).read_text(encoding="utf-8")
)["computed"]["per_input"]

LEVELS = ["nominal", "ordinal", "interval", "ratio"]


def data(name: str) -> list[list[Any]]:
    return EDGE[name]["data"]


def chance_corrected(matrix: list[list[Any]]) -> dict[str, Statistic]:
    results = {f"alpha {level}": krippendorff_alpha(matrix, level) for level in LEVELS}
    results |= {
        "fleiss": fleiss_kappa(matrix),
        "ac1": gwet_ac1(matrix),
        "brennan-prediger": brennan_prediger(matrix),
    }
    if len(matrix) == 2:
        results |= {"cohen": cohen_kappa(*matrix), "scott": scott_pi(*matrix)}
    return results


def test_identical_ratings_make_every_chance_corrected_coefficient_undefined() -> None:
    for name, result in chance_corrected(data("all_identical")).items():
        assert result.value is None, name
        assert result.reason == NO_VARIATION, name


def test_identical_ratings_still_agree_completely_in_percent_terms() -> None:
    # Percent agreement is not chance-corrected: 100% of pairs agree, and saying so is true.
    assert percent_agreement(data("all_identical")).value == 1.0


def test_declaring_a_wider_scale_does_not_rescue_identical_ratings_for_ac1() -> None:
    # AC1 and Brennan-Prediger would be 1 by construction here (irrCAC reports AC1 = 1).
    assert gwet_ac1(data("all_identical"), values=[1, 2, 3]).reason == NO_VARIATION
    assert brennan_prediger(data("all_identical"), values=[1, 2, 3]).reason == NO_VARIATION


def test_two_swapped_units_give_the_small_sample_alpha_and_minus_one_kappa() -> None:
    swapped = data("two_units_swapped")
    results = EDGE["two_units_swapped"]["results"]
    assert krippendorff_alpha(swapped).value == pytest.approx(
        results["krippendorff.alpha(nominal)"]
    )
    assert cohen_kappa(*swapped).value == pytest.approx(results["sklearn.cohen_kappa"])
    assert scott_pi(*swapped).value == pytest.approx(results["statsmodels.fleiss_kappa(=Scott pi)"])


def test_one_disagreement_among_identical_ratings_gives_alpha_exactly_zero() -> None:
    low_variance = data("one_disagreement_low_variance(fast-krippendorff issue #11)")
    assert krippendorff_alpha(low_variance).value == pytest.approx(0.0, abs=1e-12)
    # Four units agree fully; in the fifth, 12 of the 20 ordered pairs agree: (4 + 0.6) / 5.
    assert percent_agreement(low_variance).value == pytest.approx(0.92, abs=1e-12)


def test_units_with_a_single_rating_each_are_undefined_everywhere() -> None:
    single = data("single_rating_units_only")
    for name, result in {**chance_corrected(single), "pa": percent_agreement(single)}.items():
        assert result.value is None, name
        assert result.pairable == 0, name
    assert krippendorff_alpha(single).reason == NO_PAIRABLE_UNITS
    assert cohen_kappa(*single).reason is not None


def test_a_unit_with_a_single_rating_is_dropped_not_counted() -> None:
    mixed = data("unit_with_single_rating_mixed_in")
    alpha = krippendorff_alpha(mixed)
    assert alpha.value == pytest.approx(
        EDGE["unit_with_single_rating_mixed_in"]["results"]["krippendorff.alpha(nominal)"]
    )
    assert alpha.pairable == 6
    assert alpha.units == 4


def test_missing_ratings_are_never_counted_as_a_category() -> None:
    subjects = EDGE["statsmodels_nan_as_category"]["data_subjects_x_raters"]
    matrix = np.asarray(subjects, dtype=object).T.tolist()
    results = EDGE["statsmodels_nan_as_category"]["results"]
    assert krippendorff_alpha(matrix).value == pytest.approx(
        results["krippendorff.alpha nominal (correct handling)"]
    )
    assert set(fleiss_kappa_by_category(matrix)) == {1, 2}
    assert fleiss_kappa(matrix).value != pytest.approx(
        results["fleiss_kappa on that table (silently wrong)"]
    )


@pytest.mark.parametrize("empty", [[], [[]], [[], []], np.empty((0, 0)), np.empty((3, 0))])
def test_empty_data_is_undefined_with_no_ratings(empty: Any) -> None:
    for result in (krippendorff_alpha(empty), fleiss_kappa(empty), percent_agreement(empty)):
        assert result.value is None
        assert result.reason == NO_RATINGS
        assert (result.units, result.reviewers, result.pairable) == (0, 0, 0)


def test_all_missing_ratings_are_undefined_with_no_ratings() -> None:
    assert krippendorff_alpha([[None, None], [np.nan, None]]).reason == NO_RATINGS
    assert cohen_kappa([None, None], [None, None]).reason == NO_RATINGS


def test_a_single_reviewer_is_undefined_even_with_many_units() -> None:
    result = krippendorff_alpha([[1, 2, 3, 2, 1]])
    assert result.reason == ONE_REVIEWER
    assert (result.units, result.reviewers) == (5, 1)
    assert cohen_kappa([1, 2, 3], [None, None, None]).reason == ONE_REVIEWER


def test_bootstrap_of_an_undefined_alpha_has_no_interval_and_says_why() -> None:
    interval = alpha_bootstrap(data("all_identical"), samples=10)
    assert interval.low is None and interval.high is None
    assert interval.reason == NO_VARIATION


def test_a_statistic_cannot_hold_both_a_value_and_a_reason() -> None:
    with pytest.raises(ValueError, match="either a value or a reason"):
        Statistic(0.5, "because", 1, 2, 2)
    with pytest.raises(ValueError, match="either a value or a reason"):
        Statistic(None, None, 1, 2, 2)
    with pytest.raises(ValueError, match="finite"):
        Statistic(float("nan"), None, 1, 2, 2)


# -- malformed input -----------------------------------------------------------------------


def test_an_unknown_level_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown level 'nominl'"):
        krippendorff_alpha([[1, 2], [1, 2]], "nominl")  # type: ignore[arg-type]


def test_rows_of_different_lengths_are_rejected() -> None:
    with pytest.raises(ValueError, match="rectangular"):
        krippendorff_alpha([[1, 2, 3], [1, 2]])


def test_reviewers_rating_different_numbers_of_units_are_rejected_by_kappa() -> None:
    with pytest.raises(ValueError, match="same units: got 3 and 2"):
        cohen_kappa([1, 2, 3], [1, 2])


def test_three_dimensional_data_is_rejected() -> None:
    with pytest.raises(ValueError, match="2-D"):
        krippendorff_alpha(np.ones((2, 2, 2)))


def test_a_rating_outside_the_declared_values_is_rejected() -> None:
    with pytest.raises(ValueError, match="not among the declared values"):
        krippendorff_alpha([[1, 2], [1, 7]], values=[1, 2, 3])
    with pytest.raises(ValueError, match="not among the declared values"):
        krippendorff_alpha([["a", "b"], ["a", "z"]], values=["a", "b"])


def test_declared_values_must_not_repeat() -> None:
    with pytest.raises(ValueError, match="repeat"):
        krippendorff_alpha([[1, 2], [1, 2]], values=[1, 2, 1])


def test_ordinal_alpha_on_unordered_labels_asks_for_the_order() -> None:
    with pytest.raises(ValueError, match="values="):
        krippendorff_alpha([["low", "high"], ["low", "mid"]], "ordinal")


def test_interval_alpha_on_labels_without_a_scale_is_rejected() -> None:
    with pytest.raises(ValueError, match="numeric ratings"):
        krippendorff_alpha([["low", "high"], ["low", "mid"]], "interval")


def test_ratio_alpha_rejects_negative_values() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        krippendorff_alpha([[-1, 2], [-1, 3]], "ratio")


def test_infinite_ratings_are_rejected() -> None:
    with pytest.raises(ValueError, match="finite"):
        krippendorff_alpha(np.array([[1.0, np.inf], [1.0, 2.0]]))


def test_custom_distances_need_a_matching_symmetric_matrix_and_values() -> None:
    with pytest.raises(ValueError, match="distances=.*values="):
        krippendorff_alpha([[1, 2], [1, 2]], "custom", distances=[[0, 1], [1, 0]])
    with pytest.raises(ValueError, match="3 x 3"):
        krippendorff_alpha([[1, 2], [1, 2]], "custom", [1, 2, 3], distances=[[0, 1], [1, 0]])
    with pytest.raises(ValueError, match="symmetric"):
        krippendorff_alpha([[1, 2], [1, 2]], "custom", [1, 2], distances=[[0, 1], [2, 0]])
    with pytest.raises(ValueError, match="diagonal"):
        krippendorff_alpha([[1, 2], [1, 2]], "custom", [1, 2], distances=[[1, 1], [1, 0]])
    with pytest.raises(ValueError, match="only meaningful"):
        krippendorff_alpha([[1, 2], [1, 2]], "nominal", distances=[[0, 1], [1, 0]])


def test_unknown_kappa_weights_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown weights 'cubic'"):
        cohen_kappa([1, 2], [1, 2], weights="cubic")  # type: ignore[arg-type]


def test_a_kappa_weight_matrix_needs_values_and_the_right_shape() -> None:
    with pytest.raises(ValueError, match="values="):
        cohen_kappa([1, 2], [1, 2], weights=[[0, 1], [1, 0]])
    with pytest.raises(ValueError, match="3 x 3"):
        cohen_kappa([1, 2], [1, 2], weights=[[0, 1], [1, 0]], values=[1, 2, 3])


def test_linear_kappa_on_unordered_labels_asks_for_the_order() -> None:
    with pytest.raises(ValueError, match="values="):
        cohen_kappa(["x", "y"], ["y", "x"], weights="linear")


@pytest.mark.parametrize(
    ("samples", "confidence"), [(0, 0.95), (-5, 0.95), (10, 0.0), (10, 1.0), (10, 95)]
)
def test_bootstrap_rejects_nonsensical_settings(samples: int, confidence: float) -> None:
    with pytest.raises(ValueError):
        alpha_bootstrap([[1, 2], [1, 2]], samples=samples, confidence=confidence)

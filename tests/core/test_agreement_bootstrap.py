"""The unit-resampling percentile bootstrap for Krippendorff's alpha."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotations.core.agreement import alpha_bootstrap, krippendorff_alpha

CASES = Path(__file__).resolve().parents[1] / "data" / "agreement-cases"


def load(case_id: str) -> dict[str, Any]:
    return json.loads((CASES / f"{case_id}.json").read_text(encoding="utf-8"))


HAYES = load("hayes_krippendorff2007_5obs_40units_ordinal")
KRIPPENDORFF_2011 = load("krippendorff2011_4coders_12units_missing")


def test_the_same_seed_gives_the_same_interval() -> None:
    first = alpha_bootstrap(HAYES["data"]["values"], "ordinal", samples=300, seed=7)
    second = alpha_bootstrap(HAYES["data"]["values"], "ordinal", samples=300, seed=7)
    assert first == second


def test_a_different_seed_gives_a_different_interval() -> None:
    first = alpha_bootstrap(HAYES["data"]["values"], samples=300, seed=1)
    second = alpha_bootstrap(HAYES["data"]["values"], samples=300, seed=2)
    assert (first.low, first.high) != (second.low, second.high)


def test_the_estimate_is_the_plain_alpha_and_lies_inside_the_interval() -> None:
    interval = alpha_bootstrap(HAYES["data"]["values"], "interval", samples=500)
    plain = krippendorff_alpha(HAYES["data"]["values"], "interval")
    assert interval.estimate == plain
    assert interval.low is not None and interval.high is not None
    assert interval.low <= plain.value <= interval.high  # type: ignore[operator]
    assert interval.used == interval.samples == 500


def test_a_higher_confidence_gives_a_wider_interval() -> None:
    data = HAYES["data"]["values"]
    narrow = alpha_bootstrap(data, samples=500, confidence=0.8)
    wide = alpha_bootstrap(data, samples=500, confidence=0.99)
    assert wide.low <= narrow.low and narrow.high <= wide.high  # type: ignore[operator]


@pytest.mark.parametrize(
    ("case", "level"),
    [
        (HAYES, "nominal"),
        (HAYES, "ordinal"),
        (HAYES, "interval"),
        (KRIPPENDORFF_2011, "nominal"),
        (KRIPPENDORFF_2011, "ordinal"),
        (KRIPPENDORFF_2011, "interval"),
    ],
)
def test_interval_is_close_to_the_recorded_unit_bootstrap(case: dict[str, Any], level: str) -> None:
    # The case files record a unit bootstrap of an unknown implementation (seed 12345, other
    # RNG); different random draws can only agree up to Monte Carlo error, which for the
    # 12-unit example is a few hundredths.
    recorded = case["bootstrap_computed_only"][level]
    ours = alpha_bootstrap(case["data"]["values"], level, samples=2000, seed=12345)
    low, high = recorded["ci95_percentile"]
    assert ours.low == pytest.approx(low, abs=0.03)
    assert ours.high == pytest.approx(high, abs=0.03)
    assert ours.standard_error == pytest.approx(recorded["se"], abs=0.01)


def test_samples_where_alpha_is_undefined_are_left_out_and_counted() -> None:
    # Two units only: one in four resamples draws the same unit twice, where alpha is 0/0.
    interval = alpha_bootstrap([[1, 2], [1, 2]], samples=400, seed=3)
    assert 0 < interval.used < interval.samples
    assert interval.low == interval.high == 1.0

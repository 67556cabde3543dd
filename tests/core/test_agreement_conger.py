"""Conger's kappa (core.agreement.conger) and the z test of Fleiss' kappa (.significance).

Published values come from tests/data/agreement-cases: irrCAC's README for Conger's kappa on
``cac.raw4raters`` and R irr's ``kappam.fleiss`` z for Fleiss' (1971) data.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from annotations.core.agreement import (
    ZTest,
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    fleiss_kappa_z,
    gwet_ac1,
    krippendorff_alpha,
)
from annotations.core.agreement.reliability import (
    NO_PAIRABLE_UNITS,
    NO_RATINGS,
    NO_VARIATION,
    ONE_REVIEWER,
)
from annotations.core.agreement.significance import UNEQUAL_RATINGS

CASES = Path(__file__).resolve().parents[1] / "data" / "agreement-cases"


def load(case_id: str) -> dict[str, Any]:
    return json.loads((CASES / f"{case_id}.json").read_text(encoding="utf-8"))


KRIPPENDORFF = load("krippendorff2011_4coders_12units_missing")
FLEISS = load("fleiss1971_30subjects_6raters")


def krippendorff_layout() -> list[list[Any]]:
    """Krippendorff (2011): unit 12's single rating (3) is observer B's."""
    return [list(row) for row in KRIPPENDORFF["data"]["values"]]


def irrcac_layout() -> list[list[Any]]:
    """irrCAC's ``cac.raw4raters`` (README; Python port ``raw_4raters``): that 3 is Rater3's."""
    values = krippendorff_layout()
    values[1][11], values[2][11] = None, 3
    return values


def fleiss_data() -> np.ndarray:
    return np.asarray(FLEISS["data"]["subjects_x_ratings"]).T


def random_matrix(
    seed: int, reviewers: int = 4, units: int = 25, categories: int = 4, missing: float = 0.25
) -> list[list[int | None]]:
    rng = np.random.default_rng(seed)
    ratings = rng.integers(1, categories + 1, size=(reviewers, units))
    # Correlate reviewers a little so that kappa is not always near 0.
    truth = rng.integers(1, categories + 1, size=units)
    ratings = np.where(rng.random((reviewers, units)) < 0.5, truth, ratings)
    holes = rng.random((reviewers, units)) < missing
    return [
        [None if holes[g, i] else int(ratings[g, i]) for i in range(units)]
        for g in range(reviewers)
    ]


def irrcac_transcription(data: list[list[Any]]) -> tuple[float, float, float, float]:
    """A loop-by-loop transcription of irrCAC's ``conger.kappa.raw`` (unweighted): pa, pe,
    kappa, standard error. Deliberately naive, to check the vectorised implementation."""
    raters = [g for g in range(len(data)) if any(v is not None for v in data[g])]
    subjects = [i for i in range(len(data[0])) if any(row[i] is not None for row in data)]
    x = [[data[g][i] for g in raters] for i in subjects]  # irrCAC's n x r layout
    n, r = len(x), len(raters)
    categ = sorted({v for row in x for v in row if v is not None})
    agree = [[sum(v == k for v in row) for k in categ] for row in x]
    classif = [[sum(x[i][g] == k for i in range(n)) for k in categ] for g in range(r)]
    ri = [sum(row) for row in agree]
    sum_q = [sum(a * (a - 1) for a in row) for row in agree]
    n2more = sum(v >= 2 for v in ri)
    pa = sum(sum_q[i] / (ri[i] * (ri[i] - 1)) for i in range(n) if ri[i] >= 2) / n2more
    ng = [sum(row) for row in classif]
    pgk = [[classif[g][k] / ng[g] for k in range(len(categ))] for g in range(r)]
    pmean = [sum(pgk[g][k] for g in range(r)) / r for k in range(len(categ))]
    s2 = [
        (sum(pgk[g][k] ** 2 for g in range(r)) - r * pmean[k] ** 2) / (r - 1)
        for k in range(len(categ))
    ]
    pe = sum(pmean[k] ** 2 - s2[k] / r for k in range(len(categ)))
    kappa = (pa - pe) / (1 - pe)
    lamda = [[0.0] * r for _ in range(n)]
    for k in range(len(categ)):
        for i in range(n):
            for g in range(r):
                epsi = x[i][g] is not None
                delta = x[i][g] == categ[k]
                term = (delta - (epsi - ng[g] / n) * pgk[g][k]) * n / ng[g]
                lamda[i][g] += term * (r * pmean[k] - pgk[g][k])
    pe_i = [sum(lamda[i]) / (r * (r - 1)) for i in range(n)]
    total = 0.0
    for i in range(n):
        pa_i = sum_q[i] / (ri[i] * (ri[i] - 1)) if ri[i] >= 2 else 0.0
        c_i = (n / n2more) * (pa_i - pe * (ri[i] >= 2)) / (1 - pe)
        c_i -= 2 * (1 - kappa) * (pe_i[i] - pe) / (1 - pe)
        total += (c_i - kappa) ** 2
    return pa, pe, kappa, math.sqrt(total / (n * (n - 1)))


# -- Conger's kappa: published values ----------------------------------------------------------


def test_conger_reproduces_the_irrcac_readme() -> None:
    # irrCAC README, conger.kappa.raw(cac.raw4raters): pa 0.8181818, pe 0.2334252,
    # coeff.val 0.76282, coeff.se 0.14917, conf.int (0.435,1).
    kappa = conger_kappa(irrcac_layout())
    assert kappa.value == pytest.approx(0.76282, abs=5.1e-6)
    assert kappa.observed == pytest.approx(0.8181818, abs=5.1e-8)
    assert kappa.expected == pytest.approx(0.2334252, abs=5.1e-8)
    assert kappa.standard_error == pytest.approx(0.14917, abs=5.1e-6)
    assert (kappa.units, kappa.reviewers, kappa.pairable) == (12, 4, 40)


def test_on_krippendorffs_layout_the_same_formula_gives_the_python_ports_value() -> None:
    # The case file's 0.76207 ("irrCAC Python port") is the same formula run on Krippendorff's
    # layout; it is not a different treatment of missing data.
    port = KRIPPENDORFF["computed"]["irrCAC==0.4.4 (Python port of Gwet's R irrCAC)"]
    kappa = conger_kappa(krippendorff_layout())
    assert kappa.value == pytest.approx(port["conger_kappa|nominal"], abs=5.1e-6)
    assert kappa.observed == pytest.approx(conger_kappa(irrcac_layout()).observed, abs=1e-15)


def test_the_two_layouts_differ_only_in_who_gave_the_unpairable_rating() -> None:
    ours, theirs = krippendorff_layout(), irrcac_layout()
    differences = {(g, i) for g in range(4) for i in range(12) if ours[g][i] != theirs[g][i]}
    assert differences == {(1, 11), (2, 11)}
    # Coefficients that ignore who rated what cannot tell them apart; Conger's kappa can.
    for coefficient in (fleiss_kappa, gwet_ac1, brennan_prediger, krippendorff_alpha):
        assert coefficient(ours).value == pytest.approx(coefficient(theirs).value, abs=1e-15)
    assert abs(conger_kappa(ours).value - conger_kappa(theirs).value) > 5e-4  # type: ignore[operator]


@pytest.mark.parametrize("seed", range(8))
def test_conger_matches_a_literal_transcription_of_irrcac(seed: int) -> None:
    data = random_matrix(seed, reviewers=2 + seed % 4, units=10 + 3 * seed)
    pa, pe, value, se = irrcac_transcription(data)
    kappa = conger_kappa(data)
    assert kappa.observed == pytest.approx(pa, abs=1e-12)
    assert kappa.expected == pytest.approx(pe, abs=1e-12)
    assert kappa.value == pytest.approx(value, abs=1e-12)
    assert kappa.standard_error == pytest.approx(se, abs=1e-12)


# -- Conger's kappa: properties ----------------------------------------------------------------


def two_rater_cases() -> list[tuple[list[Any], list[Any]]]:
    cases = []
    for seed in range(6):
        a, b = random_matrix(seed, reviewers=2, units=30, missing=0.0)
        cases.append((a, b))
    cohen1960 = load("cohen1960_1968_3x3_N200")["data"]["table"]
    a, b = [], []
    for i, row in enumerate(cohen1960):
        for j, count in enumerate(row):
            a += [i] * count
            b += [j] * count
    cases.append((a, b))
    cases.append((["yes", "no", "no", "yes", "maybe"], ["yes", "no", "yes", "yes", "no"]))
    return cases


@pytest.mark.parametrize(("a", "b"), two_rater_cases())
def test_two_reviewers_with_complete_data_give_cohens_kappa(a: list[Any], b: list[Any]) -> None:
    conger, cohen = conger_kappa([a, b]), cohen_kappa(a, b)
    assert conger.value == pytest.approx(cohen.value, abs=1e-12)
    assert conger.observed == pytest.approx(cohen.observed, abs=1e-12)
    assert conger.expected == pytest.approx(cohen.expected, abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_permuting_units_or_reviewers_changes_nothing(seed: int) -> None:
    data = np.asarray(random_matrix(seed), dtype=object)
    rng = np.random.default_rng(100 + seed)
    reference = conger_kappa(data)
    for shuffled in (data[:, rng.permutation(data.shape[1])], data[rng.permutation(len(data))]):
        kappa = conger_kappa(shuffled)
        assert kappa.value == pytest.approx(reference.value, abs=1e-12)
        assert kappa.expected == pytest.approx(reference.expected, abs=1e-12)
        assert kappa.standard_error == pytest.approx(reference.standard_error, abs=1e-12)


def test_empty_reviewers_units_and_declared_unused_values_change_nothing() -> None:
    data = irrcac_layout()
    padded = [[*row, None] for row in data] + [[None] * 13]
    reference = conger_kappa(data)
    for variant in (
        conger_kappa(padded),
        conger_kappa(data, values=[1, 2, 3, 4, 5, 6]),
        conger_kappa(np.array(data, dtype=float)),
    ):
        assert variant.value == pytest.approx(reference.value, abs=1e-15)
        assert variant.standard_error == pytest.approx(reference.standard_error, abs=1e-15)
        assert (variant.units, variant.reviewers) == (12, 4)


def test_string_labels_give_the_numeric_result() -> None:
    names = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
    labelled = [[None if v is None else names[v] for v in row] for row in irrcac_layout()]
    assert conger_kappa(labelled).value == pytest.approx(
        conger_kappa(irrcac_layout()).value, abs=1e-15
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([], NO_RATINGS),
        ([[None, None], [None, None]], NO_RATINGS),
        ([[1, 2, 3], [None, None, None]], ONE_REVIEWER),
        ([[1, 2, None, None], [None, None, 1, 2]], NO_PAIRABLE_UNITS),
        ([[2, 2, 2], [2, 2, None], [2, None, 2]], NO_VARIATION),
    ],
)
def test_degenerate_input_is_undefined_with_a_reason(data: list[list[Any]], reason: str) -> None:
    kappa = conger_kappa(data)
    assert kappa.value is None
    assert kappa.reason == reason
    assert kappa.standard_error is None


def test_ratings_outside_the_declared_values_raise() -> None:
    with pytest.raises(ValueError, match="not among the declared values"):
        conger_kappa([[1, 2], [2, 3]], values=[1, 2])


def test_a_single_rated_unit_has_a_value_but_no_standard_error() -> None:
    # Two reviewers who disagree on the only unit: p_a = 0, p_e = 0, kappa = 0.
    kappa = conger_kappa([[1], [2]])
    assert (kappa.value, kappa.observed, kappa.expected) == (0.0, 0.0, 0.0)
    assert kappa.standard_error is None


def test_an_unpairable_rating_still_counts_in_its_reviewers_distribution() -> None:
    # Unit 2 is rated once; it still changes reviewer 1's p_gk (1/2, 1/2), so p_e = 1/2.
    kappa = conger_kappa([[1, 2], [1, None]])
    assert (kappa.observed, kappa.expected, kappa.value) == (1.0, 0.5, 1.0)
    assert (kappa.units, kappa.pairable) == (2, 2)


# -- z test of Fleiss' kappa -------------------------------------------------------------------


def test_fleiss_z_reproduces_irr() -> None:
    expected = next(e for e in FLEISS["expected"] if e["key"] == "z")
    test = fleiss_kappa_z(fleiss_data())
    assert test.z == pytest.approx(expected["value"], abs=expected["tolerance"])
    assert test.kappa == pytest.approx(0.4302445, abs=5e-8)  # irr::kappam.fleiss
    assert test.standard_error_null == pytest.approx(test.kappa / test.z, rel=1e-12)  # type: ignore[operator]
    assert test.p_value == pytest.approx(math.erfc(test.z / math.sqrt(2.0)), rel=1e-12)  # type: ignore[operator]
    assert test.p_value < 1e-60  # type: ignore[operator]
    assert test.reason is None


def test_z_is_zero_when_kappa_is_zero() -> None:
    test = fleiss_kappa_z([["a", "b", "a", "b"], ["a", "b", "b", "a"]])
    assert test.kappa == 0.0
    assert test.z == 0.0
    assert test.p_value == 1.0


@pytest.mark.parametrize("units", [4, 10, 50])
def test_null_standard_error_for_two_balanced_categories_and_two_ratings(units: int) -> None:
    # p = q = 1/2 and m = 2: var0 = 2 / (n m (m - 1)) = 1 / n.
    half = units // 2
    a = [0] * half + [1] * (units - half)
    b = [0] * (half // 2) + [1] * (half - half // 2) + [1] * ((units - half) // 2)
    b += [0] * (units - len(b))
    test = fleiss_kappa_z([a, b])
    assert test.standard_error_null == pytest.approx(1.0 / math.sqrt(units), rel=1e-12)


def test_unequal_numbers_of_ratings_make_z_undefined() -> None:
    test = fleiss_kappa_z(krippendorff_layout())
    assert test.z is None
    assert test.reason == UNEQUAL_RATINGS
    assert (test.standard_error_null, test.p_value) == (None, None)
    assert not test.defined


def test_units_without_any_rating_are_ignored() -> None:
    data = fleiss_data().tolist()
    padded = [[*row, None] for row in data]
    assert fleiss_kappa_z(padded).z == pytest.approx(fleiss_kappa_z(data).z, abs=1e-12)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([], NO_RATINGS),
        ([[1, 2, 3]], ONE_REVIEWER),
        ([[1, 1, 1], [1, 1, 1]], NO_VARIATION),
    ],
)
def test_degenerate_input_makes_z_undefined(data: list[list[Any]], reason: str) -> None:
    test = fleiss_kappa_z(data)
    assert (test.z, test.reason) == (None, reason)


def test_ztest_is_either_defined_or_explained() -> None:
    with pytest.raises(ValueError):
        ZTest(z=1.0, standard_error_null=0.1, p_value=0.3, reason="both")
    with pytest.raises(ValueError):
        ZTest(z=None, standard_error_null=None, p_value=None, reason=None)
    with pytest.raises(ValueError):
        ZTest(z=None, standard_error_null=0.1, p_value=None, reason="undefined")
    with pytest.raises(ValueError):
        ZTest(z=math.nan, standard_error_null=0.1, p_value=0.3, reason=None)

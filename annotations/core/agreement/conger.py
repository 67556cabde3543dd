"""Conger's kappa: Cohen's kappa generalised to any number of reviewers, missing ratings allowed.

Conger, A. J. (1980). Integration and generalization of kappas for multiple raters. Psychol.
Bull. 88(2):322-328. Incomplete data and the standard error follow Gwet, K. L. (2014).
Handbook of Inter-Rater Reliability, 4th ed., Advanced Analytics, as implemented in Gwet's R
package irrCAC (``conger.kappa.raw``, unweighted).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt

from .coding import encode
from .reliability import (
    NO_PAIRABLE_UNITS,
    NO_RATINGS,
    NO_VARIATION,
    ONE_REVIEWER,
    Ratings,
    Statistic,
    undefined,
)


def conger_kappa(data: Ratings, values: Sequence[Hashable] | None = None) -> Statistic:
    """Conger's kappa for two or more reviewers (rows) rating units (columns).

    Observed agreement is that of :func:`.percent_agreement`: with r_ik the number of reviewers
    who gave value k to unit i, r_i = sum_k r_ik and n2 the units with at least two ratings::

        p_a = (1 / n2) * sum_{i: r_i >= 2} sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))

    Chance agreement uses each reviewer's *own* distribution of values (this is what sets it
    apart from Fleiss' kappa, which pools all reviewers). With r reviewers, n_g the number of
    units reviewer g rated and p_gk the share of them that g put in category k::

        pbar_k = (1 / r) sum_g p_gk
        s2_k   = (sum_g p_gk ** 2 - r pbar_k ** 2) / (r - 1)
        p_e    = sum_k (pbar_k ** 2 - s2_k / r)
               = (1 / (r (r - 1))) sum_{g != h} sum_k p_gk p_hk
        kappa  = (p_a - p_e) / (1 - p_e)

    so p_e is Cohen's chance agreement averaged over all pairs of reviewers (Conger 1980);
    the s2 form is the one irrCAC's ``conger.kappa.raw`` computes. For two reviewers with
    complete data this is exactly Cohen's kappa.

    Missing ratings are treated exactly as irrCAC does: p_a uses each unit's own r_i and only
    units with two or more ratings, while p_gk is taken over the units reviewer g rated, *including
    units that nobody else rated*. A rating that cannot be compared with any other therefore
    still moves its reviewer's distribution, and Conger's kappa (unlike the Fleiss, AC1,
    Brennan-Prediger and alpha values of this package) depends on who gave such a rating.
    Example: Krippendorff's (2011) 4 x 12 data with unit 12's single rating given by observer B
    give 0.76207; irrCAC's ``cac.raw4raters``, the same ratings with that one given by
    Rater3, give 0.76282 as printed in the irrCAC README. Reviewers without any rating and
    units without any rating are left out (irrCAC asks for the latter to be removed).

    ``values`` declares the categories (and validates the ratings against them); categories
    nobody used add nothing to unweighted kappa. ``standard_error`` is Gwet's linearisation
    estimator from ``conger.kappa.raw`` (infinite population, no finite population
    correction), over the n units with at least one rating::

        kappa*_i = (n / n2) (p_a,i - p_e [r_i >= 2]) / (1 - p_e)
                   - 2 (1 - kappa) (p_e,i - p_e) / (1 - p_e)
        var      = sum_i (kappa*_i - kappa) ** 2 / (n (n - 1))

    with p_a,i the unit's agreement (0 when r_i < 2) and p_e,i its contribution to p_e (mean
    p_e), from irrCAC. Returns ``basis="agreement"`` (observed = p_a, expected = p_e). Undefined
    when there are no ratings, fewer than two reviewers, no unit rated twice, or a single value
    used throughout (p_e = 1).
    """
    coded = encode(data, values)
    codes = coded.codes
    rated = codes >= 0
    codes = codes[rated.any(axis=1)][:, rated.any(axis=0)]
    reviewers, units = codes.shape
    if codes.size == 0:
        return undefined(NO_RATINGS)
    size = len(coded.domain)
    present = codes >= 0
    by_unit, by_reviewer = _tables(codes, present, size)
    ratings = by_unit.sum(axis=0)  # r_i
    pairable = ratings >= 2
    pairable_count = int(ratings[pairable].sum())
    if reviewers < 2:
        return undefined(ONE_REVIEWER, units, reviewers, pairable_count)
    if not pairable.any():
        return undefined(NO_PAIRABLE_UNITS, units, reviewers, pairable_count)
    if np.count_nonzero(by_unit.sum(axis=1)) <= 1:
        return undefined(NO_VARIATION, units, reviewers, pairable_count)

    agreement = np.zeros(units)
    np.divide(
        (by_unit * (by_unit - 1.0)).sum(axis=0),
        ratings * (ratings - 1.0),
        out=agreement,
        where=pairable,
    )
    observed = float(agreement[pairable].mean())

    rated_by = by_reviewer.sum(axis=1)  # n_g
    shares = by_reviewer / rated_by[:, None]  # p_gk
    total = shares.sum(axis=0)  # r * pbar_k
    expected = float(total @ total - (shares * shares).sum()) / (reviewers * (reviewers - 1.0))
    if expected >= 1.0:
        return undefined(NO_VARIATION, units, reviewers, pairable_count)
    value = (observed - expected) / (1.0 - expected)
    return Statistic(
        value=value,
        reason=None,
        units=units,
        reviewers=reviewers,
        pairable=pairable_count,
        observed=observed,
        expected=expected,
        basis="agreement",
        standard_error=_standard_error(
            codes, present, shares, total, rated_by, agreement, pairable, value, expected
        ),
    )


def _tables(
    codes: npt.NDArray[np.int64], present: npt.NDArray[np.bool_], size: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Value x unit counts (r_ik) and reviewer x value counts (n_g p_gk)."""
    reviewers, units = codes.shape
    reviewer_index, unit_index = np.nonzero(present)
    code = codes[present]
    by_unit = np.bincount(code * units + unit_index, minlength=size * units)
    by_reviewer = np.bincount(reviewer_index * size + code, minlength=reviewers * size)
    return (
        by_unit.reshape(size, units).astype(np.float64),
        by_reviewer.reshape(reviewers, size).astype(np.float64),
    )


def _standard_error(
    codes: npt.NDArray[np.int64],
    present: npt.NDArray[np.bool_],
    shares: npt.NDArray[np.float64],
    total: npt.NDArray[np.float64],
    rated_by: npt.NDArray[np.float64],
    agreement: npt.NDArray[np.float64],
    pairable: npt.NDArray[np.bool_],
    value: float,
    expected: float,
) -> float | None:
    """irrCAC's ``conger.kappa.raw`` variance, unweighted.

    Per reviewer g and unit i, with e_gi = 1 if g rated i and A_gk = r pbar_k - p_gk::

        lambda_gi = (n / n_g) (e_gi A_g[rating] - (e_gi - n_g / n) sum_k p_gk A_gk)
        p_e,i     = sum_g lambda_gi / (r (r - 1))
    """
    reviewers, units = codes.shape
    if units < 2:
        return None
    pairs = reviewers * (reviewers - 1.0)
    spread = total[None, :] - shares  # A_gk
    at_rating = np.take_along_axis(spread, np.where(present, codes, 0), axis=1) * present
    mean_term = (shares * spread).sum(axis=1)  # sum_k p_gk A_gk
    lambdas = (units / rated_by)[:, None] * (
        at_rating - (present - (rated_by / units)[:, None]) * mean_term[:, None]
    )
    unit_chance = lambdas.sum(axis=0) / pairs
    n2 = int(pairable.sum())
    per_unit = (units / n2) * (agreement - expected * pairable) / (1.0 - expected) - 2.0 * (
        1.0 - value
    ) * (unit_chance - expected) / (1.0 - expected)
    variance = float(((per_unit - value) ** 2).sum()) / (units * (units - 1.0))
    return float(np.sqrt(variance))

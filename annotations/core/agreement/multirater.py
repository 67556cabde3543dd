"""Coefficients for any number of reviewers, with missing ratings allowed.

All of them share Gwet's framework for incomplete data (Gwet, K. L. (2014). Handbook of
Inter-Rater Reliability, 4th ed., Advanced Analytics, chapters 2 and 5; implemented in R
irrCAC's ``*.raw`` functions). With r_ik the number of reviewers who gave value k to unit i,
r_i = sum_k r_ik, n the units with at least one rating and n2 those with at least two::

    p_a   = (1 / n2) * sum_{i: r_i >= 2} sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))
    pi_k  = (1 / n)  * sum_i r_ik / r_i
    coefficient = (p_a - p_e) / (1 - p_e)

Each unit's agreement uses its own r_i; units with a single rating carry no agreement
information and are left out of p_a, but they still show which values reviewers use, so they
count in pi_k. The coefficients differ only in the chance agreement p_e.

Standard errors are Gwet's linearisation estimator (same chapters), with the infinite-
population assumption (no finite population correction).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from .coding import tally
from .reliability import NO_VARIATION, Ratings, Statistic, Tally


@dataclass(frozen=True, slots=True)
class _Units:
    """Per-unit quantities of the units with at least one rating."""

    table: npt.NDArray[np.float64]  # V x n
    ratings: npt.NDArray[np.float64]  # r_i
    pairable: npt.NDArray[np.bool_]  # r_i >= 2
    agreement: npt.NDArray[np.float64]  # p_a,i (0 where r_i < 2)
    shares: npt.NDArray[np.float64]  # pi_k

    @property
    def observed(self) -> float:
        return float(self.agreement[self.pairable].mean())

    @property
    def used(self) -> int:
        return int(np.count_nonzero(self.table.sum(axis=1)))


def percent_agreement(data: Ratings) -> Statistic:
    """Share of agreeing reviewer pairs, averaged over units rated by at least two reviewers.

    ``p_a`` above (Gwet 2014, ch. 2; irrCAC ``pa.coeff.raw``; for two reviewers with
    complete data simply the proportion of units on which they agree). Not chance-corrected,
    so unanimous identical ratings give 1.0, which is a true statement about the data; it is
    undefined only when no unit has two ratings. Other "percent agreement" definitions
    exist: Krippendorff's 1 - D_o weights units by their number of ratings (it is
    ``1 - krippendorff_alpha(data).observed``).
    """
    counts = tally(data)
    reason = counts.undefined_reason()
    if reason is not None:
        return counts.undefined(reason)
    units = _units(counts)
    # Nothing is subtracted for chance, so there is no "expected" to report.
    return replace(_coefficient(counts, units, chance=0.0, unit_chance=None), expected=None)


def fleiss_kappa(data: Ratings) -> Statistic:
    """Fleiss' kappa, generalised to units with different numbers of ratings.

    Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychol. Bull.
    76(5):378-382, with the generalisation to incomplete data of Gwet (2014, ch. 5)::

        p_e = sum_k pi_k ** 2

    With the same number of ratings for every unit this is exactly Fleiss (1971): P-bar is
    p_a and P-bar_e is p_e. Returns ``basis="agreement"`` (observed = p_a, expected = p_e).
    """
    counts = tally(data)
    reason = counts.undefined_reason()
    if reason is not None:
        return counts.undefined(reason)
    return _fleiss(counts, _units(counts))


def fleiss_kappa_by_category(
    data: Ratings, values: Sequence[Hashable] | None = None
) -> dict[Hashable, Statistic]:
    """Fleiss' category-specific kappas: one value against all others.

    Fleiss (1971, p. 381)::

        kappa_j = 1 - sum_i r_ij (r_i - r_ij) / (n r (r - 1) p_j q_j)

    computed as :func:`fleiss_kappa` on the data dichotomised into "j" and "not j", which is
    the same number for complete data and extends to incomplete data the same way. Tells
    which labels the reviewers confuse. A value that nobody (or everybody) used is undefined.
    """
    counts = tally(data, values)
    reason = counts.undefined_reason()
    results: dict[Hashable, Statistic] = {}
    for k, value in enumerate(counts.domain):
        if reason is not None:
            results[value] = counts.undefined(reason)
            continue
        chosen = counts.counts[k]
        binary = Tally(
            counts=np.vstack([chosen, counts.per_unit - chosen]),
            per_unit=counts.per_unit,
            domain=(True, False),
            scores=None,
            ordered=False,
            reviewers=counts.reviewers,
        )
        results[value] = _fleiss(binary, _units(binary))
    return results


def gwet_ac1(data: Ratings, values: Sequence[Hashable] | None = None) -> Statistic:
    """Gwet's AC1 for any number of reviewers.

    Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence of
    high agreement. Br. J. Math. Stat. Psychol. 61:29-48; multi-rater form with missing data
    from Gwet (2014, ch. 5)::

        p_e = sum_k pi_k (1 - pi_k) / (q - 1)

    q is the number of categories: ``len(values)`` when declared, otherwise the number of
    observed values. Declaring an unused category therefore changes AC1. When every rating is
    the same value AC1 would be 1 by construction; that case is reported as undefined like
    every other chance-corrected coefficient here. Returns ``basis="agreement"``.
    """
    counts = tally(data, values)
    reason = counts.undefined_reason()
    if reason is not None:
        return counts.undefined(reason)
    units = _units(counts)
    if units.used <= 1:
        return counts.undefined(NO_VARIATION)
    categories = len(counts.domain)
    shares = units.shares
    chance = float((shares * (1.0 - shares)).sum()) / (categories - 1)
    unit_chance = ((1.0 - shares) @ units.table) / (units.ratings * (categories - 1))
    return _coefficient(counts, units, chance, unit_chance)


def brennan_prediger(data: Ratings, values: Sequence[Hashable] | None = None) -> Statistic:
    """Brennan & Prediger's coefficient (Bennett et al.'s S for two reviewers).

    Bennett, E. M., Alpert, R. & Goldstein, A. C. (1954). Communications through limited
    response questioning. Public Opinion Quarterly 18(3):303-308; Brennan, R. L. & Prediger,
    D. J. (1981). Coefficient kappa: some uses, misuses, and alternatives. Educ. Psychol.
    Meas. 41:687-699; incomplete data per Gwet (2014)::

        p_e = 1 / q

    with q = ``len(values)`` when declared, else the number of observed values.
    """
    counts = tally(data, values)
    reason = counts.undefined_reason()
    if reason is not None:
        return counts.undefined(reason)
    units = _units(counts)
    if units.used <= 1:
        return counts.undefined(NO_VARIATION)
    return _coefficient(counts, units, 1.0 / len(counts.domain), unit_chance=None)


def _units(counts: Tally) -> _Units:
    rated = counts.per_unit > 0
    table = counts.counts[:, rated]
    ratings = counts.per_unit[rated]
    pairable = ratings >= 2
    pairs = ratings * (ratings - 1.0)
    agreement = np.zeros(ratings.shape)
    np.divide((table * (table - 1.0)).sum(axis=0), pairs, out=agreement, where=pairable)
    shares = (table / ratings).mean(axis=1)
    return _Units(table, ratings, pairable, agreement, shares)


def _fleiss(counts: Tally, units: _Units) -> Statistic:
    if units.used <= 1:
        return counts.undefined(NO_VARIATION)
    chance = float(units.shares @ units.shares)
    unit_chance = (units.shares @ units.table) / units.ratings
    return _coefficient(counts, units, chance, unit_chance)


def _coefficient(
    counts: Tally,
    units: _Units,
    chance: float,
    unit_chance: npt.NDArray[np.float64] | None,
) -> Statistic:
    observed = units.observed
    value = (observed - chance) / (1.0 - chance)
    return Statistic(
        value=value,
        reason=None,
        units=counts.units,
        reviewers=counts.reviewers,
        pairable=counts.pairable,
        observed=observed,
        expected=chance,
        basis="agreement",
        standard_error=_gwet_se(units, value, chance, unit_chance),
    )


def _gwet_se(
    units: _Units,
    value: float,
    chance: float,
    unit_chance: npt.NDArray[np.float64] | None,
) -> float | None:
    """Gwet (2014) linearisation: var = sum_i (c*_i - c)^2 / (n (n - 1))."""
    n = units.ratings.shape[0]
    if n < 2:
        return None
    n2 = int(units.pairable.sum())
    per_unit = (n / n2) * (units.agreement - chance * units.pairable) / (1.0 - chance)
    if unit_chance is not None:
        per_unit = per_unit - 2.0 * (1.0 - value) * (unit_chance - chance) / (1.0 - chance)
    variance = float(((per_unit - value) ** 2).sum()) / (n * (n - 1.0))
    return float(np.sqrt(variance))

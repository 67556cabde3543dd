"""Two-reviewer coefficients: Cohen's kappa (plain and weighted), Scott's pi, Cohen's kappa_max.

All of them work on the joint contingency table of the units that *both* reviewers rated;
units rated by only one reviewer are dropped (listwise deletion), because these coefficients
are defined for complete pairs only.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from annotations.core.charts import gettext_noop

from .coding import encode
from .reliability import (
    NO_RATINGS,
    NO_VARIATION,
    ONE_REVIEWER,
    ZERO_EXPECTED,
    Statistic,
    undefined,
)

Weights = Literal["linear", "quadratic"] | npt.ArrayLike | None

NO_COMMON_UNITS = gettext_noop("no unit was rated by both reviewers, so nothing can be compared")


@dataclass(frozen=True, slots=True)
class _Table:
    """Joint counts of the complete pairs, with the counts a Statistic reports."""

    counts: npt.NDArray[np.float64]  # rows: reviewer a's value, columns: reviewer b's
    pairs: int
    units: int
    reviewers: int
    ordered: bool
    used: int  # values that occur in at least one complete pair

    @property
    def proportions(self) -> npt.NDArray[np.float64]:
        return self.counts / self.pairs if self.pairs else self.counts

    @property
    def rows(self) -> npt.NDArray[np.float64]:
        totals: npt.NDArray[np.float64] = self.counts.sum(axis=1)  # NumPy types sum() as Any
        return totals / max(self.pairs, 1)

    @property
    def columns(self) -> npt.NDArray[np.float64]:
        totals: npt.NDArray[np.float64] = self.counts.sum(axis=0)
        return totals / max(self.pairs, 1)

    def share(self, weights: npt.NDArray[np.float64]) -> float:
        """sum_ij weights_ij p_ij, summed over counts first so that 1 stays exactly 1."""
        return float((weights * self.counts).sum()) / self.pairs

    def undefined(self, reason: str) -> Statistic:
        return undefined(reason, self.units, self.reviewers, 2 * self.pairs)


def cohen_kappa(
    a: Sequence[Hashable | None],
    b: Sequence[Hashable | None],
    weights: Weights = None,
    values: Sequence[Hashable] | None = None,
) -> Statistic:
    """Cohen's kappa between two reviewers, optionally weighted.

    Unweighted (Cohen 1960, "A coefficient of agreement for nominal scales", Educ. Psychol.
    Meas. 20:37-46)::

        kappa = (p_o - p_e) / (1 - p_e),  p_o = sum_k p_kk,  p_e = sum_k p_k. p_.k

    Weighted (Cohen 1968, "Weighted kappa", Psychol. Bull. 70:213-220), with *disagreement*
    weights v_ij (v_ii = 0)::

        kappa_w = 1 - sum_ij v_ij p_ij / sum_ij v_ij p_i. p_.j

    ``weights="linear"`` uses ``v_ij = |i - j|`` and ``"quadratic"`` ``v_ij = (i - j)**2``, where
    i and j are *positions* in the scale (Cicchetti & Allison 1971; Fleiss & Cohen 1973). The
    scale is ``values`` when given, so an unused category still counts as a step; without
    ``values`` it is the sorted set of observed categories, as in R irr, scikit-learn and
    statsmodels. A square matrix may be passed instead, aligned with ``values`` (required):
    row i is reviewer ``a``'s category, column j reviewer ``b``'s, so non-symmetric weights
    are applied in that orientation.

    ``standard_error`` is the large-sample (non-null) SE of Fleiss, Cohen & Everitt (1969,
    Psychol. Bull. 72:323-327), the one SAS PROC FREQ and statsmodels report.

    Returns ``basis="agreement"`` (p_o, p_e) when unweighted and ``basis="disagreement"``
    (weighted observed and expected disagreement) when weighted.
    """
    table = _table(a, b, values)
    if isinstance(weights, str) or weights is None:
        if weights not in (None, "linear", "quadratic"):
            raise ValueError(f"unknown weights {weights!r}; expected None, 'linear' or 'quadratic'")
    elif values is None:
        raise ValueError("a weight matrix needs values=[...] to say which category each row is")
    size = table.counts.shape[0]
    disagreement = _disagreement_weights(weights, size, table.ordered)
    reason = _degenerate(table)
    if reason is not None:
        return table.undefined(reason)
    chance = np.outer(table.rows, table.columns)
    if disagreement is None:
        observed = table.share(np.eye(size))
        expected = float(np.trace(chance))
        if expected >= 1.0:
            return table.undefined(NO_VARIATION)
        value = (observed - expected) / (1.0 - expected)
        basis: Literal["agreement", "disagreement"] = "agreement"
        agreement = np.eye(size)
    else:
        observed = table.share(disagreement)
        expected = float((disagreement * chance).sum())
        if expected <= 0.0:
            return table.undefined(NO_VARIATION if table.used <= 1 else ZERO_EXPECTED)
        value = 1.0 - observed / expected
        basis = "disagreement"
        agreement = 1.0 - disagreement / disagreement.max()
    return Statistic(
        value=value,
        reason=None,
        units=table.units,
        reviewers=table.reviewers,
        pairable=2 * table.pairs,
        observed=observed,
        expected=expected,
        basis=basis,
        standard_error=_fleiss_cohen_everitt_se(table, agreement),
    )


def scott_pi(
    a: Sequence[Hashable | None],
    b: Sequence[Hashable | None],
    values: Sequence[Hashable] | None = None,
) -> Statistic:
    """Scott's pi between two reviewers.

    Scott, W. A. (1955). Reliability of content analysis: the case of nominal scale coding.
    Public Opinion Quarterly 19(3):321-325::

        pi = (p_o - p_e) / (1 - p_e),  p_e = sum_k ((p_k. + p_.k) / 2) ** 2

    Chance agreement uses the pooled distribution of both reviewers, unlike Cohen's kappa.
    ``values`` only fixes which categories exist; it cannot change pi. Returns
    ``basis="agreement"``.
    """
    table = _table(a, b, values)
    reason = _degenerate(table)
    if reason is not None:
        return table.undefined(reason)
    pooled = (table.rows + table.columns) / 2.0
    observed = table.share(np.eye(len(pooled)))
    expected = float(pooled @ pooled)
    if expected >= 1.0:
        return table.undefined(NO_VARIATION)
    return Statistic(
        value=(observed - expected) / (1.0 - expected),
        reason=None,
        units=table.units,
        reviewers=table.reviewers,
        pairable=2 * table.pairs,
        observed=observed,
        expected=expected,
    )


def cohen_kappa_max(
    a: Sequence[Hashable | None],
    b: Sequence[Hashable | None],
    values: Sequence[Hashable] | None = None,
) -> Statistic:
    """The largest kappa the two reviewers' marginal distributions allow.

    Cohen (1960, p. 42)::

        kappa_M = (p_M - p_e) / (1 - p_e),  p_M = sum_k min(p_k., p_.k)

    Useful to tell "the reviewers disagree" from "their label frequencies differ so much that
    high kappa is impossible". Returns ``basis="agreement"`` with observed = p_M.
    """
    table = _table(a, b, values)
    reason = _degenerate(table)
    if reason is not None:
        return table.undefined(reason)
    expected = float(table.rows @ table.columns)
    if expected >= 1.0:
        return table.undefined(NO_VARIATION)
    best = float(np.minimum(table.rows, table.columns).sum())
    return Statistic(
        value=(best - expected) / (1.0 - expected),
        reason=None,
        units=table.units,
        reviewers=table.reviewers,
        pairable=2 * table.pairs,
        observed=best,
        expected=expected,
    )


def _table(
    a: Sequence[Hashable | None], b: Sequence[Hashable | None], values: Sequence[Hashable] | None
) -> _Table:
    if len(a) != len(b):
        raise ValueError(
            f"both reviewers must rate the same units: got {len(a)} and {len(b)} ratings"
        )
    coded = encode(np.array([list(a), list(b)], dtype=object).reshape(2, len(a)), values)
    codes = coded.codes
    rated = codes >= 0
    both = rated.all(axis=0)
    size = len(coded.domain)
    flat = codes[0, both] * size + codes[1, both]
    counts = np.bincount(flat, minlength=size * size).reshape(size, size).astype(np.float64)
    pairs = int(both.sum())
    used = int(np.count_nonzero(counts.sum(axis=0) + counts.sum(axis=1)))
    return _Table(
        counts=counts,
        pairs=pairs,
        units=int(np.count_nonzero(rated.any(axis=0))),
        reviewers=int(np.count_nonzero(rated.any(axis=1))),
        ordered=coded.ordered,
        used=used,
    )


def _degenerate(table: _Table) -> str | None:
    if table.units == 0:
        return NO_RATINGS
    if table.reviewers < 2:
        return ONE_REVIEWER
    if table.pairs == 0:
        return NO_COMMON_UNITS
    if table.used <= 1:
        return NO_VARIATION
    return None


def _disagreement_weights(
    weights: Weights, size: int, ordered: bool
) -> npt.NDArray[np.float64] | None:
    if weights is None:
        return None
    if isinstance(weights, str):
        if not ordered:
            raise ValueError(
                f"{weights} weights need the order of the labels: pass values=[...] in scale order"
            )
        steps = np.abs(np.subtract.outer(np.arange(size), np.arange(size))).astype(np.float64)
        return steps if weights == "linear" else steps**2
    matrix = np.asarray(weights, dtype=np.float64)
    if matrix.shape != (size, size):
        raise ValueError(f"weights must be a {size} x {size} matrix matching values")
    if not np.all(np.isfinite(matrix)) or np.any(matrix < 0):
        raise ValueError("weights must be finite, non-negative disagreement weights")
    if np.any(np.diag(matrix) != 0):
        raise ValueError("disagreement weights must be zero on the diagonal")
    return matrix


def _fleiss_cohen_everitt_se(table: _Table, agreement: npt.NDArray[np.float64]) -> float | None:
    """Large-sample SE of (weighted) kappa with agreement weights w_ij (FCE 1969, eq. 8)."""
    p, rows, columns = table.proportions, table.rows, table.columns
    observed = float((agreement * p).sum())
    expected = float((agreement * np.outer(rows, columns)).sum())
    if expected >= 1.0 or table.pairs < 1:
        return None
    row_means = agreement @ columns  # w_i. = sum_j p_.j w_ij
    column_means = rows @ agreement  # w_.j = sum_i p_i. w_ij
    spread = agreement * (1.0 - expected) - (row_means[:, None] + column_means[None, :]) * (
        1.0 - observed
    )
    correction = observed * expected - 2.0 * expected + observed
    variance = (float((p * spread**2).sum()) - correction**2) / (
        table.pairs * (1.0 - expected) ** 4
    )
    return float(np.sqrt(max(variance, 0.0)))

"""Krippendorff's alpha through the coincidence matrix.

Source: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
for Communication Departmental Papers 43 (sections A-F); the metrics are those of
Krippendorff (2004), Content Analysis, 2nd ed., section 11.3.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from .coding import tally
from .reliability import NO_VARIATION, ZERO_EXPECTED, Ratings, Statistic, Tally, undefined

Level = Literal["nominal", "ordinal", "interval", "ratio", "custom"]
LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio", "custom")

# From the pairable marginals n_c to the V x V matrix of squared distances delta2_ck. Only the
# ordinal metric actually looks at the marginals.
Metric: TypeAlias = Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]]


def krippendorff_alpha(
    data: Ratings,
    level: Level = "nominal",
    values: Sequence[Hashable] | None = None,
    *,
    distances: npt.ArrayLike | None = None,
    standard_error: bool = False,
) -> Statistic:
    """Krippendorff's alpha for a reliability matrix (rows reviewers, columns units).

    Formula (Krippendorff 2011, eqs. for D_o and D_e)::

        o_ck  = sum_u  (number of c-k pairs in unit u) / (m_u - 1)      coincidence matrix
        n_c   = sum_k o_ck,   n = sum_c n_c                              pairable values
        D_o   = (1 / n)        * sum_c sum_k o_ck    * delta2_ck
        D_e   = 1 / (n (n-1))  * sum_c sum_k n_c n_k * delta2_ck
        alpha = 1 - D_o / D_e

    Units with fewer than two ratings are not pairable and drop out of both D_o and D_e.

    Metrics ``delta2_ck`` by ``level``:

    * ``"nominal"``: 0 if c == k else 1.
    * ``"ordinal"``: ``(sum_{g=c..k} n_g - (n_c + n_k) / 2) ** 2`` (Krippendorff 2011,
      section D), where g runs over the domain *in order*. The order is numeric for numbers,
      or the order of ``values``; string labels need ``values``. Because the metric uses the
      marginal frequencies n_g, a declared value that nobody used (n_g = 0) adds nothing to the
      distance between its neighbours: declaring it changes the result only through its
      position in the order, i.e. not at all for ordinal alpha.
    * ``"interval"``: ``(c - k) ** 2`` on the numeric values themselves.
    * ``"ratio"``: ``((c - k) / (c + k)) ** 2``; values must be non-negative.
    * ``"custom"``: ``distances[c][k]`` from a square, symmetric, non-negative matrix with a
      zero diagonal whose rows and columns follow ``values`` (which is then required).

    For interval and ratio the numeric value is the coordinate, so an unused numeric value
    changes nothing. String labels with declared ``values`` are placed at their 1-based rank
    in ``values`` (so there an unused label *does* stretch the scale); string labels without
    ``values`` are rejected for interval/ratio.

    ``standard_error=True`` adds Gwet's (2014, Handbook of Inter-Rater Reliability, 4th ed.,
    ch. 5; irrCAC ``krippen.alpha.raw``) linearisation standard error, with agreement weights
    ``1 - delta2 / max(delta2)`` held at their full-sample values.

    Returns a :class:`Statistic` with ``basis="disagreement"`` (observed = D_o, expected =
    D_e). Degenerate input gives an undefined result; unknown ``level`` or malformed
    ``distances`` raise ``ValueError``.
    """
    _check_level(level, distances, values)
    counts = tally(data, values)
    return alpha_from_tally(counts, level, distances, standard_error=standard_error)


def alpha_from_tally(
    counts: Tally,
    level: Level,
    distances: npt.ArrayLike | None = None,
    *,
    standard_error: bool = False,
) -> Statistic:
    """:func:`krippendorff_alpha` on an already tallied matrix (shared with the bootstrap).

    The tally's counts are used as scratch space and are not meaningful afterwards.
    """
    reason = counts.undefined_reason()
    if reason is not None:
        return counts.undefined(reason)
    metric = metric_for(counts, level, distances)
    # Every count is needed again for the standard error; otherwise the tally is scratch space.
    se = _gwet_standard_error(counts, metric) if standard_error else None
    units, pairable_units = counts.units, counts.pairable
    observed, expected, pairable, marginals = disagreements(
        counts.counts, counts.per_unit, metric, overwrite=True
    )
    if expected <= 0.0:
        used = int(np.count_nonzero(marginals))
        reason = NO_VARIATION if used <= 1 else ZERO_EXPECTED
        return undefined(reason, units, counts.reviewers, pairable_units)
    return Statistic(
        value=1.0 - observed / expected,
        reason=None,
        units=units,
        reviewers=counts.reviewers,
        pairable=pairable_units,
        observed=observed,
        expected=expected,
        basis="disagreement",
        standard_error=se,
    )


def disagreements(
    counts: npt.NDArray[np.float64],
    per_unit: npt.NDArray[np.float64],
    metric: Metric,
    multiplicity: npt.NDArray[np.float64] | None = None,
    *,
    overwrite: bool = False,
) -> tuple[float, float, float, npt.NDArray[np.float64]]:
    """(D_o, D_e, n, n_c) from value-major counts; ``multiplicity`` weights units (bootstrap).

    The coincidence matrix is ``Y @ Y.T`` minus a diagonal correction, where
    ``Y = counts * sqrt(1 / (m_u - 1))``: one V x units array and one matrix product, never a
    units x V x V array. ``overwrite=True`` lets ``counts`` itself become ``Y``.
    """
    pairable = per_unit >= 2
    weights = np.zeros((per_unit.shape[0], 2))
    weights[:, 0] = pairable
    np.divide(1.0, per_unit - 1.0, out=weights[:, 1], where=pairable)
    if multiplicity is not None:
        weights *= multiplicity[:, None]
    # One pass over the counts yields both the pairable marginals n_c and the diagonal
    # correction sum_u c_uk / (m_u - 1).
    marginals, diagonal = (counts @ weights).T
    n = float(marginals.sum())
    if n < 2:
        return 0.0, 0.0, n, marginals
    scale = np.sqrt(weights[:, 1])
    scaled = np.multiply(counts, scale, out=counts if overwrite else None)
    coincidences = scaled @ scaled.T
    del scaled
    coincidences[np.diag_indices_from(coincidences)] -= diagonal
    delta = metric(marginals)
    observed = float((coincidences * delta).sum()) / n
    expected = float(marginals @ delta @ marginals) / (n * (n - 1.0))
    # Rounding in the diagonal correction can leave -1e-17 where the true value is 0.
    return max(observed, 0.0), expected, n, marginals


def metric_for(counts: Tally, level: Level, distances: npt.ArrayLike | None = None) -> Metric:
    """A function from the marginals n_c to the V x V matrix of squared distances."""
    size = len(counts.domain)
    if level == "nominal":
        fixed = 1.0 - np.eye(size)
        return lambda _marginals: fixed
    if level == "ordinal":
        if not counts.ordered:
            raise ValueError(
                "ordinal alpha needs the order of the labels: pass values=[...] in scale order"
            )
        return _ordinal_distances
    if level in ("interval", "ratio"):
        if counts.scores is None:
            raise ValueError(
                f"{level} alpha needs numeric ratings, or values=[...] to place labels on a scale"
            )
        fixed = _interval(counts.scores) if level == "interval" else _ratio(counts.scores)
        return lambda _marginals: fixed
    matrix = _custom_distances(distances, size)
    return lambda _marginals: matrix


def _ordinal_distances(marginals: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    cumulative = np.concatenate(([0.0], np.cumsum(marginals)))
    index = np.arange(len(marginals))
    low = np.minimum.outer(index, index)
    high = np.maximum.outer(index, index)
    between = cumulative[high + 1] - cumulative[low]
    ends = (marginals[:, None] + marginals[None, :]) / 2.0
    delta: npt.NDArray[np.float64] = (between - ends) ** 2
    np.fill_diagonal(delta, 0.0)
    return delta


def _interval(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return (scores[:, None] - scores[None, :]) ** 2


def _ratio(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    if np.any(scores < 0):
        raise ValueError("ratio alpha needs non-negative values (a ratio scale has a true zero)")
    sums = scores[:, None] + scores[None, :]
    differences = scores[:, None] - scores[None, :]
    delta = np.zeros_like(sums)
    # c + k == 0 only when c == k == 0, whose distance is 0.
    np.divide(differences, sums, out=delta, where=sums != 0)
    return delta**2


def _custom_distances(distances: npt.ArrayLike | None, size: int) -> npt.NDArray[np.float64]:
    matrix = np.asarray(distances, dtype=np.float64)
    if matrix.shape != (size, size):
        raise ValueError(
            f"distances must be a {size} x {size} matrix matching values, got {matrix.shape}"
        )
    if not np.all(np.isfinite(matrix)) or np.any(matrix < 0):
        raise ValueError("distances must be finite and non-negative")
    if np.any(np.diag(matrix) != 0):
        raise ValueError(
            "distances must be zero on the diagonal (a value does not differ from itself)"
        )
    if not np.allclose(matrix, matrix.T, rtol=0.0, atol=1e-12):
        raise ValueError("distances must be symmetric")
    return matrix


def _check_level(level: str, distances: npt.ArrayLike | None, values: object) -> None:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    if level == "custom" and (distances is None or values is None):
        raise ValueError('level="custom" needs both distances=[[...]] and values=[...]')
    if level != "custom" and distances is not None:
        raise ValueError('distances=... is only meaningful with level="custom"')


def _gwet_standard_error(counts: Tally, metric: Metric) -> float | None:
    """Gwet (2014) linearisation SE of alpha, evaluated on pairable units only.

    Each unit's agreement is centred on the small-sample-corrected pa, as in the irrCAC output
    Gwet publishes for Krippendorff (2011)'s example (SE 0.14557); irrCAC's current R source
    centres on pa' instead, which gives 0.14548 there.
    """
    pairable = counts.pairable_mask
    table = counts.counts[:, pairable]
    ratings = counts.per_unit[pairable]
    units = table.shape[1]
    delta = metric(table.sum(axis=1))
    if units < 2 or delta.max() <= 0:
        return None
    weights = 1.0 - delta / delta.max()
    mean_ratings = float(ratings.mean())
    agreeing = (table * (weights @ table)).sum(axis=0) - ratings
    per_unit_agreement = agreeing / (mean_ratings * (ratings - 1.0))
    agreement_prime = float(per_unit_agreement.mean())
    # Krippendorff's small-sample correction: pa = (1 - 1/n) pa' + 1/n with n pairable values.
    total = float(ratings.sum())
    agreement = (1.0 - 1.0 / total) * agreement_prime + 1.0 / total
    shares = table.sum(axis=1) / (units * mean_ratings)
    chance = float(shares @ weights @ shares)
    if chance >= 1.0:
        return None
    alpha_prime = (agreement_prime - chance) / (1.0 - chance)
    spread = (ratings - mean_ratings) / mean_ratings
    unit_alpha = (per_unit_agreement - agreement * spread - chance) / (1.0 - chance)
    symmetric_shares = ((weights + weights.T) / 2.0) @ shares
    unit_chance = (symmetric_shares @ table) / mean_ratings - chance * spread
    linearised = unit_alpha - 2.0 * (1.0 - alpha_prime) * (unit_chance - chance) / (1.0 - chance)
    variance = float(((linearised - alpha_prime) ** 2).sum()) / (units * (units - 1.0))
    return float(np.sqrt(variance))

"""Bootstrap confidence interval for Krippendorff's alpha."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from annotations.core.charts import gettext_noop

from .alpha import Level, _check_level, alpha_from_tally, disagreements, metric_for
from .coding import tally
from .reliability import Ratings, Statistic

NO_DEFINED_REPLICATE = gettext_noop("alpha was undefined in every bootstrap sample")


@dataclass(frozen=True, slots=True)
class BootstrapInterval:
    """A percentile bootstrap interval around a point estimate.

    ``low``/``high`` are ``None`` exactly when ``reason`` says why there is no interval.
    ``used`` counts the bootstrap samples in which alpha was defined (resampling can draw only
    identical units, where alpha is 0/0); the percentiles are taken over those.
    ``standard_error`` is the standard deviation of the defined bootstrap replicates.
    """

    estimate: Statistic
    low: float | None
    high: float | None
    confidence: float
    samples: int
    used: int
    seed: int
    standard_error: float | None = None
    reason: str | None = None


def alpha_bootstrap(
    data: Ratings,
    level: Level = "nominal",
    values: Sequence[Hashable] | None = None,
    samples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
    *,
    distances: npt.ArrayLike | None = None,
) -> BootstrapInterval:
    """Percentile bootstrap confidence interval for Krippendorff's alpha, resampling units.

    A plain nonparametric bootstrap (Efron, B. & Tibshirani, R. J. (1993). An Introduction to
    the Bootstrap, ch. 13): draw as many units as received at least one rating, with
    replacement; recompute alpha with :func:`krippendorff_alpha`'s definition on the drawn
    units (for ordinal alpha the metric is rebuilt from each sample's marginals); the interval
    is the ``(1 - confidence) / 2`` and ``(1 + confidence) / 2`` quantiles (linear
    interpolation) of the defined replicates.

    This is *not* the KALPHA procedure of Hayes & Krippendorff (2007, Communication Methods and
    Measures 1:77-89), which resamples pairs of judgments within the coincidence matrix;
    resampling whole units keeps the dependence between the ratings of one unit, which is what
    a sample of articles or claims actually varies over. Single-rated units are resampled too:
    they add nothing to alpha, but drawing them is how the number of comparable units varies
    from sample to sample, as it would in a new sample of units.

    The same ``seed`` (NumPy PCG64 via ``numpy.random.default_rng``) gives the same interval.
    """
    _check_level(level, distances, values)
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or samples < 1:
        raise ValueError(f"samples must be a positive integer, got {samples!r}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    counts = tally(data, values)
    metric = metric_for(counts, level, distances) if counts.undefined_reason() is None else None
    rated = counts.per_unit > 0
    table = np.ascontiguousarray(counts.counts[:, rated])
    ratings = counts.per_unit[rated]
    estimate = alpha_from_tally(counts, level, distances)
    if estimate.value is None or metric is None:
        return BootstrapInterval(
            estimate, None, None, confidence, samples, 0, seed, reason=estimate.reason
        )

    rng = np.random.default_rng(seed)
    units = table.shape[1]
    replicates = np.empty(samples)
    used = 0
    for _ in range(samples):
        multiplicity = np.bincount(rng.integers(0, units, size=units), minlength=units)
        observed, expected, _n, _marginals = disagreements(
            table, ratings, metric, multiplicity.astype(np.float64)
        )
        if expected > 0.0:
            replicates[used] = 1.0 - observed / expected
            used += 1
    if used == 0:
        return BootstrapInterval(
            estimate, None, None, confidence, samples, 0, seed, reason=NO_DEFINED_REPLICATE
        )
    defined = replicates[:used]
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(defined, [tail, 1.0 - tail])
    spread = float(defined.std(ddof=1)) if used > 1 else None
    return BootstrapInterval(
        estimate, float(low), float(high), confidence, samples, used, seed, standard_error=spread
    )

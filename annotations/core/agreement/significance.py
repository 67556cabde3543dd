"""Significance tests of agreement coefficients against "no agreement beyond chance".

These answer a narrower question than a confidence interval: could the reviewers' agreement
be chance alone? A tiny p-value says only that kappa is not 0, not that agreement is good;
report the coefficient with its standard error or :func:`.alpha_bootstrap` interval as well.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from annotations.core.charts import gettext_noop

from .coding import tally
from .multirater import fleiss_kappa
from .reliability import Ratings

UNEQUAL_RATINGS = gettext_noop(
    "units have different numbers of ratings; the Fleiss-Nee-Landis null variance is defined "
    "only for complete data (the same number of ratings for every rated unit)"
)
ZERO_NULL_VARIANCE = gettext_noop("the null variance of kappa is zero, so z is undefined")


@dataclass(frozen=True, slots=True)
class ZTest:
    """A z test of a coefficient against 0, or an explicit statement that it is undefined.

    ``z`` is ``None`` exactly when the test is undefined, and then ``reason`` says why (and
    ``standard_error_null`` and ``p_value`` are ``None`` too); otherwise ``reason`` is
    ``None``. ``kappa`` is the coefficient tested, when it is defined. ``p_value`` is two-sided,
    from the standard normal distribution: ``erfc(|z| / sqrt(2))``.
    """

    z: float | None
    standard_error_null: float | None
    p_value: float | None
    reason: str | None
    kappa: float | None = None

    def __post_init__(self) -> None:
        if (self.z is None) == (self.reason is None):
            raise ValueError("a ZTest has either a z or a reason, never both or neither")
        if self.z is None and (self.standard_error_null is not None or self.p_value is not None):
            raise ValueError("an undefined ZTest has no standard error and no p-value")
        for name in ("z", "standard_error_null", "p_value", "kappa"):
            number = getattr(self, name)
            if number is not None and not math.isfinite(number):
                raise ValueError(f"ZTest.{name} must be finite, got {number!r}")

    @property
    def defined(self) -> bool:
        """Whether the test has a value."""
        return self.z is not None


def fleiss_kappa_z(data: Ratings) -> ZTest:
    """z test of Fleiss' kappa = 0, as R ``irr::kappam.fleiss`` reports it. Complete data only.

    Fleiss, J. L., Nee, J. C. M. & Landis, J. R. (1979). Large sample variance of kappa in the
    case of different sets of raters. Psychol. Bull. 86(5):974-977. For n units with m ratings
    each, p_j the share of all ratings in category j and q_j = 1 - p_j, the standard error of
    kappa under the null hypothesis kappa = 0 is::

        se0 = sqrt(2) / (sum_j p_j q_j * sqrt(n m (m - 1)))
              * sqrt((sum_j p_j q_j) ** 2 - sum_j p_j q_j (q_j - p_j))

    and ``z = kappa / se0`` with ``kappa`` from :func:`.fleiss_kappa`. Like Fleiss' kappa it
    ignores who gave a rating, so rows may be rating slots rather than fixed reviewers.

    The variance is derived for complete data: every unit must have the same number m of
    ratings (units with no rating at all are ignored, as everywhere in this package). With
    unequal numbers of ratings the test is undefined (``UNEQUAL_RATINGS``); use the standard
    error of :func:`.fleiss_kappa` (Gwet's, which allows missing ratings) or a bootstrap
    instead. It is also undefined wherever kappa is. This is a test of "no agreement beyond
    chance", not a confidence interval: se0 is not the standard error of kappa when kappa is
    not 0.
    """
    counts = tally(data)
    reason = counts.undefined_reason()
    if reason is not None:
        return _undefined(reason)
    per_unit = counts.per_unit[counts.per_unit > 0]
    if np.any(per_unit != per_unit[0]):
        return _undefined(UNEQUAL_RATINGS)
    kappa = fleiss_kappa(data)
    if kappa.value is None:
        assert kappa.reason is not None
        return _undefined(kappa.reason)
    units, ratings = per_unit.shape[0], float(per_unit[0])
    shares = counts.counts.sum(axis=1) / per_unit.sum()
    spread = shares * (1.0 - shares)
    total = float(spread.sum())
    inner = total**2 - float((spread * (1.0 - 2.0 * shares)).sum())
    if total <= 0.0 or inner <= 0.0:
        return _undefined(ZERO_NULL_VARIANCE)
    se0 = math.sqrt(2.0) / (total * math.sqrt(units * ratings * (ratings - 1.0))) * math.sqrt(inner)
    z = kappa.value / se0
    return ZTest(
        z=z,
        standard_error_null=se0,
        p_value=math.erfc(abs(z) / math.sqrt(2.0)),
        reason=None,
        kappa=kappa.value,
    )


def _undefined(reason: str) -> ZTest:
    return ZTest(z=None, standard_error_null=None, p_value=None, reason=reason)

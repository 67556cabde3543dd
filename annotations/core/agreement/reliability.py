"""The result type shared by every coefficient, undefined-result reasons, and data types.

A reliability matrix has one row per reviewer (coder) and one column per unit; ``None`` or
NaN marks a missing rating. Ratings may be numbers or hashable labels (strings, booleans, ...).

Most coefficients work on a :class:`Tally`: for each value of the domain and each unit, how
many reviewers gave that value to that unit (Krippendorff 2011, "Computing Krippendorff's
Alpha-Reliability", section A, the "values by units" matrix), built by :mod:`.coding` in
O(reviewers x units) per value for small domains and one ``np.bincount`` otherwise, never as a
units x values x values array.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from annotations.core.charts import gettext_noop

Basis = Literal["agreement", "disagreement"]

# A reliability matrix as callers pass it: an array, or rows of ratings with None for a missing
# one (NumPy's ArrayLike has no None in it, though np.asarray takes it as an object array).
Ratings: TypeAlias = npt.ArrayLike | Sequence[Sequence[Hashable]]

# Human-readable reasons for undefined results. Kept as constants so that callers (and tests)
# can tell the degenerate cases apart without parsing prose. They are stored in English with the
# figures; pages translate them where they show them (gettext_noop puts them in the catalogues).
NO_RATINGS = gettext_noop("there are no ratings at all")
ONE_REVIEWER = gettext_noop(
    "only one reviewer gave any rating; agreement needs at least two reviewers"
)
NO_PAIRABLE_UNITS = gettext_noop(
    "no unit was rated by two or more reviewers, so nothing can be compared"
)
NO_VARIATION = gettext_noop(
    "every comparable rating has the same value, so chance agreement is total and the "
    "coefficient is 0/0"
)
ZERO_EXPECTED = gettext_noop(
    "expected disagreement is zero under the chosen metric, so the coefficient is 0/0"
)


@dataclass(frozen=True, slots=True)
class Statistic:
    """An agreement coefficient, or an explicit statement that it is undefined.

    ``value`` is ``None`` exactly when the coefficient is undefined, and then ``reason`` says
    why; otherwise ``reason`` is ``None``. ``value`` is never NaN or infinite.

    ``units`` counts the units that received at least one rating, ``reviewers`` the reviewers
    who gave at least one rating, and ``pairable`` the ratings that sit in a unit with at least
    one other rating (Krippendorff's n). Empty rows and columns therefore change nothing.

    ``observed`` and ``expected`` are the two quantities the coefficient compares, read
    according to ``basis``:

    * ``"agreement"``: observed agreement p_o and chance agreement p_e, so
      ``value == (observed - expected) / (1 - expected)``;
    * ``"disagreement"``: observed disagreement D_o and expected disagreement D_e, so
      ``value == 1 - observed / expected``.

    ``standard_error`` is filled where a published large-sample estimator exists; each
    function's docstring names it.
    """

    value: float | None
    reason: str | None
    units: int
    reviewers: int
    pairable: int
    observed: float | None = None
    expected: float | None = None
    basis: Basis = "agreement"
    standard_error: float | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.reason is None):
            raise ValueError("a Statistic has either a value or a reason, never both or neither")
        if self.value is not None and not math.isfinite(self.value):
            raise ValueError(f"a Statistic value must be finite, got {self.value!r}")

    @property
    def defined(self) -> bool:
        """Whether the coefficient has a value."""
        return self.value is not None


def undefined(reason: str, units: int = 0, reviewers: int = 0, pairable: int = 0) -> Statistic:
    """An undefined :class:`Statistic` carrying ``reason`` and whatever counts are known."""
    return Statistic(None, reason, units, reviewers, pairable)


@dataclass(slots=True)
class Tally:
    """How often each value was given to each unit, plus what is needed to interpret it.

    ``counts[k, u]`` is the number of reviewers who gave ``domain[k]`` to unit ``u`` (float64,
    exact small integers, laid out value-major so that each row is contiguous). ``per_unit[u]``
    is the number of ratings unit ``u`` received. ``scores`` holds numeric coordinates of the
    domain for interval/ratio metrics, or ``None`` when the labels have no numeric meaning.
    ``ordered`` says whether the order of ``domain`` is meaningful (numbers, or declared values).
    """

    counts: npt.NDArray[np.float64]
    per_unit: npt.NDArray[np.float64]
    domain: tuple[Hashable, ...]
    scores: npt.NDArray[np.float64] | None
    ordered: bool
    reviewers: int

    @property
    def units(self) -> int:
        """Units with at least one rating."""
        return int(np.count_nonzero(self.per_unit))

    @property
    def pairable_mask(self) -> npt.NDArray[np.bool_]:
        """Units with at least two ratings (the only ones that carry agreement information)."""
        return self.per_unit >= 2

    @property
    def pairable(self) -> int:
        """Ratings that sit in a unit with at least one other rating."""
        return int(self.per_unit[self.per_unit >= 2].sum())

    def undefined_reason(self) -> str | None:
        """The degenerate-input reason shared by all coefficients, or ``None`` if usable."""
        if self.per_unit.sum() == 0:
            return NO_RATINGS
        if self.reviewers < 2:
            return ONE_REVIEWER
        if not np.any(self.per_unit >= 2):
            return NO_PAIRABLE_UNITS
        return None

    def undefined(self, reason: str) -> Statistic:
        """An undefined :class:`Statistic` with this tally's counts."""
        return undefined(reason, self.units, self.reviewers, self.pairable)


@dataclass(frozen=True, slots=True)
class Coded:
    """Ratings as integer codes into ``domain`` (-1 = missing), one row per reviewer."""

    codes: npt.NDArray[np.int64]
    domain: tuple[Hashable, ...]
    scores: npt.NDArray[np.float64] | None
    ordered: bool

"""Turning a reliability matrix into value counts per unit (a tally) or integer codes.

Missing ratings are ``None`` and float NaN. In a NumPy *string* array, which cannot hold
``None``, the string ``"nan"`` (what NumPy turns a float NaN into) is also read as missing.
The value domain is the sorted set of observed values, or exactly the declared ``values``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt

from .reliability import Coded, Ratings, Tally

# Domains with at most this many values are tallied with one vectorised comparison per value;
# larger domains go through a single bincount, which is O(ratings) regardless of the domain size.
_PASSES_MAX_VALUES = 64
_BLOCK_UNITS = 1 << 14


def tally(data: Ratings, values: Sequence[Hashable] | None = None) -> Tally:
    """Tally a reliability matrix (rows reviewers, columns units) over its value domain.

    Without ``values`` the domain is the set of observed values: sorted numerically for numbers,
    sorted for mutually comparable labels, else in order of first appearance. With ``values``
    the domain is exactly that sequence, in that order (unused values included), and a rating
    outside it raises ``ValueError``.

    Missing ratings are ``None`` and float NaN. In a NumPy *string* array, which cannot hold
    ``None``, the string ``"nan"`` (what NumPy turns a float NaN into) is also read as missing.
    """
    matrix = _as_matrix(data)
    declared = _check_declared(values)
    if matrix.size == 0:
        return _empty_tally(matrix.shape[1], declared)
    kind = matrix.dtype.kind
    if kind in "iuf":
        return _tally_numeric(matrix, declared, integral=kind in "iu")
    if kind in "US":
        missing = matrix == ("nan" if kind == "U" else b"nan")
        return _tally_labels(matrix, missing, declared)
    if kind == "b":
        return _tally_labels(matrix, np.zeros(matrix.shape, dtype=bool), declared)
    if kind == "O":
        missing = np.frompyfunc(_is_missing, 1, 1)(matrix).astype(bool)
        present_types = {type(x) for x in matrix[~missing].tolist()}
        if present_types and all(_is_real_number_type(t) for t in present_types):
            numeric = np.where(missing, np.nan, matrix).astype(np.float64)
            integral = all(issubclass(t, numbers.Integral) for t in present_types)
            return _tally_numeric(numeric, declared, integral=integral)
        return _tally_labels(matrix, missing, declared)
    raise ValueError(f"ratings of dtype {matrix.dtype} are not supported; use numbers or labels")


def _as_matrix(data: Ratings) -> np.ndarray:
    try:
        matrix = np.asarray(data)
    except ValueError as error:
        raise ValueError(
            "data must be a rectangular reliability matrix: one row per reviewer, one entry per "
            "unit in every row (use None for a missing rating)"
        ) from error
    if matrix.size == 0:
        return matrix.reshape((matrix.shape[0], 0) if matrix.ndim == 2 else (0, 0))
    if matrix.ndim != 2:
        raise ValueError(
            f"data must be a 2-D reliability matrix (reviewers x units), got {matrix.ndim}-D"
        )
    return matrix


def _check_declared(values: Sequence[Hashable] | None) -> tuple[Hashable, ...] | None:
    if values is None:
        return None
    if isinstance(values, str | bytes):
        raise ValueError("values must be a sequence of possible ratings, not a single string")
    declared = tuple(values.tolist() if isinstance(values, np.ndarray) else values)
    if any(_is_missing(v) for v in declared):
        raise ValueError("values must not contain None or NaN (they mark missing ratings)")
    if len(set(declared)) != len(declared):
        raise ValueError("values must not repeat a value")
    return declared


def _is_missing(x: object) -> bool:
    return x is None or (isinstance(x, float | np.floating) and math.isnan(x))


def _is_real_number_type(t: type) -> bool:
    return issubclass(t, numbers.Real) and not issubclass(t, bool | np.bool_)


def _numeric_scores(domain: tuple[Hashable, ...]) -> npt.NDArray[np.float64] | None:
    if domain and all(_is_real_number_type(type(v)) for v in domain):
        return np.asarray(domain, dtype=np.float64)
    return None


def _empty_tally(units: int, declared: tuple[Hashable, ...] | None) -> Tally:
    domain = declared if declared is not None else ()
    return Tally(
        np.zeros((len(domain), units)),
        np.zeros(units),
        domain,
        _numeric_scores(domain),
        True,  # an empty domain is trivially in order
        0,
    )


def _tally_numeric(
    matrix: np.ndarray, declared: tuple[Hashable, ...] | None, *, integral: bool
) -> Tally:
    missing = np.isnan(matrix) if matrix.dtype.kind == "f" else None
    if missing is None:
        reviewers, rated = matrix.shape[0], matrix.size
    else:
        reviewers = matrix.shape[0] - int(np.count_nonzero(missing.all(axis=1)))
        rated = matrix.size - int(np.count_nonzero(missing))
    if rated == 0:
        return _empty_tally(matrix.shape[1], declared)
    low = float(np.nanmin(matrix) if missing is not None else matrix.min())
    high = float(np.nanmax(matrix) if missing is not None else matrix.max())
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("ratings must be finite numbers (infinity is not a rating)")

    if declared is not None:
        scores = _numeric_scores(declared)
        if scores is None:
            raise ValueError(
                "numeric ratings need numeric values; declared values are not all numbers"
            )
        counts = _counts_for_candidates(matrix, scores)
        if counts is None:
            counts = _counts_by_search(matrix, missing, scores)
        per_unit = counts.sum(axis=0)
        if per_unit.sum() != rated:
            present = matrix[~missing] if missing is not None else matrix.ravel()
            undeclared = np.setdiff1d(np.unique(present), scores)
            raise ValueError(f"ratings {undeclared.tolist()} are not among the declared values")
        return Tally(counts, per_unit, declared, scores, True, reviewers)

    counts = per_unit = None
    if low.is_integer() and high.is_integer() and high - low < _PASSES_MAX_VALUES:
        # Ratings are usually small integers: try every integer in [low, high] and keep those
        # that occur. If the tallies account for every rating, no value was a non-integer and
        # the O(n log n) sort in np.unique is avoided.
        candidates = np.arange(low, high + 1.0)
        counts = _counts_for_candidates(matrix, candidates)
        assert counts is not None
        per_unit = counts.sum(axis=0)
        if per_unit.sum() == rated:
            used = counts.sum(axis=1) > 0
            if not used.all():
                counts, candidates = np.ascontiguousarray(counts[used]), candidates[used]
        else:
            counts = per_unit = None
    if counts is None or per_unit is None:
        candidates = np.unique(matrix[~missing] if missing is not None else matrix)
        counts = _counts_for_candidates(matrix, candidates)
        if counts is None:
            counts = _counts_by_search(matrix, missing, candidates)
        per_unit = counts.sum(axis=0)
    # Report the domain in the caller's own terms: 3, not np.float64(3.0).
    domain = tuple(int(v) if integral else float(v) for v in candidates)
    return Tally(counts, per_unit, domain, candidates.astype(np.float64), True, reviewers)


def _counts_for_candidates(
    matrix: np.ndarray, candidates: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64] | None:
    """One comparison pass per candidate value; ``None`` if there are too many candidates."""
    if len(candidates) > _PASSES_MAX_VALUES:
        return None
    units = matrix.shape[1]
    counts = np.empty((len(candidates), units))
    # Blocks of units keep the boolean temporaries in cache, which roughly halves the time
    # on millions of units compared with whole-matrix comparisons.
    for start in range(0, units, _BLOCK_UNITS):
        block = matrix[:, start : start + _BLOCK_UNITS]
        for k, candidate in enumerate(candidates):
            # NaN equals nothing, so missing ratings drop out of every comparison for free.
            np.add.reduce(block == candidate, axis=0, out=counts[k, start : start + _BLOCK_UNITS])
    return counts


def _counts_by_search(
    matrix: np.ndarray, missing: np.ndarray | None, domain: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    present = ~missing if missing is not None else np.ones(matrix.shape, dtype=bool)
    order = np.argsort(domain, kind="stable")
    sorted_domain = domain[order]
    values = matrix[present]
    positions = np.clip(np.searchsorted(sorted_domain, values), 0, len(order) - 1)
    found = sorted_domain[positions] == values
    if not np.all(found):
        unknown = np.unique(values[~found])
        raise ValueError(f"ratings {unknown.tolist()} are not among the declared values")
    codes = np.full(matrix.shape, -1, dtype=np.int64)
    codes[present] = order[positions]
    return _counts_from_codes(codes, len(domain))


def _counts_from_codes(codes: npt.NDArray[np.integer], size: int) -> npt.NDArray[np.float64]:
    """Value-major counts from integer codes (-1 = missing)."""
    units = codes.shape[1]
    if size <= _PASSES_MAX_VALUES:
        counts = np.empty((size, units))
        for k in range(size):
            np.add.reduce(codes == k, axis=0, out=counts[k])
        return counts
    present = codes >= 0
    unit_index = np.broadcast_to(np.arange(units), codes.shape)[present]
    flat = codes[present].astype(np.intp) * units + unit_index
    return np.bincount(flat, minlength=size * units).reshape(size, units).astype(np.float64)


def _encode_labels(
    matrix: np.ndarray, missing: np.ndarray, declared: tuple[Hashable, ...] | None
) -> tuple[npt.NDArray[np.int64], tuple[Hashable, ...]]:
    present = ~missing
    labels = matrix[present].tolist()
    if declared is not None:
        position = {value: k for k, value in enumerate(declared)}
        unknown = {label for label in set(labels) if label not in position}
        if unknown:
            listed = sorted(map(repr, unknown))
            raise ValueError(f"ratings {listed} are not among the declared values")
        domain = declared
    else:
        seen = list(dict.fromkeys(labels))
        try:
            domain = tuple(sorted(seen))
        except TypeError:
            domain = tuple(seen)  # mutually incomparable labels: first-seen order
        position = {value: k for k, value in enumerate(domain)}
    codes = np.full(matrix.shape, -1, dtype=np.int64)
    codes[present] = np.fromiter((position[label] for label in labels), np.int64, len(labels))
    return codes, domain


def _label_scores(domain: tuple[Hashable, ...], declared: bool) -> npt.NDArray[np.float64] | None:
    scores = _numeric_scores(domain)
    if scores is None and declared:
        # Labels without numeric meaning sit at their 1-based rank in the declared scale
        # (1-based so that the ratio metric never divides by a zero origin).
        scores = np.arange(1.0, len(domain) + 1.0)
    return scores


def _tally_labels(
    matrix: np.ndarray, missing: np.ndarray, declared: tuple[Hashable, ...] | None
) -> Tally:
    codes, domain = _encode_labels(matrix, missing, declared)
    reviewers = int(np.count_nonzero((codes >= 0).any(axis=1)))
    counts = _counts_from_codes(codes, len(domain))
    return Tally(
        counts,
        counts.sum(axis=0),
        domain,
        _label_scores(domain, declared is not None),
        declared is not None or _numeric_scores(domain) is not None or not domain,
        reviewers,
    )


def encode(data: Ratings, values: Sequence[Hashable] | None = None) -> Coded:
    """Integer codes for a reliability matrix, with the same domain rules as :func:`tally`.

    Meant for the two-reviewer coefficients, which need to know who said what, not only how
    often each value was given to a unit.
    """
    matrix = _as_matrix(data)
    declared = _check_declared(values)
    if matrix.size == 0:
        domain = declared if declared is not None else ()
        return Coded(
            np.full(matrix.shape, -1, dtype=np.int64),
            domain,
            _label_scores(domain, declared is not None),
            True,  # an empty domain is trivially in order
        )
    kind = matrix.dtype.kind
    missing: np.ndarray
    if kind in "US":
        missing = matrix == ("nan" if kind == "U" else b"nan")
    elif kind == "f":
        missing = np.isnan(matrix)
    elif kind in "iub":
        missing = np.zeros(matrix.shape, dtype=bool)
    elif kind == "O":
        missing = np.frompyfunc(_is_missing, 1, 1)(matrix).astype(bool)
    else:
        raise ValueError(
            f"ratings of dtype {matrix.dtype} are not supported; use numbers or labels"
        )
    if kind == "f" and not np.all(np.isfinite(matrix[~missing])):
        raise ValueError("ratings must be finite numbers (infinity is not a rating)")
    codes, domain = _encode_labels(matrix, missing, declared)
    numeric = _numeric_scores(domain) is not None
    return Coded(
        codes,
        domain,
        _label_scores(domain, declared is not None),
        numeric or declared is not None or not domain,
    )

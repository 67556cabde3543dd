"""Krippendorff's unitizing alpha (u-alpha) for reviewers' highlights on one continuum.

Version implemented: the 1995/2004 u-alpha of Krippendorff, K. (1995). On the reliability of
unitizing continuous data. Sociological Methodology 25:47-76, in the form of Krippendorff, K.
(2004). Measuring the reliability of qualitative text analysis data. Quality & Quantity
38:787-800 (appendix, Figure 2 example) and Content Analysis, 2nd ed., sec. 12.4. This is the
version DKPro Statistics and INCEpTION implement. It is *not* the 2016 family (|u-alpha,
cu-alpha, (k)u-alpha) of Krippendorff, Mathet, Bouvry & Widlöcher (2016), Quality & Quantity
50:2347-2364, which gives different numbers, also for two reviewers.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from annotations.core.charts import gettext_noop

from .reliability import ONE_REVIEWER, ZERO_EXPECTED, Statistic, undefined
from .spans import Span, normalise_spans

LABEL_UNUSED = gettext_noop("no reviewer highlighted a span with this label")
NOTHING_HIGHLIGHTED = gettext_noop("no reviewer highlighted anything")
NO_REVIEWERS = gettext_noop("there are no reviewers")


@dataclass(frozen=True, slots=True)
class UnitizingAlpha:
    """Overall u-alpha and the u-alpha of each label.

    ``overall`` pools the labels as ``1 - sum_c D_o(c) / sum_c D_e(c)`` (equivalently the ratio
    of the labels' mean disagreements, which is what DKPro reports); the mean of the per-label
    alphas is a different number and is not reported. In every :class:`Statistic` here,
    ``basis="disagreement"``, ``reviewers`` counts all reviewers given (one who highlighted
    nothing still judged the whole text), and ``units`` and ``pairable`` both count the
    highlighted spans involved.
    """

    overall: Statistic
    by_label: dict[Hashable, Statistic]

    # The overall statistic's fields, so that callers wanting one number can treat the result
    # like any other Statistic.
    @property
    def value(self) -> float | None:
        return self.overall.value

    @property
    def reason(self) -> str | None:
        return self.overall.reason

    @property
    def units(self) -> int:
        return self.overall.units

    @property
    def reviewers(self) -> int:
        return self.overall.reviewers

    @property
    def pairable(self) -> int:
        return self.overall.pairable

    @property
    def observed(self) -> float | None:
        return self.overall.observed

    @property
    def expected(self) -> float | None:
        return self.overall.expected


def unitizing_alpha(
    spans_by_reviewer: Mapping[Hashable, Sequence[Span]] | Sequence[Sequence[Span]],
    continuum: tuple[int, int] | None = None,
    labels: Sequence[Hashable] | None = None,
    *,
    length: int | None = None,
    overlaps: Literal["merge", "error"] = "merge",
) -> UnitizingAlpha:
    """Krippendorff's (1995/2004) u-alpha for one continuum (e.g. one article's characters).

    ``continuum`` is the half-open range ``(begin, end)`` every reviewer read, or give
    ``length`` for ``continuum=(0, length)`` (an article of that many characters); L = end -
    begin.
    Each reviewer's spans of label c, together with the gaps between them, tile the continuum
    into sections g of begin b_g, length l_g, and w_g = 1 for a span, 0 for a gap. With m
    reviewers and N_c spans of label c in total::

        D_o(c) = sum_{i != j} sum_g sum_h delta2(g_i, h_j) / (m (m - 1) L^2)

        delta2 = (b_g - b_h)^2 + (e_g - e_h)^2   both spans, and they overlap
               = l_g^2                            span g lies inside gap h (and vice versa)
               = 0                                otherwise

        D_e(c) = (2 / L) * sum_{spans g} [ (N_c - 1)(2 l_g^3 - 3 l_g^2 + l_g) / 3
                                           + l_g^2 * sum_{gaps h, l_h >= l_g} (l_h - l_g + 1) ]
                 / ( m L (m L - 1) - sum_{spans g} l_g (l_g - 1) )

        u-alpha(c) = 1 - D_o(c) / D_e(c)

    The model cannot represent one reviewer's overlapping spans of the same label. With
    ``overlaps="merge"`` (default) they are replaced by their union first, since together they
    say "these characters are relevant"; spans that merely touch stay separate units. With
    ``overlaps="error"`` they raise ``ValueError``. Spans outside the continuum always raise.
    Unlabelled spans form a single label ``None``. ``labels`` declares labels that must be
    reported even if unused (they come back undefined and do not affect ``overall``).
    """
    if overlaps not in ("merge", "error"):
        raise ValueError(f"unknown overlaps {overlaps!r}; expected 'merge' or 'error'")
    if (continuum is None) == (length is None):
        raise ValueError("give exactly one of continuum=(begin, end) or length=...")
    begin, end = _check_continuum(continuum if continuum is not None else (0, length))
    named = (
        dict(spans_by_reviewer)
        if isinstance(spans_by_reviewer, Mapping)
        else dict(enumerate(spans_by_reviewer))
    )
    reviewers = len(named)
    by_reviewer = [normalise_spans(spans) for spans in named.values()]
    arities = {len(span) for spans in named.values() for span in spans}
    if len(arities) > 1:
        raise ValueError("mix of labelled and unlabelled spans; label all of them or none")
    for spans in by_reviewer:
        for start, stop, _label in spans:
            if start < begin or stop > end:
                raise ValueError(
                    f"span ({start}, {stop}) lies outside the continuum ({begin}, {end})"
                )
    found = list(dict.fromkeys(label for spans in by_reviewer for *_, label in spans))
    all_labels = list(dict.fromkeys([*(labels or []), *found]))
    total_spans = sum(len(spans) for spans in by_reviewer)

    if reviewers < 2:
        reason = ONE_REVIEWER if reviewers == 1 else NO_REVIEWERS
        return UnitizingAlpha(
            undefined(reason, total_spans, reviewers, total_spans),
            {label: undefined(reason, 0, reviewers, 0) for label in all_labels},
        )

    length = end - begin
    by_label: dict[Hashable, Statistic] = {}
    observed_total = expected_total = 0.0
    for label in all_labels:
        sections = [_sections(spans, label, begin, end, overlaps) for spans in by_reviewer]
        count = sum(len(units) for units, _gaps in sections)
        if count == 0:
            by_label[label] = undefined(LABEL_UNUSED, 0, reviewers, 0)
            continue
        observed = _observed(sections, reviewers, length)
        expected = _expected(sections, reviewers, length)
        observed_total += observed
        expected_total += expected
        if expected <= 0.0:
            by_label[label] = undefined(ZERO_EXPECTED, count, reviewers, count)
            continue
        by_label[label] = Statistic(
            1.0 - observed / expected,
            None,
            count,
            reviewers,
            count,
            observed,
            expected,
            "disagreement",
        )
    if expected_total <= 0.0:
        reason = NOTHING_HIGHLIGHTED if total_spans == 0 else ZERO_EXPECTED
        overall = undefined(reason, total_spans, reviewers, total_spans)
    else:
        overall = Statistic(
            1.0 - observed_total / expected_total,
            None,
            total_spans,
            reviewers,
            total_spans,
            observed_total,
            expected_total,
            "disagreement",
        )
    return UnitizingAlpha(overall, by_label)


Sections = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]  # spans, gaps: (begin, end)


# Any: the pair is the caller's input (any integer type, or junk) and is checked here at run time.
def _check_continuum(continuum: tuple[Any, Any]) -> tuple[int, int]:
    try:
        begin, end = continuum
    except (TypeError, ValueError) as error:
        raise ValueError("continuum must be a (begin, end) pair") from error
    if not (hasattr(begin, "__index__") and hasattr(end, "__index__")) or not begin < end:
        raise ValueError(f"continuum must be integers with begin < end, got {continuum!r}")
    return int(begin), int(end)


def _sections(
    spans: list[tuple[int, int, Hashable]],
    label: Hashable,
    begin: int,
    end: int,
    overlaps: Literal["merge", "error"],
) -> Sections:
    """The reviewer's spans of ``label`` and the gaps that complete them to the continuum."""
    units: list[tuple[int, int]] = []
    for start, stop in sorted((s, e) for s, e, span_label in spans if span_label == label):
        if units and start < units[-1][1]:
            if overlaps == "error":
                raise ValueError(
                    f"one reviewer's spans with label {label!r} overlap at {start}; u-alpha "
                    'needs non-overlapping spans per reviewer and label (or overlaps="merge")'
                )
            units[-1] = (units[-1][0], max(units[-1][1], stop))
        else:
            units.append((start, stop))
    gaps: list[tuple[int, int]] = []
    position = begin
    for start, stop in units:
        if start > position:
            gaps.append((position, start))
        position = stop
    if position < end:
        gaps.append((position, end))
    as_array = np.asarray(units, dtype=np.float64).reshape(-1, 2)
    return as_array, np.asarray(gaps, dtype=np.float64).reshape(-1, 2)


def _observed(sections: list[Sections], reviewers: int, length: int) -> float:
    total = 0.0
    for i in range(reviewers):
        for j in range(i + 1, reviewers):
            total += _pair_disagreement(sections[i], sections[j])
    # Each unordered pair stands for (i, j) and (j, i), and delta2 is symmetric.
    return 2.0 * total / (reviewers * (reviewers - 1) * float(length) ** 2)


def _pair_disagreement(first: Sections, second: Sections) -> float:
    units_a, gaps_a = first
    units_b, gaps_b = second
    total = 0.0
    if len(units_a) and len(units_b):
        ba, ea = units_a[:, :1], units_a[:, 1:]
        bb, eb = units_b[:, 0], units_b[:, 1]
        overlap = (ba < eb) & (bb < ea)
        total += float((((ba - bb) ** 2 + (ea - eb) ** 2) * overlap).sum())
    total += _inside_gaps(units_a, gaps_b) + _inside_gaps(units_b, gaps_a)
    return total


def _inside_gaps(units: npt.NDArray[np.float64], gaps: npt.NDArray[np.float64]) -> float:
    if not len(units) or not len(gaps):
        return 0.0
    inside = (gaps[None, :, 0] <= units[:, :1]) & (units[:, 1:] <= gaps[None, :, 1])
    lengths = units[:, 1] - units[:, 0]
    return float((lengths**2 * inside.any(axis=1)).sum())


def _expected(sections: list[Sections], reviewers: int, length: int) -> float:
    unit_lengths = np.concatenate([units[:, 1] - units[:, 0] for units, _ in sections])
    gap_lengths = np.sort(np.concatenate([gaps[:, 1] - gaps[:, 0] for _, gaps in sections]))
    count = len(unit_lengths)
    # For each span length l: sum over gaps of (l_gap - l + 1) where l_gap >= l, via suffix sums.
    suffix_sum = np.concatenate((np.cumsum(gap_lengths[::-1])[::-1], [0.0]))
    first_long_enough = np.searchsorted(gap_lengths, unit_lengths, side="left")
    long_enough = len(gap_lengths) - first_long_enough
    fitting = suffix_sum[first_long_enough] - (unit_lengths - 1.0) * long_enough
    numerator = (
        (count - 1) * (2 * unit_lengths**3 - 3 * unit_lengths**2 + unit_lengths) / 3.0
        + unit_lengths**2 * fitting
    ).sum()
    positions = float(reviewers) * float(length)
    denominator = positions * (positions - 1.0) - float((unit_lengths * (unit_lengths - 1.0)).sum())
    if denominator <= 0.0:
        return 0.0
    return float(2.0 / length * numerator / denominator)

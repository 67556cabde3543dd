"""An article's agreement report: the statistics the desk stores, from units and ratings.

Pure (no Django): services.agreement reads the database and hands plain tuples in.

Conventions (see docs/agreement.md):
- The reliability matrix has one row per reviewer who submitted a review of the article and one
  column per claim unit; a cell is the reviewer's verdict in that unit, missing when they did
  not highlight it.
- Nominal statistics use every label of the scale. The ordinal alpha uses the ordered labels
  only, in scale order: a verdict outside the order (Unverifiable) counts as missing there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from annotations.core.charts import ENGLISH, Words

from .alpha import Level, krippendorff_alpha
from .bootstrap import alpha_bootstrap
from .kappa import cohen_kappa
from .multirater import fleiss_kappa, fleiss_kappa_by_category, percent_agreement
from .records import (
    FinalRecord,
    IntervalStatisticRecord,
    LabelRecord,
    PairRecord,
    SpreadRecord,
    StatisticRecord,
    UnitSpreadRecord,
    WarningRecord,
)
from .reliability import Statistic
from .spans import mean_pairwise_span_f1
from .unitizing import unitizing_alpha

# (slug, is_ordinal, rating value), most accurate first.
ScaleLabel = tuple[str, bool, int | None]
# (unit id, kind, start, end)
UnitRow = tuple[Hashable, str, int, int]
# (reviewer id, unit id, verdict slug, start, end)
RatingRow = tuple[Hashable, Hashable, str, int, int]


@dataclass(frozen=True)
class ArticleReport:
    statistics: dict[str, StatisticRecord]
    unit_spreads: list[UnitSpreadRecord]
    pairwise: list[PairRecord]
    matrix: dict[str, Any]


def statistic_json(statistic: Statistic) -> StatisticRecord:
    """A statistic as stored and served: the value or null with the reason, and its n."""
    return {
        "value": None if statistic.value is None else round(statistic.value, 12),
        "reason": statistic.reason,
        "units": statistic.units,
        "reviewers": statistic.reviewers,
        "pairable": statistic.pairable,
    }


def reliability_matrix(
    *, reviewers: Sequence[Hashable], units: Sequence[UnitRow], ratings: Sequence[RatingRow]
) -> list[list[str | None]]:
    """Rows = reviewers, columns = units, cells = verdict slugs or None."""
    row_of = {reviewer: index for index, reviewer in enumerate(reviewers)}
    column_of = {unit[0]: index for index, unit in enumerate(units)}
    matrix: list[list[str | None]] = [[None] * len(units) for _ in reviewers]
    for reviewer, unit, verdict, _start, _end in ratings:
        if reviewer in row_of and unit in column_of:
            matrix[row_of[reviewer]][column_of[unit]] = verdict
    return matrix


def ordinal_only(matrix: list[list[str | None]], ordinal: set[str]) -> list[list[str | None]]:
    return [[cell if cell in ordinal else None for cell in row] for row in matrix]


def unit_spread(column: Sequence[str | None], ranks: dict[str, int]) -> SpreadRecord:
    """How far apart a unit's verdicts are.

    `ordinal_spread`: the distance in scale steps between the most and least accurate ordered
    verdicts (None with fewer than two). `nominal_disagreement`: the share of ratings that
    differ from the most common verdict (0 when all agree; None with fewer than two ratings).
    """
    given = [cell for cell in column if cell is not None]
    counts = Counter(given)
    ordered = [ranks[cell] for cell in given if cell in ranks]
    return {
        "ratings": len(given),
        "labels": dict(sorted(counts.items())),
        "ordinal_spread": max(ordered) - min(ordered) if len(ordered) >= 2 else None,
        "nominal_disagreement": (
            round(1 - max(counts.values()) / len(given), 12) if len(given) >= 2 else None
        ),
    }


def article_report(
    *,
    text_length: int,
    units: Sequence[UnitRow],
    ratings: Sequence[RatingRow],
    reviewers: Sequence[Hashable],
    scale: Sequence[ScaleLabel],
) -> ArticleReport:
    """Every per-article statistic, each unit's spread, and each reviewer pair's agreement."""
    labels = [slug for slug, _ordinal, _value in scale]
    ordered = [slug for slug, is_ordinal, _value in scale if is_ordinal]
    ranks = {slug: rank for rank, slug in enumerate(ordered)}
    matrix = reliability_matrix(reviewers=reviewers, units=units, ratings=ratings)

    spans: dict[Hashable, list[tuple[int, int]]] = {reviewer: [] for reviewer in reviewers}
    for reviewer, _unit, _verdict, start, end in ratings:
        spans.setdefault(reviewer, []).append((start, end))

    statistics = {
        "alpha_nominal": krippendorff_alpha(matrix, "nominal", values=labels),
        "alpha_ordinal": krippendorff_alpha(
            ordinal_only(matrix, set(ordered)), "ordinal", values=ordered
        ),
        "fleiss_kappa": fleiss_kappa(matrix),
        "percent_agreement": percent_agreement(matrix),
        "unitizing_alpha": unitizing_alpha(spans, length=text_length).overall,
    }
    stored = {name: statistic_json(statistic) for name, statistic in statistics.items()}
    for match in ("exact", "overlap"):
        f1 = mean_pairwise_span_f1(spans, match=match)
        stored[f"span_f1_{match}"] = {
            "value": None if f1.value is None else round(f1.value, 12),
            "reason": f1.reason,
            "units": len(units),
            "reviewers": f1.reviewers,
            "pairable": sum(len(s) for s in spans.values()),
        }

    columns = list(zip(*matrix, strict=True)) if matrix else [() for _ in units]
    spreads = [
        UnitSpreadRecord(
            unit=unit[0], kind=unit[1], start=unit[2], end=unit[3], **unit_spread(column, ranks)
        )
        for unit, column in zip(units, columns, strict=True)
    ]
    return ArticleReport(
        statistics=stored,
        unit_spreads=spreads,
        pairwise=reviewer_pairs(reviewers, matrix, labels),
        matrix={
            "reviewers": list(reviewers),
            "units": [unit[0] for unit in units],
            "ratings": matrix,
        },
    )


def reviewer_pairs(
    reviewers: Sequence[Hashable], matrix: list[list[str | None]], labels: Sequence[str]
) -> list[PairRecord]:
    """Each pair of reviewers: units both rated, raw agreement, and Cohen's kappa."""
    pairs: list[PairRecord] = []
    for (i, a), (j, b) in combinations(enumerate(reviewers), 2):
        both = [
            (x, y)
            for x, y in zip(matrix[i], matrix[j], strict=True)
            if x is not None and y is not None
        ]
        pairs.append(
            {
                "a": a,
                "b": b,
                "units": len(both),
                "agreement": round(sum(x == y for x, y in both) / len(both), 12) if both else None,
                "kappa": statistic_json(cohen_kappa(matrix[i], matrix[j], values=labels)),
            }
        )
    return pairs


# --- Desk-wide ----------------------------------------------------------------------------------

# INCEpTION-style diagnostics: thresholds below which a figure is not worth much.
MIN_UNITS = 30
# Below this many claim units a figure gets no conventional reading ("Reliable", "Poor"): on
# one unit a single differing verdict takes Fleiss' kappa to -1, which says nothing of the
# reviewers. The pages say "too few units to judge" instead.
MIN_UNITS_TO_READ = 2
SKEWED_SHARE = 0.8
SPARSE_RATINGS = 5


@dataclass(frozen=True)
class DeskReport:
    statistics: dict[str, StatisticRecord]
    per_label: list[LabelRecord]
    pairwise: list[PairRecord]
    warnings: list[WarningRecord]
    reviewers: list[Hashable]


def desk_matrix(
    matrices: Sequence[dict[str, Any]],
) -> tuple[list[Hashable], list[list[str | None]]]:
    """Side by side, the articles' reliability matrices: one row per reviewer of any article."""
    reviewers = sorted({r for m in matrices for r in m.get("reviewers", [])}, key=str)
    row_of = {reviewer: index for index, reviewer in enumerate(reviewers)}
    rows: list[list[str | None]] = [[] for _ in reviewers]
    for matrix in matrices:
        width = len(matrix.get("units", []))
        present = {r: i for i, r in enumerate(matrix.get("reviewers", []))}
        for reviewer, row in zip(reviewers, rows, strict=True):
            index = present.get(reviewer)
            row.extend(matrix["ratings"][index] if index is not None else [None] * width)
    return reviewers, [rows[row_of[r]] for r in reviewers]


def desk_report(
    *,
    matrices: Sequence[dict[str, Any]],
    scale: Sequence[ScaleLabel],
    bootstrap_samples: int = 1000,
    seed: int = 0,
    label_names: Mapping[str, str] | None = None,
) -> DeskReport:
    """Alpha over every submitted unit of the desk with bootstrap intervals, per-label
    figures, each reviewer pair's kappa, and warnings about data too thin to trust (which
    name labels by `label_names`, slug to name, where given)."""
    labels = [slug for slug, _ordinal, _value in scale]
    ordered = [slug for slug, is_ordinal, _value in scale if is_ordinal]
    reviewers, matrix = desk_matrix(matrices)
    ordinal_matrix = ordinal_only(matrix, set(ordered))
    statistics: dict[str, StatisticRecord] = {}
    alphas: tuple[tuple[str, list[list[str | None]], Level, list[str]], ...] = (
        ("alpha_nominal", matrix, "nominal", labels),
        ("alpha_ordinal", ordinal_matrix, "ordinal", ordered),
    )
    for name, data, level, values in alphas:
        interval = alpha_bootstrap(data, level, values=values, samples=bootstrap_samples, seed=seed)
        statistics[name] = IntervalStatisticRecord(
            **statistic_json(interval.estimate),
            ci_low=interval.low,
            ci_high=interval.high,
            ci_confidence=interval.confidence,
            ci_reason=interval.reason,
        )
    statistics["fleiss_kappa"] = statistic_json(fleiss_kappa(matrix))
    statistics["percent_agreement"] = statistic_json(percent_agreement(matrix))

    counts = Counter(cell for row in matrix for cell in row if cell is not None)
    by_label = fleiss_kappa_by_category(matrix, values=labels) if matrix else {}
    per_label = [
        LabelRecord(
            label=slug,
            ratings=counts.get(slug, 0),
            kappa=statistic_json(by_label[slug]) if slug in by_label else None,
        )
        for slug in labels
    ]
    return DeskReport(
        statistics=statistics,
        per_label=per_label,
        pairwise=reviewer_pairs(reviewers, matrix, labels),
        warnings=desk_warnings(statistics, counts, labels, label_names or {}),
        reviewers=reviewers,
    )


def desk_warnings(
    statistics: dict[str, StatisticRecord],
    counts: Counter[str],
    labels: Sequence[str],
    label_names: Mapping[str, str],
) -> list[WarningRecord]:
    """What the editor should know before trusting the figures; labels by name, as editors
    know them ("Mostly false", not "mostly-false")."""
    found: list[tuple[str, dict[str, str | int]]] = []
    units = statistics["alpha_nominal"]["units"]
    if units < MIN_UNITS:
        found.append(("too_few_units", {"units": units, "minimum": MIN_UNITS}))
    total = sum(counts.values())
    if total:
        label, most = counts.most_common(1)[0]
        if most / total > SKEWED_SHARE:
            share: dict[str, str | int] = {
                "share": f"{most / total:.0%}",
                "label": label_names.get(label, label),
            }
            found.append(("skewed_labels", share))
    sparse = [
        label_names.get(slug, slug) for slug in labels if 0 < counts.get(slug, 0) < SPARSE_RATINGS
    ]
    if sparse:
        found.append(("sparse_categories", {"limit": SPARSE_RATINGS, "labels": ", ".join(sparse)}))
    warnings: list[WarningRecord] = []
    for code, values in found:
        warning: WarningRecord = {"code": code, "message": "", "values": values}
        warning["message"] = warning_told(warning)
        warnings.append(warning)
    return warnings


def warning_told(warning: WarningRecord, words: Words = ENGLISH) -> str:
    """A warning's sentence in `words` (English by default), from the values stored with it;
    a record stored before it had values keeps its stored sentence."""
    values = warning.get("values")
    if values is None:
        return warning["message"]
    if warning["code"] == "too_few_units":
        return (
            words.ngettext(
                "Only %(units)s unit was rated; agreement figures on fewer than %(minimum)s "
                "units have wide uncertainty.",
                "Only %(units)s units were rated; agreement figures on fewer than %(minimum)s "
                "units have wide uncertainty.",
                int(values["units"]),
            )
            % values
        )
    if warning["code"] == "skewed_labels":
        return (
            words.gettext(
                "%(share)s of the ratings are “%(label)s”: with labels this skewed, kappa and "
                "alpha stay low even when reviewers mostly agree."
            )
            % values
        )
    if warning["code"] == "sparse_categories":
        return (
            words.gettext(
                "Few ratings (under %(limit)s) for: %(labels)s; their per-label figures are "
                "unreliable."
            )
            % values
        )
    return warning["message"]


def agreement_with_final(
    *,
    ratings: Sequence[tuple[Hashable, Hashable, str]],
    finals: dict[Any, str],  # unit -> final verdict; Any: a dict's key type is invariant
    labels: Sequence[str],
) -> list[FinalRecord]:
    """Each reviewer against the adjudicated verdicts: on the units both rated, the share
    where the reviewer's verdict is the final one, and Cohen's kappa between the two.

    `ratings` are (reviewer, unit, verdict) triples; `finals` maps a unit to its final verdict.
    """
    by_reviewer: dict[Hashable, list[tuple[str, str]]] = {}
    for reviewer, unit, verdict in ratings:
        if unit in finals:
            by_reviewer.setdefault(reviewer, []).append((verdict, finals[unit]))
    rows: list[FinalRecord] = []
    for reviewer in sorted(by_reviewer, key=str):
        pairs = by_reviewer[reviewer]
        mine = [own for own, _final in pairs]
        final = [final for _own, final in pairs]
        rows.append(
            {
                "reviewer": reviewer,
                "units": len(pairs),
                "agreement": round(sum(a == b for a, b in pairs) / len(pairs), 12),
                "kappa": statistic_json(cohen_kappa(mine, final, values=labels)),
            }
        )
    return rows

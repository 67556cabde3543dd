"""Reads for agreement statistics: what the API and pages show of the stored results.

The payloads are TypedDicts: the API's output serializers (api/agreement_serializers.py) name
the same fields, and tests/api/test_agreement_schema.py checks that a computed payload has
exactly those fields.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Mapping
from typing import TypedDict

from django.db.models import F

from annotations.core.agreement.records import (
    FinalRecord,
    IntervalStatisticRecord,
    LabelRecord,
    PairRecord,
    StatisticRecord,
    UnitSpreadRecord,
    WarningRecord,
)
from annotations.models import (
    Article,
    ArticleAgreement,
    DeskAgreement,
    Verdict,
)

ARTICLE_STATISTICS = [
    "alpha_nominal",
    "alpha_ordinal",
    "fleiss_kappa",
    "percent_agreement",
    "unitizing_alpha",
    "span_f1_exact",
    "span_f1_overlap",
]
DESK_STATISTICS = ["alpha_nominal", "alpha_ordinal", "fleiss_kappa", "percent_agreement"]
NOT_COMPUTED = "not computed yet"


class NamedPair(TypedDict):
    """A PairRecord with the two reviewers' usernames in place of their ids."""

    a: str
    b: str
    units: int
    agreement: float | None
    kappa: StatisticRecord


class NamedFinal(TypedDict):
    """A FinalRecord with the reviewer's username in place of their id."""

    reviewer: str
    units: int
    agreement: float
    kappa: StatisticRecord


class Interval(TypedDict):
    """A desk alpha's bootstrap interval; `low`/`high` null exactly when `reason` says why."""

    low: float | None
    high: float | None
    confidence: float | None
    reason: str | None


class _Explained(TypedDict):
    # Each statistic's value sits at the top level (null when undefined); these say why.
    reasons: dict[str, str]  # statistic -> why it is null, for the null ones only
    details: dict[str, StatisticRecord]  # statistic -> its full record, once computed


class ArticleAgreementPayload(_Explained):
    """An article's agreement, as `GET /api/v1/articles/{id}/agreement/` serves it."""

    article: int
    alpha_nominal: float | None
    alpha_ordinal: float | None
    fleiss_kappa: float | None
    percent_agreement: float | None
    unitizing_alpha: float | None
    span_f1_exact: float | None
    span_f1_overlap: float | None
    units: int
    reviewers: int
    computed_at: datetime.datetime | None
    stale: bool
    unit_spreads: list[UnitSpreadRecord]
    pairwise: list[NamedPair]


class DeskAgreementPayload(_Explained):
    """The desk's agreement, as `GET /api/v1/agreement/` serves it."""

    alpha_nominal: float | None
    alpha_ordinal: float | None
    fleiss_kappa: float | None
    percent_agreement: float | None
    confidence_intervals: dict[str, Interval]  # for the alphas, once computed
    units: int
    reviewers: int
    articles: int
    stale_articles: int
    computed_at: datetime.datetime | None
    stale: bool
    queued: bool
    per_label: list[LabelRecord]
    pairwise: list[NamedPair]
    reviewer_vs_final: list[NamedFinal]
    warnings: list[WarningRecord]


def _value(statistics: Mapping[str, StatisticRecord], name: str) -> float | None:
    record = statistics.get(name)
    return record["value"] if record else None


def _explained(statistics: Mapping[str, StatisticRecord], names: list[str]) -> _Explained:
    """Why each undefined statistic is null, and the full record with its n of each."""
    reasons: dict[str, str] = {}
    for name in names:
        record = statistics.get(name)
        if not record:
            reasons[name] = NOT_COMPUTED
        elif record["value"] is None and record["reason"] is not None:
            # An undefined Statistic always says why (core/agreement/reliability.py).
            reasons[name] = record["reason"]
    return {
        "reasons": reasons,
        "details": {name: statistics[name] for name in names if name in statistics},
    }


def article_agreement_payload(article: Article) -> ArticleAgreementPayload:
    agreement = ArticleAgreement.objects.filter(article=article).first()
    statistics: dict[str, StatisticRecord] = agreement.statistics if agreement else {}
    pairwise: list[PairRecord] = agreement.pairwise if agreement else []
    usernames = _usernames([pair["a"] for pair in pairwise] + [pair["b"] for pair in pairwise])
    return {
        "article": article.pk,
        "alpha_nominal": _value(statistics, "alpha_nominal"),
        "alpha_ordinal": _value(statistics, "alpha_ordinal"),
        "fleiss_kappa": _value(statistics, "fleiss_kappa"),
        "percent_agreement": _value(statistics, "percent_agreement"),
        "unitizing_alpha": _value(statistics, "unitizing_alpha"),
        "span_f1_exact": _value(statistics, "span_f1_exact"),
        "span_f1_overlap": _value(statistics, "span_f1_overlap"),
        **_explained(statistics, ARTICLE_STATISTICS),
        "units": len(agreement.matrix.get("units", [])) if agreement else 0,
        "reviewers": len(agreement.matrix.get("reviewers", [])) if agreement else 0,
        "computed_at": agreement.computed_at if agreement else None,
        "stale": agreement.stale if agreement else True,
        "unit_spreads": agreement.unit_spreads if agreement else [],
        "pairwise": _pairs_named(pairwise, usernames),
    }


def desk_agreement_stale(desk: DeskAgreement | None = None) -> bool:
    """Whether the desk's figures may not reflect the reviews and verdicts as they are now.

    Derived from the data, with no bookkeeping of its own, so no write can forget to mark it:
    the desk's figures are built from every article's stored statistics and from the final
    verdicts, so they are stale when never computed, when an article's statistics are stale
    (a change not yet recomputed) or were stored after the desk's computation began, or when a
    verdict was decided or corrected since. A unit decided, a revision imported (its units
    regrouped), a review submitted: each goes through its article's statistics. Verdicts are
    never deleted (units PROTECT them), so timestamps see every change.
    """
    if desk is None:
        desk = DeskAgreement.objects.filter(pk=1).first()
    if desk is None or desk.computed_at is None:
        return True
    return (
        desk.stale_articles > 0
        or ArticleAgreement.objects.filter(changes__gt=F("computed_changes")).exists()
        or ArticleAgreement.objects.filter(computed_at__gt=desk.computed_at).exists()
        or Verdict.objects.filter(updated_at__gt=desk.computed_at).exists()
    )


def desk_agreement_payload() -> DeskAgreementPayload:
    desk = DeskAgreement.objects.filter(pk=1).first()
    # The alphas' records carry their intervals (IntervalStatisticRecord).
    statistics: dict[str, IntervalStatisticRecord] = desk.statistics if desk else {}
    pairwise: list[PairRecord] = desk.pairwise if desk else []
    usernames = _usernames([p["a"] for p in pairwise] + [p["b"] for p in pairwise])
    alpha = statistics.get("alpha_nominal")
    return {
        "alpha_nominal": _value(statistics, "alpha_nominal"),
        "alpha_ordinal": _value(statistics, "alpha_ordinal"),
        "fleiss_kappa": _value(statistics, "fleiss_kappa"),
        "percent_agreement": _value(statistics, "percent_agreement"),
        **_explained(statistics, DESK_STATISTICS),
        "confidence_intervals": {
            name: {
                "low": statistics[name].get("ci_low"),
                "high": statistics[name].get("ci_high"),
                "confidence": statistics[name].get("ci_confidence"),
                "reason": statistics[name].get("ci_reason"),
            }
            for name in ("alpha_nominal", "alpha_ordinal")
            if name in statistics
        },
        "units": alpha["units"] if alpha else 0,
        "reviewers": alpha["reviewers"] if alpha else 0,
        "articles": desk.articles if desk else 0,
        "stale_articles": desk.stale_articles if desk else 0,
        "computed_at": desk.computed_at if desk else None,
        "stale": desk_agreement_stale(desk),
        "queued": bool(desk and desk.queued),
        "per_label": desk.per_label if desk else [],
        "pairwise": _pairs_named(pairwise, usernames),
        "reviewer_vs_final": _reviewers_named(desk.reviewer_vs_final if desk else []),
        "warnings": desk.warnings if desk else [],
    }


def _usernames(user_ids: Iterable[Hashable]) -> dict[Hashable, str]:
    from django.contrib.auth import get_user_model

    return dict(get_user_model().objects.filter(pk__in=set(user_ids)).values_list("pk", "username"))


def _reviewers_named(rows: list[FinalRecord]) -> list[NamedFinal]:
    usernames = _usernames(row["reviewer"] for row in rows)
    return [
        {**row, "reviewer": usernames.get(row["reviewer"], str(row["reviewer"]))} for row in rows
    ]


def _pairs_named(pairs: list[PairRecord], usernames: dict[Hashable, str]) -> list[NamedPair]:
    return [
        {
            **pair,
            "a": usernames.get(pair["a"], str(pair["a"])),
            "b": usernames.get(pair["b"], str(pair["b"])),
        }
        for pair in pairs
    ]

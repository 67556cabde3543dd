"""Reads for agreement statistics: what the API and pages show of the stored results."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import F

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


def _statistics_payload(statistics: dict[str, dict[str, Any]], names: list[str]) -> dict[str, Any]:
    """Each statistic's value at the top level (null when undefined), its reason under
    `reasons`, and the full record with its n under `details`."""
    payload: dict[str, Any] = {}
    reasons: dict[str, str] = {}
    for name in names:
        record = statistics.get(name)
        payload[name] = record["value"] if record else None
        if not record or record["value"] is None:
            reasons[name] = record["reason"] if record else NOT_COMPUTED
    payload["reasons"] = reasons
    payload["details"] = {name: statistics[name] for name in names if name in statistics}
    return payload


def article_agreement_payload(article: Article) -> dict[str, Any]:
    agreement = ArticleAgreement.objects.filter(article=article).first()
    if agreement is None:
        return {
            "article": article.pk,
            **_statistics_payload({}, ARTICLE_STATISTICS),
            "units": 0,
            "reviewers": 0,
            "computed_at": None,
            "stale": True,
            "unit_spreads": [],
            "pairwise": [],
        }
    usernames = _usernames(
        [pair["a"] for pair in agreement.pairwise] + [pair["b"] for pair in agreement.pairwise]
    )
    return {
        "article": article.pk,
        **_statistics_payload(agreement.statistics, ARTICLE_STATISTICS),
        "units": len(agreement.matrix.get("units", [])),
        "reviewers": len(agreement.matrix.get("reviewers", [])),
        "computed_at": agreement.computed_at,
        "stale": agreement.stale,
        "unit_spreads": agreement.unit_spreads,
        "pairwise": _pairs_named(agreement.pairwise, usernames),
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


def desk_agreement_payload() -> dict[str, Any]:
    desk = DeskAgreement.objects.filter(pk=1).first()
    statistics = desk.statistics if desk else {}
    pairwise = desk.pairwise if desk else []
    usernames = _usernames([p["a"] for p in pairwise] + [p["b"] for p in pairwise])
    alpha = statistics.get("alpha_nominal", {})
    return {
        **_statistics_payload(statistics, DESK_STATISTICS),
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
        "units": alpha.get("units", 0),
        "reviewers": alpha.get("reviewers", 0),
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


def _usernames(user_ids: Iterable[int]) -> dict[int, str]:
    from django.contrib.auth import get_user_model

    return dict(get_user_model().objects.filter(pk__in=set(user_ids)).values_list("pk", "username"))


def _reviewers_named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    usernames = _usernames(row["reviewer"] for row in rows)
    return [
        {**row, "reviewer": usernames.get(row["reviewer"], str(row["reviewer"]))} for row in rows
    ]


def _pairs_named(pairs: list[dict[str, Any]], usernames: dict[int, str]) -> list[dict[str, Any]]:
    return [
        {
            **pair,
            "a": usernames.get(pair["a"], str(pair["a"])),
            "b": usernames.get(pair["b"], str(pair["b"])),
        }
        for pair in pairs
    ]

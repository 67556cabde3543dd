"""The agreement report's records: the shapes report.py computes, the database stores as JSON
(ArticleAgreement, DeskAgreement) and selectors/agreement.py serves. TypedDicts, because they
are stored and served as plain JSON objects; every key is always present."""

from __future__ import annotations

from collections.abc import Hashable
from typing import NotRequired, TypedDict


class StatisticRecord(TypedDict):
    """A statistic as stored and served: the value (null when undefined, and then `reason`
    says why), and its n: units rated, reviewers who rated, ratings that could be paired."""

    value: float | None
    reason: str | None
    units: int
    reviewers: int
    pairable: int


class IntervalStatisticRecord(StatisticRecord):
    """A statistic with its percentile bootstrap interval (the desk's alphas); `ci_low` and
    `ci_high` are null exactly when `ci_reason` says why there is no interval."""

    ci_low: float | None
    ci_high: float | None
    ci_confidence: float
    ci_reason: str | None


class SpreadRecord(TypedDict):
    """How far apart one unit's verdicts are (report.unit_spread)."""

    ratings: int
    labels: dict[str, int]  # verdict slug -> how many reviewers gave it
    ordinal_spread: int | None  # scale steps between the extremes; null under two ratings
    nominal_disagreement: float | None  # share differing from the most common verdict


class UnitSpreadRecord(SpreadRecord):
    """A claim unit and its spread."""

    unit: Hashable  # the unit's id
    kind: str
    start: int
    end: int


class PairRecord(TypedDict):
    """Two reviewers: the units both rated, their raw agreement on them, and Cohen's kappa."""

    a: Hashable  # reviewer ids; selectors put usernames in their place
    b: Hashable
    units: int
    agreement: float | None
    kappa: StatisticRecord


class LabelRecord(TypedDict):
    """One label of the scale desk-wide: its ratings, and its kappa against all others (null
    when no ratings were given at all)."""

    label: str
    ratings: int
    kappa: StatisticRecord | None


class FinalRecord(TypedDict):
    """One reviewer against the editors' final verdicts, on the units both rated."""

    reviewer: Hashable  # the reviewer's id; selectors put the username in its place
    units: int
    agreement: float
    kappa: StatisticRecord


class WarningRecord(TypedDict):
    """Data too thin to trust a figure: a code for programs, a sentence for people (English,
    as stored), and the values it was made from, so that a page can say it in its reader's
    language (report.warning_told); records from before have none."""

    code: str
    message: str
    values: NotRequired[dict[str, str | int]]

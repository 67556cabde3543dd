"""Reads for feedback to reviewers: where the final verdict differed from theirs, and their
figures against the desk's decisions by month (computed in annotations.core.feedback).

Reviewers behind opaque keys: the editors' pages address a reviewer by an HMAC of their user id
under SECRET_KEY with a salt of its own (not the W3C person key of selectors.people, which
resolves to a name), so a URL names nobody. Where the desk hides reviewer names in adjudication
(DeskSettings.hide_reviewer_names), a reviewer shows as a pseudonym made from that key
("Reviewer 3FA9C"): stable, the same on every page, and telling nothing about who it is.

Every read here costs a fixed number of queries, whatever the number of units: the figures
come from counts grouped in the database (by month and label pair), never from one row per unit.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TypedDict, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from annotations.core.agreement.records import StatisticRecord
from annotations.core.feedback import (
    FinalCount,
    MonthFigures,
    PairCount,
    ReviewerFigures,
    ScaleEntry,
    overall_figures,
    reviewer_figures,
)
from annotations.models import Annotation, ClaimUnit, DeskSettings, VerdictLabel

_SALT = "annotations.feedback.reviewer_key"
KEY_LENGTH = 20
PSEUDONYM_LENGTH = 5
# The statuses of a decided unit: it has a verdict, published, withdrawn or not yet published.
DECIDED_STATUSES = (
    ClaimUnit.Status.DECIDED,
    ClaimUnit.Status.PUBLISHED,
    ClaimUnit.Status.UNPUBLISHED,
)


def feedback_key(user_id: int, *, secret: str | bytes | None = None) -> str:
    """The opaque key of a reviewer's feedback page: 20 hex digits (80 bits) of an HMAC."""
    digest = salted_hmac(_SALT, str(user_id), secret=secret, algorithm="sha256").hexdigest()
    return digest[:KEY_LENGTH]


def feedback_pseudonym(key: str) -> str:
    return f"Reviewer {key[:PSEUDONYM_LENGTH].upper()}"


def reviewer_names_hidden() -> bool:
    """Whether the desk hides reviewers' names from its editors (the adjudication setting)."""
    return bool(DeskSettings.load().hide_reviewer_names)


@dataclass(frozen=True)
class FeedbackSubject:
    """The reviewer a feedback page is about, as the viewer may name them."""

    user: User
    key: str
    name: str  # the username, or the pseudonym where names are hidden


def feedback_subject(user: User, *, hidden: bool) -> FeedbackSubject:
    key = feedback_key(user.pk)
    return FeedbackSubject(
        user=user, key=key, name=feedback_pseudonym(key) if hidden else user.get_username()
    )


def decided_work(reviewer_id: int | None = None) -> QuerySet[Annotation]:
    """Highlights on decided units (a verdict exists: decided, published or withdrawn), of
    one reviewer when given. A highlight joins a unit only once its review is submitted."""
    work = Annotation.objects.filter(unit__status__in=DECIDED_STATUSES, unit__verdict__isnull=False)
    return work if reviewer_id is None else work.filter(reviewer_id=reviewer_id)


def feedback_differences(reviewer_id: int) -> QuerySet[Annotation]:
    """The reviewer's highlights on decided units whose final verdict is not theirs, newest
    decision first, with what a row shows (labels, verdict, the article's title) joined in."""
    return (
        decided_work(reviewer_id)
        .exclude(verdict_id=F("unit__verdict__label_id"))
        .select_related("verdict", "unit", "unit__verdict", "unit__verdict__label", "article")
        .defer("article__text")
        .order_by("-unit__verdict__decided_at", "-pk")
    )


def _scale() -> list[ScaleEntry]:
    return list(VerdictLabel.objects.order_by("position", "pk").values_list("slug", "is_ordinal"))


def _month(moment: datetime.datetime | datetime.date) -> datetime.date:
    # TruncMonth gives the month's first moment in the current time zone (a date on SQLite
    # when the value is one): its date is the month's first day either way.
    return moment.date() if isinstance(moment, datetime.datetime) else moment


def _decided_month() -> TruncMonth:
    return TruncMonth("unit__verdict__decided_at", tzinfo=timezone.get_current_timezone())


def _final_counts(reviewer_id: int) -> list[FinalCount]:
    rows = (
        decided_work(reviewer_id)
        .annotate(month=_decided_month())
        .values_list("month", "verdict__slug", "unit__verdict__label__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(_month(month), own, final, n) for month, own, final, n in rows]


def _pair_counts(reviewer_id: int) -> list[PairCount]:
    """By colleague, month and label pair: the decided units both the reviewer and the
    colleague rated (a unit holds one highlight per reviewer; core.units)."""
    own = Annotation.objects.filter(unit=OuterRef("unit"), reviewer_id=reviewer_id).order_by("pk")
    rows = (
        decided_work()
        .filter(Exists(own))
        .exclude(reviewer_id=reviewer_id)
        .annotate(month=_decided_month(), mine=Subquery(own.values("verdict__slug")[:1]))
        .values_list("month", "reviewer_id", "mine", "verdict__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        (_month(month), colleague, mine, theirs, n) for month, colleague, mine, theirs, n in rows
    ]


@dataclass(frozen=True)
class FeedbackFigures:
    figures: ReviewerFigures
    colleague_names: dict[Hashable, str]  # colleague id -> username or pseudonym


def feedback_figures(reviewer_id: int, *, hidden: bool) -> FeedbackFigures:
    """The reviewer's figures by month up to this month, with each colleague named as the
    viewer may name them (a pseudonym where names are hidden)."""
    pairs = _pair_counts(reviewer_id)
    figures = reviewer_figures(
        finals=_final_counts(reviewer_id),
        pairs=pairs,
        scale=_scale(),
        until=timezone.localdate(),
    )
    colleague_ids = {cast(int, colleague) for _month, colleague, _a, _b, _n in pairs}
    names: dict[Hashable, str]
    if hidden:
        names = {pk: feedback_pseudonym(feedback_key(pk)) for pk in colleague_ids}
    else:
        names = dict(
            get_user_model()
            .objects.filter(pk__in=colleague_ids)
            .values_list("pk", get_user_model().USERNAME_FIELD)
        )
    return FeedbackFigures(figures=figures, colleague_names=names)


@dataclass(frozen=True)
class ReviewerOverview:
    """One reviewer in the editors' list: every decided rating together, and the latest month."""

    subject: FeedbackSubject
    total: MonthFigures
    latest: MonthFigures


def feedback_reviewers(*, hidden: bool) -> list[ReviewerOverview]:
    """Every reviewer with work on decided units and their figures, by name (or pseudonym,
    then in the pseudonyms' order). Two queries whatever the number of reviewers and units."""
    rows = (
        decided_work()
        .annotate(month=_decided_month())
        .values_list("reviewer_id", "month", "verdict__slug", "unit__verdict__label__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[datetime.date, list[tuple[str, str, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for reviewer_id, month, own, final, n in rows:
        counts[reviewer_id][_month(month)].append((own, final, n))
    if not counts:
        return []
    scale = _scale()
    users = get_user_model().objects.filter(pk__in=counts).order_by("pk")
    overviews = []
    for user in users:
        months = counts[user.pk]
        latest = max(months)
        overviews.append(
            ReviewerOverview(
                subject=feedback_subject(user, hidden=hidden),
                total=overall_figures(_flatten(months.values()), scale),
                latest=_with_month(overall_figures(months[latest], scale), latest),
            )
        )
    return sorted(overviews, key=lambda row: (row.subject.name.casefold(), row.subject.key))


def _flatten(groups: Iterable[list[tuple[str, str, int]]]) -> list[tuple[str, str, int]]:
    return [row for group in groups for row in group]


def _with_month(figures: MonthFigures, month: datetime.date) -> MonthFigures:
    return MonthFigures(
        month=month,
        units=figures.units,
        agreed=figures.agreed,
        agreement=figures.agreement,
        mean_distance=figures.mean_distance,
    )


def feedback_reviewer_by_key(key: str) -> User | None:
    """The reviewer behind `key` among everyone with submitted work (a highlight in a unit),
    or None (which the pages answer with a 404). Keys made under an old SECRET_KEY still
    resolve while it is in SECRET_KEY_FALLBACKS."""
    if len(key) != KEY_LENGTH:
        return None
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    reviewers = (
        Annotation.objects.filter(unit__isnull=False)
        .order_by()
        .values_list("reviewer_id", flat=True)
        .distinct()
    )
    for reviewer_id in reviewers:
        if any(constant_time_compare(feedback_key(reviewer_id, secret=s), key) for s in secrets):
            return get_user_model().objects.get(pk=reviewer_id)
    return None


class MonthPayload(TypedDict):
    month: datetime.date  # its first day
    units: int
    agreed: int
    agreement: float | None
    mean_distance: float | None


class KappaMonthPayload(TypedDict):
    month: datetime.date
    units: int
    kappa: StatisticRecord


class ColleaguePayload(TypedDict):
    colleague: str  # username, or pseudonym where the desk hides names
    units: int
    kappa: StatisticRecord
    months: list[KappaMonthPayload]


class TotalPayload(TypedDict):
    units: int
    agreed: int
    agreement: float | None
    mean_distance: float | None


class FeedbackPayload(TypedDict):
    """A reviewer's figures as `GET /api/v1/feedback/` serves them (api/feedback_serializers)."""

    reviewer: str
    names_hidden: bool
    widest_distance: int
    total: TotalPayload
    months: list[MonthPayload]
    colleagues: list[ColleaguePayload]


def _month_payload(row: MonthFigures) -> MonthPayload:
    return {
        "month": row.month,
        "units": row.units,
        "agreed": row.agreed,
        "agreement": row.agreement,
        "mean_distance": row.mean_distance,
    }


def feedback_payload(user: User) -> FeedbackPayload:
    """The user's own figures (every month, oldest first), colleagues named as the desk says."""
    hidden = reviewer_names_hidden()
    read = feedback_figures(user.pk, hidden=hidden)
    total = read.figures.total
    return {
        "reviewer": user.get_username(),
        "names_hidden": hidden,
        "widest_distance": read.figures.widest,
        "total": {
            "units": total.units,
            "agreed": total.agreed,
            "agreement": total.agreement,
            "mean_distance": total.mean_distance,
        },
        "months": [_month_payload(row) for row in read.figures.months],
        "colleagues": sorted(
            (
                {
                    "colleague": read.colleague_names.get(colleague.colleague, "A colleague"),
                    "units": colleague.units,
                    "kappa": colleague.kappa,
                    "months": [
                        {"month": month.month, "units": month.units, "kappa": month.kappa}
                        for month in colleague.months
                    ],
                }
                for colleague in read.figures.colleagues
            ),
            key=lambda row: row["colleague"].casefold(),
        ),
    }

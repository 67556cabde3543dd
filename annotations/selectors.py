"""Reads: querysets scoped to what each user may see, and the data the pages need."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from annotations import roles
from annotations.anchoring import Anchor, anchor
from annotations.models import (
    Annotation,
    Article,
    ArticleAgreement,
    Assignment,
    ClaimUnit,
    DeskAgreement,
    Review,
    Verdict,
    VerdictLabel,
)

User = AbstractBaseUser | AnonymousUser


def articles_visible_to(user: User) -> QuerySet[Article]:
    """Every article of the desk for its members (reviewers, editors, admins); none otherwise."""
    if not (roles.is_editor(user) or roles.is_reviewer(user)):
        return Article.objects.none()
    return Article.objects.all()


def articles_with_progress(user: User) -> QuerySet[Article]:
    """Articles with the user's review progress and, for editors, the desk's totals.

    Subqueries rather than joins, so that counts do not multiply and the list stays one query.
    """
    mine = Annotation.objects.filter(article=OuterRef("pk"), reviewer=user.pk)
    my_count = mine.order_by().values("article").annotate(n=Count("pk")).values("n")
    my_review = Review.objects.filter(article=OuterRef("pk"), reviewer=user.pk).values("status")
    all_count = (
        Annotation.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    submitted = (
        Review.objects.filter(article=OuterRef("pk"), status=Review.Status.SUBMITTED)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        articles_visible_to(user)
        .defer("text")
        .annotate(
            my_annotation_count=Coalesce(Subquery(my_count, output_field=IntegerField()), 0),
            my_review_status=Subquery(my_review[:1]),
            annotation_count=Coalesce(Subquery(all_count, output_field=IntegerField()), 0),
            reviewer_count=Coalesce(Subquery(submitted, output_field=IntegerField()), 0),
        )
    )


def annotations_visible_to(user: User) -> QuerySet[Annotation]:
    """The annotations a user may read.

    Editors and admins: all. Reviewers: their own, and, once they have submitted their review of
    an article, the annotations of the other reviewers who have submitted theirs (blind review
    until then). Anyone else: none.
    """
    queryset = Annotation.objects.select_related("verdict", "reviewer").prefetch_related("sources")
    if roles.is_editor(user):
        return queryset
    if not roles.is_reviewer(user):
        return queryset.none()
    i_submitted = Exists(
        Review.objects.filter(
            article=OuterRef("article"), reviewer=user.pk, status=Review.Status.SUBMITTED
        )
    )
    they_submitted = Exists(
        Review.objects.filter(
            article=OuterRef("article"),
            reviewer=OuterRef("reviewer"),
            status=Review.Status.SUBMITTED,
        )
    )
    return queryset.filter(Q(reviewer=user.pk) | (i_submitted & they_submitted))


def annotations_writable_by(user: User) -> QuerySet[Annotation]:
    """Annotations the user may change or delete: their own, and nobody else's."""
    if not user.is_authenticated:
        return Annotation.objects.none()
    return Annotation.objects.select_related("article", "verdict", "reviewer").filter(
        reviewer=user.pk
    )


def review_status(*, article: Article, user: User) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Review.objects.filter(article=article, reviewer=user.pk)
        .values_list("status", flat=True)
        .first()
    )


def verdict_labels() -> list[VerdictLabel]:
    return list(VerdictLabel.objects.all())


@dataclass(frozen=True)
class AnchoredAnnotations:
    """Server-verified places of annotations, by annotation id (None: could not be placed)."""

    anchors: dict[int, Anchor | None]

    def of(self, annotation: Annotation) -> Anchor | None:
        return self.anchors.get(annotation.pk)


def annotations_anchor(
    annotations: Iterable[Annotation], *, texts: dict[int, str] | None = None
) -> AnchoredAnnotations:
    """Anchor each annotation's stored target in its article's current text.

    `texts` maps article id to text when the caller has it; otherwise the texts of the
    articles involved are read in one query.
    """
    annotations = list(annotations)
    texts = dict(texts or {})
    missing = {a.article_id for a in annotations} - texts.keys()
    if missing:
        texts.update(Article.objects.filter(pk__in=missing).values_list("pk", "text"))
    return AnchoredAnnotations(
        anchors={
            a.pk: anchor(
                texts[a.article_id],
                exact=a.exact,
                prefix=a.prefix,
                suffix=a.suffix,
                start=a.start,
                end=a.end,
            )
            for a in annotations
        }
    )


# --- Agreement ----------------------------------------------------------------------------------

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
        "stale": desk is None or desk.computed_at is None or desk.stale_articles > 0 or desk.queued,
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


# --- Review queue -------------------------------------------------------------------------------


def review_queue(
    *,
    status: str | None = None,
    article: int | None = None,
    label: str | None = None,
    reviewer: str | None = None,
) -> QuerySet[ClaimUnit]:
    """Claim units awaiting a decision, most disputed first.

    Ranking: ordinal verdict spread, then nominal disagreement (both highest first, units
    with a single review last), then the number of independent reviews, then age (oldest
    first). `status` picks one status instead of every open one.
    """
    units = ClaimUnit.objects.select_related("article").defer("article__text")
    units = (
        units.filter(status=status) if status else units.filter(status__in=ClaimUnit.OPEN_STATUSES)
    )
    if article:
        units = units.filter(article_id=article)
    if label:
        units = units.filter(
            Exists(Annotation.objects.filter(unit=OuterRef("pk"), verdict__slug=label))
        )
    if reviewer:
        units = units.filter(
            Exists(Annotation.objects.filter(unit=OuterRef("pk"), reviewer__username=reviewer))
        )
    return units.order_by(
        F("ordinal_spread").desc(nulls_last=True),
        F("nominal_disagreement").desc(nulls_last=True),
        "-ratings",
        "created",
        "pk",
    )


def review_queue_counts() -> dict[str, int]:
    """How many units are in each status, in one query."""
    counts = dict(
        ClaimUnit.objects.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in ClaimUnit.Status.values}


def unit_for_adjudication(pk: int) -> ClaimUnit:
    """A unit with its highlights, their reviewers, verdicts and sources, and its verdict."""
    return (
        ClaimUnit.objects.select_related("article", "verdict", "verdict__label")
        .prefetch_related(
            Prefetch(
                "annotations",
                queryset=Annotation.objects.select_related("reviewer", "verdict")
                .prefetch_related("sources")
                .order_by("reviewer__username"),
            ),
            "verdict__sources",
            "verdict__corrections",
        )
        .get(pk=pk)
    )


def verdicts_published() -> QuerySet[Verdict]:
    """Published verdicts only: drafts, decided and unpublished ones never leave the desk."""
    return (
        Verdict.objects.filter(is_published=True)
        .select_related("label", "unit", "unit__article")
        .defer("unit__article__text")
        .prefetch_related("sources", "corrections")
        .order_by("updated_at", "pk")
    )


def verdicts_visible_to(user: User) -> QuerySet[Verdict]:
    """Editors see every verdict; everyone else, published ones."""
    if roles.is_editor(user):
        return (
            Verdict.objects.select_related("label", "unit", "unit__article")
            .defer("unit__article__text")
            .prefetch_related("sources", "corrections")
            .order_by("updated_at", "pk")
        )
    return verdicts_published()


def assignments_of(user: User) -> QuerySet[Assignment]:
    """A reviewer's inbox: their assignments with their review's progress."""
    my_review = Review.objects.filter(article=OuterRef("article"), reviewer=user.pk)
    mine = (
        Annotation.objects.filter(article=OuterRef("article"), reviewer=user.pk)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Assignment.objects.filter(reviewer=user.pk)
        .select_related("article", "assigned_by")
        .defer("article__text")
        .annotate(
            review_status=Subquery(my_review.values("status")[:1]),
            annotation_count=Coalesce(Subquery(mine, output_field=IntegerField()), 0),
        )
        .order_by(F("due_on").asc(nulls_last=True), "created")
    )


def verdicts_feed(user: User, *, updated_after: Any = None) -> QuerySet[Verdict]:
    """The verdicts list as a change feed.

    Editors see every verdict. Others see published ones; and when they ask for the changes
    since a time, also the verdicts withdrawn since, which the API reduces to tombstones so
    that a syncing client can remove them (their content never leaves the desk).
    """
    if roles.is_editor(user):
        verdicts = verdicts_visible_to(user)
    elif updated_after is not None:
        verdicts = (
            Verdict.objects.filter(first_published_at__isnull=False)
            .select_related("label", "unit", "unit__article")
            .defer("unit__article__text")
            .prefetch_related("sources", "corrections")
        )
    else:
        verdicts = verdicts_published()
    if updated_after is not None:
        verdicts = verdicts.filter(updated_at__gt=updated_after)
    return verdicts.order_by("updated_at", "pk")

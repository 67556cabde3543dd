"""Reads for the review queue, verdicts and assignments."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Substr

from annotations import roles
from annotations.models import (
    Annotation,
    Article,
    Assignment,
    ClaimChange,
    ClaimUnit,
    Review,
    Verdict,
)
from annotations.roles import Role
from annotations.selectors.articles import User, articles_visible_to
from annotations.selectors.claim_changes import with_claim_change


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
    """A unit with its highlights, their reviewers, verdicts and sources, its verdict, and its
    open claim change (see selectors.claim_changed)."""
    return (
        with_claim_change(ClaimUnit.objects.all())
        .select_related("article", "revision", "verdict", "verdict__label")
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


def _verdicts(verdicts: QuerySet[Verdict]) -> QuerySet[Verdict]:
    """Verdicts with what their serializers read, in update order (articles without text)."""
    return (
        verdicts.select_related("label", "unit", "unit__article")
        .defer("unit__article__text")
        .prefetch_related("sources", "corrections")
        .order_by("updated_at", "pk")
    )


def verdicts_published() -> QuerySet[Verdict]:
    """Published verdicts only: drafts, decided and unpublished ones never leave the desk."""
    return _verdicts(Verdict.objects.filter(is_published=True))


def verdicts_visible_to(user: User) -> QuerySet[Verdict]:
    """Editors see every verdict; everyone else, published ones."""
    if roles.is_editor(user):
        return _verdicts(Verdict.objects.all())
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
        verdicts = _verdicts(Verdict.objects.filter(first_published_at__isnull=False))
    else:
        verdicts = verdicts_published()
    if updated_after is not None:
        verdicts = verdicts.filter(updated_at__gt=updated_after)
    return verdicts


def with_passage(units: QuerySet[ClaimUnit]) -> QuerySet[ClaimUnit]:
    """The unit's passage, cut from the article's text by the database, and its open claim
    change: whoever shows the passage shows that it changed under the verdict."""
    return with_claim_change(
        units.annotate(passage=Substr(UNIT_TEXT, F("start") + 1, F("end") - F("start")))
    )


# The text a unit's offsets refer to: the revision it was made on (the article's own text for
# rows older than revisions, which the first-revisions migration otherwise fills in).
UNIT_TEXT = Coalesce("revision__text", "article__text")


def unit_text(unit: ClaimUnit) -> str:
    """The text `unit.start`/`unit.end` refer to, in Python (see UNIT_TEXT)."""
    return unit.revision.text if unit.revision_id else unit.article.text


def unit_passage_as_checked(unit: ClaimUnit) -> str:
    """The passage the unit's verdict was given on: while a claim change is open, the passage
    before it (readers never see the new passage under the old verdict), else the passage as
    the unit's revision reads."""
    before = (
        ClaimChange.objects.filter(unit=unit, resolved_at__isnull=True)
        .values_list("old_passage", flat=True)
        .first()
    )
    return before if before is not None else unit_text(unit)[unit.start : unit.end]


def unit_verdict_counts(unit_ids: Sequence[int]) -> dict[int, Counter[int]]:
    """Each unit's verdict counts by label id, for a page of units in one query."""
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    rows = Annotation.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "verdict_id")
    for unit_id, label_id in rows:
        counts[unit_id][label_id] += 1
    return counts


def review_queue_filter_choices() -> tuple[list[tuple[int, str]], list[str]]:
    """The articles that have claim units, and the desk's reviewers: what the filters offer."""
    articles = (
        Article.objects.filter(Exists(ClaimUnit.objects.filter(article=OuterRef("pk"))))
        .order_by("title", "pk")
        .values_list("pk", "title")
    )
    reviewers = (
        get_user_model()
        .objects.filter(groups__name=Role.REVIEWER)
        .order_by("username")
        .values_list("username", flat=True)
    )
    return list(articles), list(reviewers)


def units_mergeable_with(unit: ClaimUnit) -> list[ClaimUnit]:
    """The other open units of the unit's article, with their passages, in text order."""
    return list(
        with_passage(
            ClaimUnit.objects.filter(
                article_id=unit.article_id, status__in=ClaimUnit.OPEN_STATUSES
            ).exclude(pk=unit.pk)
        ).order_by("start", "pk")
    )


def articles_with_free_seats(user: User, seats: int) -> QuerySet[Article]:
    """Articles with fewer than `seats` reviewers assigned, that `user` does not hold already."""
    taken = (
        Assignment.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        articles_visible_to(user)
        .defer("text")
        .annotate(seats_taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0))
        .filter(seats_taken__lt=seats)
        .exclude(Exists(Assignment.objects.filter(article=OuterRef("pk"), reviewer=user.pk)))
        .order_by("-created", "-pk")
    )


def article_assignees(article: Article) -> list[Assignment]:
    """The article's assignments with each reviewer's progress on it, in one query."""
    their_review = Review.objects.filter(article=OuterRef("article"), reviewer=OuterRef("reviewer"))
    their_highlights = (
        Annotation.objects.filter(article=OuterRef("article"), reviewer=OuterRef("reviewer"))
        .order_by()
        .values("reviewer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Assignment.objects.filter(article=article)
        .select_related("reviewer")
        .annotate(
            review_status=Subquery(their_review.values("status")[:1]),
            annotation_count=Coalesce(Subquery(their_highlights, output_field=IntegerField()), 0),
        )
        .order_by("reviewer__username")
    )

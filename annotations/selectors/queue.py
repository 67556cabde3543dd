"""Reads for the editors' queue: claim units awaiting a decision, counted and filtered."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from annotations.models import (
    Annotation,
    Article,
    ClaimLink,
    ClaimUnit,
    Verdict,
    VerdictLabel,
)
from annotations.roles import Role


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
    first). A verdict outside the ordered scale (Unverifiable) against any other verdict is a
    full disagreement: it ranks as the widest spread the scale has (`_rank_spread`). `status`
    picks one status instead of every open one.
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
    return units.annotate(rank_spread=_rank_spread()).order_by(
        F("rank_spread").desc(nulls_last=True),
        F("nominal_disagreement").desc(nulls_last=True),
        "-ratings",
        "created",
        "pk",
    )


def _rank_spread() -> Case:
    """The spread the queue ranks on: the unit's ordinal spread, or, when a reviewer gave a
    verdict outside the order and the verdicts differ (nominal disagreement above 0), the
    widest spread of the scale (its ordered labels less one). Without this, Unverifiable
    against Mixed has no ordinal spread at all and ranked below two reviewers agreeing."""
    outside_order = Exists(
        Annotation.objects.filter(unit=OuterRef("pk"), verdict__is_ordinal=False)
    )
    widest = Subquery(
        VerdictLabel.objects.filter(is_ordinal=True)
        .order_by()
        .values("is_ordinal")
        .annotate(steps=Count("pk") - Value(1))
        .values("steps")[:1]
    )
    return Case(
        When(Q(outside_order) & Q(nominal_disagreement__gt=0), then=widest),
        default=F("ordinal_spread"),
        output_field=IntegerField(),
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


def with_checked_before(units: QuerySet[ClaimUnit]) -> QuerySet[ClaimUnit]:
    """Each unit with the desk's published verdict on the claim it is linked to as the "same"
    claim, given by another unit (None when unlinked, related, or never published):
    `checked_before_verdict` (its id), `checked_before_label` (its label's id: pages name it in
    the reader's language) and `checked_before_colour`.
    Subqueries of the same query, so a page of the queue costs no more queries per row."""
    same = ClaimLink.Relation.SAME
    published = (
        Verdict.objects.filter(
            is_published=True,
            unit__claim_link__relation=same,
            unit__claim_link__claim_id=OuterRef("claim_link__claim_id"),
        )
        .exclude(unit_id=OuterRef("pk"))
        .order_by(F("published_at").desc(nulls_last=True), "-id")
    )

    def latest(field: str) -> Case:
        return Case(
            When(claim_link__relation=same, then=Subquery(published.values(field)[:1])),
            default=None,
        )

    return units.annotate(
        checked_before_verdict=latest("pk"),
        checked_before_label=latest("label_id"),
        checked_before_colour=latest("label__colour"),
    )

"""Reads for article revisions: the re-attach list and claims that left the article."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from annotations.models import Annotation, AnnotationAnchor, ArticleRevision, ClaimUnit
from annotations.permissions import resolvable_anchors
from annotations.selectors.articles import User, latest_revision_number


def orphans_visible_to(user: User, *, article: int | None = None) -> QuerySet[AnnotationAnchor]:
    """Highlights that could not be placed on their article's latest revision, among those the
    user may resolve (see anchors_resolvable_by). Only the latest revision counts: an orphan
    of an older one has been carried forward (or resolved) by the next revision."""
    orphans = anchors_resolvable_by(user).filter(
        status=AnnotationAnchor.Status.ORPHANED,
        revision__number=latest_revision_number("revision__article_id"),
    )
    if article is not None:
        orphans = orphans.filter(revision__article_id=article)
    return orphans.defer("revision__text", "revision__article__text").order_by(
        "revision__article_id", "annotation__start", "pk"
    )


def units_with_vanished_claims() -> QuerySet[ClaimUnit]:
    """Published claim units none of whose highlights is in their article's latest revision.

    A highlight is in it if it was made on it, or was placed or re-attached there. Only
    revisions whose re-anchoring has finished count, so a unit is not flagged while the task
    is still running.
    """
    # Each OuterRef below names the query it sits in: the unit, the highlight, the anchor.
    latest_done = ArticleRevision.objects.filter(
        article_id=OuterRef("article_id"),
        number=latest_revision_number("article_id"),
        reanchored_at__isnull=False,
    )
    placed = Annotation.objects.filter(unit=OuterRef("pk")).filter(
        Q(revision__number=latest_revision_number("article_id"))
        | Exists(
            AnnotationAnchor.objects.filter(
                annotation=OuterRef("pk"),
                revision__number=latest_revision_number("revision__article_id"),
                status__in=[AnnotationAnchor.Status.ANCHORED, AnnotationAnchor.Status.REATTACHED],
            )
        )
    )
    return (
        ClaimUnit.objects.filter(status=ClaimUnit.Status.PUBLISHED)
        .filter(Exists(latest_done))
        .exclude(revision__number=latest_revision_number("article_id"))
        .exclude(Exists(placed))
        .select_related("article", "verdict")
        .defer("article__text")
    )


def anchors_resolvable_by(user: User) -> QuerySet[AnnotationAnchor]:
    """Anchors of highlights the user may re-attach or confirm gone (the orphan rule:
    permissions.resolvable_anchors, their own; editors, any).

    Whatever their status, so that resolving one twice gets a clear conflict, not a 404.
    """
    return resolvable_anchors(
        user,
        AnnotationAnchor.objects.select_related(
            "annotation", "annotation__reviewer", "annotation__verdict", "revision__article"
        ),
    )

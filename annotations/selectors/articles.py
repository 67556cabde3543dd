"""Reads for articles and annotations: querysets scoped to what each user may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
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
    Review,
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

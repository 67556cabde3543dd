"""Reads for assignments: a reviewer's inbox, articles with free seats, an article's assignees."""

from __future__ import annotations

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from annotations.models import (
    Annotation,
    Article,
    Assignment,
    Review,
)
from annotations.selectors.articles import User, articles_visible_to


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

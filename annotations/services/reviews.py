"""Writes for reviews: a reviewer submits their review of an article."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from annotations.models import Article, Review
from annotations.permissions import Permission, require
from annotations.services.agreement import article_agreement_mark_changed


def review_submit(*, article: Article, reviewer: User) -> Review:
    """Submit the reviewer's review: their annotations freeze and count for agreement.

    Submitting twice is harmless (the first timestamp stays); submitting with no annotation is
    allowed, since "nothing checkable here" is a review too.
    """
    require(reviewer, Permission.Review.SUBMIT, article)
    with transaction.atomic():
        review, _ = Review.objects.get_or_create(article=article, reviewer=reviewer)
        # Conditional update: of two concurrent submits, one sets the timestamp.
        submitted = Review.objects.filter(pk=review.pk, status=Review.Status.IN_PROGRESS).update(
            status=Review.Status.SUBMITTED, submitted_at=timezone.now()
        )
        if submitted:
            article_agreement_mark_changed(article_id=article.pk)
        review.refresh_from_db()
    return review

"""Decided units made directly (no services), for the feedback tests: each reviewer's
highlight with their verdict, and the editor's final verdict on a given day."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from annotations.models import Annotation, Article, ClaimUnit, Review, Verdict
from tests.factories import UNEMPLOYMENT_CLAIM, verdict

NOV_2026 = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=datetime.UTC)


def decided_units(
    article: Article,
    *,
    ratings: dict[User, str],
    final: str,
    count: int = 1,
    decided_at: datetime.datetime = NOV_2026,
    explanation: str = "",
    claim_reviewed: str = "Unemployment has doubled since 2020",
    published: bool = False,
) -> list[ClaimUnit]:
    """`count` units on UNEMPLOYMENT_CLAIM, each rated by every reviewer of `ratings` (user ->
    label slug) and decided `final` at `decided_at`; the reviewers' reviews are submitted.
    Bulk-created: four queries whatever `count` is."""
    start = article.text.index(UNEMPLOYMENT_CLAIM)
    end = start + len(UNEMPLOYMENT_CLAIM)
    status = ClaimUnit.Status.PUBLISHED if published else ClaimUnit.Status.DECIDED
    units = ClaimUnit.objects.bulk_create(
        [
            ClaimUnit(article=article, kind="claim", start=start, end=end, status=status)
            for _ in range(count)
        ]
    )
    labels = {slug: verdict(slug) for slug in {final, *ratings.values()}}
    Annotation.objects.bulk_create(
        [
            Annotation(
                article=article,
                reviewer=reviewer,
                unit=unit,
                exact=UNEMPLOYMENT_CLAIM,
                start=start,
                end=end,
                verdict=labels[slug],
                rationale=f"Rated {slug} after reading the report.",
            )
            for unit in units
            for reviewer, slug in ratings.items()
        ]
    )
    Verdict.objects.bulk_create(
        [
            Verdict(
                unit=unit,
                label=labels[final],
                claim_reviewed=claim_reviewed,
                explanation=explanation,
                decided_at=decided_at,
                is_published=published,
                published_at=decided_at if published else None,
                first_published_at=decided_at if published else None,
            )
            for unit in units
        ]
    )
    for reviewer in ratings:
        Review.objects.update_or_create(
            article=article,
            reviewer=reviewer,
            defaults={"status": Review.Status.SUBMITTED, "submitted_at": timezone.now()},
        )
    return units

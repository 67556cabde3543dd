"""Reads for the revision pages: an article's revisions, and chosen ones with their texts."""

from __future__ import annotations

from collections.abc import Iterable

from annotations.models import ArticleRevision


def article_revisions(article_id: int) -> list[ArticleRevision]:
    """The article's revisions, oldest first, with who made each; their texts are not read."""
    return list(
        ArticleRevision.objects.filter(article_id=article_id)
        .select_related("created_by")
        .defer("text")
        .order_by("number")
    )


def revisions_with_text(article_id: int, numbers: Iterable[int]) -> dict[int, ArticleRevision]:
    """Some of the article's revisions, texts included, by number, in one query."""
    return {
        revision.number: revision
        for revision in ArticleRevision.objects.filter(
            article_id=article_id, number__in=set(numbers)
        )
    }

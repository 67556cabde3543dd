"""The desk's article list: one page of articles, newest imported first, filtered and searched,
with the reader's review progress (selectors.articles_with_progress).

A page is one query whatever the number of articles: the rows are read by keyset on
(created, id), which the index article_created_order serves in both directions, and
`size + 1` rows tell whether there is a page beyond. The search is a substring of the title or
the publisher (every word of the query, any case): what a list filter needs to narrow the rows
the index walks. Words in the articles' texts are the search page's (selectors.search).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet

from annotations.core.keyset import KeysetCursor
from annotations.models import Annotation, Article, Assignment, Review
from annotations.selectors.articles import User, articles_with_progress

# Fixed, so that a page's size and cost are bounded whatever the desk holds.
ARTICLE_LIST_PAGE_SIZE = 50
# Words of a search beyond these are ignored: each one is a condition on every row walked.
SEARCH_MAX_WORDS = 8


class Progress(StrEnum):
    """The reader's own progress on an article, as the list shows it."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


@dataclass(frozen=True)
class ArticleListFilters:
    """What narrows the list; an empty value does not.

    - `text`: every word in the title or the publisher (any case);
    - `imported_by_me`, `assigned_to_me`: the reader's imports, the reader's assignments;
    - `progress`: the reader's own progress (a Progress value);
    - `publisher`: the whole name, any case;
    - `date_from` / `date_to` (inclusive): the article's publication date.
    """

    text: str = ""
    imported_by_me: bool = False
    assigned_to_me: bool = False
    progress: str = ""
    publisher: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def narrows(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass(frozen=True)
class ArticleListPage:
    """One page of the list; `newer` / `older` are the cursors of the pages on either side
    (None at either end)."""

    articles: list[Article]
    newer: KeysetCursor | None
    older: KeysetCursor | None


def _progress_filter(user: User, progress: str) -> Q:
    mine = {"article": OuterRef("pk"), "reviewer": user.pk}
    submitted = Exists(Review.objects.filter(**mine, status=Review.Status.SUBMITTED))
    # The list shows "In progress" for a review begun or a highlight made (templates'
    # article_list.html); "Not started" for neither.
    begun = Exists(Review.objects.filter(**mine)) | Exists(Annotation.objects.filter(**mine))
    if progress == Progress.SUBMITTED:
        return Q(submitted)
    if progress == Progress.IN_PROGRESS:
        return Q(begun) & ~Q(submitted)
    return ~Q(begun)


def _text_filter(text: str) -> Q:
    condition = Q()
    for word in text.split()[:SEARCH_MAX_WORDS]:
        condition &= Q(title__icontains=word) | Q(publisher__icontains=word)
    return condition


def articles_filtered(
    user: User, filters: ArticleListFilters, articles: QuerySet[Article]
) -> QuerySet[Article]:
    """`articles` narrowed by `filters`, as the reader `user` sees them."""
    if filters.text.strip():
        articles = articles.filter(_text_filter(filters.text))
    if filters.imported_by_me:
        articles = articles.filter(imported_by=user.pk)
    if filters.assigned_to_me:
        articles = articles.filter(
            Exists(Assignment.objects.filter(article=OuterRef("pk"), reviewer=user.pk))
        )
    if filters.progress:
        articles = articles.filter(_progress_filter(user, filters.progress))
    if filters.publisher:
        articles = articles.filter(publisher__iexact=filters.publisher)
    if filters.date_from:
        articles = articles.filter(published_on__gte=filters.date_from)
    if filters.date_to:
        articles = articles.filter(published_on__lte=filters.date_to)
    return articles


def _cursor(article: Article) -> KeysetCursor:
    return KeysetCursor(article.created, article.pk)


def article_list_page(
    user: User,
    filters: ArticleListFilters,
    *,
    after: KeysetCursor | None = None,
    before: KeysetCursor | None = None,
    size: int = ARTICLE_LIST_PAGE_SIZE,
) -> ArticleListPage:
    """The page of articles older than `after`, or newer than `before`, or the newest (neither);
    newest first, `size` at most. One query.

    Each keyset condition repeats its bound on `created` alone, so that the database starts
    its index walk at the cursor rather than filtering every row above it.
    """
    articles = articles_filtered(user, filters, articles_with_progress(user))
    if before is not None:
        rows = list(
            articles.filter(created__gte=before.at)
            .filter(Q(created__gt=before.at) | Q(pk__gt=before.id))
            .order_by("created", "pk")[: size + 1]
        )
        newer_exists = len(rows) > size
        rows = rows[:size][::-1]
        return ArticleListPage(
            articles=rows,
            newer=_cursor(rows[0]) if newer_exists else None,
            # The cursor's own row (or, were it deleted, the rows past it) is older.
            older=_cursor(rows[-1]) if rows else before,
        )
    if after is not None:
        articles = articles.filter(created__lte=after.at).filter(
            Q(created__lt=after.at) | Q(pk__lt=after.id)
        )
    rows = list(articles.order_by("-created", "-pk")[: size + 1])
    older_exists = len(rows) > size
    rows = rows[:size]
    return ArticleListPage(
        articles=rows,
        newer=(_cursor(rows[0]) if rows else after) if after is not None else None,
        older=_cursor(rows[-1]) if older_exists else None,
    )

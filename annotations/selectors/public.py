"""Reads for the public site: the index of published verdicts (browsed by keyset, or searched
through selectors.search), a verdict's appearances, an article's checked claims, a withdrawn
verdict's notice, and what the feed and the sitemaps list.

Only published verdicts are read here (`verdicts_published`, the rule permissions.py applies to
anyone); of a withdrawn verdict only the date and the editor's note are read, never its content.
Every read is a fixed number of queries, whatever the number of verdicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from annotations.core.keyset import KeysetCursor
from annotations.models import Article, ClaimLink, Verdict
from annotations.selectors.articles import User
from annotations.selectors.search import SearchFilters, SearchResults, search
from annotations.selectors.verdicts import verdicts_published

# The index's page size: fixed, so that a page's cost is bounded.
INDEX_PAGE_SIZE = 20
# A search of the index counts, ranks and pages the most recent matches only, this many: a
# common word matches most verdicts, and reading and scoring all of them cost a common word's
# search 60-70 ms at 100,000 verdicts. Readers narrow a search long before its fiftieth page;
# browsing (keyset pages) has no such limit.
INDEX_SEARCH_MOST = 1_000
# The feed's length: the latest changes only; the sitemap lists every verdict.
FEED_LENGTH = 50
# What a row of the index (and of an article's page) shows: no text, no sources.
_ROW_FIELDS = (
    "claim_reviewed",
    "claimant",
    "language",
    "published_at",
    "first_published_at",
    "updated_at",
    "label__slug",
    "label__name",
    "label__colour",
    "label__position",
    "label__is_ordinal",
    "unit__start",
    "unit__article__title",
    "unit__article__publisher",
    "unit__article__source_url",
    "unit__article__published_on",
    "unit__article__language",
)


@dataclass(frozen=True)
class IndexFilters:
    """What narrows the index; an empty value does not. `date_from` / `date_to` (inclusive)
    bound the publication day; `publisher` and `claimant` are whole names, any case."""

    label: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    publisher: str = ""
    claimant: str = ""

    def search_filters(self) -> SearchFilters:
        return SearchFilters(
            kind="verdict",
            label=self.label,
            date_from=self.date_from,
            date_to=self.date_to,
            publisher=self.publisher,
            claimant=self.claimant,
        )


# Where a page of the index (newest first) ends: the last row's publication time and id.
IndexCursor = KeysetCursor


@dataclass(frozen=True)
class IndexPage:
    verdicts: list[Verdict]
    next: IndexCursor | None


def _rows(verdicts: QuerySet[Verdict]) -> QuerySet[Verdict]:
    return verdicts.select_related("label", "unit__article").only(*_ROW_FIELDS)


def _day_start(day: dt.date) -> dt.datetime:
    # The day as `published_at__date` reads it (the current time zone), as bounds the
    # index can range over.
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def verdicts_index(filters: IndexFilters, *, after: IndexCursor | None = None) -> IndexPage:
    """A page of published verdicts, newest first, from `after` on. One query (the partial
    index verdict_published_order serves the order and the keyset)."""
    verdicts = Verdict.objects.filter(is_published=True)
    if filters.label:
        verdicts = verdicts.filter(label__slug=filters.label)
    if filters.date_from:
        verdicts = verdicts.filter(published_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        verdicts = verdicts.filter(
            published_at__lt=_day_start(filters.date_to + dt.timedelta(days=1))
        )
    if filters.publisher:
        verdicts = verdicts.filter(unit__article__publisher__iexact=filters.publisher)
    if filters.claimant:
        verdicts = verdicts.filter(claimant__iexact=filters.claimant)
    if after is not None:
        verdicts = verdicts.filter(
            Q(published_at__lt=after.at) | Q(published_at=after.at, pk__lt=after.id)
        )
    rows = list(_rows(verdicts).order_by("-published_at", "-pk")[: INDEX_PAGE_SIZE + 1])
    last = rows[INDEX_PAGE_SIZE - 1] if len(rows) > INDEX_PAGE_SIZE else None
    return IndexPage(
        verdicts=rows[:INDEX_PAGE_SIZE],
        next=IndexCursor(last.published_at, last.pk) if last and last.published_at else None,
    )


def verdicts_searched(user: User, text: str, filters: IndexFilters) -> SearchResults:
    """Published verdicts matching `text` (the desk's search: selectors.search), best first;
    sliced one page at a time, among the INDEX_SEARCH_MOST most recent matches."""
    return search(user, text, filters.search_filters(), most=INDEX_SEARCH_MOST)


def verdicts_rows(ids: list[int]) -> list[Verdict]:
    """Published verdicts by id as index rows, in the order given. One query."""
    published = Verdict.objects.filter(is_published=True, pk__in=ids)
    found = {verdict.pk: verdict for verdict in _rows(published)}
    return [found[pk] for pk in ids if pk in found]


def verdict_for_readers(pk: int) -> Verdict | None:
    """The published verdict with everything its page shows (its label's names in the other
    languages too, for its ClaimReview), or None."""
    return (
        verdicts_published()
        .defer(None)
        .prefetch_related("label__translations")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class Withdrawal:
    """A withdrawn verdict as its readers last saw it: the claim and the rating it had."""

    withdrawn_at: dt.datetime
    note: str
    claim_reviewed: str
    label_id: int | None  # None: no published version in its history (stored by hand)


def verdict_withdrawal(pk: int) -> Withdrawal | None:
    """When a once published, now unpublished, verdict was withdrawn, the editor's note, and
    the claim and rating it was last published with (readers are told what was withdrawn, as
    correction policies ask); None for a verdict that is published or never was.

    The claim and rating come from the verdict's history, its last version published: once
    withdrawn, a verdict may be decided again with another rating that no reader has seen yet
    (blind until published), which its row then holds. Two queries."""
    row = (
        Verdict.objects.filter(pk=pk, is_published=False, first_published_at__isnull=False)
        .values_list("withdrawn_at", "updated_at", "withdrawal_note")
        .first()
    )
    if row is None:
        return None
    withdrawn_at, updated_at, note = row
    last_published = (
        Verdict.history.filter(id=pk, is_published=True)
        .order_by("-history_date", "-history_id")
        .values_list("claim_reviewed", "label_id")
        .first()
    )
    claim, label_id = last_published or ("", None)
    return Withdrawal(withdrawn_at or updated_at, note, claim, label_id)


@dataclass(frozen=True)
class Appearance:
    """An article where a checked claim appeared."""

    headline: str
    publisher: str
    date: dt.date | None
    url: str


def verdict_appearances(verdict: Verdict) -> list[Appearance]:
    """The verdict's own article, then the other articles where its claim appears (units
    linked "same" to its unit's claim: the claim memory), each once. Two queries."""
    own = verdict.unit.article
    articles: list[Article] = [own]
    claim_id = (
        ClaimLink.objects.filter(unit_id=verdict.unit_id, relation=ClaimLink.Relation.SAME)
        .values_list("claim_id", flat=True)
        .first()
    )
    if claim_id is not None:
        links = (
            ClaimLink.objects.filter(claim_id=claim_id, relation=ClaimLink.Relation.SAME)
            .exclude(unit__article_id=own.pk)
            .select_related("unit__article")
            .only(
                "unit__article__title",
                "unit__article__publisher",
                "unit__article__published_on",
                "unit__article__source_url",
            )
            .order_by("linked_at", "id")
        )
        seen = {own.pk}
        for link in links:
            if link.unit.article_id not in seen:
                seen.add(link.unit.article_id)
                articles.append(link.unit.article)
    return [
        Appearance(article.title, article.publisher, article.published_on, article.source_url)
        for article in articles
    ]


def article_checked(pk: int) -> tuple[Article, list[Verdict]] | None:
    """An article with the published verdicts on its claims, in the article's order; None if
    it has none (an article the desk has not published a verdict on is not public). One
    query."""
    published = Verdict.objects.filter(is_published=True, unit__article_id=pk)
    verdicts = list(_rows(published).order_by("unit__start", "pk"))
    if not verdicts:
        return None
    return verdicts[0].unit.article, verdicts


def verdicts_recently_changed() -> list[Verdict]:
    """The latest published or corrected verdicts, most recently changed first (the feed),
    with their labels' names in the other languages."""
    latest = verdicts_published().prefetch_related("label__translations")
    return list(latest.order_by("-updated_at", "-pk")[:FEED_LENGTH])


def verdicts_for_sitemap() -> QuerySet[Verdict]:
    return Verdict.objects.filter(is_published=True).only("updated_at").order_by("pk")


def articles_checked_for_sitemap() -> QuerySet[Article]:
    """Articles with at least one published verdict."""
    published = Verdict.objects.filter(is_published=True, unit__article=OuterRef("pk"))
    return Article.objects.filter(Exists(published)).only("modified").order_by("pk")

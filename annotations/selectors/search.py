"""One search over what the desk knows: claims, its published verdicts (with their
explanations and sources), other fact-checkers' reviews and articles.

`search(user, text, filters)` answers a lazy, sliceable `SearchResults`: `count()` is one query,
a slice is one query for the page plus one per kind on it (Django's Paginator and DRF's
LimitOffsetPagination both page it). The full-text part is the database's own
(`search_backends.py`: PostgreSQL's text search or SQLite's FTS5 over the index migration 0015
keeps by triggers); who may see what is decided here, from each kind's own table, through
permissions.py's list filters:

- claims and external fact-checks: `visible_claims` (desk members);
- verdicts: `visible_verdicts`, and only published ones, for editors too: search finds what
  the desk has said, never a draft;
- articles: `visible_articles`;
- highlights (annotations) and their rationales are not indexed at all, so a reviewer can
  never find another reviewer's unsubmitted work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from annotations.core.search_text import ParsedQuery, query_parse, snippet_html
from annotations.models import (
    Article,
    Claim,
    ClaimLink,
    ExternalFactCheck,
    SearchEntry,
    Verdict,
)
from annotations.permissions import visible_articles, visible_claims, visible_verdicts
from annotations.selectors.articles import User
from annotations.selectors.claims import claim_links_visible
from annotations.selectors.search_backends import Hit, Scope, search_count, search_page

Kind = SearchEntry.Kind
SAME = ClaimLink.Relation.SAME

# The API's and the page's names for the kinds, and the sources they come from.
KIND_NAMES: dict[str, Kind] = {
    "claim": Kind.CLAIM,
    "verdict": Kind.VERDICT,
    "fact-check": Kind.FACT_CHECK,
    "article": Kind.ARTICLE,
}
SOURCES: dict[str, frozenset[Kind]] = {
    # The desk's own knowledge (its claims, its verdicts, the articles it reviews), or other
    # fact-checkers' reviews.
    "desk": frozenset({Kind.CLAIM, Kind.VERDICT, Kind.ARTICLE}),
    "external": frozenset({Kind.FACT_CHECK}),
}


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search; an empty value does not. Per kind:

    - `label` (a desk verdict label's slug): verdicts with it; claims and articles with a
      published verdict with it, and articles with a unit linked "same" to a claim whose desk
      verdict has it; no external fact-check (their ratings are the publisher's).
    - `date_from` / `date_to` (inclusive): a verdict's publication, a fact-check's
      `date_published`, an article's `published_on`, a claim's creation.
    - `publisher` (case-insensitive, whole name): an article's publisher, a fact-check's
      publisher, a verdict's article's publisher; a claim appearing in an article of that
      publisher or reviewed by it (appearances as the user may see them: blind review).
    - `language` (a tag; "en" also finds "en-GB"): likewise, from articles and fact-checks.
    - `source`: "desk" or "external" (see SOURCES); `kind`: one of KIND_NAMES.
    - `claimant` (case-insensitive, whole name): verdicts and external fact-checks naming that
      claimant; no claim or article (they have none of their own).
    """

    kind: str = ""
    label: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    publisher: str = ""
    language: str = ""
    source: str = ""
    claimant: str = ""

    def kinds(self) -> list[Kind]:
        kinds = [KIND_NAMES[self.kind]] if self.kind else list(Kind)
        if self.source:
            kinds = [kind for kind in kinds if kind in SOURCES[self.source]]
        if self.label:
            kinds = [kind for kind in kinds if kind != Kind.FACT_CHECK]
        if self.claimant:
            kinds = [kind for kind in kinds if kind in (Kind.VERDICT, Kind.FACT_CHECK)]
        return kinds


@dataclass(frozen=True)
class SearchResult:
    """One thing found. `snippet_html` is safe HTML: the text escaped, matches in <mark>.
    `label` is a desk label's slug (verdicts; claims with a published verdict) or None;
    `label_name` its name, or an external fact-check's rating as published."""

    kind: str
    id: int
    title: str
    url: str
    snippet_html: SafeString
    score: float
    label: str | None
    label_name: str | None
    date: dt.date | None
    publisher: str
    language: str


def _language(lookup: str, language: str) -> Q:
    return Q(**{f"{lookup}__iexact": language}) | Q(**{f"{lookup}__istartswith": f"{language}-"})


def _dated(queryset: QuerySet[Any], lookup: str, filters: SearchFilters) -> QuerySet[Any]:
    if filters.date_from:
        queryset = queryset.filter(**{f"{lookup}__gte": filters.date_from})
    if filters.date_to:
        queryset = queryset.filter(**{f"{lookup}__lte": filters.date_to})
    return queryset


def _published_verdicts() -> QuerySet[Verdict]:
    return Verdict.objects.filter(is_published=True)


def _appearances_visible(user: User) -> QuerySet[ClaimLink]:
    # The claims' appearances the user may see (blind review: selectors.claims).
    return ClaimLink.objects.filter(claim_links_visible(user), relation=SAME)


def _claim_scope(user: User, filters: SearchFilters) -> QuerySet[Any]:
    claims = _dated(visible_claims(user, Claim.objects.all()), "created__date", filters)
    appearances = _appearances_visible(user).filter(claim=OuterRef("pk"))
    reviews = ExternalFactCheck.objects.filter(claim=OuterRef("pk"))
    if filters.label:
        claims = claims.filter(
            Exists(
                _published_verdicts().filter(
                    label__slug=filters.label,
                    unit__claim_link__claim=OuterRef("pk"),
                    unit__claim_link__relation=SAME,
                )
            )
        )
    if filters.publisher:
        claims = claims.filter(
            Exists(appearances.filter(unit__article__publisher__iexact=filters.publisher))
            | Exists(reviews.filter(publisher_name__iexact=filters.publisher))
        )
    if filters.language:
        claims = claims.filter(
            Exists(appearances.filter(_language("unit__article__language", filters.language)))
            | Exists(reviews.filter(_language("language", filters.language)))
        )
    return claims.values("id")


def _verdict_scope(user: User, filters: SearchFilters) -> QuerySet[Any]:
    verdicts = _dated(visible_verdicts(user, _published_verdicts()), "published_at__date", filters)
    if filters.label:
        verdicts = verdicts.filter(label__slug=filters.label)
    if filters.publisher:
        verdicts = verdicts.filter(unit__article__publisher__iexact=filters.publisher)
    if filters.language:
        # The language the verdict is written in (its article's where none is recorded).
        verdicts = verdicts.filter(
            _language("language", filters.language)
            | (Q(language="") & _language("unit__article__language", filters.language))
        )
    if filters.claimant:
        verdicts = verdicts.filter(claimant__iexact=filters.claimant)
    return verdicts.values("id")


def _fact_check_scope(user: User, filters: SearchFilters) -> QuerySet[Any]:
    checks = _dated(
        visible_claims(user, ExternalFactCheck.objects.all()), "date_published", filters
    )
    if filters.publisher:
        checks = checks.filter(publisher_name__iexact=filters.publisher)
    if filters.language:
        checks = checks.filter(_language("language", filters.language))
    if filters.claimant:
        checks = checks.filter(claimant__iexact=filters.claimant)
    return checks.values("id")


def _article_scope(user: User, filters: SearchFilters) -> QuerySet[Any]:
    articles = _dated(visible_articles(user, Article.objects.all()), "published_on", filters)
    if filters.label:
        # Its own unit's published verdict has the label, or one of its units is linked "same"
        # to a claim whose desk verdict has it (the verdict is shared, not copied: claims.md).
        labelled_claims = _published_verdicts().filter(
            label__slug=filters.label, unit__claim_link__relation=SAME
        )
        articles = articles.filter(
            Exists(
                _published_verdicts().filter(
                    label__slug=filters.label, unit__article=OuterRef("pk")
                )
            )
            | Exists(
                _appearances_visible(user).filter(
                    unit__article=OuterRef("pk"),
                    claim__in=labelled_claims.values("unit__claim_link__claim"),
                )
            )
        )
    if filters.publisher:
        articles = articles.filter(publisher__iexact=filters.publisher)
    if filters.language:
        articles = articles.filter(_language("language", filters.language))
    return articles.values("id")


SCOPES: dict[Kind, Callable[[User, SearchFilters], QuerySet[Any]]] = {
    Kind.CLAIM: _claim_scope,
    Kind.VERDICT: _verdict_scope,
    Kind.FACT_CHECK: _fact_check_scope,
    Kind.ARTICLE: _article_scope,
}


# --- What a page of hits shows: one query per kind on the page -------------------------------


def _claim_results(hits: dict[int, Hit]) -> dict[int, SearchResult]:
    claims = Claim.objects.filter(pk__in=hits).only("text", "created")
    # Each claim's desk verdict: the latest published verdict of a unit linked "same".
    labels: dict[int, tuple[str, str]] = {}
    verdicts = (
        _published_verdicts()
        .filter(unit__claim_link__claim__in=hits, unit__claim_link__relation=SAME)
        .annotate(claim_id=F("unit__claim_link__claim"))
        .order_by(F("published_at").asc(nulls_first=True), "id")
        .values_list("claim_id", "label__slug", "label__name")
    )
    for claim_id, slug, name in verdicts:
        labels[claim_id] = (slug, name)  # the latest comes last
    return {
        claim.pk: _result(
            hits[claim.pk],
            title=claim.text,
            url=reverse("claim-detail", args=[claim.pk]),
            label=labels.get(claim.pk, (None, None)),
            date=claim.created.date(),
        )
        for claim in claims
    }


def _verdict_results(hits: dict[int, Hit]) -> dict[int, SearchResult]:
    verdicts = (
        Verdict.objects.filter(pk__in=hits)
        .select_related("label", "unit__article")
        .only(
            "claim_reviewed",
            "published_at",
            "label__slug",
            "label__name",
            "language",
            "unit__article__publisher",
            "unit__article__language",
        )
    )
    return {
        verdict.pk: _result(
            hits[verdict.pk],
            title=verdict.claim_reviewed,
            url=reverse("verdict-public", args=[verdict.pk]),
            label=(verdict.label.slug, verdict.label.name),
            date=verdict.published_at.date() if verdict.published_at else None,
            publisher=verdict.unit.article.publisher,
            language=verdict.language or verdict.unit.article.language,
        )
        for verdict in verdicts
    }


def _fact_check_results(hits: dict[int, Hit]) -> dict[int, SearchResult]:
    checks = ExternalFactCheck.objects.filter(pk__in=hits).only(
        "claim_text", "url", "rating_text", "date_published", "publisher_name", "language"
    )
    return {
        check.pk: _result(
            hits[check.pk],
            title=check.claim_text,
            url=check.url,
            label=(None, check.rating_text or None),
            date=check.date_published,
            publisher=check.publisher_name,
            language=check.language,
        )
        for check in checks
    }


def _article_results(hits: dict[int, Hit]) -> dict[int, SearchResult]:
    articles = Article.objects.filter(pk__in=hits).only(
        "title", "publisher", "published_on", "language"
    )
    return {
        article.pk: _result(
            hits[article.pk],
            title=article.title,
            url=reverse("article-detail", args=[article.pk]),
            label=(None, None),
            date=article.published_on,
            publisher=article.publisher,
            language=article.language,
        )
        for article in articles
    }


def _result(
    hit: Hit,
    *,
    title: str,
    url: str,
    label: tuple[str | None, str | None],
    date: dt.date | None,
    publisher: str = "",
    language: str = "",
) -> SearchResult:
    return SearchResult(
        kind=next(name for name, kind in KIND_NAMES.items() if kind == hit.kind),
        id=hit.object_id,
        title=title,
        url=url,
        # Escaped piece by piece by snippet_html: safe to show as HTML.
        snippet_html=mark_safe(snippet_html(hit.snippet)),  # noqa: S308
        score=hit.score,
        label=label[0],
        label_name=label[1],
        date=date,
        publisher=publisher,
        language=language,
    )


RESULTS: dict[Kind, Callable[[dict[int, Hit]], dict[int, SearchResult]]] = {
    Kind.CLAIM: _claim_results,
    Kind.VERDICT: _verdict_results,
    Kind.FACT_CHECK: _fact_check_results,
    Kind.ARTICLE: _article_results,
}


def _results(hits: Iterable[Hit]) -> list[SearchResult]:
    hits = list(hits)
    found: dict[tuple[Kind, int], SearchResult] = {}
    for kind, results in RESULTS.items():
        of_kind = {hit.object_id: hit for hit in hits if hit.kind == kind}
        if of_kind:
            found.update(((kind, pk), result) for pk, result in results(of_kind).items())
    # An object deleted between the two queries is simply left out.
    return [found[hit.kind, hit.object_id] for hit in hits if (hit.kind, hit.object_id) in found]


class SearchResults:
    """A search's results, fetched when counted or sliced (see the module's docstring)."""

    def __init__(
        self, text: str, parsed: ParsedQuery, scopes: list[Scope], *, most: int | None = None
    ) -> None:
        self.text = text
        self.parsed = parsed
        self.scopes = scopes
        self.most = most
        self._count: int | None = None

    def count(self) -> int:
        """How many results, or `most` when there are more (see `more_than_most`)."""
        if self._count is None:
            limit = None if self.most is None else self.most + 1
            self._count = search_count(self.text, self.parsed, self.scopes, limit=limit)
        return self._count if self.most is None else min(self._count, self.most)

    @property
    def more_than_most(self) -> bool:
        """Whether results were left uncounted past `most` (and are not paged to)."""
        self.count()
        return self.most is not None and self._count is not None and self._count > self.most

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> SearchResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[SearchResult]: ...
    def __getitem__(self, index: int | slice) -> SearchResult | list[SearchResult]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        if index.step not in (None, 1) or start < 0 or stop < 0:
            raise ValueError("Search results are sliced forwards, one page at a time.")
        hits = search_page(
            self.text,
            self.parsed,
            self.scopes,
            offset=start,
            limit=max(stop - start, 0),
            window=self.most,
        )
        return _results(hits)


def search(
    user: User, text: str, filters: SearchFilters | None = None, *, most: int | None = None
) -> SearchResults:
    """What `user` may find for `text` (the search box's syntax: core.search_text) with
    `filters`, best first. Nothing for a text without a word to look for. Page it by
    slicing; each page costs two to six queries, whatever the number of results. With
    `most`, only the most recent `most` matches are counted, ranked and paged (the public
    index: a common word would otherwise have every match read and scored)."""
    filters = filters or SearchFilters()
    scopes = [Scope(kind, SCOPES[kind](user, filters)) for kind in filters.kinds()]
    # A kind the user may not see at all is a `.none()` queryset, which has no SQL.
    allowed = [scope for scope in scopes if not scope.ids.query.is_empty()]
    return SearchResults(text, query_parse(text), allowed, most=most)

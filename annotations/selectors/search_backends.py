"""The two databases' full-text search over `annotations_search` (migration 0015), behind one
pair of functions: how many entries match, and one page of them, best first.

Both take the entries the user may see as `scopes`: for each kind, a queryset of the ids of
the objects of that kind allowed (and left by the filters). An entry is found when the query
matches it and its object is in its kind's scope, so the index never decides who sees what.

- PostgreSQL: `vector @@ annotations_search_query(q)` on the GIN index: each entry's vector
  is made with its language's text search configuration (`config`, migration 0030), and the
  query is `websearch_to_tsquery` in every configuration the index holds, OR-ed (a search's
  few words are too few to tell their language; the migration says more). Ranked by `ts_rank`
  (title weighted 'A', the rest 'B'; normalised by the document's length so a long article
  does not outrank a claim for holding the word more often), the snippet by `ts_headline`
  in the entry's own configuration, computed for the page's rows only (a second query).
  Through Django's SearchQuery, SearchRank and SearchHeadline on the unmanaged SearchEntry
  model.
- SQLite: FTS5 `MATCH` with the query rewritten by core.search_text.fts5_query, ranked by
  `bm25` (title weighted 2, the rest 1; negated so that higher is better, as on PostgreSQL),
  the snippet by FTS5's `snippet()`.

Scores are each engine's own and comparable only within one search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Concat

from annotations.core.search_text import MARK_END, MARK_START, ParsedQuery, fts5_query
from annotations.models import SearchEntry

KINDS = len(SearchEntry.Kind)  # entry id = object id * KINDS + kind
SNIPPET_WORDS = 24
# ts_headline drops what its parser reads as an HTML tag ("<script>"): the desk shows stored
# text as text, so "<" and ">" reach it as two private-use characters, put back afterwards.
LT_STAND_IN = "\ue002"
GT_STAND_IN = "\ue003"


@dataclass(frozen=True)
class Scope:
    """The objects of one kind a search may return: a queryset of their ids."""

    kind: SearchEntry.Kind
    ids: QuerySet[Any]


@dataclass(frozen=True)
class Hit:
    """One index entry found: its kind and object, its score, its snippet with match marks."""

    kind: SearchEntry.Kind
    object_id: int
    score: float
    snippet: str


def _hit(entry: int, score: float, snippet: str | None) -> Hit:
    # One line of text: the fields are joined with spaces and articles hold paragraphs.
    text = " ".join((snippet or "").split()).replace(LT_STAND_IN, "<").replace(GT_STAND_IN, ">")
    return Hit(SearchEntry.Kind(entry % KINDS), entry // KINDS, float(score), text)


# --- PostgreSQL ------------------------------------------------------------------------------


class _QueryInEveryLanguage(SearchQuery):
    """The query read in each configuration the index holds, OR-ed (migration 0030's
    `annotations_search_query`). As a scalar subquery it is computed once per statement, not
    once per row ranked."""

    template = "(SELECT annotations_search_query(%(expressions)s))"


def _postgres_query(text: str) -> SearchQuery:
    return _QueryInEveryLanguage(text)


def _postgres_entries(text: str, scopes: Sequence[Scope]) -> QuerySet[SearchEntry]:
    allowed = Q(pk__in=[])
    for scope in scopes:
        allowed |= Q(kind=scope.kind.value, object_id__in=scope.ids)
    return (
        SearchEntry.objects.annotate(kind=F("id") % KINDS, object_id=F("id") / KINDS)
        .filter(vector=_postgres_query(text))
        .filter(allowed)
    )


def _postgres_count(
    text: str, parsed: ParsedQuery, scopes: Sequence[Scope], limit: int | None
) -> int:
    entries = _postgres_entries(text, scopes)
    # Sliced, Django counts a LIMIT subquery: the scan stops at `limit` matches.
    return (entries if limit is None else entries[:limit]).count()


def _postgres_page(
    text: str,
    parsed: ParsedQuery,
    scopes: Sequence[Scope],
    *,
    offset: int,
    limit: int,
    window: int | None,
) -> list[Hit]:
    query = _postgres_query(text)
    entries = _postgres_entries(text, scopes)
    if window is not None:
        # The most recent `window` matches, walked newest first on the primary key (a common
        # word stops the walk early), instead of ranking every match.
        entries = SearchEntry.objects.filter(
            pk__in=Subquery(entries.order_by("-id").values("id")[:window])
        ).annotate(kind=F("id") % KINDS, object_id=F("id") / KINDS)
    # Ranked first with nothing but ids and scores, then the page's snippets: in one SELECT,
    # PostgreSQL carries every match's title and body through the sort (for the headline it
    # computes after the LIMIT), which spilled to disk with a common word.
    ranked = list(
        entries.annotate(score=SearchRank(F("vector"), query, normalization=Value(1)))
        .order_by("-score", "id")
        .values_list("id", "score")[offset : offset + limit]
    )
    snippets = dict(
        SearchEntry.objects.filter(pk__in=[entry for entry, _ in ranked])
        .annotate(
            snippet=SearchHeadline(
                Func(
                    Concat("title", Value(" \n "), "body", output_field=TextField()),
                    Value("<>"),
                    Value(LT_STAND_IN + GT_STAND_IN),
                    function="translate",
                    output_field=TextField(),
                ),
                query,
                config=F("config"),
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .values_list("id", "snippet")
    )
    return [_hit(entry, score, snippets.get(entry)) for entry, score in ranked]


# --- SQLite ----------------------------------------------------------------------------------


def _sqlite_where(parsed: ParsedQuery, scopes: Sequence[Scope]) -> tuple[str, list[Any]]:
    # Django's SQLite cursor reads "%s" as a parameter and "%%" as "%".
    parts: list[str] = []
    params: list[Any] = [fts5_query(parsed)]
    for scope in scopes:
        sql, scope_params = scope.ids.query.sql_with_params()
        parts.append(f"(rowid %% {KINDS} = {scope.kind.value} AND rowid / {KINDS} IN ({sql}))")
        params.extend(scope_params)
    allowed = " OR ".join(parts) or "0"
    return f"annotations_search MATCH %s AND ({allowed})", params


def _sqlite_count(
    text: str, parsed: ParsedQuery, scopes: Sequence[Scope], limit: int | None
) -> int:
    where, params = _sqlite_where(parsed, scopes)
    sql = f"SELECT rowid FROM annotations_search WHERE {where}"  # noqa: S608 (the query text is a parameter; the rest is ours)
    if limit is not None:
        sql, params = f"{sql} LIMIT %s", [*params, limit]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql})", params)  # noqa: S608 (as above)
        return int(cursor.fetchone()[0])


def _sqlite_page(
    text: str,
    parsed: ParsedQuery,
    scopes: Sequence[Scope],
    *,
    offset: int,
    limit: int,
    window: int | None,
) -> list[Hit]:
    where, params = _sqlite_where(parsed, scopes)
    if window is not None:
        # As on PostgreSQL: the most recent `window` matches only.
        where += (
            f" AND rowid IN (SELECT rowid FROM annotations_search WHERE {where} "  # noqa: S608 (as below)
            "ORDER BY rowid DESC LIMIT %s)"
        )
        params = [*params, *params, window]
    rank = "bm25(annotations_search, 2.0, 1.0)"
    # The page is chosen first and snippet() runs on its rows only: in one SELECT, SQLite
    # would cut a snippet from every match before sorting them.
    sql = (
        f"WITH page AS (SELECT rowid AS entry, {rank} AS rank FROM annotations_search "  # noqa: S608 (the query text is a parameter; the rest is ours)
        f"WHERE {where} ORDER BY rank, rowid LIMIT %s OFFSET %s) "
        f"SELECT page.entry, -page.rank, "
        f"snippet(annotations_search, -1, %s, %s, '…', {SNIPPET_WORDS}) "
        f"FROM annotations_search JOIN page ON annotations_search.rowid = page.entry "
        f"WHERE annotations_search MATCH %s ORDER BY page.rank, page.entry"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset, MARK_START, MARK_END, params[0]])
        return [_hit(*row) for row in cursor.fetchall()]


# --- The one interface -----------------------------------------------------------------------


def search_count(
    text: str, parsed: ParsedQuery, scopes: Sequence[Scope], *, limit: int | None = None
) -> int:
    """How many entries in `scopes` the query matches (0 for an empty query), counting no
    further than `limit` when given: a common word matches a large share of the index, and
    counting every match costs as much as ranking them."""
    if parsed.empty or not scopes:
        return 0
    count = _postgres_count if connection.vendor == "postgresql" else _sqlite_count
    return count(text, parsed, scopes, limit)


def search_page(
    text: str,
    parsed: ParsedQuery,
    scopes: Sequence[Scope],
    *,
    offset: int,
    limit: int,
    window: int | None = None,
) -> list[Hit]:
    """Entries `offset` to `offset + limit` of the matches in `scopes`, best first (then by
    entry id, so that pages never overlap), each with its score and marked snippet. With
    `window`, only the most recent `window` matches (by entry id) are ranked: a word most
    entries hold would otherwise have every one of them read and scored."""
    if parsed.empty or not scopes or limit <= 0:
        return []
    page = _postgres_page if connection.vendor == "postgresql" else _sqlite_page
    return page(text, parsed, scopes, offset=offset, limit=limit, window=window)

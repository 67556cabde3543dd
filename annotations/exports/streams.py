"""Streamed exports of published verdicts: CSV and JSON Lines, in constant memory.

One field list, named as the JSON API names them (`VerdictSerializer`), plus `passage` (the
article's words the verdict is about):

- `sources`: what each verdict cites, `[{"url", "title", "publisher", "archive_page",
  "archived_copy"}]`; `archive_page` is the desk's page about the source's archived copy (as in
  the API, here absolute, under `desk`: the desk's root as exports/iris.py gives it, DESK_URL
  or the request's origin), `archived_copy` the same address where the desk holds a copy, else
  null. A JSON array in JSON Lines, the same array as JSON text in CSV; `verdicts_sources_csv`
  gives them one per row, for spreadsheets.
- `corrections`: the correction notes readers see, `[{"note", "created"}]`, oldest first.
- `decided_by`: the deciding editor's username; `is_published`: true.
- With `updated_after`, a verdict withdrawn since then comes as a **tombstone**: its `id`,
  `is_published` false and `updated_at`, every other field empty (null), so a synced copy drops
  it. A full export (no `updated_after`) lists published verdicts only.
- `rating_value` is null (an empty CSV cell) for labels outside the scale (Unverifiable):
  pandas reads the column as float unless told `dtype={"rating_value": "Int64"}`.

Two paths give the same columns, the same value formats and the same formula neutralisation:
- on PostgreSQL, `COPY (SELECT ...) TO STDOUT` streams straight from the server, the fastest way
  out of the database;
- elsewhere (SQLite), a server-side iterator feeds Python's csv/json writers chunk by chunk.
JSON objects inside rows are written as PostgreSQL writes jsonb (keys shortest first, ", " and
": " between items). Timestamps are ISO 8601 in UTC with microseconds
("2026-11-25T09:00:00.000000Z").
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce, Substr

from annotations.core.formats.spreadsheet import cell_neutralise, sql_neutralise
from annotations.models import Correction, SourceCapture, Verdict

COLUMNS = [
    "id",
    "unit",
    "article",
    "article_title",
    "article_url",
    "label",
    "label_name",
    "rating_value",
    "claim_reviewed",
    "explanation",
    "claimant",
    "claimant_type",
    "passage",
    "sources",
    "decided_by",
    "decided_at",
    "is_published",
    "first_published_at",
    "published_at",
    "updated_at",
    "corrections",
    # Last, where a reader that counts columns (rather than naming them) does not see the
    # others move: the language the verdict is written in (a BCP 47 tag, "" when not known).
    "language",
]
TEXT_COLUMNS = {
    "article_title",
    "article_url",
    "label",
    "label_name",
    "claim_reviewed",
    "explanation",
    "claimant",
    "claimant_type",
    "passage",
    "decided_by",
    "language",
    # the sources CSV's
    "url",
    "title",
    "publisher",
}
JSON_COLUMNS = {"sources", "corrections"}
TIME_COLUMNS = {"decided_at", "first_published_at", "published_at", "updated_at"}
# Read from the database in this order; `sources` and `corrections` are added per chunk.
_QUERIED = [name for name in COLUMNS if name not in JSON_COLUMNS]
SOURCE_COLUMNS = ["verdict", "url", "title", "publisher", "archive_page", "archived_copy"]
CHUNK_ROWS = 2000
CHUNK_BYTES = 256 * 1024


def timestamp_text(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _exported(updated_after: datetime.datetime | None) -> QuerySet[Verdict]:
    """Published verdicts, and with `updated_after` the withdrawn ones (tombstones)."""
    verdicts = Verdict.objects.filter(is_published=True)
    if updated_after is not None:
        verdicts = Verdict.objects.filter(
            Q(is_published=True) | Q(first_published_at__isnull=False),
            updated_at__gt=updated_after,
        )
    return verdicts.order_by("updated_at", "pk")


def published_rows(
    *, desk: str, updated_after: datetime.datetime | None = None
) -> Iterator[dict[str, Any]]:
    """The exported verdicts as dicts in COLUMNS order, oldest change first, streamed."""
    rows = (
        _exported(updated_after)
        .annotate(
            passage_text=Substr(
                Coalesce("unit__revision__text", "unit__article__text"),
                F("unit__start") + 1,
                F("unit__end") - F("unit__start"),
            ),
        )
        .values_list(
            "pk",
            "unit_id",
            "unit__article_id",
            "unit__article__title",
            "unit__article__source_url",
            "label__slug",
            "label__name",
            "label__rating_value",
            "claim_reviewed",
            "explanation",
            "claimant",
            "claimant_type",
            "passage_text",
            "decided_by__username",
            "decided_at",
            "is_published",
            "first_published_at",
            "published_at",
            "updated_at",
            "language",
        )
    )
    chunk: list[tuple[Any, ...]] = []
    for row in rows.iterator(chunk_size=CHUNK_ROWS):
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            yield from _completed(chunk, desk)
            chunk = []
    yield from _completed(chunk, desk)


def _cited_sources(verdict_ids: list[int], desk: str) -> dict[int, list[dict[str, str | None]]]:
    """Each verdict's sources in source order, as the exports write them (two queries)."""
    cited = Verdict.sources.through.objects.filter(verdict_id__in=verdict_ids)
    pairs = list(
        cited.order_by("source_id").values_list(
            "verdict_id", "source_id", "source__url", "source__title", "source__publisher"
        )
    )
    captured = set(
        SourceCapture.objects.filter(
            url__in={pair[2] for pair in pairs}, status=SourceCapture.Status.CAPTURED
        ).values_list("url", flat=True)
    )
    desk = desk.rstrip("/")
    sources: dict[int, list[dict[str, str | None]]] = defaultdict(list)
    for verdict_id, source_id, url, title, publisher in pairs:
        page = f"{desk}/sources/{source_id}/archive/"
        sources[verdict_id].append(
            {
                "url": url,
                "title": title,
                "publisher": publisher,
                "archive_page": page,
                "archived_copy": page if url in captured else None,
            }
        )
    return sources


def _completed(chunk: list[tuple[Any, ...]], desk: str) -> Iterator[dict[str, Any]]:
    """The chunk's rows with timestamps as text, sources and corrections (three queries);
    a tombstone keeps only its id, is_published and updated_at."""
    if not chunk:
        return
    ids = [row[0] for row in chunk]
    sources = _cited_sources(ids, desk)
    corrections: dict[int, list[dict[str, str | None]]] = defaultdict(list)
    notes = Correction.objects.filter(verdict_id__in=ids).order_by("created", "pk")
    for verdict_id, note, created in notes.values_list("verdict_id", "note", "created"):
        corrections[verdict_id].append({"note": note, "created": timestamp_text(created)})
    for row in chunk:
        values = dict(zip(_QUERIED, row, strict=True))
        for name in TIME_COLUMNS:
            values[name] = timestamp_text(values[name])
        if not values["is_published"]:
            yield {
                name: values[name] if name in ("id", "is_published", "updated_at") else None
                for name in COLUMNS
            }
            continue
        values["sources"] = sources.get(values["id"], [])
        values["corrections"] = corrections.get(values["id"], [])
        yield {name: values[name] for name in COLUMNS}


def source_rows(
    *, desk: str, updated_after: datetime.datetime | None = None
) -> Iterator[dict[str, Any]]:
    """One row per source of each published verdict (SOURCE_COLUMNS), streamed."""
    verdict_ids = _exported(updated_after).filter(is_published=True).values_list("pk", flat=True)
    chunk: list[int] = []
    for verdict_id in verdict_ids.iterator(chunk_size=CHUNK_ROWS):
        chunk.append(verdict_id)
        if len(chunk) == CHUNK_ROWS:
            yield from _source_rows(chunk, desk)
            chunk = []
    yield from _source_rows(chunk, desk)


def _source_rows(verdict_ids: list[int], desk: str) -> Iterator[dict[str, Any]]:
    if not verdict_ids:
        return
    sources = _cited_sources(verdict_ids, desk)
    for verdict_id in verdict_ids:
        for source in sources.get(verdict_id, []):
            yield {"verdict": verdict_id, **source}


def _chunked(pieces: Iterable[str]) -> Iterator[bytes]:
    """Join small strings into ~256 KB UTF-8 chunks: fewer, larger writes to the client."""
    buffer = io.StringIO()
    for piece in pieces:
        buffer.write(piece)
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer = io.StringIO()
    if buffer.tell():
        yield buffer.getvalue().encode()


def _csv_cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if name in JSON_COLUMNS:
        # As PostgreSQL writes jsonb: ", " and ": " between items, UTF-8 as it is.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if name in TEXT_COLUMNS and value:
        return cell_neutralise(value)
    return value


def csv_lines(rows: Iterable[dict[str, Any]], columns: list[str] = COLUMNS) -> Iterator[str]:
    """A header, then one CSV line per row, every text cell neutralised."""
    line = io.StringIO()
    writer = csv.writer(line, lineterminator="\n")
    writer.writerow(columns)
    yield line.getvalue()
    for row in rows:
        line.seek(0)
        line.truncate()
        writer.writerow([_csv_cell(name, row[name]) for name in columns])
        yield line.getvalue()


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


# --- PostgreSQL's COPY path --------------------------------------------------------------------


def _stamp(expression: str) -> str:
    return f"""to_char({expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""


# The sources of verdict v in source order (jsonb, keys as _cited_sources writes them).
_SOURCES_JSON = """
    SELECT jsonb_agg(jsonb_build_object(
               'url', s.url,
               'title', s.title,
               'publisher', s.publisher,
               'archive_page', %(desk)s || '/sources/' || s.id || '/archive/',
               'archived_copy', CASE WHEN EXISTS (
                   SELECT 1 FROM annotations_sourcecapture c
                   WHERE c.url = s.url AND c.status = 'captured'
               ) THEN %(desk)s || '/sources/' || s.id || '/archive/' END
           ) ORDER BY s.id)
    FROM annotations_verdict_sources vs
    JOIN annotations_source s ON s.id = vs.source_id
    WHERE vs.verdict_id = v.id
"""
_CORRECTIONS_JSON = f"""
    SELECT jsonb_agg(jsonb_build_object('note', c.note, 'created', {_stamp("c.created")})
                     ORDER BY c.created, c.id)
    FROM annotations_correction c
    WHERE c.verdict_id = v.id
"""  # noqa: S608 (fixed fragments only)
# Published verdicts, and with a time the withdrawn ones since then (tombstones).
_EXPORTED = """
    (v.is_published OR (%(after)s::timestamptz IS NOT NULL AND v.first_published_at IS NOT NULL))
    AND (%(after)s::timestamptz IS NULL OR v.updated_at > %(after)s)
"""


def _select_sql(*, neutralise: bool) -> str:
    """The export's SELECT; `neutralise` for CSV (formula cells, JSON and booleans as text)."""

    def shown(expression: str) -> str:
        # A tombstone shows nothing but its id, is_published and updated_at.
        return f"CASE WHEN v.is_published THEN {expression} END"

    def text(expression: str) -> str:
        return shown(sql_neutralise(expression) if neutralise else expression)

    def json_array(select: str) -> str:
        if neutralise:
            return shown(f"coalesce(({select})::text, '[]')")
        return shown(f"coalesce(({select}), '[]'::jsonb)")

    published = (
        "CASE WHEN v.is_published THEN 'true' ELSE 'false' END" if neutralise else "v.is_published"
    )
    # Only this module's fixed fragments are interpolated; the user values are bound.
    return f"""
        SELECT v.id AS id,
               {shown("v.unit_id")} AS unit,
               {shown("a.id")} AS article,
               {text("a.title")} AS article_title,
               {text("a.source_url")} AS article_url,
               {text("l.slug")} AS label,
               {text("l.name")} AS label_name,
               {shown("l.rating_value")} AS rating_value,
               {text("v.claim_reviewed")} AS claim_reviewed,
               {text("v.explanation")} AS explanation,
               {text("v.claimant")} AS claimant,
               {text("v.claimant_type")} AS claimant_type,
               {text('substr(coalesce(r.text, a.text), u.start + 1, u."end" - u.start)')}
                   AS passage,
               {json_array(_SOURCES_JSON)} AS sources,
               {text("du.username")} AS decided_by,
               {shown(_stamp("v.decided_at"))} AS decided_at,
               {published} AS is_published,
               {shown(_stamp("v.first_published_at"))} AS first_published_at,
               {shown(_stamp("v.published_at"))} AS published_at,
               {_stamp("v.updated_at")} AS updated_at,
               {json_array(_CORRECTIONS_JSON)} AS corrections,
               {text("v.language")} AS language
        FROM annotations_verdict v
        JOIN annotations_verdictlabel l ON l.id = v.label_id
        JOIN annotations_claimunit u ON u.id = v.unit_id
        JOIN annotations_article a ON a.id = u.article_id
        LEFT JOIN annotations_articlerevision r ON r.id = u.revision_id
        LEFT JOIN auth_user du ON du.id = v.decided_by_id
        WHERE {_EXPORTED}
        ORDER BY v.updated_at, v.id
    """  # noqa: S608


def _sources_select_sql() -> str:
    """One row per source of each published verdict, for the sources CSV."""
    return f"""
        SELECT v.id AS verdict,
               {sql_neutralise("s.url")} AS url,
               {sql_neutralise("s.title")} AS title,
               {sql_neutralise("s.publisher")} AS publisher,
               %(desk)s || '/sources/' || s.id || '/archive/' AS archive_page,
               CASE WHEN EXISTS (
                   SELECT 1 FROM annotations_sourcecapture c
                   WHERE c.url = s.url AND c.status = 'captured'
               ) THEN %(desk)s || '/sources/' || s.id || '/archive/' END AS archived_copy
        FROM annotations_verdict v
        JOIN annotations_verdict_sources vs ON vs.verdict_id = v.id
        JOIN annotations_source s ON s.id = vs.source_id
        WHERE v.is_published AND {_EXPORTED}
        ORDER BY v.updated_at, v.id, s.id
    """  # noqa: S608


def _copy_stream(statement: str, params: dict[str, Any]) -> Iterator[bytes]:
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        # COPY takes no server-side parameters: psycopg binds them safely on the client.
        bound = cursor.mogrify(statement, params)
        with cursor.copy(bound) as copy:
            # COPY hands over about one row per block: gather them into large chunks, or the
            # web server pays for a million tiny writes.
            buffer = bytearray()
            for block in copy:
                buffer += block
                if len(buffer) >= CHUNK_BYTES:
                    yield bytes(buffer)
                    buffer.clear()
            if buffer:
                yield bytes(buffer)


def csv_copy_sql() -> str:
    return f"COPY ({_select_sql(neutralise=True)}) TO STDOUT WITH (FORMAT csv, HEADER true)"


def jsonl_copy_sql() -> str:
    # JSON escapes every control character, so \x01 and \x02 never occur in its text: as CSV
    # quote and delimiter they make COPY write each JSON document exactly as it is.
    return (
        f"COPY (SELECT row_to_json(r)::text FROM ({_select_sql(neutralise=False)}) r) "  # noqa: S608
        "TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
    )


def copy_csv(*, desk: str, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    return _copy_stream(csv_copy_sql(), _params(updated_after, desk))


def copy_jsonl(*, desk: str, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    return _copy_stream(jsonl_copy_sql(), _params(updated_after, desk))


def _params(updated_after: datetime.datetime | None, desk: str) -> dict[str, Any]:
    return {"after": updated_after, "desk": desk.rstrip("/")}


def copy_sources_csv(
    *, desk: str, updated_after: datetime.datetime | None = None
) -> Iterator[bytes]:
    return _copy_stream(
        f"COPY ({_sources_select_sql()}) TO STDOUT WITH (FORMAT csv, HEADER true)",
        _params(updated_after, desk),
    )


def uses_copy() -> bool:
    return connection.vendor == "postgresql"


def verdicts_csv(*, desk: str, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    """The published verdicts as a UTF-8 CSV with a header row, streamed; `desk` is the
    desk's root IRI, that the archive pages are linked under (exports/iris.py)."""
    if uses_copy():
        return copy_csv(desk=desk, updated_after=updated_after)
    return _chunked(csv_lines(published_rows(desk=desk, updated_after=updated_after)))


def verdicts_jsonl(*, desk: str, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    """The published verdicts as JSON Lines, one object per verdict, streamed (`desk`: as
    for verdicts_csv)."""
    if uses_copy():
        return copy_jsonl(desk=desk, updated_after=updated_after)
    return _chunked(jsonl_lines(published_rows(desk=desk, updated_after=updated_after)))


def verdicts_sources_csv(
    *, desk: str, updated_after: datetime.datetime | None = None
) -> Iterator[bytes]:
    """The published verdicts' sources as CSV, one row per source, streamed (`desk`: as for
    verdicts_csv)."""
    if uses_copy():
        return copy_sources_csv(desk=desk, updated_after=updated_after)
    return _chunked(csv_lines(source_rows(desk=desk, updated_after=updated_after), SOURCE_COLUMNS))

"""Streamed exports of published verdicts: CSV and JSON Lines, in constant memory.

`sources` lists what each verdict cites, `[{"url": ..., "archived_copy": ...}]`, the archived
copy being the desk's page of its capture (<desk>/sources/<id>/archive/, `desk` the desk's
home as exports/iris.py gives it: DESK_URL or the request's origin) or null where the desk
holds none: a JSON array in JSON Lines, the same array as JSON text in CSV.

Two paths give the same columns, the same value formats and the same formula neutralisation:
- on PostgreSQL, `COPY (SELECT ...) TO STDOUT` streams straight from the server, the fastest way
  out of the database;
- elsewhere (SQLite), a server-side iterator feeds Python's csv/json writers chunk by chunk.
Timestamps are ISO 8601 in UTC with microseconds ("2026-11-25T09:00:00.000000Z").
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
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Substr

from annotations.core.formats.spreadsheet import cell_neutralise, sql_neutralise
from annotations.models import Correction, SourceCapture, Verdict

COLUMNS = [
    "id",
    "claim_reviewed",
    "label",
    "label_name",
    "rating_value",
    "claimant",
    "explanation",
    "passage",
    "article_id",
    "article_title",
    "article_url",
    "published_at",
    "first_published_at",
    "updated_at",
    "corrections",
    "sources",
]
TEXT_COLUMNS = {
    "claim_reviewed",
    "label",
    "label_name",
    "claimant",
    "explanation",
    "passage",
    "article_title",
    "article_url",
}
TIME_COLUMNS = {"published_at", "first_published_at", "updated_at"}
CHUNK_ROWS = 2000
CHUNK_BYTES = 256 * 1024


def timestamp_text(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def published_rows(
    *, desk: str, updated_after: datetime.datetime | None = None
) -> Iterator[tuple[Any, ...]]:
    """Published verdicts as tuples in COLUMNS order, oldest change first, streamed."""
    corrections = (
        Correction.objects.filter(verdict=OuterRef("pk"))
        .order_by()
        .values("verdict")
        .annotate(n=Count("pk"))
        .values("n")
    )
    verdicts = Verdict.objects.filter(is_published=True)
    if updated_after is not None:
        verdicts = verdicts.filter(updated_at__gt=updated_after)
    rows = (
        verdicts.annotate(
            passage=Substr(
                Coalesce("unit__revision__text", "unit__article__text"),
                F("unit__start") + 1,
                F("unit__end") - F("unit__start"),
            ),
            corrections_count=Coalesce(Subquery(corrections, output_field=IntegerField()), 0),
        )
        .order_by("updated_at", "pk")
        .values_list(
            "pk",
            "claim_reviewed",
            "label__slug",
            "label__name",
            "label__rating_value",
            "claimant",
            "explanation",
            "passage",
            "unit__article_id",
            "unit__article__title",
            "unit__article__source_url",
            "published_at",
            "first_published_at",
            "updated_at",
            "corrections_count",
        )
    )
    time_indexes = [COLUMNS.index(name) for name in TIME_COLUMNS]
    chunk: list[tuple[Any, ...]] = []
    for row in rows.iterator(chunk_size=CHUNK_ROWS):
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            yield from _with_sources(chunk, time_indexes, desk)
            chunk = []
    yield from _with_sources(chunk, time_indexes, desk)


def _with_sources(
    chunk: list[tuple[Any, ...]], time_indexes: list[int], desk: str
) -> Iterator[tuple[Any, ...]]:
    """The chunk's rows with their timestamps as text and their sources (two queries)."""
    if not chunk:
        return
    cited = Verdict.sources.through.objects.filter(verdict_id__in=[row[0] for row in chunk])
    pairs = list(cited.order_by("source_id").values_list("verdict_id", "source_id", "source__url"))
    captured = set(
        SourceCapture.objects.filter(
            url__in={url for _, _, url in pairs}, status=SourceCapture.Status.CAPTURED
        ).values_list("url", flat=True)
    )
    desk = desk.rstrip("/")
    sources: dict[int, list[dict[str, str | None]]] = defaultdict(list)
    for verdict_id, source_id, url in pairs:
        copy = f"{desk}/sources/{source_id}/archive/" if url in captured else None
        sources[verdict_id].append({"url": url, "archived_copy": copy})
    for row in chunk:
        values = list(row)
        for index in time_indexes:
            values[index] = timestamp_text(values[index])
        values.append(sources.get(row[0], []))
        yield tuple(values)


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


def csv_lines(rows: Iterable[tuple[Any, ...]]) -> Iterator[str]:
    """A header, then one CSV line per row, every text cell neutralised."""
    line = io.StringIO()
    writer = csv.writer(line, lineterminator="\n")
    text_indexes = [COLUMNS.index(name) for name in TEXT_COLUMNS]
    writer.writerow(COLUMNS)
    yield line.getvalue()
    sources_index = COLUMNS.index("sources")
    for row in rows:
        values = list(row)
        for index in text_indexes:
            if values[index]:
                values[index] = cell_neutralise(values[index])
        # As PostgreSQL writes jsonb: ", " and ": " between items, UTF-8 as it is.
        values[sources_index] = json.dumps(values[sources_index], ensure_ascii=False)
        line.seek(0)
        line.truncate()
        writer.writerow(values)
        yield line.getvalue()


def jsonl_lines(rows: Iterable[tuple[Any, ...]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) + "\n"


# --- PostgreSQL's COPY path --------------------------------------------------------------------


def _select_sql(*, neutralise: bool) -> str:
    def text(expression: str) -> str:
        return sql_neutralise(expression) if neutralise else expression

    def stamp(expression: str) -> str:
        return f"""to_char({expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""

    # The verdict's sources in source order, each with the desk's page of its capture where
    # one of its URL succeeded (jsonb: written as Python's json.dumps writes it).
    cited = """
        SELECT jsonb_agg(jsonb_build_object(
                   'url', s.url,
                   'archived_copy', CASE WHEN EXISTS (
                       SELECT 1 FROM annotations_sourcecapture c
                       WHERE c.url = s.url AND c.status = 'captured'
                   ) THEN %(desk)s || '/sources/' || s.id || '/archive/' END
               ) ORDER BY s.id)
        FROM annotations_verdict_sources vs
        JOIN annotations_source s ON s.id = vs.source_id
        WHERE vs.verdict_id = v.id
    """
    empty = "'[]'" if neutralise else "'[]'::jsonb"
    as_text = "::text" if neutralise else ""
    sources = f"coalesce(({cited}){as_text}, {empty}) AS sources"
    # Only this module's fixed fragments are interpolated; the user values are bound.
    return f"""
        SELECT v.id AS id,
               {text("v.claim_reviewed")} AS claim_reviewed,
               {text("l.slug")} AS label,
               {text("l.name")} AS label_name,
               l.rating_value AS rating_value,
               {text("v.claimant")} AS claimant,
               {text("v.explanation")} AS explanation,
               {text('substr(a.text, u.start + 1, u."end" - u.start)')} AS passage,
               a.id AS article_id,
               {text("a.title")} AS article_title,
               {text("a.source_url")} AS article_url,
               {stamp("v.published_at")} AS published_at,
               {stamp("v.first_published_at")} AS first_published_at,
               {stamp("v.updated_at")} AS updated_at,
               (SELECT count(*) FROM annotations_correction c WHERE c.verdict_id = v.id)
                   AS corrections,
               {sources}
        FROM annotations_verdict v
        JOIN annotations_verdictlabel l ON l.id = v.label_id
        JOIN annotations_claimunit u ON u.id = v.unit_id
        JOIN annotations_article a ON a.id = u.article_id
        WHERE v.is_published AND (%(after)s::timestamptz IS NULL OR v.updated_at > %(after)s)
        ORDER BY v.updated_at, v.id
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


def copy_csv(*, desk: str, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    select = _select_sql(neutralise=True)
    return _copy_stream(
        f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER true)", _params(updated_after, desk)
    )


def copy_jsonl(*, desk: str, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    # JSON escapes every control character, so \x01 and \x02 never occur in its text: as CSV
    # quote and delimiter they make COPY write each JSON document exactly as it is.
    select = _select_sql(neutralise=False)
    return _copy_stream(
        f"COPY (SELECT row_to_json(r)::text FROM ({select}) r) "  # noqa: S608
        "TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')",
        _params(updated_after, desk),
    )


def _params(updated_after: datetime.datetime | None, desk: str) -> dict[str, Any]:
    return {"after": updated_after, "desk": desk.rstrip("/")}


def uses_copy() -> bool:
    return connection.vendor == "postgresql"


def verdicts_csv(*, desk: str, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    """The published verdicts as a UTF-8 CSV with a header row, streamed; `desk` is the
    desk's home IRI, that archived copies are linked under."""
    if uses_copy():
        return copy_csv(desk=desk, updated_after=updated_after)
    return _chunked(csv_lines(published_rows(desk=desk, updated_after=updated_after)))


def verdicts_jsonl(*, desk: str, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    """The published verdicts as JSON Lines, one object per verdict, streamed (`desk`: as
    for verdicts_csv)."""
    if uses_copy():
        return copy_jsonl(desk=desk, updated_after=updated_after)
    return _chunked(jsonl_lines(published_rows(desk=desk, updated_after=updated_after)))

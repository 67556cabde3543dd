"""Streamed exports of published verdicts: CSV and JSON Lines, in constant memory.

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
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Substr

from annotations.core.formats.spreadsheet import cell_neutralise, sql_neutralise
from annotations.models import Correction, Verdict

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


def published_rows(*, updated_after: datetime.datetime | None = None) -> Iterator[tuple[Any, ...]]:
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
    for row in rows.iterator(chunk_size=CHUNK_ROWS):
        values = list(row)
        for index in time_indexes:
            values[index] = timestamp_text(values[index])
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
    for row in rows:
        values = list(row)
        for index in text_indexes:
            if values[index]:
                values[index] = cell_neutralise(values[index])
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

    # Only this module's fixed fragments are interpolated; the one user value is bound.
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
                   AS corrections
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


def copy_csv(*, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    select = _select_sql(neutralise=True)
    return _copy_stream(
        f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER true)", {"after": updated_after}
    )


def copy_jsonl(*, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    # JSON escapes every control character, so \x01 and \x02 never occur in its text: as CSV
    # quote and delimiter they make COPY write each JSON document exactly as it is.
    select = _select_sql(neutralise=False)
    return _copy_stream(
        f"COPY (SELECT row_to_json(r)::text FROM ({select}) r) "  # noqa: S608
        "TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')",
        {"after": updated_after},
    )


def uses_copy() -> bool:
    return connection.vendor == "postgresql"


def verdicts_csv(*, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    """The published verdicts as a UTF-8 CSV with a header row, streamed."""
    if uses_copy():
        return copy_csv(updated_after=updated_after)
    return _chunked(csv_lines(published_rows(updated_after=updated_after)))


def verdicts_jsonl(*, updated_after: datetime.datetime | None = None) -> Iterator[bytes]:
    """The published verdicts as JSON Lines, one object per verdict, streamed."""
    if uses_copy():
        return copy_jsonl(updated_after=updated_after)
    return _chunked(jsonl_lines(published_rows(updated_after=updated_after)))

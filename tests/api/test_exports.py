"""Streamed CSV and JSON Lines exports: published verdicts only, the same on both databases."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.core.formats.spreadsheet import FORMULA_STARTS, cell_neutralise
from annotations.exports.streams import COLUMNS
from annotations.models import ClaimUnit, Correction, Verdict
from tests.factories import ArticleFactory, SourceFactory, verdict

CLAIM = "Critics say unemployment has doubled since 2020."


def verdict_on(article, *, published=True, claim_reviewed="Unemployment doubled", **fields):
    start = article.text.index(CLAIM)
    unit = ClaimUnit.objects.create(
        article=article,
        kind="claim",
        start=start,
        end=start + len(CLAIM),
        status="published" if published else "decided",
    )
    now = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
    return Verdict.objects.create(
        unit=unit,
        label=verdict(fields.pop("label", "false")),
        claim_reviewed=claim_reviewed,
        is_published=published,
        published_at=now if published else None,
        first_published_at=now if published else None,
        **fields,
    )


def csv_rows(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def jsonl_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return [json.loads(line) for line in body.splitlines()]


@pytest.mark.django_db
def test_csv_export_has_a_header_and_only_published_verdicts(api_as):
    article = ArticleFactory()
    shown = verdict_on(article, claimant="The mayor", explanation="Rose 12%, not 100%.")
    verdict_on(ArticleFactory(), published=False, claim_reviewed="Draft, never shown")

    response = api_as(None).get("/api/v1/verdicts/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert list(rows[0].keys()) == COLUMNS
    assert [row["id"] for row in rows] == [str(shown.pk)]
    row = rows[0]
    assert row["claim_reviewed"] == "Unemployment doubled"
    assert row["label"] == "false"
    assert row["rating_value"] == "1"
    assert row["passage"] == CLAIM
    assert row["article_url"] == article.source_url
    assert row["published_at"] == "2026-11-25T09:00:00.000000Z"
    assert row["corrections"] == "[]"
    assert row["is_published"] == "true"
    assert row["article"] == str(article.pk)
    assert row["unit"] == str(shown.unit_id)


@pytest.mark.django_db
def test_csv_cells_that_look_like_formulas_are_neutralised(api_as):
    verdict_on(
        ArticleFactory(title='=HYPERLINK("http://evil")'),
        claim_reviewed="+1 million jobs",
        claimant="@mayor",
        explanation="-5% really",
    )

    row = csv_rows(api_as(None).get("/api/v1/verdicts/export.csv"))[0]

    assert row["article_title"] == '\'=HYPERLINK("http://evil")'
    assert row["claim_reviewed"] == "'+1 million jobs"
    assert row["claimant"] == "'@mayor"
    assert row["explanation"] == "'-5% really"


@pytest.mark.django_db
def test_jsonl_export_is_one_object_per_published_verdict(api_as):
    first = verdict_on(ArticleFactory(), claim_reviewed="Crime halved 😀", label="unverifiable")
    Correction.objects.create(verdict=first, note="Fixed a typo.", previous={"label": "false"})
    second = verdict_on(ArticleFactory(), claim_reviewed="=not neutralised in JSON")

    response = api_as(None).get("/api/v1/verdicts/export.jsonl")

    rows = jsonl_rows(response)
    assert response["Content-Type"].startswith("application/jsonl")
    assert [row["id"] for row in rows] == [first.pk, second.pk]
    assert list(rows[0].keys()) == COLUMNS
    assert rows[0]["claim_reviewed"] == "Crime halved 😀"
    assert rows[0]["rating_value"] is None
    assert rows[0]["corrections"] == [
        {"note": "Fixed a typo.", "created": rows[0]["corrections"][0]["created"]}
    ]
    assert rows[0]["corrections"][0]["created"].endswith("Z")
    assert rows[1]["corrections"] == []
    assert rows[1]["claim_reviewed"] == "=not neutralised in JSON"


@pytest.mark.django_db
def test_updated_after_gives_only_later_changes(api_as):
    old = verdict_on(ArticleFactory(), claim_reviewed="Old")
    Verdict.objects.filter(pk=old.pk).update(
        updated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    verdict_on(ArticleFactory(), claim_reviewed="New")

    rows = jsonl_rows(
        api_as(None).get("/api/v1/verdicts/export.jsonl?updated_after=2026-06-01T00:00:00Z")
    )

    assert [row["claim_reviewed"] for row in rows] == ["New"]


@pytest.mark.django_db
def test_a_malformed_updated_after_is_a_400(api_as):
    response = api_as(None).get("/api/v1/verdicts/export.csv?updated_after=yesterday")

    assert response.status_code == 400
    assert "updated_after" in response.json()


@pytest.mark.django_db
def test_an_empty_export_is_just_the_header(api_as):
    rows = csv_rows(api_as(None).get("/api/v1/verdicts/export.csv"))

    assert rows == []


@pytest.mark.django_db
def test_exports_stream_rather_than_build_one_body(api_as):
    verdict_on(ArticleFactory())

    response = api_as(None).get("/api/v1/verdicts/export.csv")

    assert response.streaming


@given(st.text(max_size=30))
def test_neutralised_cells_never_start_a_formula(value):
    safe = cell_neutralise(value)

    assert not safe.startswith(FORMULA_STARTS)
    assert safe.endswith(value)
    assert safe == value or safe == "'" + value


@given(st.sampled_from(FORMULA_STARTS), st.text(max_size=20))
def test_every_formula_start_is_prefixed(start, rest):
    assert cell_neutralise(start + rest) == "'" + start + rest


def test_a_cell_already_starting_with_a_quote_is_left_alone():
    assert cell_neutralise("'quoted") == "'quoted"


EXPORT_URLS = ["/api/v1/verdicts/export.csv", "/api/v1/verdicts/export.jsonl"]


def _rows(response) -> list[dict]:
    if response["Content-Type"].startswith("text/csv"):
        return csv_rows(response)
    return jsonl_rows(response)


@pytest.mark.django_db
@pytest.mark.parametrize("url", EXPORT_URLS)
def test_the_exports_name_their_fields_as_the_json_api_does(api_as, url):
    published = verdict_on(ArticleFactory())

    api = api_as(None).get(f"/api/v1/verdicts/{published.pk}/").json()
    (row,) = _rows(api_as(None).get(url))

    assert list(row) == COLUMNS
    assert set(api) <= set(COLUMNS)
    assert set(COLUMNS) - set(api) == {"passage"}


@pytest.mark.django_db
def test_the_json_lines_export_carries_what_the_json_api_gives(api_as, editor):
    published = verdict_on(ArticleFactory(), claimant="The mayor", decided_by=editor)
    Correction.objects.create(verdict=published, note="Label fixed.", previous={})

    api = api_as(None).get(f"/api/v1/verdicts/{published.pk}/").json()
    (row,) = jsonl_rows(api_as(None).get("/api/v1/verdicts/export.jsonl"))

    same = ["id", "unit", "article", "article_title", "article_url", "label", "label_name"]
    same += ["rating_value", "claim_reviewed", "explanation", "claimant", "decided_by"]
    same += ["is_published"]
    assert {name: row[name] for name in same} == {name: api[name] for name in same}
    assert row["decided_by"] == editor.username
    assert [c["note"] for c in row["corrections"]] == [c["note"] for c in api["corrections"]]


@pytest.mark.django_db
@pytest.mark.parametrize("url", EXPORT_URLS)
def test_a_verdict_withdrawn_since_the_last_sync_comes_as_a_tombstone(api_as, url):
    kept = verdict_on(ArticleFactory(), claim_reviewed="Still published")
    withdrawn = verdict_on(ArticleFactory(), claim_reviewed="Withdrawn later")
    never = verdict_on(ArticleFactory(), published=False, claim_reviewed="Never published")
    synced_at = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    Verdict.objects.filter(pk__in=[kept.pk, withdrawn.pk, never.pk]).update(
        updated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    withdrawn.is_published = False
    withdrawn.save()  # now: after the sync
    client = api_as(None)

    rows = _rows(client.get(f"{url}?updated_after=2026-06-01T00:00:00Z"))

    (tombstone,) = rows
    assert tombstone["id"] in (withdrawn.pk, str(withdrawn.pk))
    assert tombstone["is_published"] in (False, "false")
    assert tombstone["updated_at"] > synced_at.strftime("%Y-%m-%dT%H:%M:%S")
    empty = {name for name, value in tombstone.items() if value in (None, "")}
    assert empty == set(COLUMNS) - {"id", "is_published", "updated_at"}
    # A full export lists what is published now, and no tombstone.
    assert [str(row["id"]) for row in _rows(client.get(url))] == [str(kept.pk)]


@pytest.mark.django_db
def test_the_sources_csv_gives_one_row_per_source_keyed_by_verdict(api_as, settings):
    settings.DESK_URL = "https://desk.example"
    published = verdict_on(ArticleFactory())
    first = SourceFactory(url="https://stats.example/a", title="=Report", publisher="Stats")
    second = SourceFactory(url="https://stats.example/b", title="", publisher="")
    published.sources.add(first, second)
    verdict_on(ArticleFactory(), published=False).sources.add(first)  # a draft's: not listed

    response = api_as(None).get("/api/v1/verdicts/export-sources.csv")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert [list(row.values()) for row in rows] == [
        [str(published.pk), first.url, "'=Report", "Stats",
         f"https://desk.example/sources/{first.pk}/archive/", ""],
        [str(published.pk), second.url, "", "",
         f"https://desk.example/sources/{second.pk}/archive/", ""],
    ]  # fmt: skip
    assert list(rows[0]) == [
        "verdict",
        "url",
        "title",
        "publisher",
        "archive_page",
        "archived_copy",
    ]

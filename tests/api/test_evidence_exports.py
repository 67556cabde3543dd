"""The archived copy travels with the verdict (issue 14): the W3C export (a TimeState on the
source's linking body, passing every MUST of the W3C suite), ClaimReview (`citation` with
`archivedAt`), the public verdict page, and the constant queries of a page of them."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import SourceCapture
from tests.api.test_standards import published_verdict
from tests.factories import SourceFactory
from tests.w3c_suite import ANNOTATION_MUSTS, must_failures, run_test

pytestmark = pytest.mark.django_db

CAPTURED_AT = datetime.datetime(2026, 11, 20, 8, 30, tzinfo=datetime.UTC)


def _cited(*, captured: bool = True):
    """A published verdict citing two sources: the first captured, the second not."""
    published = published_verdict()
    kept = SourceFactory(url="https://stats.example/report", title="Statistics report")
    other = SourceFactory(url="https://blog.example/post", title="")
    published.sources.add(kept, other)
    if captured:
        SourceCapture.objects.create(
            url=kept.url, status="captured", captured_at=CAPTURED_AT, sha256="a" * 64
        )
    SourceCapture.objects.create(url=other.url, status="failed", captured_at=CAPTURED_AT)
    return published, kept, other


def test_the_w3c_export_gives_the_archived_copy_as_a_time_state(api_as):
    _, kept, _ = _cited()
    collection = api_as(None).get("/api/v1/verdicts/w3c/").json()
    item = {"@context": "http://www.w3.org/ns/anno.jsonld", **collection["first"]["items"][0]}
    linking = [body for body in item["body"] if body.get("purpose") == "linking"]
    states = {str(body["source"]): body.get("state") for body in linking}
    assert states == {
        str({"id": kept.url, "label": "Statistics report"}): {
            "type": "TimeState",
            "cached": f"http://testserver/sources/{kept.pk}/archive/",
            "sourceDate": "2026-11-20T08:30:00Z",
        },
        "https://blog.example/post": None,  # a failed capture is no archived copy
    }
    assert must_failures(run_test(ANNOTATION_MUSTS, item)) == []


def test_claimreview_cites_the_sources_with_their_archived_copies(api_as):
    _, kept, other = _cited()
    (review,) = api_as(None).get("/api/v1/verdicts/claimreview/").json()["@graph"]
    assert sorted(review["citation"], key=lambda citation: citation["url"]) == [
        {"@type": "CreativeWork", "url": other.url},
        {
            "@type": "CreativeWork",
            "url": kept.url,
            "name": "Statistics report",
            "archivedAt": f"http://testserver/sources/{kept.pk}/archive/",
        },
    ]


def test_the_public_page_links_the_archived_copy_that_anyone_can_open(client):
    published, kept, other = _cited()
    html = client.get(f"/verdicts/{published.pk}/").content.decode()
    assert f'href="/sources/{kept.pk}/archive/" data-archived-copy' in html
    assert f"/sources/{other.pk}/archive/" not in html
    assert '"archivedAt"' in html  # the page's ClaimReview JSON-LD too
    assert client.get(f"/sources/{kept.pk}/archive/").status_code == 200


def test_a_page_of_exports_reads_captures_in_one_query(api_as):
    _cited()
    client = api_as(None)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/verdicts/w3c/")
    for _ in range(4):
        _cited()
    with CaptureQueriesContext(connection) as five:
        body = client.get("/api/v1/verdicts/w3c/").json()
    assert body["total"] == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_the_csv_and_jsonl_exports_list_the_sources_with_their_archived_copies(api_as, settings):
    settings.DESK_URL = "https://desk.example/"
    published, kept, other = _cited()
    unsourced = published_verdict(claim_reviewed="Nothing cited")
    expected = [
        {
            "url": kept.url,
            "title": "Statistics report",
            "publisher": kept.publisher,
            "archive_page": f"https://desk.example/sources/{kept.pk}/archive/",
            "archived_copy": f"https://desk.example/sources/{kept.pk}/archive/",
        },
        {
            "url": other.url,
            "title": "",
            "publisher": other.publisher,
            "archive_page": f"https://desk.example/sources/{other.pk}/archive/",
            "archived_copy": None,
        },
    ]
    expected.sort(
        key=lambda source: [kept.pk, other.pk][[kept.url, other.url].index(source["url"])]
    )
    client = api_as(None)

    body = b"".join(client.get("/api/v1/verdicts/export.jsonl").streaming_content).decode()
    rows = {row["id"]: row for row in map(json.loads, body.splitlines())}
    assert rows[published.pk]["sources"] == expected
    assert rows[unsourced.pk]["sources"] == []

    body = b"".join(client.get("/api/v1/verdicts/export.csv").streaming_content).decode()
    cells = {int(row["id"]): row["sources"] for row in csv.DictReader(io.StringIO(body))}
    assert json.loads(cells[published.pk]) == expected
    # Written the same way on both databases (jsonb's text on PostgreSQL).
    assert cells[published.pk] == json.dumps(expected, ensure_ascii=False)
    assert cells[unsourced.pk] == "[]"


def test_the_json_verdicts_api_points_each_source_at_its_archive_page(api_as):
    published, kept, other = _cited()
    body = api_as(None).get(f"/api/v1/verdicts/{published.pk}/").json()
    pages = {source["url"]: source["archive_page"] for source in body["sources"]}
    assert pages == {
        kept.url: f"/sources/{kept.pk}/archive/",
        other.url: f"/sources/{other.pk}/archive/",
    }
    # Anyone may open them: a published verdict cites them.
    assert api_as(None).get(pages[kept.url]).status_code == 200

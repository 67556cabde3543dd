"""Keyset cursors on the feeds clients sync from (issue 16, part 3): the W3C verdict
collection, the ClaimReview feed and the verdict change feed, walked while editors correct,
publish and withdraw verdicts between page fetches. Nothing is skipped and nothing is served
twice but a verdict that changed after it was served (its new version, later)."""

from __future__ import annotations

import base64
import datetime
import json
import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.dateparse import parse_datetime

from annotations.models import Verdict
from annotations.services.adjudication import (
    VerdictInput,
    verdict_correct,
    verdict_publish,
    verdict_unpublish,
)
from tests.api.test_verdict_feed import make_verdict, stamp
from tests.factories import EditorFactory, verdict

pytestmark = pytest.mark.django_db

# (verdict id, its change time) per item of a page, and the next page's URL.
Page = tuple[list[tuple[int, datetime.datetime]], str | None]


def _pk(iri: str) -> int:
    return int(re.search(r"/(\d+)/$", iri).group(1))  # type: ignore[union-attr]


def w3c_page(client, url: str) -> Page:
    body = client.get(url).json()
    page = body.get("first", body) if body["type"] == "AnnotationCollection" else body
    items = [(_pk(item["id"]), parse_datetime(item["modified"])) for item in page["items"]]
    return items, page.get("next")


def claimreview_page(client, url: str) -> Page:
    response = client.get(url)
    items = [
        (_pk(review["url"]), parse_datetime(review["dateModified"]))
        for review in response.json()["@graph"]
    ]
    found = re.search(r'<([^>]+)>; rel="next"', response.get("Link", ""))
    return items, found.group(1) if found else None


def datafeed_page(client, url: str) -> Page:
    response = client.get(url)
    items = [
        (_pk(element["item"]["url"]), parse_datetime(element["item"]["dateModified"]))
        for element in response.json()["dataFeedElement"]
    ]
    found = re.search(r'<([^>]+)>; rel="next"', response.get("Link", ""))
    return items, found.group(1) if found else None


def list_page(client, url: str) -> Page:
    body = client.get(url).json()
    items = [(item["id"], parse_datetime(item["updated_at"])) for item in body["results"]]
    return items, body["next"]


FEEDS = [
    pytest.param("/api/v1/verdicts/w3c/?page_size=2", w3c_page, id="w3c"),
    pytest.param("/api/v1/verdicts/claimreview/?page_size=2", claimreview_page, id="claimreview"),
    pytest.param(
        "/api/v1/verdicts/claimreview/datafeed/?page_size=2", datafeed_page, id="datafeed"
    ),
    pytest.param("/api/v1/verdicts/?page_size=2", list_page, id="change-feed"),
]


def walk(client, url: str, read: Callable[..., Page], between: Callable[[int], None]) -> list:
    seen: list[tuple[int, datetime.datetime]] = []
    fetches = 0
    next_url: str | None = url
    while next_url:
        items, next_url = read(client, next_url)
        seen += items
        between(fetches)
        fetches += 1
        assert fetches < 50, "the walk never ends"
    return seen


def _correct(item: Verdict, editor, note: str) -> None:
    item.refresh_from_db()
    verdict_correct(
        verdict=item,
        editor=editor,
        seen_version=item.unit.version,
        note=note,
        changes=VerdictInput(label=verdict("mostly-false"), claim_reviewed=f"{note} claim"),
    )


@pytest.mark.parametrize(("url", "read"), FEEDS)
def test_walking_a_feed_while_editors_change_it_skips_nothing_and_repeats_nothing(
    api_as, url, read
):
    editor = EditorFactory()
    made = [make_verdict(claim=f"Claim {n}") for n in range(8)]
    for minutes, item in enumerate(made, start=1):
        stamp(item, minutes)
    draft = make_verdict(published=False, claim="Published during the walk")
    served_first = made[0]

    def between(fetched: int) -> None:
        if fetched == 0:  # a verdict already served is corrected
            _correct(served_first, editor, "First")
        elif fetched == 1:  # one not yet served is corrected (it moves past the cursor),
            # another one withdrawn
            _correct(made[6], editor, "Seventh")
            made[7].refresh_from_db()
            verdict_unpublish(verdict=made[7], editor=editor, seen_version=made[7].unit.version)
        elif fetched == 2:  # a verdict is published
            draft.refresh_from_db()
            verdict_publish(verdict=draft, editor=editor, seen_version=draft.unit.version)

    seen = walk(api_as(None), url, read, between)

    assert len(seen) == len(set(seen)), "a version served twice"
    ids = [pk for pk, _ in seen]
    # Only the verdict corrected after it was served comes again, in its new version.
    assert {pk for pk in ids if ids.count(pk) > 1} == {served_first.pk}
    final = {v.pk: v.updated_at for v in Verdict.objects.filter(is_published=True)}
    last_seen = dict(seen)
    assert set(final) <= set(last_seen), "a published verdict was skipped"
    for pk, updated_at in final.items():
        assert last_seen[pk] == updated_at, "a verdict's last change was not served"
    assert made[7].pk not in last_seen


@pytest.mark.parametrize(("url", "read"), FEEDS)
def test_verdicts_changed_in_one_instant_page_without_loss(api_as, url, read):
    """A bulk publish stamps many verdicts with one time: the cursor holds the id too."""
    editor = EditorFactory()
    made = [make_verdict(claim=f"Claim {n}") for n in range(7)]
    Verdict.objects.update(updated_at=datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC))
    not_yet_served = max(made, key=lambda v: v.pk)

    def between(fetched: int) -> None:
        if fetched == 0:
            _correct(not_yet_served, editor, "Later")

    seen = walk(api_as(None), url, read, between)

    ids = [pk for pk, _ in seen]
    assert sorted(ids) == sorted(v.pk for v in made)
    assert ids[-1] == not_yet_served.pk


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/verdicts/w3c/",
        "/api/v1/verdicts/claimreview/",
        "/api/v1/verdicts/claimreview/datafeed/",
        "/api/v1/verdicts/factchecktools/",
        "/api/v1/verdicts/",
    ],
)
def test_a_feed_page_reads_as_many_queries_for_20_verdicts_as_for_2(api_as, url):
    client = api_as(None)

    def queries(page_url: str) -> int:
        # A full log (9,000 queries) would make every count 0: start each from empty.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page_url).status_code == 200
        return len(captured)

    for _ in range(3):
        make_verdict()
    few_first = queries(f"{url}?page_size=2")
    few_next = queries(_second_page(client, url, 2))
    for _ in range(40):
        make_verdict()

    assert 0 < queries(f"{url}?page_size=20") <= few_first
    assert 0 < queries(_second_page(client, url, 20)) <= few_next


def _second_page(client, url: str, size: int) -> str:
    response = client.get(f"{url}?page_size={size}")
    if "w3c" in url:
        return response.json()["first"]["next"]
    if "claimreview" in url or "factchecktools" in url:
        return re.search(r'<([^>]+)>; rel="next"', response["Link"]).group(1)  # type: ignore[union-attr]
    return response.json()["next"]


def _cursor(data: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


BAD_CURSORS = [
    "nonsense",
    "%%%",
    base64.b64encode(b"p=2026-11-01+00%3A05%3A00%2B00%3A00").decode(),  # DRF's own format
    _cursor(["updated_at", "id"]),
    _cursor({"o": ["modified", "id"], "p": None, "r": False}),  # another list's cursor
    _cursor({"o": ["updated_at", "id"], "p": ["yesterday", "1"], "r": False}),
    _cursor({"o": ["updated_at", "id"], "p": ["2026-11-01T00:00:00", "1"], "r": False}),
    _cursor({"o": ["updated_at", "id"], "p": ["2026-11-01T00:00:00+00:00"], "r": False}),
    _cursor({"o": ["updated_at", "id"], "p": ["2026-11-01T00:00:00+00:00", "x"], "r": False}),
    _cursor({"o": ["updated_at", "id"], "p": ["2026-11-01T00:00:00+00:00", 1], "r": False}),
    _cursor({"o": ["updated_at", "id"], "p": None, "r": "yes"}),
    _cursor({"o": ["updated_at", "id"], "p": ["2026-11-01T00:00:00+00:00", "9" * 40], "r": 0}),
]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/verdicts/w3c/",
        "/api/v1/verdicts/claimreview/",
        "/api/v1/verdicts/claimreview/datafeed/",
        "/api/v1/verdicts/factchecktools/",
        "/api/v1/verdicts/",
    ],
)
@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_a_cursor_that_is_not_ours_is_a_400_naming_it(api_as, url, cursor):
    make_verdict()

    response = api_as(None).get(url, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.parametrize(
    "url", ["/api/v1/verdicts/w3c/", "/api/v1/verdicts/claimreview/", "/api/v1/annotations/w3c/"]
)
@pytest.mark.parametrize("size", ["0", "1001", "x", "", "-1"])
def test_the_page_size_is_bounded(api_as, editor, url, size):
    response = api_as(editor).get(url, {"page_size": size})

    assert response.status_code == 400
    assert "page_size" in response.json()


def test_a_cursor_past_the_end_gives_an_empty_page_that_links_back(api_as):
    for _ in range(2):
        make_verdict()
    client = api_as(None)
    last = client.get("/api/v1/verdicts/w3c/?page_size=2").json()["first"]["items"][-1]
    newest = Verdict.objects.get(pk=_pk(last["id"]))
    cursor = _cursor(
        {
            "o": ["updated_at", "id"],
            "p": [newest.updated_at.isoformat(), str(newest.pk)],
            "r": False,
        }
    )

    page = client.get("/api/v1/verdicts/w3c/", {"cursor": cursor, "page_size": 2}).json()

    assert page["items"] == [] and "next" not in page
    assert page["startIndex"] == 2
    assert len(client.get(page["prev"]).json()["items"]) == 2

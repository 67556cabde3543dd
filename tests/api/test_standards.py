"""The standards endpoints: W3C Web Annotation collections and schema.org ClaimReview."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from annotations.core.formats.w3c import MEDIA_TYPE
from annotations.models import ClaimUnit, Correction, Verdict
from annotations.services.reviews import review_submit
from tests.factories import (
    AnnotationFactory,
    ArticleFactory,
    SourceFactory,
    published_verdict,
    verdict,
)
from tests.w3c_suite import (
    ANNOTATION_MUSTS,
    COLLECTION_MUSTS,
    PAGE_MUSTS,
    must_failures,
    run_test,
)

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."


def test_annotations_are_a_w3c_collection_that_passes_every_must(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice, kind="quote", speaker="Ana")
    SourceFactory(annotation=annotation)

    response = api_as(alice).get("/api/v1/annotations/w3c/")

    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA_TYPE
    collection = response.json()
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 1
    assert must_failures(run_test(COLLECTION_MUSTS, collection)) == []
    item = collection["first"]["items"][0]
    document = {"@context": "http://www.w3.org/ns/anno.jsonld", **item}
    assert must_failures(run_test(ANNOTATION_MUSTS, document)) == []
    assert item["motivation"] == "assessing"
    selectors = {s["type"]: s for s in item["target"]["selector"]}
    assert selectors["TextPositionSelector"]["start"] == annotation.start
    assert selectors["TextQuoteSelector"]["exact"] == CLAIM


def test_the_w3c_collection_is_paged_with_cursor_links(api_as, alice, article):
    for _ in range(5):
        AnnotationFactory(article=article, reviewer=alice)
    client = api_as(alice)

    collection = client.get("/api/v1/annotations/w3c/?page_size=2").json()
    second = client.get(collection["first"]["next"]).json()

    assert collection["total"] == 5
    assert "cursor=" in collection["last"] and "cursor=" in collection["first"]["id"]
    assert second["type"] == "AnnotationPage"
    assert second["startIndex"] == 2
    assert "cursor=" in second["next"] and "cursor=" in second["prev"]
    assert must_failures(run_test(PAGE_MUSTS, second)) == []
    assert [a["id"] for a in client.get(second["prev"]).json()["items"]] == [
        a["id"] for a in collection["first"]["items"]
    ]
    assert len(client.get(collection["last"]).json()["items"]) == 2
    assert client.get("/api/v1/annotations/w3c/?cursor=zero").status_code == 400
    assert client.get("/api/v1/annotations/w3c/?page=2").status_code == 400


def test_the_w3c_collection_shows_only_what_the_user_may_read(api_as, alice, bob, article):
    AnnotationFactory(article=article, reviewer=bob)
    review_submit(article=article, reviewer=bob)

    assert api_as(alice).get("/api/v1/annotations/w3c/").json()["total"] == 0
    assert api_as(None).get("/api/v1/annotations/w3c/").status_code in (401, 403)


def test_published_verdicts_are_w3c_annotations_too(api_as):
    published = published_verdict()
    Correction.objects.create(verdict=published, note="Figure updated.", previous={})
    Verdict.objects.create(
        unit=ClaimUnit.objects.create(article=ArticleFactory(), kind="claim", start=0, end=4),
        label=verdict("true"),
        claim_reviewed="A draft",
    )

    collection = api_as(None).get("/api/v1/verdicts/w3c/").json()

    assert collection["total"] == 1
    item = {"@context": "http://www.w3.org/ns/anno.jsonld", **collection["first"]["items"][0]}
    assert must_failures(run_test(ANNOTATION_MUSTS, item)) == []
    assert "A draft" not in json.dumps(collection)


def test_the_claimreview_feed_describes_each_published_verdict(api_as):
    article = ArticleFactory(published_on=datetime.date(2026, 11, 20))
    published_verdict(article)
    published_verdict(ArticleFactory(), label="unverifiable", claim_reviewed="Cannot check")

    response = api_as(None).get("/api/v1/verdicts/claimreview/")

    assert response["Content-Type"].startswith("application/ld+json")
    reviews = response.json()["@graph"]
    first = reviews[0]
    assert first["@type"] == "ClaimReview"
    assert first["claimReviewed"] == "Unemployment has doubled since 2020"
    assert first["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
        "ratingExplanation": "It rose by 12%.",
    }
    assert first["itemReviewed"]["author"]["name"] == "The opposition"
    assert first["itemReviewed"]["appearance"]["url"] == article.source_url
    assert first["author"]["@type"] == "Organization"
    assert "ratingValue" not in reviews[1]["reviewRating"]


def test_the_claimreview_feed_reads_as_many_queries_for_many_verdicts_as_for_one(api_as):
    def queries_for_feed() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api_as(None).get("/api/v1/verdicts/claimreview/").status_code == 200
        return len(queries)

    published_verdict()
    one = queries_for_feed()
    for _ in range(5):
        published_verdict()

    assert queries_for_feed() == one


def test_the_public_verdict_page_embeds_its_claimreview(client: Client):
    published = published_verdict(claim_reviewed="Crime fell </script><script>alert(1)</script>")

    response = client.get(f"/verdicts/{published.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert embedded is not None
    data = json.loads(embedded.group(1))
    assert data["claimReviewed"] == "Crime fell </script><script>alert(1)</script>"
    assert data["url"].endswith(f"/verdicts/{published.pk}/")
    assert "<script>alert(1)" not in html


def test_an_unpublished_verdict_has_no_public_page(client: Client):
    draft = published_verdict()
    Verdict.objects.filter(pk=draft.pk).update(is_published=False, first_published_at=None)

    assert client.get(f"/verdicts/{draft.pk}/").status_code == 404

"""`?uri=`: partners look annotations and verdicts up by the document's address, normalised as
Hypothesis normalises it, matched on the article's indexed look-up key."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Article
from annotations.services.articles import article_create
from tests.factories import (
    ARTICLE_TEXT,
    AnnotationFactory,
    ArticleFactory,
    published_verdict,
)

pytestmark = pytest.mark.django_db

PAGE = "https://example.org/politics/budget"
# The same document as a reader's browser may hold it.
DRESSED = "http://www.example.org/politics/budget/?utm_source=newsletter&fbclid=x#comments"


def test_verdicts_are_found_by_the_documents_address_in_any_of_its_spellings(api_as):
    mine = published_verdict(ArticleFactory(source_url=PAGE))
    published_verdict(ArticleFactory(source_url="https://example.org/politics/other"))

    response = api_as(None).get("/api/v1/verdicts/", {"uri": DRESSED})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_annotations_are_found_by_the_documents_address(api_as, alice):
    mine = AnnotationFactory(reviewer=alice, article=ArticleFactory(source_url=PAGE))
    AnnotationFactory(reviewer=alice)

    response = api_as(alice).get("/api/v1/annotations/", {"uri": DRESSED})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_the_w3c_collections_take_uri_too(api_as, alice):
    article = ArticleFactory(source_url=PAGE)
    verdict = published_verdict(article)
    published_verdict()
    AnnotationFactory(reviewer=alice, article=article)
    AnnotationFactory(reviewer=alice)

    verdicts = api_as(None).get("/api/v1/verdicts/w3c/", {"uri": DRESSED}).json()
    annotations = api_as(alice).get("/api/v1/annotations/w3c/", {"uri": DRESSED}).json()

    assert verdicts["total"] == 1
    assert verdicts["first"]["items"][0]["id"].endswith(f"/verdicts/w3c/{verdict.pk}/")
    assert annotations["total"] == 1
    assert annotations["first"]["items"][0]["target"]["source"] == PAGE


def test_an_address_no_article_has_finds_nothing(api_as):
    published_verdict(ArticleFactory(source_url=PAGE))

    response = api_as(None).get("/api/v1/verdicts/", {"uri": "https://example.org/elsewhere"})

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "bad",
    ["", "not a url", "ftp://example.org/a", "javascript:alert(1)", "https://", "x" * 3000],
)
@pytest.mark.parametrize(
    "endpoint",
    [
        "/api/v1/verdicts/",
        "/api/v1/annotations/",
        "/api/v1/verdicts/w3c/",
        "/api/v1/annotations/w3c/",
    ],
)
def test_a_bad_uri_is_a_400_naming_the_parameter(api_as, alice, endpoint, bad):
    response = api_as(alice).get(endpoint, {"uri": bad})

    assert response.status_code == 400
    assert "uri" in response.json()


def test_articles_imported_through_the_service_carry_their_key(api_as):
    article = article_create(title="Budget", text=ARTICLE_TEXT, source_url=PAGE)
    published_verdict(article)

    assert Article.objects.get(pk=article.pk).url_key
    response = api_as(None).get("/api/v1/verdicts/", {"uri": DRESSED})
    assert len(response.json()["results"]) == 1


def test_the_look_up_reads_as_many_queries_for_many_rows_as_for_one(api_as):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api_as(None).get("/api/v1/verdicts/", {"uri": DRESSED})
            assert response.status_code == 200
        return len(captured)

    published_verdict(ArticleFactory(source_url=PAGE))
    one = queries()
    for _ in range(5):
        published_verdict(ArticleFactory(source_url=PAGE + "?utm_medium=x"))
        published_verdict()

    assert queries() == one
    assert len(api_as(None).get("/api/v1/verdicts/", {"uri": DRESSED}).json()["results"]) == 6


def test_the_migration_fills_the_key_of_articles_stored_before_it(api_as):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("annotations.migrations.0026_claimreview_consumers")
    stored = published_verdict(ArticleFactory(source_url=PAGE)).unit.article
    no_url = ArticleFactory(source_url="")
    Article.objects.update(url_key="")  # as they were before migration 0026

    migration.url_keys_fill(apps, None)

    assert Article.objects.get(pk=no_url.pk).url_key == ""
    response = api_as(None).get("/api/v1/verdicts/", {"uri": DRESSED})
    assert [row["article"] for row in response.json()["results"]] == [stored.pk]


def test_the_w3c_collections_pages_keep_the_look_up(api_as):
    for _ in range(3):
        published_verdict(ArticleFactory(source_url=PAGE))
    published_verdict()
    client = api_as(None)

    collection = client.get("/api/v1/verdicts/w3c/", {"uri": DRESSED, "page_size": 1}).json()
    seen = [item["id"] for item in collection["first"]["items"]]
    next_url = collection["first"].get("next")
    while next_url:
        page = client.get(next_url).json()
        assert page["partOf"]["id"] == collection["id"]
        seen += [item["id"] for item in page["items"]]
        next_url = page.get("next")

    assert collection["total"] == 3
    assert collection["id"].endswith("/api/v1/verdicts/w3c/?" + urlencode({"uri": DRESSED}))
    assert len(seen) == len(set(seen)) == 3

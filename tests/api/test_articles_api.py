"""The article endpoints and the token endpoint."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from rest_framework.test import APIClient

from annotations.models import Article
from tests.factories import PASSWORD, AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_editor_creates_an_article_from_text(api_as, editor):
    response = api_as(editor).post(
        "/api/v1/articles/",
        {
            "title": "Budget vote",
            "text": "First.\r\n\r\n\r\nSecond.",
            "source_url": "https://x.org/a",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["text"] == "First.\n\nSecond."
    assert Article.objects.get().imported_by == editor


def test_reviewers_cannot_create_articles(api_as, alice):
    response = api_as(alice).post("/api/v1/articles/", {"text": "Hello."}, format="json")

    assert response.status_code == 403
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": "   "},
        {"text": "Both.", "url": "https://example.org/"},
        {"url": "javascript:alert(1)"},
        {"text": "Fine.", "source_url": "data:text/html,hi"},
        {"text": "Fine.", "source_url": "https://user:secret@x.org/a"},
        {"text": "Fine.", "published_on": "yesterday"},
        {"text": ["not", "a", "string"]},
    ],
)
def test_bad_article_input_gets_a_field_error(api_as, editor, body):
    response = api_as(editor).post("/api/v1/articles/", body, format="json")

    assert response.status_code == 400, response.content
    assert not Article.objects.exists()


def test_article_list_shows_my_review_progress(api_as, alice, article):
    AnnotationFactory(article=article, reviewer=alice)
    AnnotationFactory(article=article)  # someone else's: not counted as mine

    listed = api_as(alice).get("/api/v1/articles/").json()["results"]

    assert listed[0]["my_annotation_count"] == 1
    assert listed[0]["my_review_status"] == "in_progress"
    assert "text" not in listed[0]


def test_article_detail_has_the_canonical_text(api_as, alice, article):
    body = api_as(alice).get(f"/api/v1/articles/{article.pk}/").json()

    assert body["text"] == article.text


def test_unknown_article_is_a_404(api_as, alice):
    assert api_as(alice).get("/api/v1/articles/999999/").status_code == 404
    assert api_as(alice).post("/api/v1/articles/999999/submit/").status_code == 404


def test_token_from_username_and_password_authenticates_api_calls(alice, article):
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": "alice", "password": PASSWORD}, format="json"
    ).json()["token"]

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/v1/articles/")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_token_endpoint_refuses_a_wrong_password(alice):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "alice", "password": "wrong"}, format="json"
    )

    assert response.status_code == 400
    assert "token" not in response.json()


def test_api_list_queries_do_not_grow_with_rows(api_as, alice, django_assert_max_num_queries):
    articles = ArticleFactory.create_batch(3)
    for article in articles:
        AnnotationFactory.create_batch(2, article=article, reviewer=alice)
    client = api_as(alice)
    with django_assert_max_num_queries(10) as few:
        client.get("/api/v1/annotations/")
    more = ArticleFactory.create_batch(5)
    for article in more:
        AnnotationFactory.create_batch(10, article=article, reviewer=alice)
    assert few.captured_queries
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        client.get("/api/v1/annotations/")
    assert many.captured_queries
    with django_assert_max_num_queries(4):
        client.get("/api/v1/articles/")


@pytest.mark.parametrize("published_on", ["0001-01-01", "1799-12-31", "2999-12-31"])
def test_an_implausible_publication_date_is_refused(api_as, editor, published_on):
    response = api_as(editor).post(
        "/api/v1/articles/", {"text": "Fine.", "published_on": published_on}, format="json"
    )

    assert response.status_code == 400, response.content
    assert response.json()["code"] == "published_on_implausible"
    assert response.json()["published_on"] == [
        f"Enter a publication date from 1 January 1800 to {date_format(_tomorrow())}."
    ]
    assert not Article.objects.exists()


def test_publication_dates_from_1800_to_tomorrow_are_accepted(api_as, editor):
    client = api_as(editor)
    for number, published_on in enumerate(["1800-01-01", _tomorrow().isoformat()]):
        response = client.post(
            "/api/v1/articles/",
            {"text": f"Article {number}.", "published_on": published_on},
            format="json",
        )

        assert response.status_code == 201, response.content
        assert response.json()["published_on"] == published_on
    day_after = (_tomorrow() + datetime.timedelta(days=1)).isoformat()
    refused = client.post(
        "/api/v1/articles/", {"text": "Too soon.", "published_on": day_after}, format="json"
    )
    assert refused.status_code == 400


def _tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)

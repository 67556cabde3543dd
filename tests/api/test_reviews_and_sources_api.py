"""GET /api/v1/reviews/ and /api/v1/sources/: read-only, scoped to what the user may see."""

from __future__ import annotations

import pytest
from django.utils import timezone

from annotations.models import Review
from tests.factories import AnnotationFactory, ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return sorted(item["id"] for item in response.json()["results"])


def test_reviewers_see_only_their_own_reviews(api_as, alice, bob, article):
    AnnotationFactory(article=article, reviewer=alice)  # opens alice's review
    AnnotationFactory(article=article, reviewer=bob)
    mine = Review.objects.get(reviewer=alice)

    assert ids(api_as(alice).get("/api/v1/reviews/")) == [mine.pk]
    assert (
        api_as(alice).get(f"/api/v1/reviews/{Review.objects.get(reviewer=bob).pk}/").status_code
        == 404
    )


def test_editors_see_every_review_and_filter_by_status(api_as, alice, bob, editor, article):
    AnnotationFactory(article=article, reviewer=alice)
    AnnotationFactory(article=article, reviewer=bob)
    Review.objects.filter(reviewer=bob).update(status="submitted", submitted_at=timezone.now())

    everyone = api_as(editor).get("/api/v1/reviews/")
    submitted = api_as(editor).get("/api/v1/reviews/?status=submitted")

    assert len(everyone.json()["results"]) == 2
    assert [r["reviewer"] for r in submitted.json()["results"]] == ["bob"]


def test_sources_follow_the_visibility_of_their_highlights(api_as, alice, bob, article):
    mine = SourceFactory(annotation=AnnotationFactory(article=article, reviewer=alice))
    SourceFactory(annotation=AnnotationFactory(article=article, reviewer=bob))

    listed = api_as(alice).get("/api/v1/sources/")

    assert ids(listed) == [mine.pk]
    assert listed.json()["results"][0]["article"] == article.pk


def test_sources_filter_by_article_and_search_by_title(api_as, editor):
    wanted = SourceFactory(
        annotation=AnnotationFactory(article=ArticleFactory()), title="Labour force survey"
    )
    SourceFactory(annotation=AnnotationFactory(article=wanted.annotation.article), title="Blog")
    SourceFactory(annotation=AnnotationFactory(), title="Labour force survey")

    response = api_as(editor).get(
        f"/api/v1/sources/?article={wanted.annotation.article_id}&search=labour"
    )

    assert ids(response) == [wanted.pk]


def test_the_source_list_uses_as_many_queries_for_30_as_for_3(
    api_as, editor, article, django_assert_max_num_queries
):
    for _ in range(3):
        SourceFactory(annotation=AnnotationFactory(article=article))
    client = api_as(editor)
    with django_assert_max_num_queries(20) as few:
        client.get("/api/v1/sources/")
    queries = len(few.captured_queries)
    for _ in range(27):
        SourceFactory(annotation=AnnotationFactory(article=article))

    with django_assert_max_num_queries(queries):
        assert len(client.get("/api/v1/sources/").json()["results"]) == 30


def test_anonymous_clients_get_neither(api_as):
    assert api_as(None).get("/api/v1/reviews/").status_code in (401, 403)
    assert api_as(None).get("/api/v1/sources/").status_code in (401, 403)

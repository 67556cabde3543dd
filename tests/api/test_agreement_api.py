"""The agreement endpoints: editors only, null with a reason when undefined."""

from __future__ import annotations

import pytest

from annotations.models import DeskAgreement
from annotations.services.reviews import review_submit
from tests.factories import AnnotationFactory, ArticleFactory, ReviewerFactory, verdict

pytestmark = pytest.mark.django_db

REQUIRED = {
    "alpha_nominal",
    "alpha_ordinal",
    "fleiss_kappa",
    "percent_agreement",
    "units",
    "reviewers",
    "computed_at",
    "stale",
}


@pytest.fixture
def rated_article(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for slug in ("false", "false", "mostly-false"):
            reviewer = ReviewerFactory()
            AnnotationFactory(article=article, reviewer=reviewer, verdict=verdict(slug))
            review_submit(article=article, reviewer=reviewer)
    return article


def test_editors_read_an_articles_agreement(api_as, editor, rated_article):
    body = api_as(editor).get(f"/api/v1/articles/{rated_article.pk}/agreement/").json()

    assert body.keys() >= REQUIRED
    assert body["units"] == 1
    assert body["reviewers"] == 3
    assert body["stale"] is False
    assert body["percent_agreement"] == pytest.approx(1 / 3)
    assert body["details"]["alpha_nominal"]["pairable"] == 3
    assert body["unit_spreads"][0]["labels"] == {"false": 2, "mostly-false": 1}
    names = set(rated_article.reviews.values_list("reviewer__username", flat=True))
    assert len(body["pairwise"]) == 3
    assert {p["a"] for p in body["pairwise"]} | {p["b"] for p in body["pairwise"]} == names


def test_an_undefined_statistic_is_null_with_a_reason(
    api_as, editor, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        reviewer = ReviewerFactory()
        AnnotationFactory(article=article, reviewer=reviewer)
        review_submit(article=article, reviewer=reviewer)

    body = api_as(editor).get(f"/api/v1/articles/{article.pk}/agreement/").json()

    assert body["alpha_nominal"] is None
    assert body["reasons"]["alpha_nominal"]


def test_an_article_never_computed_says_so(api_as, editor, article):
    body = api_as(editor).get(f"/api/v1/articles/{article.pk}/agreement/").json()

    assert body["stale"] is True
    assert body["computed_at"] is None
    assert body["reasons"]["alpha_ordinal"] == "not computed yet"


def test_reviewers_cannot_read_agreement(api_as, alice, rated_article):
    assert api_as(alice).get(f"/api/v1/articles/{rated_article.pk}/agreement/").status_code == 403
    assert api_as(alice).get("/api/v1/agreement/").status_code == 403
    assert api_as(alice).post("/api/v1/agreement/").status_code == 403


def test_an_editor_requests_desk_statistics_and_reads_them(
    api_as, editor, rated_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(editor).post("/api/v1/agreement/")

    assert response.status_code == 202
    assert response.json() == {"queued": True}
    body = api_as(editor).get("/api/v1/agreement/").json()
    assert body.keys() >= REQUIRED
    assert body["articles"] == 1
    assert body["units"] == 1
    assert body["confidence_intervals"]["alpha_ordinal"]["confidence"] == 0.95
    assert any(w["code"] == "too_few_units" for w in body["warnings"])
    assert DeskAgreement.objects.get().queued is False


def test_desk_statistics_before_any_computation_are_null_and_stale(api_as, editor):
    body = api_as(editor).get("/api/v1/agreement/").json()

    assert body["alpha_nominal"] is None
    assert body["stale"] is True

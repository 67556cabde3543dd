"""Blind review and ownership: who reads and who changes which annotations, through every door."""

from __future__ import annotations

import pytest
from django.test import Client

from annotations.models import Annotation, Review
from tests.factories import AnnotationFactory, UserFactory

pytestmark = pytest.mark.django_db


def submit(api_as, user, article):
    response = api_as(user).post(f"/api/v1/articles/{article.pk}/submit/")
    assert response.status_code == 200, response.content
    return response


def test_reviewer_cannot_see_other_reviewers_annotations_before_submitting(
    api_as, alice, bob, article
):
    mine = AnnotationFactory(article=article, reviewer=alice)
    theirs = AnnotationFactory(article=article, reviewer=bob)
    submit(api_as, bob, article)

    listed = api_as(alice).get(f"/api/v1/annotations/?article={article.pk}").json()

    assert [a["id"] for a in listed["results"]] == [mine.pk]
    assert api_as(alice).get(f"/api/v1/annotations/{theirs.pk}/").status_code == 404


def test_after_both_submit_reviewers_read_each_others_annotations(api_as, alice, bob, article):
    mine = AnnotationFactory(article=article, reviewer=alice)
    theirs = AnnotationFactory(article=article, reviewer=bob)
    submit(api_as, alice, article)
    submit(api_as, bob, article)

    listed = api_as(alice).get(f"/api/v1/annotations/?article={article.pk}").json()

    assert {a["id"] for a in listed["results"]} == {mine.pk, theirs.pk}
    assert {a["is_mine"] for a in listed["results"]} == {True, False}


def test_a_submitted_reviewer_still_cannot_see_a_colleague_who_has_not_submitted(
    api_as, alice, bob, article
):
    AnnotationFactory(article=article, reviewer=bob)
    submit(api_as, alice, article)

    listed = api_as(alice).get(f"/api/v1/annotations/?article={article.pk}").json()

    assert listed["results"] == []


def test_reviewer_can_never_change_or_delete_another_reviewers_annotation(
    api_as, alice, bob, article
):
    theirs = AnnotationFactory(article=article, reviewer=bob)
    submit(api_as, alice, article)
    submit(api_as, bob, article)  # now visible to alice, but still not hers

    patch = api_as(alice).patch(
        f"/api/v1/annotations/{theirs.pk}/", {"verdict": "true"}, format="json"
    )
    delete = api_as(alice).delete(f"/api/v1/annotations/{theirs.pk}/")

    assert patch.status_code == 403
    assert delete.status_code == 403
    theirs.refresh_from_db()
    assert theirs.verdict.slug == "mostly-false"


def test_a_hidden_annotation_cannot_be_changed_either(api_as, alice, bob, article):
    theirs = AnnotationFactory(article=article, reviewer=bob)

    patch = api_as(alice).patch(
        f"/api/v1/annotations/{theirs.pk}/", {"verdict": "true"}, format="json"
    )
    delete = api_as(alice).delete(f"/api/v1/annotations/{theirs.pk}/")

    assert patch.status_code == 404
    assert delete.status_code == 404
    assert Annotation.objects.filter(pk=theirs.pk).exists()


def test_editors_see_every_reviewers_annotations_but_cannot_edit_them(
    api_as, alice, bob, editor, article
):
    first = AnnotationFactory(article=article, reviewer=alice)
    AnnotationFactory(article=article, reviewer=bob)

    listed = api_as(editor).get(f"/api/v1/annotations/?article={article.pk}").json()
    patch = api_as(editor).patch(
        f"/api/v1/annotations/{first.pk}/", {"verdict": "true"}, format="json"
    )

    assert len(listed["results"]) == 2
    assert patch.status_code == 403


def test_a_user_without_a_role_sees_nothing(api_as, alice, article):
    AnnotationFactory(article=article, reviewer=alice)
    outsider = UserFactory(username="outsider")

    assert api_as(outsider).get("/api/v1/annotations/").status_code == 403
    assert api_as(outsider).get("/api/v1/articles/").status_code == 403


def test_submitted_annotations_are_frozen(api_as, alice, article):
    annotation = AnnotationFactory(article=article, reviewer=alice)
    submit(api_as, alice, article)

    patch = api_as(alice).patch(
        f"/api/v1/annotations/{annotation.pk}/", {"verdict": "true"}, format="json"
    )
    delete = api_as(alice).delete(f"/api/v1/annotations/{annotation.pk}/")

    assert patch.status_code == 409
    assert patch.json()["code"] == "review_submitted"
    assert delete.status_code == 409


def test_submitting_twice_keeps_the_first_timestamp(api_as, alice, article):
    first = submit(api_as, alice, article).json()["submitted_at"]
    second = submit(api_as, alice, article).json()["submitted_at"]

    assert first == second
    assert Review.objects.get(article=article, reviewer=alice).status == "submitted"


def test_editors_cannot_submit_a_review(api_as, editor, article):
    response = api_as(editor).post(f"/api/v1/articles/{article.pk}/submit/")

    assert response.status_code == 403


def test_the_article_page_shows_a_reviewer_only_their_own_annotations(alice, bob, article):
    AnnotationFactory(article=article, reviewer=alice, rationale="alice's reasoning")
    AnnotationFactory(article=article, reviewer=bob, rationale="bob's reasoning")
    client = Client()
    client.force_login(alice)

    page = client.get(f"/articles/{article.pk}/").content.decode()

    assert "alice&#x27;s reasoning" in page or "alice's reasoning" in page
    assert "bob" not in page


def test_session_writes_need_the_csrf_token(alice, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(
        f"/api/v1/articles/{article.pk}/submit/", content_type="application/json"
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]

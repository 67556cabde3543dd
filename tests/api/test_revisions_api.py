"""PUT /api/v1/articles/{id}/ makes a revision; the re-attach list is /api/v1/orphans/."""

from __future__ import annotations

import pytest

from annotations.models import AnnotationAnchor
from tests.factories import ARTICLE_TEXT, AnnotationFactory

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."
INSERTED = "Update: corrected on Wednesday.\n\n"
LOST = ARTICLE_TEXT.replace(CLAIM, "Critics were not quoted.")


@pytest.fixture
def put(api_as, editor, django_capture_on_commit_callbacks):
    """PUT a new text as the editor, running the re-anchoring task that follows the commit."""

    def put(article, text, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return api_as(editor).put(
                f"/api/v1/articles/{article.pk}/", {"text": text}, format="json", headers=headers
            )

    return put


def test_put_makes_a_new_revision_and_keeps_the_old_one(api_as, editor, article, put):
    response = put(article, INSERTED + ARTICLE_TEXT)

    assert response.status_code == 201, response.content
    assert response.json()["revision"] == 2
    assert response.json()["text"] == INSERTED + ARTICLE_TEXT
    listed = api_as(editor).get(f"/api/v1/articles/{article.pk}/revisions/").json()
    assert [(r["number"], r["origin"]) for r in listed] == [(1, "import"), (2, "api")]
    first = api_as(editor).get(f"/api/v1/articles/{article.pk}/revisions/1/").json()
    assert first["text"] == ARTICLE_TEXT


def test_put_with_the_same_text_makes_no_revision(article, put):
    response = put(article, ARTICLE_TEXT)

    assert response.status_code == 200
    assert response.json()["revision"] == 1


def test_put_with_a_stale_etag_is_refused_and_changes_nothing(api_as, editor, article, put):
    etag = api_as(editor).get(f"/api/v1/articles/{article.pk}/")["ETag"]
    assert put(article, INSERTED + ARTICLE_TEXT, **{"If-Match": etag}).status_code == 201

    response = put(article, "Another text.", **{"If-Match": etag})

    assert response.status_code == 412
    assert article.revisions.count() == 2


def test_reviewers_cannot_put_a_new_version(api_as, alice, article):
    response = api_as(alice).put(
        f"/api/v1/articles/{article.pk}/", {"text": "Rewritten."}, format="json"
    )

    assert response.status_code == 403
    assert article.revisions.count() == 1


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": 5}, {"text": ["a"]}])
def test_a_bad_new_version_is_a_400_naming_text(api_as, editor, article, body):
    response = api_as(editor).put(f"/api/v1/articles/{article.pk}/", body, format="json")

    assert response.status_code == 400
    assert "text" in response.json()
    assert article.revisions.count() == 1


def test_an_unknown_revision_is_a_404(api_as, editor, article):
    assert api_as(editor).get(f"/api/v1/articles/{article.pk}/revisions/9/").status_code == 404


def test_the_annotation_list_shows_where_a_highlight_lies_now(api_as, alice, article, put):
    highlight = AnnotationFactory(article=article, reviewer=alice)

    put(article, INSERTED + ARTICLE_TEXT)

    body = api_as(alice).get(f"/api/v1/annotations/{highlight.pk}/").json()
    assert body["revision"] == 1
    assert body["target"]["start"] == highlight.start
    assert body["anchor"]["revision"] == 2
    assert body["anchor"]["start"] == highlight.start + len(INSERTED)
    assert body["anchor"]["method"] == "carried"


def test_an_orphan_is_listed_to_its_reviewer_and_editors_only(
    api_as, alice, bob, editor, article, put
):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    put(article, LOST)

    mine = api_as(alice).get("/api/v1/orphans/").json()["results"]
    theirs = api_as(bob).get("/api/v1/orphans/").json()["results"]
    everyone = api_as(editor).get(f"/api/v1/orphans/?article={article.pk}").json()["results"]

    assert [o["annotation"] for o in mine] == [highlight.pk]
    assert mine[0]["original"]["exact"] == CLAIM
    assert mine[0]["revision"] == 2
    assert theirs == []
    assert [o["annotation"] for o in everyone] == [highlight.pk]
    assert api_as(alice).get(f"/api/v1/annotations/{highlight.pk}/").json()["anchor"] is None


def test_a_reviewer_reattaches_an_orphan_through_the_api(api_as, alice, article, put):
    AnnotationFactory(article=article, reviewer=alice)
    put(article, LOST)
    orphan = AnnotationAnchor.objects.get()
    start = LOST.index("Critics were not quoted.")
    target = {"exact": "Critics were not quoted.", "start": start, "end": start + 24}

    response = api_as(alice).post(
        f"/api/v1/orphans/{orphan.pk}/reattach/", {"target": target}, format="json"
    )

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["start"]) == ("reattached", start)
    assert api_as(alice).get("/api/v1/orphans/").json()["results"] == []


def test_a_wrong_passage_is_a_field_error_and_the_orphan_stays(api_as, alice, article, put):
    AnnotationFactory(article=article, reviewer=alice)
    put(article, LOST)
    orphan = AnnotationAnchor.objects.get()

    response = api_as(alice).post(
        f"/api/v1/orphans/{orphan.pk}/reattach/",
        {"target": {"exact": "nowhere", "start": 0, "end": 7}},
        format="json",
    )

    assert response.status_code == 400
    assert "target" in response.json()
    orphan.refresh_from_db()
    assert orphan.status == "orphaned"


def test_confirming_gone_twice_is_a_409(api_as, alice, editor, article, put):
    AnnotationFactory(article=article, reviewer=alice)
    put(article, LOST)
    orphan = AnnotationAnchor.objects.get()

    first = api_as(alice).post(f"/api/v1/orphans/{orphan.pk}/gone/")
    second = api_as(editor).post(f"/api/v1/orphans/{orphan.pk}/gone/")

    assert first.status_code == 200
    assert first.json()["status"] == "gone"
    assert second.status_code == 409


def test_another_reviewer_cannot_resolve_an_orphan_they_cannot_see(
    api_as, alice, bob, article, put
):
    AnnotationFactory(article=article, reviewer=alice)
    put(article, LOST)
    orphan = AnnotationAnchor.objects.get()

    assert api_as(bob).post(f"/api/v1/orphans/{orphan.pk}/gone/").status_code == 404
    orphan.refresh_from_db()
    assert orphan.status == "orphaned"


def test_the_orphan_list_uses_as_many_queries_for_20_as_for_2(
    api_as, editor, article, put, django_assert_max_num_queries
):
    from tests.factories import ReviewerFactory

    for _ in range(2):
        AnnotationFactory(article=article, reviewer=ReviewerFactory())
    put(article, LOST)
    client = api_as(editor)
    with django_assert_max_num_queries(20) as few:
        assert len(client.get("/api/v1/orphans/").json()["results"]) == 2
    queries = len(few.captured_queries)  # read now: the next request clears Django's log
    first = article.revisions.get(number=1)  # `article` still holds revision 1's text
    for _ in range(18):
        AnnotationFactory(article=article, reviewer=ReviewerFactory(), revision=first)
    put(article, LOST + "\n\nMore.")

    with django_assert_max_num_queries(queries):
        assert len(client.get("/api/v1/orphans/").json()["results"]) == 20


def test_the_w3c_export_says_which_version_of_the_article_a_highlight_was_made_on(
    api_as, alice, article
):
    highlight = AnnotationFactory(article=article, reviewer=alice)
    made_on = highlight.revision.created

    page = api_as(alice).get("/api/v1/annotations/w3c/").json()["first"]

    state = page["items"][0]["target"]["state"]
    assert state["type"] == "TimeState"
    assert state["sourceDate"].startswith(made_on.strftime("%Y-%m-%dT%H:%M:%S"))

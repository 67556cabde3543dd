"""The discussion and notification API: /api/v1/comments/ and /api/v1/notifications/."""

from __future__ import annotations

import pytest

from annotations.models import Notification
from annotations.services.discussion import comment_post
from tests.conftest import client_for
from tests.factories import ReviewerFactory, claims_reviewed
from tests.services.discussion_scenario import CLAIM, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(alice, bob, django_capture_on_commit_callbacks):
    return reviewed(alice, bob, lambda: django_capture_on_commit_callbacks(execute=True))


def test_an_editor_comments_on_a_unit_and_the_mention_notifies(
    editor, desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post(
            "/api/v1/comments/",
            {"unit": desk.unit.pk, "body": "@alice <b>which</b> figure?"},
            format="json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["author"] == "eddie"
    assert body["html"] == (
        '<p><span class="mention">@alice</span> &lt;b&gt;which&lt;/b&gt; figure?</p>\n'
    )
    assert Notification.objects.get().recipient == desk.alice

    listed = client_for(desk.alice).get(f"/api/v1/comments/?unit={desk.unit.pk}").json()
    assert [c["id"] for c in listed["results"]] == [body["id"]]


@pytest.mark.parametrize(
    "payload",
    [
        {"body": "no thread"},
        {"unit": 1, "article": 1, "body": "two threads"},
        {"unit": "x", "body": "bad id"},
        {"unit": 1},
        {"unit": 1, "body": ""},
    ],
)
def test_a_bad_comment_is_a_400(editor, desk, payload):
    assert client_for(editor).post("/api/v1/comments/", payload, format="json").status_code == 400


def test_a_missing_thread_is_a_404(editor):
    response = client_for(editor).post(
        "/api/v1/comments/", {"article": 999999, "body": "hi"}, format="json"
    )
    assert response.status_code == 404


def test_a_reviewer_who_has_not_submitted_sees_no_comments_and_cannot_post(editor, desk):
    carol = ReviewerFactory(username="carol")
    claims_reviewed(desk.article, {CLAIM: "false"}, reviewer=carol, submit=False)
    comment_post(author=editor, thread=desk.unit, body="Hm")
    client = client_for(carol)
    assert client.get(f"/api/v1/comments/?article={desk.article.pk}").json()["results"] == []
    refused = client.post("/api/v1/comments/", {"unit": desk.unit.pk, "body": "hi"}, format="json")
    assert refused.status_code == 403


def test_the_author_edits_her_comment_and_no_one_else(desk):
    comment = comment_post(author=desk.alice, thread=desk.unit, body="It doubled.")
    url = f"/api/v1/comments/{comment.pk}/"
    assert client_for(desk.bob).patch(url, {"body": "No"}, format="json").status_code == 403
    edited = client_for(desk.alice).patch(url, {"body": "It nearly doubled."}, format="json")
    assert edited.status_code == 200
    assert edited.json()["edited"] is not None


def test_notifications_list_and_mark_read(editor, desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_post(author=editor, thread=desk.unit, body="@alice @bob?")
    client = client_for(desk.alice)
    [mine] = client.get("/api/v1/notifications/?unread=true").json()["results"]
    assert mine["kind"] == "mention"
    assert mine["url"] == f"/discussion/units/{desk.unit.pk}/#comment-{comment.pk}"
    assert client.post(f"/api/v1/notifications/{mine['id']}/read/").status_code == 204
    assert client.get("/api/v1/notifications/?unread=true").json()["results"] == []

    bobs = Notification.objects.get(recipient=desk.bob)
    assert client.post(f"/api/v1/notifications/{bobs.pk}/read/").status_code == 404
    assert client_for(desk.bob).post("/api/v1/notifications/read-all/").json() == {"marked": 1}


def test_send_back_through_the_api_takes_a_note_for_the_thread(editor, desk):
    response = client_for(editor).post(
        f"/api/v1/units/{desk.unit.pk}/send-back/",
        {"version": desk.unit.version, "note": "Find a second source."},
        format="json",
    )
    assert response.status_code == 200, response.content
    thread = client_for(desk.alice).get(f"/api/v1/comments/?unit={desk.unit.pk}").json()
    assert [(c["body"], c["note_of"]) for c in thread["results"]] == [
        ("Find a second source.", "send_back")
    ]


def test_reject_through_the_api_without_a_note_works_as_before(editor, desk):
    response = client_for(editor).post(
        f"/api/v1/units/{desk.unit.pk}/reject/", {"version": desk.unit.version}, format="json"
    )
    assert response.status_code == 200
    assert client_for(editor).get("/api/v1/comments/").json()["results"] == []


def test_the_writer_is_told_of_mentions_that_name_nobody_on_the_thread(editor, desk):
    client = client_for(editor)

    added = client.post(
        "/api/v1/comments/",
        {"unit": desk.unit.pk, "body": "@alice and @nonexistent, see this"},
        format="json",
    )
    edited = client.patch(
        f"/api/v1/comments/{added.json()['id']}/", {"body": "@alice only"}, format="json"
    )

    assert added.status_code == 201, added.content
    assert added.json()["unknown_mentions"] == ["nonexistent"]
    assert edited.json()["unknown_mentions"] == []

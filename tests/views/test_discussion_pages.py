"""The discussion pages: a unit's and an article's thread, adding and editing comments, and the
send-back note from the unit page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import formats, timezone

from annotations.core.comments import EDIT_WINDOW
from annotations.models import Comment, Notification
from annotations.services.discussion import comment_post
from tests.factories import ReviewerFactory, UserFactory, claims_reviewed
from tests.pages import logged_in
from tests.services.discussion_scenario import CLAIM, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(alice, bob, django_capture_on_commit_callbacks):
    return reviewed(alice, bob, lambda: django_capture_on_commit_callbacks(execute=True))


def unit_thread(desk) -> str:
    return f"/discussion/units/{desk.unit.pk}/"


def test_an_editor_adds_a_comment_and_lands_on_it(editor, desk):
    response = logged_in(editor).post(unit_thread(desk), {"body": "Which **figure**?"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{unit_thread(desk)}#comment-{comment.pk}"

    page = logged_in(editor).get(unit_thread(desk)).content.decode()
    assert f'id="comment-{comment.pk}"' in page
    assert "Which <strong>figure</strong>?" in page


def test_raw_html_in_a_comment_is_shown_as_text(editor, desk):
    comment_post(author=editor, thread=desk.unit, body='<script>alert("x")</script> @alice')
    page = logged_in(editor).get(unit_thread(desk)).content.decode()
    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;" in page
    assert '<span class="mention">@alice</span>' in page


def test_an_empty_comment_comes_back_with_its_error(editor, desk):
    response = logged_in(editor).post(unit_thread(desk), {"body": "  "})
    assert response.status_code == 400
    assert "Write a comment first." in response.content.decode()


def test_a_reviewer_who_has_not_submitted_is_refused_the_thread(desk):
    carol = ReviewerFactory(username="carol")
    claims_reviewed(desk.article, {CLAIM: "false"}, reviewer=carol, submit=False)
    assert logged_in(carol).get(unit_thread(desk)).status_code == 403
    assert logged_in(carol).post(unit_thread(desk), {"body": "hi"}).status_code == 403
    assert logged_in(desk.alice).get(unit_thread(desk)).status_code == 200


def test_someone_without_a_role_is_refused_and_a_visitor_sent_to_log_in(desk, client):
    assert logged_in(UserFactory()).get(unit_thread(desk)).status_code == 403
    response = client.get(unit_thread(desk))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_missing_thread_is_a_404(editor):
    assert logged_in(editor).get("/discussion/units/999999/").status_code == 404
    assert logged_in(editor).get("/discussion/articles/999999/").status_code == 404


def test_the_article_thread_lists_the_threads_of_its_units(editor, desk):
    comment_post(author=editor, thread=desk.unit, body="Which figure?")
    page = logged_in(editor).get(f"/discussion/articles/{desk.article.pk}/").content.decode()
    assert f'href="/discussion/units/{desk.unit.pk}/"' in page


def test_the_author_edits_her_comment_then_the_window_closes(desk):
    comment = comment_post(author=desk.alice, thread=desk.unit, body="It doubled.")
    url = f"/discussion/comments/{comment.pk}/edit/"
    assert logged_in(desk.alice).get(url).status_code == 200
    assert logged_in(desk.bob).get(url).status_code == 403
    response = logged_in(desk.alice).post(url, {"body": "It nearly doubled."})
    assert response.status_code == 302
    assert Comment.objects.get().body == "It nearly doubled."

    Comment.objects.update(created=timezone.now() - EDIT_WINDOW - datetime.timedelta(minutes=1))
    assert logged_in(desk.alice).post(url, {"body": "It tripled."}).status_code == 403
    page = logged_in(desk.alice).get(unit_thread(desk)).content.decode()
    assert url not in page


def test_send_back_from_the_unit_page_leaves_its_note_in_the_thread(
    editor, desk, django_capture_on_commit_callbacks
):
    page = logged_in(editor).get(f"/review/units/{desk.unit.pk}/").content.decode()
    assert 'name="note"' in page and unit_thread(desk) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(editor).post(
            f"/review/units/{desk.unit.pk}/send-back/",
            {"version": desk.unit.version, "note": "Check the 2020 report."},
        )
    assert response.status_code == 302
    assert Comment.objects.get().note_of == "send_back"
    assert Notification.objects.filter(kind="send_back").count() == 2

    thread = logged_in(desk.alice).get(unit_thread(desk)).content.decode()
    assert "Check the 2020 report." in thread and "Sent back for more reviews" in thread


def test_a_thread_page_costs_the_same_queries_with_many_comments(
    editor, desk, django_assert_max_num_queries
):
    comment_post(author=editor, thread=desk.unit, body="One @alice")
    client = logged_in(editor)
    with django_assert_max_num_queries(40) as one:
        client.get(unit_thread(desk))
    for number in range(20):
        comment_post(
            author=desk.alice if number % 2 else editor, thread=desk.unit, body=f"@bob {number}"
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(unit_thread(desk)).status_code == 200


def test_the_article_page_links_its_discussion_for_those_who_may_read_it(editor, desk):
    carol = ReviewerFactory(username="carol")
    link = f'href="/discussion/articles/{desk.article.pk}/"'
    page = f"/articles/{desk.article.pk}/"
    assert link in logged_in(editor).get(page).content.decode()
    assert link in logged_in(desk.alice).get(page).content.decode()
    assert link not in logged_in(carol).get(page).content.decode()


def test_a_mention_of_nobody_on_the_thread_is_told_to_the_writer(editor, desk):
    outsider = UserFactory(username="carol")  # a member of no role: not a reader of the thread
    client = logged_in(editor)

    response = client.post(
        unit_thread(desk),
        {"body": "@alice, @Nobody and @carol: see `@code` and write to me@example.org"},
        follow=True,
    )

    page = response.content.decode()
    assert "Comment added." in page
    assert "Nobody who reads this thread is called @Nobody, @carol" in page
    assert "@alice," not in page.split("Nobody who reads")[1].split("</")[0]
    assert Notification.objects.filter(recipient=outsider).count() == 0


def test_mentioning_only_readers_adds_no_warning(editor, desk):
    page = logged_in(editor).post(unit_thread(desk), {"body": "@alice?"}, follow=True)
    assert "Nobody who reads this thread" not in page.content.decode()


def test_how_long_a_comment_can_be_edited_is_shown_as_text_not_a_tooltip(editor, desk):
    comment = comment_post(author=editor, thread=desk.unit, body="Which figure?")
    until = timezone.localtime(comment.created + EDIT_WINDOW)
    shown = formats.time_format(until, "TIME_FORMAT")

    page = logged_in(editor).get(unit_thread(desk)).content.decode()
    edit_page = logged_in(editor).get(f"/discussion/comments/{comment.pk}/edit/")

    deadline = page.split('class="comment__edit-until"', 1)[1].split("</span>", 1)[0]
    assert f'(until <time datetime="{until.isoformat()}">{shown}</time>)' in deadline
    assert 'title="Until' not in page
    assert "This one until <time" in edit_page.content.decode()

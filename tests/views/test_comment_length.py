"""A comment or an editor's note over the limit is refused with its length and comes back as
typed: no field carries a maxlength, which would cut a long paste silently; a counter
(static/annotations/char-limit.js) reads the limit from `data-max-characters`."""

from __future__ import annotations

import html
import re

import pytest

from annotations.core.comments import MAX_LENGTH
from annotations.models import ClaimUnit, Comment
from annotations.services.discussion import comment_post
from tests.pages import logged_in
from tests.services.discussion_scenario import reviewed

pytestmark = pytest.mark.django_db

TOO_LONG = "Word " * (MAX_LENGTH // 5) + "and more."  # 10,009 characters
REFUSAL = "Keep a comment under 10,000 characters (10,009 now): split it into two."


@pytest.fixture
def desk(alice, bob, django_capture_on_commit_callbacks):
    return reviewed(alice, bob, lambda: django_capture_on_commit_callbacks(execute=True))


def textareas(page: str) -> list[str]:
    return re.findall(r"<textarea[^>]*>", page)


def test_the_comment_box_has_a_counted_limit_and_no_maxlength(editor, desk):
    page = logged_in(editor).get(f"/discussion/units/{desk.unit.pk}/").content.decode()

    [box] = textareas(page)
    assert 'data-max-characters="10000"' in box
    assert "maxlength" not in box
    assert "annotations/char-limit.js" in page


def test_a_too_long_comment_is_refused_and_comes_back_as_typed(editor, desk):
    response = logged_in(editor).post(f"/discussion/units/{desk.unit.pk}/", {"body": TOO_LONG})

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert REFUSAL in page
    assert TOO_LONG.strip() in page
    assert not Comment.objects.exists()


def test_a_too_long_edit_is_refused_and_comes_back_as_typed(editor, desk):
    comment = comment_post(author=editor, thread=desk.unit, body="Which figure?")

    response = logged_in(editor).post(
        f"/discussion/comments/{comment.pk}/edit/", {"body": TOO_LONG}
    )

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert REFUSAL in page and TOO_LONG.strip() in page
    comment.refresh_from_db()
    assert comment.body == "Which figure?"


def test_the_unit_page_notes_have_a_counted_limit_and_no_maxlength(editor, desk):
    page = logged_in(editor).get(f"/review/units/{desk.unit.pk}/").content.decode()

    notes = [box for box in textareas(page) if 'name="note"' in box and "note-" in box]
    assert len(notes) == 2
    for box in notes:
        assert 'data-max-characters="10000"' in box
        assert "maxlength" not in box


def test_a_too_long_send_back_note_comes_back_under_its_button(editor, desk):
    response = logged_in(editor).post(
        f"/review/units/{desk.unit.pk}/send-back/",
        {"version": desk.unit.version, "note": TOO_LONG},
    )

    page = response.content.decode()
    assert response.status_code == 400
    send_back = page[
        page.index('id="note-send-back"') : page.index(
            "</textarea>", page.index('id="note-send-back"')
        )
    ]
    assert TOO_LONG.strip() in html.unescape(send_back)
    assert 'aria-describedby="note-send-back-errors"' in send_back
    errors = page[page.index('id="note-send-back-errors"') :]
    assert REFUSAL in html.unescape(errors[: errors.index("</ul>")])
    reject = page[
        page.index('id="note-reject"') : page.index("</textarea>", page.index('id="note-reject"'))
    ]
    assert "Word" not in reject
    assert ClaimUnit.objects.get().status == desk.unit.status
    assert not Comment.objects.exists()

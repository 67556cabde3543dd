"""services.discussion: who reads and joins a thread, mentions, the edit window, and the notes
of send-back and reject."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from annotations.core.comments import EDIT_WINDOW
from annotations.errors import DomainError
from annotations.models import ClaimUnit, Comment, Notification
from annotations.presenters.history import unit_history
from annotations.selectors.discussion import thread_comments
from annotations.services import adjudication
from annotations.services.discussion import comment_edit, comment_post
from tests.factories import ArticleFactory, ReviewerFactory, claims_reviewed, verdict
from tests.services.discussion_scenario import CLAIM, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(alice, bob, django_capture_on_commit_callbacks):
    return reviewed(alice, bob, lambda: django_capture_on_commit_callbacks(execute=True))


def test_an_editor_comments_on_a_unit_and_on_an_article(editor, desk):
    on_unit = comment_post(author=editor, thread=desk.unit, body="Which figure is right?")
    on_article = comment_post(author=editor, thread=desk.article, body="Good article.")
    assert (on_unit.unit, on_unit.article) == (desk.unit, desk.article)
    assert (on_article.unit, on_article.article) == (None, desk.article)
    assert list(thread_comments(editor, desk.unit)) == [on_unit]
    assert list(thread_comments(editor, desk.article)) == [on_article]


def test_a_reviewer_reads_and_joins_a_thread_only_once_she_has_submitted(editor, desk):
    carol = ReviewerFactory(username="carol")
    claims_reviewed(desk.article, {CLAIM: "false"}, reviewer=carol, submit=False)
    comment_post(author=editor, thread=desk.unit, body="Which figure is right?")

    assert list(thread_comments(carol, desk.unit)) == []
    with pytest.raises(DomainError) as refused:
        comment_post(author=carol, thread=desk.unit, body="Me too")
    assert (refused.value.status, refused.value.code) == (403, "review_not_submitted")

    assert [c.body for c in thread_comments(desk.alice, desk.unit)] == ["Which figure is right?"]
    comment_post(author=desk.alice, thread=desk.unit, body="The 2020 report says so.")


def test_an_empty_comment_is_refused_on_its_field(editor, desk):
    with pytest.raises(DomainError) as refused:
        comment_post(author=editor, thread=desk.unit, body="   ")
    assert (refused.value.field, refused.value.code) == ("body", "comment_empty")


def test_a_mention_notifies_a_reader_of_the_thread_and_no_one_else(
    editor, desk, django_capture_on_commit_callbacks
):
    carol = ReviewerFactory(username="carol")  # a reviewer who never saw the article
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(author=editor, thread=desk.unit, body="@alice @carol @nobody: which one?")

    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (desk.alice, "mention")
    assert notification.actor == editor
    assert not Notification.objects.filter(recipient=carol).exists()


def test_the_author_edits_her_comment_within_the_window_and_not_after(editor, desk):
    comment = comment_post(author=desk.alice, thread=desk.unit, body="It doubled.")
    edited = comment_edit(author=desk.alice, comment=comment, body="It nearly doubled.")
    assert (edited.body, edited.edited is not None) == ("It nearly doubled.", True)
    assert comment.history.count() == 2

    with pytest.raises(DomainError) as not_hers:
        comment_edit(author=desk.bob, comment=comment, body="No.")
    assert not_hers.value.status == 403

    Comment.objects.filter(pk=comment.pk).update(
        created=timezone.now() - EDIT_WINDOW - datetime.timedelta(seconds=1)
    )
    comment.refresh_from_db()
    with pytest.raises(DomainError) as too_late:
        comment_edit(author=desk.alice, comment=comment, body="It tripled.")
    assert (too_late.value.status, too_late.value.code) == (403, "comment_not_editable")


def test_send_back_with_a_note_puts_it_in_the_thread_and_notifies_the_reviewers(
    editor, desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        adjudication.unit_send_back(
            unit=desk.unit, editor=editor, seen_version=desk.unit.version, note="Check **2020**."
        )

    note = Comment.objects.get(unit=desk.unit)
    assert (note.body, note.note_of, note.author) == ("Check **2020**.", "send_back", editor)
    notified = Notification.objects.filter(kind="send_back").values_list("recipient", flat=True)
    assert sorted(notified) == sorted([desk.alice.pk, desk.bob.pk])


def test_send_back_and_reject_without_a_note_work_as_before(editor, desk):
    sent = adjudication.unit_send_back(unit=desk.unit, editor=editor, seen_version=1)
    rejected = adjudication.unit_reject(unit=sent, editor=editor, seen_version=sent.version)
    assert rejected.status == ClaimUnit.Status.REJECTED
    assert not Comment.objects.exists()


def test_reject_with_a_note_lands_in_the_thread(editor, desk):
    adjudication.unit_reject(
        unit=desk.unit, editor=editor, seen_version=desk.unit.version, note="An opinion."
    )
    assert Comment.objects.get(unit=desk.unit).note_of == "reject"


def test_comments_are_in_the_units_history(editor, desk):
    comment_post(author=editor, thread=desk.unit, body="Which figure is right?")
    unit = ClaimUnit.objects.get(pk=desk.unit.pk)
    entries = unit_history(
        unit, verdict=None, labels=[verdict("false")], reviewer_names={}, aliases=None
    )
    told = [(e.who, e.action, e.subject) for e in entries if e.subject == "a comment"]
    assert told == [("eddie", "created", "a comment")]


def test_a_comment_on_another_articles_unit_is_not_in_this_thread(editor, desk):
    other = ArticleFactory()
    comment_post(author=editor, thread=other, body="Elsewhere.")
    assert list(thread_comments(editor, desk.article)) == []

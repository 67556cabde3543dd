"""services.notifications: each event's notifications, made once however often the task runs,
e-mailed at once or in the daily digest as each person chose."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from annotations.errors import DomainError
from annotations.models import Assignment, LanguagePreference, Notification, Review
from annotations.services import adjudication
from annotations.services.assignments import assignments_create
from annotations.services.discussion import comment_post
from annotations.services.notifications import (
    assignments_due_tomorrow_notify,
    notification_mark_read,
    notification_preferences_set,
    notifications_digest_send,
    notifications_for_event,
    notifications_mark_all_read,
)
from annotations.tasks import notification_event_task
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory, verdict
from tests.services.discussion_scenario import reviewed

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def desk(alice, bob, committing):
    return reviewed(alice, bob, committing)


def decided_false(unit, editor) -> None:
    adjudication.unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=adjudication.VerdictInput(label=verdict("false"), claim_reviewed="Doubled"),
    )


def test_a_task_delivered_twice_makes_one_notification_and_one_email(editor, desk):
    comment = comment_post(author=editor, thread=desk.unit, body="@alice, the 2020 figure?")

    notification_event_task.delay(Kind.MENTION, comment.pk)
    notification_event_task.delay(Kind.MENTION, comment.pk)

    assert Notification.objects.filter(recipient=desk.alice).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [desk.alice.email]
    assert "/notifications/" in mail.outbox[0].body


def test_an_emails_link_is_absolute_on_the_desks_url(editor, desk, settings):
    settings.DESK_URL = "https://desk.example.org/"
    comment = comment_post(author=editor, thread=desk.unit, body="@alice, the 2020 figure?")

    notification_event_task.delay(Kind.MENTION, comment.pk)

    (notification,) = Notification.objects.filter(recipient=desk.alice)
    link = f"https://desk.example.org/notifications/{notification.pk}/"
    assert f"Open it: {link}" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("debug", "desk_url", "origin"),
    [
        (True, "", "http://127.0.0.1:8000"),  # the demo, served by `make run`
        (True, "https://desk.example.org/", "https://desk.example.org"),
        (False, "", ""),  # production on the console backend: paths, as before
    ],
)
def test_an_emails_link_is_absolute_in_development_without_the_desks_url(
    editor, desk, settings, debug, desk_url, origin
):
    settings.DEBUG = debug
    settings.DESK_URL = desk_url
    comment = comment_post(author=editor, thread=desk.unit, body="@alice, the 2020 figure?")

    notification_event_task.delay(Kind.MENTION, comment.pk)

    (notification,) = Notification.objects.filter(recipient=desk.alice)
    assert f"Open it: {origin}/notifications/{notification.pk}/\n" in mail.outbox[0].body


def test_the_database_refuses_a_second_notification_of_one_event():
    from django.db import IntegrityError, transaction

    first = Notification.objects.first()
    assert first is None  # nothing made yet: build two by hand
    user = ReviewerFactory()
    article = ArticleFactory()
    from django.contrib.contenttypes.models import ContentType

    fields = {
        "recipient": user,
        "kind": Kind.ASSIGNMENT,
        "target_type": ContentType.objects.get_for_model(article),
        "target_id": article.pk,
        "summary": "x",
        "dedupe_key": "assignment:1",
    }
    Notification.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(**fields)


def test_editing_a_comment_notifies_only_whom_it_newly_mentions(editor, desk, committing):
    with committing():
        comment = comment_post(author=editor, thread=desk.unit, body="@alice, the figure?")
    from annotations.services.discussion import comment_edit

    with committing():
        comment_edit(author=editor, comment=comment, body="@alice @bob, the figure?")

    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "alice",
        "bob",
    ]
    assert len(mail.outbox) == 2


def test_an_assignment_notifies_the_reviewer_once(editor, alice, committing):
    article = ArticleFactory(title="Budget")
    with committing():
        assignments_create(article=article, reviewers=[alice], editor=editor)
    with committing():  # a new due date is not a new assignment
        assignments_create(
            article=article, reviewers=[alice], editor=editor, due_on=datetime.date(2027, 1, 5)
        )
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (alice, Kind.ASSIGNMENT)
    assert notification.summary == "eddie assigned you “Budget”."


def test_a_due_date_tomorrow_notifies_reviewers_who_have_not_submitted(editor, alice, bob):
    article = ArticleFactory(title="Budget")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for reviewer in (alice, bob):
        Assignment.objects.create(article=article, reviewer=reviewer, due_on=tomorrow)
    Review.objects.create(
        article=article, reviewer=bob, status="submitted", submitted_at=timezone.now()
    )

    assignments_due_tomorrow_notify()
    assignments_due_tomorrow_notify()  # the beat ran twice

    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (alice, Kind.DUE_TOMORROW)
    assert "due tomorrow" in notification.summary


def test_a_decision_notifies_the_reviewers_whose_verdict_differed(editor, desk, committing):
    with committing():
        decided_false(desk.unit, editor)
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (desk.bob, Kind.VERDICT_DIFFERED)
    assert notification.summary.endswith("as False; you said Mostly false.")


def test_an_agreed_decision_notifies_no_one(editor, alice, bob, committing):
    agreed = reviewed(alice, bob, committing, bob_says="false")
    with committing():
        decided_false(agreed.unit, editor)
    assert not Notification.objects.exists()


def test_a_published_verdict_whose_claim_changed_notifies_its_editor(editor, committing):
    from tests.factories import claim_published_then_revised

    unit = claim_published_then_revised(editor, committing)

    changed = Notification.objects.get(kind=Kind.CLAIM_CHANGED)
    assert changed.recipient == editor
    assert changed.target.unit_id == unit.pk
    assert "changed in revision 2" in changed.summary


def test_preferences_choose_which_kinds_are_emailed(editor, desk, committing):
    notification_preferences_set(
        user=desk.alice, email_kinds=[Kind.ASSIGNMENT], delivery="immediate"
    )
    with committing():
        comment_post(author=editor, thread=desk.unit, body="@alice, the figure?")
    assert Notification.objects.filter(recipient=desk.alice).count() == 1  # in-app still
    assert mail.outbox == []


def test_an_unknown_kind_in_preferences_is_refused(alice):
    with pytest.raises(DomainError) as refused:
        notification_preferences_set(user=alice, email_kinds=["gossip"], delivery="daily")
    assert refused.value.field == "email_kinds"


def test_the_daily_digest_sends_one_email_once(editor, desk, committing):
    notification_preferences_set(
        user=desk.alice, email_kinds=[Kind.MENTION, Kind.SEND_BACK], delivery="daily"
    )
    with committing():
        comment_post(author=editor, thread=desk.unit, body="@alice, the figure?")
        adjudication.unit_send_back(unit=desk.unit, editor=editor, seen_version=desk.unit.version)
    assert [m.to for m in mail.outbox] == [[desk.bob.email]]  # Bob's default: at once
    mail.outbox.clear()

    assert notifications_digest_send() == 1
    assert notifications_digest_send() == 0  # the beat ran twice: nothing new

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [desk.alice.email]
    assert "2 notifications" in digest.subject
    assert "mentioned you" in digest.body and "sent claim" in digest.body
    assert not Notification.objects.filter(recipient=desk.alice, emailed_at=None).exists()


def test_marking_read_one_and_all_touches_only_ones_own(editor, desk, committing):
    with committing():
        comment_post(author=editor, thread=desk.unit, body="@alice @bob, the figure?")
    alices = Notification.objects.get(recipient=desk.alice)

    with pytest.raises(DomainError) as not_hers:
        notification_mark_read(user=desk.bob, notification_id=alices.pk)
    assert not_hers.value.status == 404

    notification_mark_read(user=desk.alice, notification_id=alices.pk)
    assert Notification.objects.get(pk=alices.pk).read_at is not None
    assert notifications_mark_all_read(user=desk.bob) == 1
    assert not Notification.objects.filter(read_at=None).exists()


def test_an_event_whose_object_is_gone_makes_nothing():
    assert notifications_for_event(kind=Kind.MENTION, object_id=999_999) == 0


def test_a_checked_claim_appearing_again_notifies_its_editor_once(editor, committing):
    from annotations.services.recurrence import revision_claims_scan
    from tests.services.recurrence_scenario import article_repeating, claim_checked_and_published

    checked = claim_checked_and_published(editor)
    other_editor = EditorFactory(username="erin")  # never decided on this claim
    article = article_repeating(editor)
    with committing():
        revision_claims_scan(revision_id=article.revisions.get().pk)
    with committing():
        revision_claims_scan(revision_id=article.revisions.get().pk)  # the sweep ran it again

    reappeared = Notification.objects.get(kind=Kind.CLAIM_REAPPEARED)
    assert reappeared.recipient == editor
    assert reappeared.summary.startswith(f"Claim C{checked.claim.pk} appears again in “Jobs”")
    assert not Notification.objects.filter(recipient=other_editor).exists()


def test_each_recipient_reads_the_event_in_the_language_they_chose(editor, desk, committing):
    LanguagePreference.objects.create(user=desk.alice, language="fr")
    with committing():
        comment_post(author=editor, thread=desk.unit, body="@alice @bob, the 2020 figure?")

    mails = {m.to[0]: m for m in mail.outbox}
    alices, bobs = mails[desk.alice.email], mails[desk.bob.email]
    assert "vous a mentionné sur" in alices.subject and "mentioned you" not in alices.body
    assert "vous a mentionné sur" in alices.body and "L'ouvrir : " in alices.body
    assert "mentioned you on" in bobs.subject and "Open it: " in bobs.body
    # Stored in the desk's language for the back office; each reader's page words it anew.
    assert all("mentioned you on" in n.summary for n in Notification.objects.all())


def test_the_daily_digest_is_written_in_the_readers_language(editor, desk, committing):
    LanguagePreference.objects.create(user=desk.alice, language="fr")
    notification_preferences_set(user=desk.alice, email_kinds=[Kind.MENTION], delivery="daily")
    with committing():
        comment_post(author=editor, thread=desk.unit, body="@alice, the figure?")
    mail.outbox.clear()

    assert notifications_digest_send() == 1
    digest = mail.outbox[0]
    assert "Ce qui s'est passé sur" in digest.body and "vous a mentionné" in digest.body


def test_a_differing_decision_names_both_verdicts_in_the_recipients_language(
    editor, desk, committing
):
    LanguagePreference.objects.create(user=desk.bob, language="fr")
    with committing():
        decided_false(desk.unit, editor)
    (email,) = mail.outbox
    assert "Faux" in email.body and "Plutôt faux" in email.body
    assert "False" not in email.body and "Mostly false" not in email.body

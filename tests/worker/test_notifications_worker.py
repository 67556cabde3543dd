"""A notification event delivered more than once through Redis to real worker processes makes
one notification and one e-mail (services/notifications.py: a unique dedupe key per recipient,
and an e-mail only for the notification whose `emailed_at` this run set).

The workers write their e-mails with Django's file backend into a folder this test reads
(EMAIL_BACKEND and EMAIL_FILE_PATH from the environment, as the settings allow): the in-memory
outbox of another process cannot be read from here.
"""

from __future__ import annotations

import re
import uuid
from email import message_from_string, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from annotations.models import Notification
from annotations.services.assignments import assignments_create
from annotations.tasks import notification_event_task
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory
from tests.worker.conftest import WorkerProcess, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
# The file backend writes each message followed by a line of 79 dashes.
SEPARATOR = "\n" + "-" * 79 + "\n"


def mails(folder: Path) -> list[EmailMessage]:
    found: list[EmailMessage] = []
    for path in sorted(folder.glob("*.log")):
        for part in path.read_text(encoding="utf-8").split(SEPARATOR):
            if part.strip():
                message = message_from_string(part.lstrip("\n"), policy=policy.default)
                assert isinstance(message, EmailMessage)
                found.append(message)
    return found


def runs_done(worker: WorkerProcess) -> int:
    """How many notification_event_task runs the worker has finished (its log says so)."""
    log = worker.log.read_text(encoding="utf-8", errors="replace")
    return len(re.findall(r"notification_event_task\[[0-9a-f-]+\] succeeded", log))


def test_an_assignment_event_delivered_four_times_makes_one_notification_and_one_email(
    start_worker, tmp_path
):
    outbox = tmp_path / "mail"
    outbox.mkdir()
    worker = start_worker(EMAIL_BACKEND=FILE_BACKEND, EMAIL_FILE_PATH=str(outbox))
    editor = EditorFactory(username="eddie")
    reviewer = ReviewerFactory(username="rosa")
    article = ArticleFactory(title="Council budget")

    # First delivery: the service's own, sent to Redis once its transaction commits.
    (assignment,) = assignments_create(article=article, reviewers=[reviewer], editor=editor)
    # Second: the same event sent again (a resend), which the worker's two processes may run
    # at the same time as the first.
    notification_event_task.delay(Notification.Kind.ASSIGNMENT, assignment.pk)
    # Third and fourth: one message delivered twice under one task id, as Redis hands back a
    # message whose worker did not acknowledge it (acks_late).
    redelivered = str(uuid.uuid4())
    for _ in range(2):
        notification_event_task.apply_async(
            (Notification.Kind.ASSIGNMENT, assignment.pk), task_id=redelivered
        )

    wait_until(lambda: runs_done(worker) == 4, what="the worker to run all four deliveries")

    notifications = Notification.objects.filter(recipient=reviewer)
    assert notifications.count() == 1
    notification = notifications.get()
    assert notification.kind == Notification.Kind.ASSIGNMENT
    assert notification.emailed_at is not None
    sent = mails(outbox)
    assert len(sent) == 1, [m["Subject"] for m in sent]
    assert sent[0]["To"] == "rosa@example.org"
    assert (
        " ".join(str(sent[0]["Subject"]).split())
        == "[factcheck desk] eddie assigned you “Council budget”."
    )
    assert f"/notifications/{notification.pk}/" in sent[0].get_content()

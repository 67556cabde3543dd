"""Webhooks through a real Celery worker (with its beat) and a real Redis: a verdict published
through the API reaches a local receiver that fails, times out and then recovers; the beat's
sweep retries it with backoff until it is delivered, and the log records each attempt."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from django.utils import timezone

from annotations.core.webhooks import signature_verify
from annotations.models import ClaimUnit, WebhookAttempt, WebhookDelivery
from annotations.services import adjudication, webhooks
from tests.factories import EditorFactory, unit_on_new_article, verdict
from tests.webhook_receiver import FAIL, OK, SLOW, receiving
from tests.worker.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _delivering_worker(start_worker):
    return start_worker(
        beat=True,
        ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES="1",
        WEBHOOK_TIMEOUT_SECONDS="1",
        WEBHOOK_RETRY_BASE_SECONDS="1",
        WEBHOOK_SWEEP_SECONDS="1",
    )


def _delivered() -> bool:
    return WebhookDelivery.objects.filter(status=WebhookDelivery.Status.SUCCEEDED).exists()


def test_a_published_verdict_is_delivered_and_retried_until_the_receiver_recovers(
    start_worker, settings
):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    _delivering_worker(start_worker)
    editor = EditorFactory()
    with receiving(FAIL, SLOW, OK) as receiver:
        issued = webhooks.webhook_subscription_create(
            editor=editor, url=receiver.url, events=["verdict.published"]
        )
        unit = unit_on_new_article()
        decided = adjudication.unit_decide(
            unit=unit,
            editor=editor,
            seen_version=unit.version,
            verdict=adjudication.VerdictInput(label=verdict("false"), claim_reviewed="Doubled"),
        )
        version = ClaimUnit.objects.get(pk=unit.pk).version
        # Committed: the first attempt goes to the worker through Redis.
        adjudication.verdict_publish(verdict=decided, editor=editor, seen_version=version)

        wait_until(_delivered, timeout=120, what="the delivery after two failed attempts")
        received = list(receiver.received)

    delivery = WebhookDelivery.objects.get()
    log = list(WebhookAttempt.objects.filter(delivery=delivery).order_by("number"))
    assert [(a.number, a.succeeded, a.response_code) for a in log] == [
        (1, False, 500),
        (2, False, None),
        (3, True, 200),
    ]
    assert log[0].error.startswith("HTTP 500")
    assert log[1].error  # the timeout, in words
    # Backoff: the retries waited at least half their schedule (1 s, then 2 s).
    assert (log[1].started_at - log[0].started_at).total_seconds() >= 0.5
    assert (log[2].started_at - log[1].started_at).total_seconds() >= 1
    assert len(received) == 3
    assert len({r.body for r in received}) == 1
    payload = json.loads(received[-1].body)
    assert payload["type"] == "verdict.published"
    assert payload["verdict"]["id"] == decided.pk
    assert payload["id"] == str(delivery.event_id)
    assert signature_verify(
        issued.secret,
        received[-1].headers["Factcheck-Signature"],
        received[-1].body,
        now=time.time(),
    )


def test_the_beat_sweep_sends_a_delivery_whose_message_was_lost(start_worker, settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    editor = EditorFactory()
    with receiving() as receiver:
        subscription = webhooks.webhook_subscription_create(
            editor=editor, url=receiver.url, events=["verdict.published"]
        ).subscription
        # Recorded without its task, as if the broker had lost the message (or a worker died
        # holding it) before any attempt.
        WebhookDelivery.objects.create(
            subscription=subscription,
            event_id=uuid.uuid4(),
            event_type="verdict.published",
            next_attempt_at=timezone.now(),
        )
        _delivering_worker(start_worker)
        wait_until(_delivered, timeout=90, what="the swept delivery")
        assert len(receiver.received) == 1
    assert json.loads(receiver.received[0].body)["verdict"] is None

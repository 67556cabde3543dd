"""Webhook deliveries against a real receiver on the loopback interface: signed, retried with
backoff through the sweep, logged, never sent twice, and disabled after failures in a row."""

from __future__ import annotations

import datetime
import json
import time

import pytest
from django.core import mail
from django.utils import timezone

from annotations.core.webhooks import signature_verify
from annotations.errors import DomainError
from annotations.models import (
    Notification,
    Verdict,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from annotations.services import adjudication, webhooks
from annotations.tasks import webhook_delivery_task
from tests.factories import EditorFactory, ReviewerFactory, unit_on_new_article, verdict
from tests.webhook_receiver import FAIL, OK, REDIRECT, SLOW, receiving

pytestmark = pytest.mark.django_db
Event = WebhookSubscription.Event
ALL_EVENTS = list(Event.values)


@pytest.fixture(autouse=True)
def _local_receivers(settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    settings.WEBHOOK_MAX_ATTEMPTS = 4
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 10


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def subscribed(editor, url, events=ALL_EVENTS) -> webhooks.IssuedSubscription:
    return webhooks.webhook_subscription_create(editor=editor, url=url, events=events)


def published(editor, committing) -> Verdict:
    unit = unit_on_new_article()
    decided = adjudication.unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=adjudication.VerdictInput(label=verdict("false"), claim_reviewed="Doubled"),
    )
    unit.refresh_from_db()
    with committing():
        adjudication.verdict_publish(verdict=decided, editor=editor, seen_version=unit.version)
    return decided


def due_now(delivery: WebhookDelivery) -> None:
    """Let the backoff pass."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def attempts_of(delivery: WebhookDelivery) -> list[tuple[int, bool, int | None]]:
    return [
        (a.number, a.succeeded, a.response_code)
        for a in WebhookAttempt.objects.filter(delivery=delivery).order_by("number")
    ]


# --- Registration ----------------------------------------------------------------------------


def test_the_secret_is_shown_once_and_only_a_salt_is_stored(editor):
    issued = subscribed(editor, "http://127.0.0.1:9/hook")
    row = WebhookSubscription.objects.get(pk=issued.subscription.pk)
    assert issued.secret.startswith("whsec_")
    assert issued.secret == webhooks.webhook_secret(row.secret_salt)
    stored = [str(value) for value in WebhookSubscription.objects.values().get(pk=row.pk).values()]
    assert issued.secret not in stored


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/hook",
        "http://[::ffff:127.0.0.1]/hook",
    ],
)
def test_private_and_local_addresses_are_refused_at_registration(editor, settings, url):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(DomainError) as refused:
        subscribed(editor, url)
    assert refused.value.code == "url_private_address"
    assert not WebhookSubscription.objects.exists()


def test_a_plain_http_receiver_is_accepted_as_the_form_says(editor, settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    issued = subscribed(editor, "http://93.184.216.34/hook")  # public; nothing is sent here
    assert issued.subscription.url == "http://93.184.216.34/hook"


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/hook"]
)
def test_link_local_addresses_are_refused_even_where_private_ones_are_allowed(
    editor, settings, url
):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with pytest.raises(DomainError) as refused:
        subscribed(editor, url)
    assert refused.value.code == "url_link_local"
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://partner.example/hook", "url_scheme"),
        ("file:///etc/passwd", "url_scheme"),
        ("", "url_required"),
        ("http://partner .example/", "url_invalid"),
        ("http://no-such-host.invalid/hook", "url_unresolvable"),
        ("https://user:pass@partner.example/hook", "url_credentials"),
        ("https://user@partner.example/hook", "url_credentials"),
        ("https://:pass@partner.example/hook", "url_credentials"),
    ],
)
def test_urls_that_are_not_http_receivers_are_refused(editor, url, code):
    with pytest.raises(DomainError) as refused:
        subscribed(editor, url)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("events", "code"),
    [
        ([], "webhook_events_empty"),
        (["verdict.deleted"], "webhook_event_unknown"),
        ([1, None], "webhook_event_unknown"),
    ],
)
def test_events_must_be_known_and_at_least_one(editor, events, code):
    with pytest.raises(DomainError) as refused:
        subscribed(editor, "http://127.0.0.1:9/hook", events)
    assert refused.value.code == code


def test_only_editors_register_webhooks(alice):
    with pytest.raises(DomainError) as refused:
        subscribed(alice, "http://127.0.0.1:9/hook")
    assert refused.value.status == 403


def test_another_editors_webhook_is_not_found(editor):
    other = subscribed(EditorFactory(), "http://127.0.0.1:9/hook").subscription
    for change in (
        webhooks.webhook_secret_rotate,
        webhooks.webhook_subscription_disable,
        webhooks.webhook_subscription_enable,
        webhooks.webhook_subscription_delete,
        webhooks.webhook_test_send,
    ):
        with pytest.raises(DomainError) as refused:
            change(editor=editor, subscription_id=other.pk)
        assert refused.value.status == 404
    assert WebhookSubscription.objects.get(pk=other.pk).is_enabled


# --- Delivery --------------------------------------------------------------------------------


def test_a_published_verdict_reaches_the_receiver_signed(editor, committing, api_as):
    with receiving() as receiver:
        issued = subscribed(editor, receiver.url)
        decided = published(editor, committing)
    (got,) = receiver.received
    payload = json.loads(got.body)
    assert payload["type"] == "verdict.published"
    assert got.headers["Factcheck-Event-Id"] == payload["id"]
    assert got.headers["Factcheck-Event-Type"] == "verdict.published"
    assert got.headers["Content-Type"] == "application/json"
    assert signature_verify(
        issued.secret, got.headers["Factcheck-Signature"], got.body, now=time.time()
    )
    assert not signature_verify(
        "whsec_wrong", got.headers["Factcheck-Signature"], got.body, now=time.time()
    )
    # The verdict as the JSON API gives it.
    assert payload["verdict"] == api_as(None).get(f"/api/v1/verdicts/{decided.pk}/").json()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert str(delivery.event_id) == payload["id"]
    assert attempts_of(delivery) == [(1, True, 200)]


def test_only_the_events_subscribed_to_are_sent(editor, committing):
    with receiving() as receiver:
        subscribed(editor, receiver.url, ["verdict.withdrawn"])
        decided = published(editor, committing)
        assert receiver.received == []
        unit = decided.unit
        unit.refresh_from_db()
        with committing():
            adjudication.verdict_unpublish(
                verdict=decided, editor=editor, seen_version=unit.version
            )
    (got,) = receiver.received
    payload = json.loads(got.body)
    assert payload["type"] == "verdict.withdrawn"
    # A withdrawn verdict leaves the desk as its tombstone, as in the public feed.
    assert payload["verdict"]["id"] == decided.pk
    assert payload["verdict"]["is_published"] is False
    assert "claim_reviewed" not in payload["verdict"]


def test_a_correction_is_sent_with_its_note(editor, committing):
    with receiving() as receiver:
        subscribed(editor, receiver.url, ["verdict.corrected"])
        decided = published(editor, committing)
        unit = decided.unit
        unit.refresh_from_db()
        with committing():
            adjudication.verdict_correct(
                verdict=decided,
                editor=editor,
                seen_version=unit.version,
                note="The rise was 12%, not 20%.",
                changes=adjudication.VerdictInput(
                    label=verdict("mostly-false"), claim_reviewed="Doubled"
                ),
            )
    (got,) = receiver.received
    payload = json.loads(got.body)
    assert payload["type"] == "verdict.corrected"
    assert payload["verdict"]["label"] == "mostly-false"
    assert [c["note"] for c in payload["verdict"]["corrections"]] == ["The rise was 12%, not 20%."]


def test_a_failing_then_slow_receiver_gets_retries_until_it_recovers(editor, committing):
    with receiving(FAIL, SLOW, OK) as receiver:
        subscribed(editor, receiver.url)
        published(editor, committing)
        delivery = WebhookDelivery.objects.get()
        delivery.refresh_from_db()
        assert delivery.status == WebhookDelivery.Status.PENDING
        first_retry = delivery.next_attempt_at - timezone.now()
        # Base 30 s, jittered within its upper half.
        assert datetime.timedelta(seconds=14) < first_retry <= datetime.timedelta(seconds=30)

        assert webhooks.webhook_deliveries_sweep() == []  # not due yet
        due_now(delivery)
        assert webhooks.webhook_deliveries_sweep() == [delivery.pk]  # times out
        delivery.refresh_from_db()
        second_retry = delivery.next_attempt_at - timezone.now()
        assert datetime.timedelta(seconds=29) < second_retry <= datetime.timedelta(seconds=60)

        due_now(delivery)
        webhooks.webhook_deliveries_sweep()
        bodies = receiver.bodies()
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert delivery.attempts == 3
    assert attempts_of(delivery) == [(1, False, 500), (2, False, None), (3, True, 200)]
    log = list(WebhookAttempt.objects.filter(delivery=delivery).order_by("number"))
    assert log[0].error == "HTTP 500: boom: database down"
    assert "did not answer" in log[1].error or "within" in log[1].error
    assert log[1].duration_ms >= 900
    assert log[2].error == ""
    # Every retry sends the same event, byte for byte.
    assert len(bodies) == 3
    assert len(set(bodies)) == 1
    assert WebhookSubscription.objects.get().consecutive_failures == 0


def test_a_delivery_task_run_again_after_success_sends_nothing(editor, committing):
    with receiving() as receiver:
        subscribed(editor, receiver.url)
        published(editor, committing)
        delivery = WebhookDelivery.objects.get()
        assert webhook_delivery_task.delay(delivery.pk).get() == "skipped"
        due_now(delivery)
        assert webhook_delivery_task.delay(delivery.pk).get() == "skipped"
        assert webhooks.webhook_deliveries_sweep() == []
        assert len(receiver.received) == 1
    assert WebhookAttempt.objects.count() == 1


def test_a_delivery_claimed_by_a_live_attempt_is_not_sent_again(editor, committing):
    with receiving(FAIL) as receiver:
        subscribed(editor, receiver.url)
        published(editor, committing)
        delivery = WebhookDelivery.objects.get()
        due_now(delivery)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            claimed_until=timezone.now() + datetime.timedelta(minutes=1)
        )
        assert webhooks.webhook_deliveries_sweep() == []
        assert webhook_delivery_task.delay(delivery.pk).get() == "skipped"
        assert len(receiver.received) == 1


def test_a_delivery_gives_up_after_its_last_attempt(editor, committing):
    with receiving(default=FAIL) as receiver:
        subscribed(editor, receiver.url)
        published(editor, committing)
        delivery = WebhookDelivery.objects.get()
        for _ in range(5):
            due_now(delivery)
            webhooks.webhook_deliveries_sweep()
        assert len(receiver.received) == 4
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    due_now(delivery)
    assert webhooks.webhook_deliveries_sweep() == []
    assert [a[0] for a in attempts_of(delivery)] == [1, 2, 3, 4]


def test_a_redirect_is_not_followed(editor, committing):
    with receiving() as elsewhere, receiving(REDIRECT) as receiver:
        receiver.redirect_to = elsewhere.url
        subscribed(editor, receiver.url)
        published(editor, committing)
        assert elsewhere.received == []
    assert attempts_of(WebhookDelivery.objects.get()) == [(1, False, 302)]


def test_a_private_address_is_refused_at_delivery_time_too(editor, committing, settings):
    with receiving() as receiver:
        subscribed(editor, receiver.url)  # allowed when registered, say on an intranet desk
        settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
        published(editor, committing)
        assert receiver.received == []
    (attempt,) = WebhookAttempt.objects.all()
    assert not attempt.succeeded
    assert attempt.response_code is None
    assert "private or local address" in attempt.error


def test_after_n_failures_in_a_row_the_webhook_is_disabled_and_its_editor_told(
    editor, committing, settings
):
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 3
    settings.WEBHOOK_MAX_ATTEMPTS = 10
    with receiving(default=FAIL) as receiver:
        subscription = subscribed(editor, receiver.url).subscription
        published(editor, committing)
        delivery = WebhookDelivery.objects.get()
        for _ in range(4):
            due_now(delivery)
            with committing():
                webhooks.webhook_deliveries_sweep()
        assert len(receiver.received) == 3  # the fourth sweep found it disabled
    subscription.refresh_from_db()
    assert not subscription.is_enabled
    assert subscription.disabled_at is not None
    assert "3 failed attempts" in subscription.disabled_reason
    (notice,) = Notification.objects.filter(kind=Notification.Kind.WEBHOOK_DISABLED)
    assert notice.recipient == editor
    assert notice.target == subscription
    assert receiver.url in notice.summary
    assert any("disabled" in message.subject for message in mail.outbox)
    # No new deliveries for a disabled webhook.
    published(editor, committing)
    assert WebhookDelivery.objects.count() == 1


def test_enabling_again_sends_what_waited(editor, committing, settings):
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 1
    with receiving(FAIL, OK) as receiver:
        subscription = subscribed(editor, receiver.url).subscription
        with committing():
            published(editor, committing)
        subscription.refresh_from_db()
        assert not subscription.is_enabled
        with committing():
            webhooks.webhook_subscription_enable(editor=editor, subscription_id=subscription.pk)
        assert len(receiver.received) == 2
    subscription.refresh_from_db()
    assert subscription.is_enabled
    assert subscription.consecutive_failures == 0
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SUCCEEDED


def test_an_editor_disables_a_webhook_and_no_delivery_is_made(editor, committing):
    with receiving() as receiver:
        subscription = subscribed(editor, receiver.url).subscription
        webhooks.webhook_subscription_disable(editor=editor, subscription_id=subscription.pk)
        published(editor, committing)
        assert receiver.received == []
    assert not WebhookDelivery.objects.exists()
    subscription.refresh_from_db()
    assert subscription.disabled_reason == f"Disabled by {editor.get_username()}."


def test_after_a_rotation_both_secrets_sign_for_a_while(editor, committing, settings):
    with receiving() as receiver:
        old = subscribed(editor, receiver.url)
        new = webhooks.webhook_secret_rotate(editor=editor, subscription_id=old.subscription.pk)
        assert new.secret != old.secret
        published(editor, committing)
        settings.WEBHOOK_SECRET_OVERLAP_SECONDS = 0
        webhooks.webhook_secret_rotate(editor=editor, subscription_id=old.subscription.pk)
        with committing():
            webhooks.webhook_test_send(editor=editor, subscription_id=old.subscription.pk)
    first, second = receiver.received
    now = time.time()
    header = first.headers["Factcheck-Signature"]
    assert header.count("v1=") == 2
    assert signature_verify(old.secret, header, first.body, now=now)
    assert signature_verify(new.secret, header, first.body, now=now)
    # Once the overlap is over, only the newest secret signs.
    assert second.headers["Factcheck-Signature"].count("v1=") == 1
    assert not signature_verify(
        new.secret, second.headers["Factcheck-Signature"], second.body, now=now
    )


def test_a_test_event_is_sent_once_and_counts_no_failure(editor, committing):
    with receiving(FAIL) as receiver:
        subscription = subscribed(editor, receiver.url).subscription
        with committing():
            webhooks.webhook_test_send(editor=editor, subscription_id=subscription.pk)
        payload = json.loads(receiver.received[0].body)
    assert payload["type"] == "webhook.test"
    assert payload["verdict"] is None
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0


def test_a_reviewer_gets_no_webhook_of_their_own(committing):
    reviewer = ReviewerFactory()
    with pytest.raises(DomainError):
        webhooks.webhook_test_send(editor=reviewer, subscription_id=1)

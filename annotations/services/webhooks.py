"""Writes for webhooks: editors' subscriptions, the events that make deliveries, and the
attempts that send them (docs/webhooks.md).

An event (a verdict published, corrected or withdrawn) is recorded inside the transaction that
makes it: one WebhookDelivery per enabled subscription that wants it, so PostgreSQL holds every
delivery owed even if the broker loses the message. Each delivery's first attempt is sent to
Celery after the commit; a failed attempt sets `next_attempt_at` (exponential backoff with
jitter, core/webhooks.py) and the sweep sends due deliveries again: a worker restart loses
nothing, as the schedule lives in the database rather than in the broker's countdowns.

An attempt claims its delivery by a conditional update (pending, due, not claimed by a live
attempt) before it sends anything: a task delivered twice, or a sweep that re-sends one already
queued, finds nothing to claim, and a delivered event is never sent again.

Secrets: a subscription stores a random salt; its secret is HMAC-SHA256(WEBHOOK_SECRET_KEY,
salt), derived when signing, shown to the editor once (at creation and at each rotation) and
never returned again by the pages or the API.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from annotations.core.webhooks import (
    EVENT_ID_HEADER,
    EVENT_TYPE_HEADER,
    SIGNATURE_HEADER,
    RetryPolicy,
    error_trimmed,
    signature_header,
)
from annotations.errors import DomainError
from annotations.fetching import body_post, url_address_check
from annotations.models import (
    Notification,
    Verdict,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from annotations.permissions import Permission, own_webhooks, require
from annotations.services.notifications import notification_event_send
from annotations.services.queueing import task_send, task_send_after_commit
from annotations.text_lists import text_list
from annotations.validators import visible_name_check

logger = logging.getLogger(__name__)

Event = WebhookSubscription.Event
Status = WebhookDelivery.Status
TEST_EVENT = "webhook.test"
SECRET_MARK = "whsec_"  # noqa: S105 (a public marker, not a secret)
MAX_SUBSCRIPTIONS_PER_EDITOR = 20
USER_AGENT = "factcheck-webhooks/1.0"
SWEEP_BATCH = 500
# What the delivery log keeps of a receiver's answer.
EXCERPT_BYTES = 300

# What turns a verdict into the payload's "verdict": the JSON API's own representation
# (annotations/api/verdict_serializers.py), registered by the app at start-up (apps.py), since
# services never import the API.
VerdictDocument = Callable[[Verdict], dict[str, Any]]
_verdict_document: list[VerdictDocument] = []


def verdict_document_register(document: VerdictDocument) -> None:
    _verdict_document[:] = [document]


def _document() -> VerdictDocument:
    if not _verdict_document:
        raise RuntimeError("No verdict document registered (AnnotationsConfig.ready does).")
    return _verdict_document[0]


@dataclass(frozen=True)
class IssuedSubscription:
    subscription: WebhookSubscription
    secret: str  # shown to the editor once; never stored


def retry_policy() -> RetryPolicy:
    return RetryPolicy(
        base_seconds=settings.WEBHOOK_RETRY_BASE_SECONDS,
        cap_seconds=settings.WEBHOOK_RETRY_CAP_SECONDS,
        max_attempts=settings.WEBHOOK_MAX_ATTEMPTS,
    )


def webhook_secret(salt: str) -> str:
    """The signing secret a salt stands for (see the module's docstring)."""
    digest = hmac.new(
        settings.WEBHOOK_SECRET_KEY.encode(), f"webhook:{salt}".encode(), hashlib.sha256
    ).digest()
    return SECRET_MARK + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _signing_secrets(subscription: WebhookSubscription, now: datetime.datetime) -> list[str]:
    found = [webhook_secret(subscription.secret_salt)]
    until = subscription.previous_secret_until
    if subscription.previous_secret_salt and until is not None and until > now:
        found.append(webhook_secret(subscription.previous_secret_salt))
    return found


def _url_checked(url: object) -> str:
    if not isinstance(url, str) or not url.strip():
        raise DomainError(gettext("Enter the receiver's URL."), code="url_required", field="url")
    if len(url) > 2000:
        raise DomainError(
            gettext("The URL is too long (%(limit)s characters at most).")
            % {"limit": number_format(2000, force_grouping=True)},
            code="url_invalid",
            field="url",
        )
    return url_address_check(
        url.strip(), allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES
    )


def _events_checked(events: Collection[str]) -> list[str]:
    unknown = sorted(str(event) for event in set(events) - set(Event.values))
    if unknown:
        raise DomainError(
            gettext("Unknown events: %(events)s.") % {"events": text_list(unknown)},
            code="webhook_event_unknown",
            field="events",
        )
    if not events:
        raise DomainError(
            gettext("Choose at least one event."), code="webhook_events_empty", field="events"
        )
    return [event for event in Event.values if event in set(events)]


def _owned(editor: User, subscription_id: int) -> WebhookSubscription:
    """The editor's own subscription, locked for the change; 404 for any other."""
    require(editor, Permission.Webhook.MANAGE)
    found = (
        own_webhooks(editor, WebhookSubscription.objects.filter(pk=subscription_id))
        .select_for_update()
        .first()
    )
    if found is None:
        raise DomainError(gettext("No such webhook."), code="webhook_not_found", status=404)
    return found


def webhook_subscription_create(
    *, editor: User, url: str, events: Collection[str], description: str = ""
) -> IssuedSubscription:
    """Register a receiver for `events`. Its URL must resolve to public addresses only (the
    article fetcher's guard, checked again at every delivery). The secret is in the result,
    once."""
    require(editor, Permission.Webhook.MANAGE)
    checked_url = _url_checked(url)
    chosen = _events_checked(events)
    description = " ".join(visible_name_check(description, field="description").split())
    with transaction.atomic():
        # One editor's registrations at a time: the count below stays true until the commit.
        User.objects.select_for_update().filter(pk=editor.pk).first()
        if WebhookSubscription.objects.filter(created_by=editor).count() >= (
            MAX_SUBSCRIPTIONS_PER_EDITOR
        ):
            raise DomainError(
                ngettext(
                    "You have %(count)s webhook; delete it first.",
                    "You have %(count)s webhooks; delete one first.",
                    MAX_SUBSCRIPTIONS_PER_EDITOR,
                )
                % {"count": MAX_SUBSCRIPTIONS_PER_EDITOR},
                code="too_many_webhooks",
                status=409,
            )
        salt = secrets.token_hex(32)
        subscription = WebhookSubscription.objects.create(
            created_by=editor,
            url=checked_url,
            description=description[:200],
            events=chosen,
            secret_salt=salt,
        )
    return IssuedSubscription(subscription, webhook_secret(salt))


def webhook_secret_rotate(*, editor: User, subscription_id: int) -> IssuedSubscription:
    """A new secret, shown once. The old one still signs (a second v1 signature) for
    WEBHOOK_SECRET_OVERLAP_SECONDS, so the receiver can switch without refusing deliveries."""
    with transaction.atomic():
        subscription = _owned(editor, subscription_id)
        now = timezone.now()
        salt = secrets.token_hex(32)
        subscription.previous_secret_salt = subscription.secret_salt
        subscription.previous_secret_until = now + datetime.timedelta(
            seconds=settings.WEBHOOK_SECRET_OVERLAP_SECONDS
        )
        subscription.secret_salt = salt
        subscription.secret_rotated_at = now
        subscription.save()
    return IssuedSubscription(subscription, webhook_secret(salt))


def webhook_subscription_disable(*, editor: User, subscription_id: int) -> WebhookSubscription:
    """Stop sending to the receiver: new events make no deliveries for it, and pending ones
    wait (they are sent when it is enabled again)."""
    with transaction.atomic():
        subscription = _owned(editor, subscription_id)
        if subscription.is_enabled:
            subscription.is_enabled = False
            subscription.disabled_at = timezone.now()
            # Stored in English, as the API gives it; presenters/webhooks.py words it on pages.
            subscription.disabled_reason = f"Disabled by {editor.get_username()}."
            subscription.save()
    return subscription


def webhook_subscription_enable(*, editor: User, subscription_id: int) -> WebhookSubscription:
    """Send to the receiver again: its failure count starts over, and the deliveries that
    were waiting are sent now."""
    with transaction.atomic():
        subscription = _owned(editor, subscription_id)
        if subscription.is_enabled:
            return subscription
        subscription.is_enabled = True
        subscription.disabled_at = None
        subscription.disabled_reason = ""
        subscription.consecutive_failures = 0
        subscription.save()
        waiting = WebhookDelivery.objects.filter(subscription=subscription, status=Status.PENDING)
        waiting.update(next_attempt_at=timezone.now(), claimed_until=None)
        for delivery_id in waiting.values_list("pk", flat=True):
            _attempt_send_after_commit(delivery_id)
    return subscription


def webhook_subscription_delete(*, editor: User, subscription_id: int) -> None:
    """Remove the subscription and its delivery log."""
    with transaction.atomic():
        _owned(editor, subscription_id).delete()


def webhook_test_send(*, editor: User, subscription_id: int) -> WebhookDelivery:
    """Send a `webhook.test` event to the receiver now (enabled or not: it is how an editor
    checks a receiver before enabling it again). Its verdict is the latest published one, if
    any, so the receiver sees a real payload's shape."""
    with transaction.atomic():
        subscription = _owned(editor, subscription_id)
        sample = Verdict.objects.filter(is_published=True).order_by("-published_at", "-pk").first()
        delivery = WebhookDelivery.objects.create(
            subscription=subscription,
            event_id=uuid.uuid4(),
            event_type=TEST_EVENT,
            verdict=sample,
            next_attempt_at=timezone.now(),
        )
        _attempt_send_after_commit(delivery.pk)
    return delivery


# --- Events ----------------------------------------------------------------------------------


def webhook_event_record(*, event_type: str, verdict_ids: Sequence[int]) -> int:
    """Record that `event_type` happened to each verdict (inside the transaction that made it
    happen): a delivery for each enabled subscription that wants it, whose first attempt is
    sent after the commit. How many deliveries."""
    if event_type not in Event.values:
        raise ValueError(f"No such webhook event: {event_type}")
    if not verdict_ids:
        return 0
    subscriptions = [
        pk
        for pk, events in WebhookSubscription.objects.filter(is_enabled=True).values_list(
            "pk", "events"
        )
        if event_type in events
    ]
    if not subscriptions:
        return 0
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                subscription_id=subscription_id,
                event_id=uuid.uuid4(),
                event_type=event_type,
                verdict_id=verdict_id,
                next_attempt_at=now,
            )
            for verdict_id in verdict_ids
            for subscription_id in subscriptions
        ]
    )
    if all(delivery.pk is not None for delivery in deliveries):
        for delivery in deliveries:
            _attempt_send_after_commit(delivery.pk)
    # Else (a backend that returns no ids from a bulk insert) the sweep sends them.
    return len(deliveries)


def _attempt_send_after_commit(delivery_id: int) -> None:
    from annotations.tasks import webhook_delivery_task  # the task imports services

    task_send_after_commit(
        partial(webhook_delivery_task.delay, delivery_id),
        what=f"the webhook delivery {delivery_id}",
    )


def webhook_deliveries_sweep() -> list[int]:
    """Send again the deliveries that are due (a retry whose backoff has passed, or a first
    attempt whose message was lost) and not held by a live attempt; their ids."""
    from annotations.tasks import webhook_delivery_task

    now = timezone.now()
    due = list(
        WebhookDelivery.objects.filter(
            status=Status.PENDING, next_attempt_at__lte=now, subscription__is_enabled=True
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for delivery_id in due:
        task_send(
            partial(webhook_delivery_task.delay, delivery_id),
            what=f"the webhook delivery {delivery_id}",
        )
    return due


# --- Attempts --------------------------------------------------------------------------------


def _claim(delivery_id: int, now: datetime.datetime) -> WebhookDelivery | None:
    """Take the delivery for one attempt, if it is pending, due and free, and its receiver
    enabled (a test event goes to a disabled one too: webhook_test_send); None otherwise."""
    lease = datetime.timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS * 3 + 60)
    receiver_on = Q(subscription__is_enabled=True) | Q(event_type=TEST_EVENT)
    claimable = (
        WebhookDelivery.objects.filter(pk=delivery_id, status=Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .filter(receiver_on)
    )
    if not claimable.update(claimed_until=now + lease, attempts=F("attempts") + 1):
        return None
    return WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)


def _body(delivery: WebhookDelivery, document: VerdictDocument) -> str:
    verdict = None
    if delivery.verdict_id is not None:
        found = (
            Verdict.objects.select_related("label", "unit__article", "decided_by")
            .prefetch_related("sources", "corrections")
            .filter(pk=delivery.verdict_id)
            .first()
        )
        verdict = document(found) if found is not None else None
    payload = {
        "id": str(delivery.event_id),
        "type": delivery.event_type,
        "created": delivery.created,
        "verdict": verdict,
    }
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class _Outcome:
    succeeded: bool
    response_code: int | None
    error: str
    duration_ms: int


def _post(delivery: WebhookDelivery, body: bytes, now: datetime.datetime) -> _Outcome:
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_ID_HEADER: str(delivery.event_id),
        EVENT_TYPE_HEADER: delivery.event_type,
        SIGNATURE_HEADER: signature_header(
            _signing_secrets(delivery.subscription, now), int(now.timestamp()), body
        ),
    }
    started = time.monotonic()
    try:
        answer = body_post(
            delivery.subscription.url,
            body=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            deadline=settings.WEBHOOK_TIMEOUT_SECONDS * 2,
            allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES,
            excerpt_bytes=EXCERPT_BYTES,
        )
    except DomainError as error:
        duration = int((time.monotonic() - started) * 1000)
        return _Outcome(False, None, error_trimmed(error.message), duration)
    duration = int((time.monotonic() - started) * 1000)
    if 200 <= answer.status < 300:
        return _Outcome(True, answer.status, "", duration)
    said = answer.excerpt.decode("utf-8", "replace")
    return _Outcome(
        False, answer.status, error_trimmed(f"HTTP {answer.status}: {said}".strip()), duration
    )


def webhook_delivery_attempt(*, delivery_id: int) -> str:
    """Make one attempt at a delivery, if it is due (see the module's docstring), and record
    it: "succeeded", "retrying", "failed" (no attempts left) or "skipped" (nothing to do)."""
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return "skipped"
    if not delivery.body:
        # Made once, at the first attempt: every retry sends the same bytes.
        delivery.body = _body(delivery, _document())
        WebhookDelivery.objects.filter(pk=delivery.pk).update(body=delivery.body)
    outcome = _post(delivery, delivery.body.encode(), now)
    return _attempt_record(delivery, outcome, started_at=now)


def _attempt_record(
    delivery: WebhookDelivery, outcome: _Outcome, *, started_at: datetime.datetime
) -> str:
    now = timezone.now()
    with transaction.atomic():
        mine = WebhookDelivery.objects.filter(pk=delivery.pk)
        if not mine.select_for_update().exists():
            return "skipped"  # deleted with its webhook while the request was out
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            started_at=started_at,
            duration_ms=outcome.duration_ms,
            succeeded=outcome.succeeded,
            response_code=outcome.response_code,
            error=outcome.error,
        )
        subscription = WebhookSubscription.objects.filter(pk=delivery.subscription_id)
        if outcome.succeeded:
            mine.update(
                status=Status.SUCCEEDED, delivered_at=now, claimed_until=None, next_attempt_at=None
            )
            subscription.update(consecutive_failures=0)
            return "succeeded"
        # A test event is tried once: the editor is watching the log for its answer.
        testing = delivery.event_type == TEST_EVENT
        delay = None if testing else retry_policy().retry_delay(delivery.attempts)
        if delay is None:
            mine.update(status=Status.FAILED, claimed_until=None, next_attempt_at=None)
        else:
            mine.update(claimed_until=None, next_attempt_at=now + datetime.timedelta(seconds=delay))
        if not testing:
            _failure_count(delivery.subscription_id, now)
    return "failed" if delay is None else "retrying"


def _failure_count(subscription_id: int, now: datetime.datetime) -> None:
    """One more failure in a row; at the limit, disable the subscription (once: a conditional
    update) and tell its editor."""
    subscriptions = WebhookSubscription.objects.filter(pk=subscription_id)
    subscriptions.update(consecutive_failures=F("consecutive_failures") + 1)
    limit = settings.WEBHOOK_DISABLE_AFTER_FAILURES
    disabled = subscriptions.filter(is_enabled=True, consecutive_failures__gte=limit).update(
        is_enabled=False,
        disabled_at=now,
        disabled_reason=f"Disabled after {limit} failed attempts in a row.",
    )
    if disabled:
        notification_event_send(
            kind=Notification.Kind.WEBHOOK_DISABLED,
            object_id=subscription_id,
            occurrence=now.isoformat(),
        )

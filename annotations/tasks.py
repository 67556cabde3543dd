"""Celery tasks: IDs in, one service call, safe to run twice."""

from __future__ import annotations

from typing import TypedDict

from celery import shared_task
from django.db import InterfaceError, OperationalError

from annotations.services import (
    agreement,
    evidence,
    evidence_health,
    notifications,
    public_archive,
    recurrence,
    revisions,
    suggestion_training,
    suggestions,
    webhooks,
)

# Only errors that a retry can cure: the database restarting or a dropped connection.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


class TaskOptions(TypedDict, total=False):
    """The shared_task options used here, typed so that a misspelt one fails mypy."""

    acks_late: bool
    reject_on_worker_lost: bool
    autoretry_for: tuple[type[Exception], ...]
    retry_backoff: int
    retry_backoff_max: int
    max_retries: int


# Acknowledged after they run, so a worker killed mid-task leaves the message to be delivered
# again (every task is idempotent).
AT_LEAST_ONCE: TaskOptions = {"acks_late": True, "reject_on_worker_lost": True}
RETRYING: TaskOptions = {
    **AT_LEAST_ONCE,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "max_retries": 5,
}


@shared_task(**RETRYING)
def article_agreement_recompute_task(article_id: int) -> None:
    agreement.article_agreement_recompute(article_id=article_id)


@shared_task(**AT_LEAST_ONCE)
def stale_agreements_sweep_task() -> int:
    return agreement.stale_agreements_sweep()


@shared_task(**RETRYING)
def desk_agreement_recompute_task() -> None:
    agreement.desk_agreement_recompute()


@shared_task(**RETRYING)
def revision_reanchor_task(revision_id: int) -> int:
    return revisions.revision_reanchor(revision_id=revision_id)


@shared_task(**AT_LEAST_ONCE)
def unplaced_revisions_sweep_task() -> int:
    return len(revisions.unplaced_revisions_sweep())


@shared_task(**RETRYING)
def revision_claims_scan_task(revision_id: int) -> int:
    return recurrence.revision_claims_scan(revision_id=revision_id)


@shared_task(**AT_LEAST_ONCE)
def unscanned_revisions_sweep_task() -> int:
    return len(recurrence.unscanned_revisions_sweep())


@shared_task(**RETRYING)
def revision_suggestions_task(revision_id: int) -> int:
    return suggestions.revision_suggestions_compute(revision_id=revision_id)


@shared_task(**AT_LEAST_ONCE)
def unsuggested_revisions_sweep_task() -> int:
    return len(suggestions.unsuggested_revisions_sweep())


@shared_task(**RETRYING)
def suggestion_model_train_task() -> int:
    return suggestion_training.suggestion_model_train().pk


@shared_task(**RETRYING)
def source_capture_task(capture_id: int) -> str:
    return evidence.source_capture(capture_id=capture_id)


@shared_task(**AT_LEAST_ONCE)
def pending_captures_sweep_task() -> int:
    return len(evidence.pending_captures_sweep())


# At most once: a sweep interrupted is simply the next one's work (the URLs are still due).
@shared_task(acks_late=False)
def evidence_health_sweep_task() -> int:
    return evidence_health.health_sweep()


@shared_task(**RETRYING)
def source_health_check_task(url: str) -> int:
    return len(evidence_health.sources_check([url]))


@shared_task(**RETRYING)
def public_archive_task(capture_id: int) -> str:
    return public_archive.public_archive_request(capture_id=capture_id)


@shared_task(**AT_LEAST_ONCE)
def public_archives_sweep_task() -> int:
    return len(public_archive.public_archives_sweep())


@shared_task(**RETRYING)
def notification_event_task(kind: str, object_id: int, occurrence: str = "") -> int:
    return notifications.notifications_for_event(
        kind=kind, object_id=object_id, occurrence=occurrence
    )


@shared_task(**AT_LEAST_ONCE)
def assignments_due_tomorrow_task() -> int:
    return notifications.assignments_due_tomorrow_notify()


@shared_task(**AT_LEAST_ONCE)
def notifications_digest_task() -> int:
    return notifications.notifications_digest_send()


# No Celery retry: a failed attempt is recorded and scheduled in the database (next_attempt_at),
# and the sweep sends it again when due, so a worker restart loses no retry.
@shared_task(**AT_LEAST_ONCE)
def webhook_delivery_task(delivery_id: int) -> str:
    return webhooks.webhook_delivery_attempt(delivery_id=delivery_id)


@shared_task(**AT_LEAST_ONCE)
def webhook_deliveries_sweep_task() -> int:
    return len(webhooks.webhook_deliveries_sweep())

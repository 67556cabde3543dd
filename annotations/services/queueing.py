"""Handing work to Celery without ever failing the write that asked for it.

PostgreSQL is the source of truth: a write is committed before its task is sent, so a broker that
is down (or restarting) must cost time, never the write. A send that fails is logged and left to
the periodic sweeps, which find stale statistics and unplaced revisions in the database.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from functools import partial

from django.db import transaction
from django.utils import timezone
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a publish to an unreachable broker raises: kombu wraps most connection failures in its
# OperationalError, but a connection that breaks mid-publish can surface redis-py's own error or
# the socket's.
ENQUEUE_ERRORS: tuple[type[BaseException], ...] = (KombuError, RedisError, OSError)


def task_send(send: Callable[[], object], *, what: str) -> bool:
    """Call `send` (an apply_async or delay); on a broker error log it and return False."""
    try:
        send()
    except ENQUEUE_ERRORS:
        logger.warning("Could not enqueue %s; the sweep will pick it up", what, exc_info=True)
        return False
    return True


def task_send_after_commit(send: Callable[[], object], *, what: str) -> None:
    """task_send once the transaction commits (at once outside one)."""
    # robust: whatever else the callback raises is logged by Django too, as the row is stored
    # and an error response would only make the client post it again.
    transaction.on_commit(lambda: task_send(send, what=what), robust=True)


def revisions_unfinished_resend(
    *, done_field: str, send: Callable[[int], object], what: str, older_than: datetime.timedelta
) -> list[int]:
    """Send a revision task again for the revisions whose `done_field` (a timestamp the task
    sets) is still empty `older_than` after they were created; their ids. The shared body of
    the sweeps: the tasks are acknowledged late, so a crashed worker's message comes back by
    itself; this catches the rest (a broker that lost its queue, a send lost between commit and
    send). The tasks are idempotent, so sending one twice is harmless."""
    from annotations.models import ArticleRevision

    cutoff = timezone.now() - older_than
    revision_ids = list(
        ArticleRevision.objects.filter(**{f"{done_field}__isnull": True}, created__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for revision_id in revision_ids:
        task_send(partial(send, revision_id), what=f"{what} of revision {revision_id}")
    return revision_ids

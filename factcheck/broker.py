"""The Redis broker transport, made safe for a worker that loses Redis with tasks in hand.

Celery 5.7.0's consumer, on losing the broker, first `collect()`s the connection (which detaches
the kombu transport from it: `transport.client = None`) and then `close()`s it "so the old
socket is released". If the worker holds unacknowledged messages at that moment (always
possible here: every task is acks_late, and agreement recomputations wait a countdown in the
worker), closing the channel tries to restore them through a new Redis client, whose
parameters kombu 5.7.0 reads from the detached transport: `AttributeError: 'NoneType' object has
no attribute 'hostname'`. That is not a connection error, so `ignore_errors()` lets it through
and the worker exits with "Unrecoverable error" (and takes an embedded beat with it). It only
happens when messages are in hand, hence about one restart in two. No setting avoids it (the
close runs whatever broker_connection_retry, worker_cancel_long_running_tasks_on_connection_loss
or the transport options say), and the celery release before 5.7.0 lacks the close but also
the socket fixes that came with it; so the channel below turns "no transport any more" into the
connection error that kombu's close paths already ignore.

The messages it could not restore are not lost: Redis gives unacknowledged messages back after
the visibility timeout, and if Redis itself lost them (a restart without persistence), the
periodic sweeps find the stale statistics and unplaced revisions in PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError


class Channel(kombu_redis.Channel):
    def _connparams(self, asynchronous: bool = False) -> dict[str, Any]:
        if self.connection.client is None:
            raise RedisConnectionError("the broker connection was already collected")
        return super()._connparams(asynchronous=asynchronous)  # type: ignore[misc]  # kombu's, untyped


class Transport(kombu_redis.Transport):
    """kombu's Redis transport with the channel above (`broker_transport` names it)."""

    Channel = Channel

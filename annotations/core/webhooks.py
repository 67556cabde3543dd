"""Webhook signatures and retry timing: pure functions, no Django.

Signing follows Stripe's scheme. Each attempt carries the header

    Factcheck-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=<hex>]

where each v1 is HMAC-SHA256(secret, f"{t}.{body}") in lower-case hex: one per secret the
subscription holds (two for a while after the secret is rotated, so receivers can switch
without missing deliveries). A receiver recomputes the HMAC over the timestamp and the raw body
with its secret, compares in constant time against any v1, and refuses a timestamp further
than its tolerance from its own clock: a captured request cannot be replayed later.

Backoff (`retry_delay`): attempt n (1-based) that fails waits base * 2**(n-1) seconds, capped,
then "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015) keeps the
upper half fixed and draws the lower half at random: delay = d/2 + uniform(0, d/2). Retries of
many deliveries failing at once then spread out instead of arriving together, while a delay
never falls below half its schedule.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SIGNATURE_HEADER = "Factcheck-Signature"
EVENT_ID_HEADER = "Factcheck-Event-Id"
EVENT_TYPE_HEADER = "Factcheck-Event-Type"
SIGNATURE_SCHEME = "v1"
# How far a receiver's clock may be from the timestamp before a delivery is refused.
DEFAULT_TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """HMAC-SHA256 of "<timestamp>.<body>" under `secret`, in lower-case hex."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secrets: Sequence[str], timestamp: int, body: bytes) -> str:
    """The Factcheck-Signature value: the timestamp and one v1 signature per secret."""
    if not secrets:
        raise ValueError("At least one secret signs a delivery.")
    parts = [f"t={timestamp}"]
    parts += [f"{SIGNATURE_SCHEME}={signature(secret, timestamp, body)}" for secret in secrets]
    return ",".join(parts)


@dataclass(frozen=True)
class ParsedSignature:
    timestamp: int
    signatures: tuple[str, ...]


def signature_header_parse(header: str) -> ParsedSignature | None:
    """The timestamp and v1 signatures of a header; None if it has no usable timestamp or no
    v1 signature (other schemes are ignored, as Stripe's receivers do)."""
    timestamp: int | None = None
    found: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == SIGNATURE_SCHEME and value:
            found.append(value)
    if timestamp is None or not found:
        return None
    return ParsedSignature(timestamp, tuple(found))


def signature_verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    now: float,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> bool:
    """Whether `header` signs `body` with `secret` at a time within `tolerance` seconds of
    `now` (what a receiver does; the desk uses it in its tests and documents it)."""
    parsed = signature_header_parse(header)
    if parsed is None or abs(now - parsed.timestamp) > tolerance:
        return False
    expected = signature(secret, parsed.timestamp, body)
    return any(hmac.compare_digest(expected, given) for given in parsed.signatures)


@dataclass(frozen=True)
class RetryPolicy:
    """When to try a failed delivery again, and when to stop."""

    base_seconds: float
    cap_seconds: float
    max_attempts: int

    def scheduled_delay(self, attempt: int) -> float:
        """The delay after failed attempt `attempt` (1-based), before jitter."""
        if attempt < 1:
            raise ValueError("Attempts count from 1.")
        # 2**(attempt-1) grows without bound; cap the exponent before it overflows a float.
        return float(min(self.cap_seconds, self.base_seconds * 2 ** min(attempt - 1, 64)))

    def retry_delay(
        self, attempt: int, *, uniform: Callable[[float, float], float] = random.uniform
    ) -> float | None:
        """Seconds to wait after failed attempt `attempt` before the next one (jittered, see
        the module's docstring); None once `max_attempts` have been made."""
        if attempt >= self.max_attempts:
            return None
        delay = self.scheduled_delay(attempt)
        return delay / 2 + uniform(0.0, delay / 2)


def error_trimmed(text: str, limit: int = 500) -> str:
    """An error or response excerpt fit for the delivery log: one line, at most `limit`
    characters (an ellipsis marks a cut)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

"""Writes for the optional public memento of a captured source: the Wayback Machine's Save
Page Now (SPN2), off by default (EVIDENCE_PUBLIC_ARCHIVE).

Where the desk's machine can reach the internet, each source the desk captured is also sent to
Save Page Now, and the memento's address is kept beside the capture, so that readers have a
copy that does not depend on the desk. The protocol: `POST <endpoint>` with `url=...` (and the
desk's S3-style keys in `Authorization: LOW key:secret`, where given) answers a `job_id`;
`GET <endpoint>/status/<job_id>` answers `pending`, `success` (with `timestamp` and
`original_url`: the memento is `<memento base><timestamp>/<original_url>`) or `error` (with
`status_ext`, e.g. `error:blocked-url`).

Politely: at most EVIDENCE_SPN_PER_MINUTE requests a minute across the desk (counted in the
database, so every worker shares the budget); a request over budget, a 429 or a 5xx answer, a
network failure or a job still pending after EVIDENCE_SPN_POLL_TRIES polls is left pending and
sent again by the sweep after EVIDENCE_SPN_RETRY_SECONDS. An `error` answer is final: the
archive refuses that page. The endpoint is the operator's setting, so it is not subject to the
private-address guard (the tests point it at a local stand-in).
"""

from __future__ import annotations

import datetime
import json
import logging
import time
from functools import partial
from typing import Any
from urllib.parse import urlencode

import urllib3
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from annotations.models import SourceCapture
from annotations.services.queueing import task_send

logger = logging.getLogger(__name__)

MAX_DETAIL = 500
USER_AGENT = "factcheck-evidence/1.0"
PENDING = SourceCapture.PublicArchive.PENDING


def _enabled() -> bool:
    """Public mementos are asked for only where enabled and the desk fetches sources at all."""
    return bool(settings.EVIDENCE_PUBLIC_ARCHIVE and settings.EVIDENCE_CAPTURE)


def _http() -> urllib3.PoolManager:
    timeout = settings.ARTICLE_FETCH_TIMEOUT_SECONDS
    return urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=timeout, read=timeout), retries=False
    )


def _headers() -> dict[str, str]:
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    if settings.EVIDENCE_SPN_ACCESS_KEY:
        key, secret = settings.EVIDENCE_SPN_ACCESS_KEY, settings.EVIDENCE_SPN_SECRET_KEY
        headers["Authorization"] = f"LOW {key}:{secret}"
    return headers


def _json(response: urllib3.BaseHTTPResponse) -> dict[str, Any]:
    try:
        data = json.loads(response.data or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def public_archive_after_capture(capture_id: int) -> None:
    """Where enabled, mark a just-captured source for the public archive and send its task."""
    if not _enabled():
        return
    marked = SourceCapture.objects.filter(
        pk=capture_id, status=SourceCapture.Status.CAPTURED, public_archive_status=""
    ).update(public_archive_status=PENDING)
    if marked:
        from annotations.tasks import public_archive_task  # the task imports services

        task_send(partial(public_archive_task.delay, capture_id), what=f"the memento {capture_id}")


def _over_budget(now: datetime.datetime) -> bool:
    recent = SourceCapture.objects.filter(
        public_archive_requested_at__gte=now - datetime.timedelta(seconds=60)
    ).count()
    return recent >= settings.EVIDENCE_SPN_PER_MINUTE


def _left_pending(capture_id: int, detail: str) -> str:
    SourceCapture.objects.filter(pk=capture_id, public_archive_status=PENDING).update(
        public_archive_detail=detail[:MAX_DETAIL]
    )
    return PENDING


def _finished(capture_id: int, status: str, *, url: str = "", detail: str = "") -> str:
    SourceCapture.objects.filter(pk=capture_id, public_archive_status=PENDING).update(
        public_archive_status=status,
        public_archive_url=url[:2000],
        public_archive_detail=detail[:MAX_DETAIL],
    )
    return status


def public_archive_request(*, capture_id: int) -> str:
    """Ask Save Page Now for a memento of a capture's URL and wait for it a little; the
    capture's public-archive status afterwards ("" when there is nothing to do)."""
    capture = SourceCapture.objects.filter(pk=capture_id).first()
    if capture is None or capture.public_archive_status != PENDING:
        return capture.public_archive_status if capture else ""
    if not _enabled():
        return PENDING
    now = timezone.now()
    if _over_budget(now):
        return _left_pending(capture_id, "Waiting for the desk's turn (requests per minute).")
    # Claimed (a second run of the task, or the sweep's, finds it taken) and counted against
    # the budget from here, answered or not.
    retry = now - datetime.timedelta(seconds=settings.EVIDENCE_SPN_RETRY_SECONDS)
    claimed = (
        SourceCapture.objects.filter(pk=capture_id, public_archive_status=PENDING)
        .filter(
            Q(public_archive_requested_at__isnull=True) | Q(public_archive_requested_at__lt=retry)
        )
        .update(public_archive_requested_at=now)
    )
    if not claimed:
        return PENDING
    endpoint = settings.EVIDENCE_SPN_ENDPOINT.rstrip("/")
    http = _http()
    try:
        response = http.request(
            "POST",
            endpoint,
            body=urlencode({"url": capture.url}),
            headers={**_headers(), "Content-Type": "application/x-www-form-urlencoded"},
        )
    except urllib3.exceptions.HTTPError as error:
        return _left_pending(
            capture_id, f"The archive could not be reached: {type(error).__name__}."
        )
    answer = _json(response)
    if response.status == 429 or response.status >= 500:
        return _left_pending(
            capture_id, f"The archive answered HTTP {response.status}; trying again later."
        )
    if answer.get("status") == "error" or response.status >= 400 or not answer.get("job_id"):
        reason = answer.get("message") or answer.get("status_ext") or f"HTTP {response.status}"
        return _finished(
            capture_id, SourceCapture.PublicArchive.FAILED, detail=str(reason)[:MAX_DETAIL]
        )
    return _poll(capture_id, endpoint, str(answer["job_id"]), http)


def _poll(capture_id: int, endpoint: str, job_id: str, http: urllib3.PoolManager) -> str:
    for attempt in range(settings.EVIDENCE_SPN_POLL_TRIES):
        if attempt:
            time.sleep(settings.EVIDENCE_SPN_POLL_SECONDS)
        try:
            response = http.request("GET", f"{endpoint}/status/{job_id}", headers=_headers())
        except urllib3.exceptions.HTTPError:
            continue
        answer = _json(response)
        if answer.get("status") == "success" and answer.get("timestamp"):
            original = answer.get("original_url") or ""
            base = settings.EVIDENCE_SPN_MEMENTO_BASE.rstrip("/")
            url = f"{base}/{answer['timestamp']}/{original}"
            return _finished(capture_id, SourceCapture.PublicArchive.ARCHIVED, url=url)
        if answer.get("status") == "error":
            reason = answer.get("message") or answer.get("status_ext") or "error"
            return _finished(
                capture_id, SourceCapture.PublicArchive.FAILED, detail=str(reason)[:MAX_DETAIL]
            )
    return _left_pending(capture_id, f"The archive's job {job_id} was still running.")


def public_archives_sweep() -> list[int]:
    """Send the mementos left pending (over budget, refused for now, lost) again, once
    EVIDENCE_SPN_RETRY_SECONDS have passed since their last request; their ids."""
    if not _enabled():
        return []
    from annotations.tasks import public_archive_task

    cutoff = timezone.now() - datetime.timedelta(seconds=settings.EVIDENCE_SPN_RETRY_SECONDS)
    ids = list(
        SourceCapture.objects.filter(public_archive_status=PENDING)
        .filter(
            Q(public_archive_requested_at__isnull=True) | Q(public_archive_requested_at__lt=cutoff)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[: settings.EVIDENCE_SPN_PER_MINUTE * 10]
    )
    for capture_id in ids:
        task_send(partial(public_archive_task.delay, capture_id), what=f"the memento {capture_id}")
    return ids

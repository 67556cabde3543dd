"""Writes for evidence: capturing each cited source when it is cited.

Citing a URL (saving a highlight's sources) asks for a capture: a pending SourceCapture row in
the same transaction, and a task once it commits. The task fetches the URL through the desk's
fetcher (address guard, timeouts, total deadline, size cap), keeps the request and the response
as a gzipped WARC record (warcio) and the main text (trafilatura), both in the "evidence"
storage under their SHA-256, and marks the row captured or failed with its reason.

`source_capture` is safe to run twice (the task and the sweep, or a message delivered again):
it returns at once unless the row is pending, and finishes it with a conditional update, so of
two concurrent runs only the first records anything; both write the same content-addressed
files.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from collections.abc import Iterable
from functools import partial
from urllib.parse import urlsplit

import trafilatura
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from annotations import fetching
from annotations.errors import DomainError
from annotations.models import Source, SourceCapture
from annotations.permissions import Permission, require
from annotations.services.public_archive import public_archive_after_capture
from annotations.services.queueing import task_send, task_send_after_commit

logger = logging.getLogger(__name__)

# What a capture accepts: pages, plain text and PDF reports (kept whole; text from pages only).
CAPTURE_CONTENT_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "application/pdf"}
)
TEXT_FROM = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# The body the WARC record holds is the decoded one, so these response headers no longer
# describe it and are left out (Content-Length is set to the stored length).
_HEADERS_DROPPED = frozenset({"content-encoding", "transfer-encoding", "content-length"})
MAX_REASON = 500


def evidence_storage() -> Storage:
    return storages["evidence"]


def captures_request(urls: Iterable[str]) -> list[int]:
    """Ask for a capture of each cited URL that has none recent enough (captured or pending
    within EVIDENCE_CAPTURE_REUSE_SECONDS); the new rows' ids. Call inside the transaction
    that cites them: the tasks are sent once it commits."""
    wanted = set(urls)
    if not wanted or not settings.EVIDENCE_CAPTURE:
        return []
    since = timezone.now() - datetime.timedelta(seconds=settings.EVIDENCE_CAPTURE_REUSE_SECONDS)
    recent = set(
        SourceCapture.objects.filter(url__in=wanted, requested_at__gte=since)
        .exclude(status=SourceCapture.Status.FAILED)
        .values_list("url", flat=True)
    )
    created = SourceCapture.objects.bulk_create(
        SourceCapture(url=url) for url in sorted(wanted - recent)
    )
    ids = [capture.pk for capture in created]
    if ids:
        from annotations.tasks import source_capture_task  # the task imports services

        for capture_id in ids:
            task_send_after_commit(
                partial(source_capture_task.delay, capture_id),
                what=f"the capture {capture_id}",
            )
    return ids


def fetching_allowed() -> None:
    """DomainError (409) where the desk does not fetch what reviewers cite (EVIDENCE_CAPTURE)."""
    if not settings.EVIDENCE_CAPTURE:
        raise DomainError(
            gettext("This desk does not fetch cited sources (EVIDENCE_CAPTURE is off)."),
            code="evidence_capture_off",
            status=409,
        )


def source_capture_again(*, editor: User, source: Source) -> SourceCapture:
    """An editor asks for a new capture of a source's URL now (the earlier ones are kept)."""
    require(editor, Permission.Evidence.CAPTURE, source)
    fetching_allowed()
    capture = SourceCapture.objects.create(url=source.url)
    from annotations.tasks import source_capture_task

    task_send_after_commit(
        partial(source_capture_task.delay, capture.pk), what=f"the capture {capture.pk}"
    )
    return capture


def _warc_record(page: fetching.FetchedPage) -> bytes:
    """The request and the response of `page` as a gzipped WARC file (two records)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    parts = urlsplit(page.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    response_headers = [
        (name, value) for name, value in page.headers if name.lower() not in _HEADERS_DROPPED
    ]
    response_headers.append(("Content-Length", str(len(page.content))))
    response = writer.create_warc_record(
        page.url,
        "response",
        payload=io.BytesIO(page.content),
        length=len(page.content),
        http_headers=StatusAndHeaders(
            f"{page.status} {page.reason}", response_headers, protocol="HTTP/1.1"
        ),
    )
    request = writer.create_warc_record(
        page.url,
        "request",
        http_headers=StatusAndHeaders(
            f"GET {target} HTTP/1.1", list(page.request_headers), is_http_request=True
        ),
    )
    request.rec_headers.add_header(
        "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
    )
    writer.write_record(response)
    writer.write_record(request)
    return buffer.getvalue()


def page_text(page: fetching.FetchedPage) -> str:
    """The page's main text (trafilatura for HTML); empty for a PDF or an empty page."""
    if page.content_type not in TEXT_FROM:
        return ""
    if page.content_type == "text/plain":
        return page.content.decode(page.charset or "utf-8", errors="replace")
    try:
        return trafilatura.extract(page.content, url=page.url, include_comments=False) or ""
    except Exception:  # noqa: BLE001 — a page trafilatura chokes on is kept without its text
        logger.warning("No main text extracted from %s", page.url, exc_info=True)
        return ""


def stored_once(name: str, content: bytes) -> str:
    """Store `content` under `name` unless it is there already (names are fingerprints)."""
    storage = evidence_storage()
    if not storage.exists(name):
        return storage.save(name, ContentFile(content))
    return name


def fingerprinted(sha256: str, suffix: str) -> str:
    """The storage name of content with this SHA-256."""
    return f"captures/{sha256[:2]}/{sha256}{suffix}"


def text_stored(name: str) -> str:
    """A text kept in the evidence storage."""
    with evidence_storage().open(name, "rb") as stored:
        return stored.read().decode("utf-8", errors="replace")


def source_capture(*, capture_id: int) -> str:
    """Fetch and keep a pending capture; its status afterwards (unchanged if not pending)."""
    capture = SourceCapture.objects.filter(pk=capture_id).first()
    if capture is None or capture.status != SourceCapture.Status.PENDING:
        return capture.status if capture else ""
    finished: dict[str, object]
    try:
        page = fetching.page_fetch(
            capture.url,
            timeout=settings.ARTICLE_FETCH_TIMEOUT_SECONDS,
            max_bytes=settings.EVIDENCE_FETCH_MAX_BYTES,
            allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES,
            deadline=settings.ARTICLE_FETCH_DEADLINE_SECONDS,
            content_types=CAPTURE_CONTENT_TYPES,
        )
    except DomainError as error:
        finished = {
            "status": SourceCapture.Status.FAILED,
            "http_status": getattr(error, "http_status", None),
            "failure_code": error.code[:40],
            "failure_reason": error.message[:MAX_REASON],
        }
    else:
        sha256 = hashlib.sha256(page.content).hexdigest()
        text = page_text(page)
        text_sha256 = hashlib.sha256(text.encode()).hexdigest() if text else ""
        warc_name = stored_once(fingerprinted(sha256, ".warc.gz"), _warc_record(page))
        text_name = stored_once(fingerprinted(text_sha256, ".txt"), text.encode()) if text else ""
        finished = {
            "status": SourceCapture.Status.CAPTURED,
            "final_url": page.url[:2000],
            "http_status": page.status,
            "content_type": page.content_type[:100],
            "size": len(page.content),
            "sha256": sha256,
            "text_sha256": text_sha256,
            "warc_name": warc_name,
            "text_name": text_name,
        }
    recorded = SourceCapture.objects.filter(
        pk=capture_id, status=SourceCapture.Status.PENDING
    ).update(captured_at=timezone.now(), **finished)
    if recorded and finished["status"] == SourceCapture.Status.CAPTURED:
        public_archive_after_capture(capture_id)
    return str(finished["status"])


def pending_captures_sweep(
    *, older_than: datetime.timedelta = datetime.timedelta(minutes=2)
) -> list[int]:
    """Send the captures still pending after a while again; their ids (a capture run twice
    records once, see source_capture)."""
    from annotations.tasks import source_capture_task

    cutoff = timezone.now() - older_than
    ids = list(
        SourceCapture.objects.filter(
            Q(status=SourceCapture.Status.PENDING), requested_at__lt=cutoff
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for capture_id in ids:
        task_send(partial(source_capture_task.delay, capture_id), what=f"capture {capture_id}")
    return ids

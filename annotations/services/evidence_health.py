"""Writes for link rot and drift: cited sources checked again against their captures.

A periodic sweep (Celery beat) takes the cited URLs not checked for EVIDENCE_CHECK_INTERVAL
_SECONDS, groups them by host and checks each host's URLs one after another, politely: its
robots.txt is read first and honoured (a URL it disallows is recorded as unchecked), requests
are spaced by EVIDENCE_HOST_INTERVAL_MS or the host's Crawl-delay if longer, and they are
conditional (If-None-Match / If-Modified-Since from the last check; a 304 is live). Hosts are
checked in parallel threads that only fetch; the database is written from the sweep's own
thread once they are done.

A URL is live when it answers with the main text of its capture (or, for a PDF, its bytes),
changed when it answers with something else (what differs goes in `detail`, the new text into
the evidence storage), gone on a 4xx/5xx answer, a DNS failure, a refused connection or a
timeout.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
import urllib.robotparser
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext

from annotations import fetching
from annotations.core.diff import passage_change
from annotations.errors import DomainError
from annotations.models import Source, SourceCapture, SourceHealth
from annotations.permissions import Permission, require
from annotations.services.evidence import (
    CAPTURE_CONTENT_TYPES,
    fetching_allowed,
    fingerprinted,
    page_text,
    stored_once,
    text_stored,
)
from annotations.services.queueing import task_send_after_commit

logger = logging.getLogger(__name__)

ROBOTS_AGENT = "factcheck"
ROBOTS_MAX_BYTES = 500_000
# A host's Crawl-delay is honoured up to this; a longer one would hold a sweep thread for long.
MAX_CRAWL_DELAY_SECONDS = 30.0
# Texts longer than this are compared by fingerprint only (no "what differs" summary).
MAX_COMPARED_CHARACTERS = 50_000
MAX_DETAIL = 500


@dataclass(frozen=True)
class Baseline:
    """What a URL's check compares with: its capture and its last check."""

    url: str
    text_sha256: str = ""
    sha256: str = ""
    captured_text_name: str = ""
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Checked:
    """The outcome of one check, before it is written."""

    url: str
    state: str
    http_status: int | None = None
    detail: str = ""
    etag: str = ""
    last_modified: str = ""
    text: str | None = None  # the main text now, when it differs from the capture's


def _fetch(url: str, *, headers: dict[str, str] | None = None) -> fetching.FetchedPage:
    return fetching.page_fetch(
        url,
        timeout=settings.ARTICLE_FETCH_TIMEOUT_SECONDS,
        max_bytes=settings.EVIDENCE_FETCH_MAX_BYTES,
        allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES,
        deadline=settings.ARTICLE_FETCH_DEADLINE_SECONDS,
        content_types=CAPTURE_CONTENT_TYPES,
        headers=headers,
    )


def _robots(origin: str) -> urllib.robotparser.RobotFileParser | None:
    """The host's robots.txt rules; None to check freely (no file, or the host unreachable,
    which the page checks then record as gone); a parser that disallows everything when the
    server fails (RFC 9309: a 5xx means "do not crawl" for now)."""
    parser = urllib.robotparser.RobotFileParser()
    try:
        page = fetching.page_fetch(
            f"{origin}/robots.txt",
            timeout=settings.ARTICLE_FETCH_TIMEOUT_SECONDS,
            max_bytes=ROBOTS_MAX_BYTES,
            allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES,
            deadline=settings.ARTICLE_FETCH_DEADLINE_SECONDS,
            content_types=frozenset({"text/plain"}),
        )
    except fetching.HTTPStatusError as error:
        if error.http_status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        return None
    except DomainError:
        return None
    parser.parse(page.content.decode(page.charset or "utf-8", errors="replace").splitlines())
    return parser


def _header(page: fetching.FetchedPage, name: str) -> str:
    return next((value for key, value in page.headers if key.lower() == name), "")


def _page_check(baseline: Baseline) -> Checked:
    """Fetch one URL and say how it is against its baseline (network only, no database)."""
    conditional = {}
    if baseline.etag:
        conditional["If-None-Match"] = baseline.etag
    if baseline.last_modified:
        conditional["If-Modified-Since"] = baseline.last_modified
    try:
        page = _fetch(baseline.url, headers=conditional)
    except fetching.HTTPStatusError as error:
        if error.http_status == 304:
            return Checked(
                baseline.url,
                SourceHealth.State.LIVE,
                304,
                "Not modified.",
                baseline.etag,
                baseline.last_modified,
            )
        return Checked(baseline.url, SourceHealth.State.GONE, error.http_status, error.message)
    except DomainError as error:
        return Checked(baseline.url, SourceHealth.State.GONE, None, error.message)
    validators = (_header(page, "etag")[:200], _header(page, "last-modified")[:100])
    # Without a capture there is nothing to compare with: it answers, so it is live.
    text = page_text(page) if baseline.text_sha256 else ""
    if text:
        same = hashlib.sha256(text.encode()).hexdigest() == baseline.text_sha256
    elif baseline.sha256:
        same = hashlib.sha256(page.content).hexdigest() == baseline.sha256
    else:
        same = True
    if same:
        return Checked(baseline.url, SourceHealth.State.LIVE, page.status, "", *validators)
    return Checked(baseline.url, SourceHealth.State.CHANGED, page.status, "", *validators, text)


def _host_check(baselines: Sequence[Baseline]) -> list[Checked]:
    """One host's URLs, one after another, as its robots.txt allows (network only)."""
    parts = urlsplit(baselines[0].url)
    robots = _robots(f"{parts.scheme}://{parts.netloc}")
    interval = settings.EVIDENCE_HOST_INTERVAL_MS / 1000
    if robots is not None:
        delay = robots.crawl_delay(ROBOTS_AGENT)
        if delay is not None:
            interval = max(interval, min(float(delay), MAX_CRAWL_DELAY_SECONDS))
    results = []
    for index, baseline in enumerate(baselines):
        if robots is not None and not robots.can_fetch(ROBOTS_AGENT, baseline.url):
            results.append(
                Checked(baseline.url, SourceHealth.State.UNCHECKED, None, "robots.txt disallows.")
            )
            continue
        if index:
            time.sleep(interval)
        results.append(_page_check(baseline))
    return results


def _baselines(urls: Sequence[str]) -> list[Baseline]:
    """Each URL's latest capture and last check. Two queries."""
    captures: dict[str, SourceCapture] = {}
    for capture in SourceCapture.objects.filter(url__in=urls, status="captured"):
        captures.setdefault(capture.url, capture)  # newest first (the model's ordering)
    healths = {h.url: h for h in SourceHealth.objects.filter(url__in=urls)}
    baselines = []
    for url in urls:
        latest, health = captures.get(url), healths.get(url)
        baselines.append(
            Baseline(
                url=url,
                text_sha256=latest.text_sha256 if latest else "",
                sha256=latest.sha256 if latest else "",
                captured_text_name=latest.text_name if latest else "",
                etag=health.etag if health else "",
                last_modified=health.last_modified if health else "",
            )
        )
    return baselines


def _what_differs(baseline: Baseline, text: str) -> str:
    """Stored with the check and shown as stored: in the language active when the check ran
    (the default language in the worker's periodic checks)."""
    if not baseline.captured_text_name:
        return gettext("The page differs from its capture.")
    if len(text) > MAX_COMPARED_CHARACTERS:
        return gettext("The main text differs from the capture.")
    captured = text_stored(baseline.captured_text_name)
    if len(captured) > MAX_COMPARED_CHARACTERS:
        return gettext("The main text differs from the capture.")
    change = passage_change(captured, text, words=translation) or gettext("spacing")
    return gettext("Changed: %(change)s") % {"change": change}


def sources_check(urls: Iterable[str]) -> list[SourceHealth]:
    """Check `urls` now (by host, in parallel threads) and record how each one is."""
    wanted = sorted(set(urls))
    if not wanted:
        return []
    baselines = {b.url: b for b in _baselines(wanted)}
    by_host: dict[str, list[Baseline]] = defaultdict(list)
    for baseline in baselines.values():
        by_host[urlsplit(baseline.url).netloc.lower()].append(baseline)
    threads = max(1, min(settings.EVIDENCE_SWEEP_THREADS, len(by_host)))
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="evidence-check") as pool:
        checked = [c for host in pool.map(_host_check, by_host.values()) for c in host]
    return _recorded(checked, baselines)


def _recorded(checked: Sequence[Checked], baselines: dict[str, Baseline]) -> list[SourceHealth]:
    now = timezone.now()
    existing = {h.url: h for h in SourceHealth.objects.filter(url__in=[c.url for c in checked])}
    new: list[SourceHealth] = []
    updated: list[SourceHealth] = []
    for result in checked:
        health = existing.get(result.url) or SourceHealth(url=result.url, state_since=now)
        detail = result.detail
        if result.text is not None:
            detail = _what_differs(baselines[result.url], result.text)
            text_sha256 = hashlib.sha256(result.text.encode()).hexdigest()
            health.text_sha256 = text_sha256
            health.text_name = stored_once(fingerprinted(text_sha256, ".txt"), result.text.encode())
        if health.pk is not None and health.state != result.state:
            health.state_since = now
        health.state = result.state
        health.checked_at = now
        health.http_status = result.http_status
        health.detail = detail[:MAX_DETAIL]
        health.etag, health.last_modified = result.etag, result.last_modified
        (updated if health.pk is not None else new).append(health)
    SourceHealth.objects.bulk_create(new)
    SourceHealth.objects.bulk_update(
        updated,
        [
            "state",
            "checked_at",
            "state_since",
            "http_status",
            "detail",
            "etag",
            "last_modified",
            "text_sha256",
            "text_name",
        ],
    )
    return [*new, *updated]


def urls_due(*, limit: int) -> list[str]:
    """Cited URLs not checked within EVIDENCE_CHECK_INTERVAL_SECONDS, at most `limit`."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.EVIDENCE_CHECK_INTERVAL_SECONDS)
    fresh = SourceHealth.objects.filter(url=OuterRef("url"), checked_at__gte=cutoff)
    return list(
        Source.objects.filter(~Exists(fresh))
        .order_by("url")
        .values_list("url", flat=True)
        .distinct()[:limit]
    )


def _claimed(urls: Sequence[str]) -> None:
    """Mark `urls` as checked now before checking them, so that a sweep starting while this
    one runs does not take them too (new URLs get an "unchecked" row until their check)."""
    now = timezone.now()
    SourceHealth.objects.filter(url__in=urls).update(checked_at=now)
    SourceHealth.objects.bulk_create(
        (
            SourceHealth(
                url=url,
                state=SourceHealth.State.UNCHECKED,
                checked_at=now,
                state_since=now,
                detail="Not checked yet.",
            )
            for url in urls
        ),
        ignore_conflicts=True,
    )


def health_sweep(*, limit: int | None = None) -> int:
    """Check the cited URLs that are due (EVIDENCE_SWEEP_BATCH at a time); how many. None
    where the desk does not fetch cited sources (EVIDENCE_CAPTURE off)."""
    if not settings.EVIDENCE_CAPTURE:
        return 0
    due = urls_due(limit=limit or settings.EVIDENCE_SWEEP_BATCH)
    _claimed(due)
    return len(sources_check(due))


def source_check_soon(*, editor: User, source: Source) -> None:
    """An editor asks for a health check of a source's URL now, outside the sweep (a task:
    a check may wait on a slow site or on its host's crawl delay)."""
    require(editor, Permission.Evidence.CHECK, source)
    fetching_allowed()
    from annotations.tasks import source_health_check_task  # the task imports services

    task_send_after_commit(
        partial(source_health_check_task.delay, source.url), what=f"a check of {source.url}"
    )

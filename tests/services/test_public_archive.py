"""Optional public mementos (issue 14): once the desk captured a source, Save Page Now is asked
for a public copy, here a local stand-in for the Wayback Machine's SPN2 API: success after
polling, refusals, rate limits and outages, the desk's own per-minute budget, and the sweep."""

from __future__ import annotations

import datetime
import http.server
import json
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest
from django.utils import timezone

from annotations.models import SourceCapture
from annotations.services import evidence
from annotations.services.annotations import SourceInput, TargetInput, annotation_create
from annotations.services.public_archive import public_archive_request, public_archives_sweep
from tests.factories import ArticleFactory, ReviewerFactory, verdict
from tests.local_site import site_serving
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

TIMESTAMP = "20261201010203"


class SavePageNow(http.server.BaseHTTPRequestHandler):
    """POST /save answers a job (or the `mode`'s refusal); /save/status/<job> is pending for
    `polls_pending` polls, then a success (or the job's error)."""

    mode = "ok"
    polls_pending = 1
    posts: list[dict[str, object]] = []
    polls = 0

    def log_message(self, *args: object) -> None:
        pass

    def _json(self, status: int, body: dict[str, object]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
        length = int(self.headers.get("Content-Length", "0"))
        form = parse_qs(self.rfile.read(length).decode())
        SavePageNow.posts.append(
            {"url": form.get("url", [""])[0], "auth": self.headers.get("Authorization", "")}
        )
        if SavePageNow.mode == "busy":
            return self._json(429, {"message": "Too many requests"})
        if SavePageNow.mode == "down":
            return self._json(503, {})
        if SavePageNow.mode == "refuse":
            return self._json(
                200,
                {"status": "error", "status_ext": "error:blocked-url", "message": "Excluded."},
            )
        self._json(200, {"url": form["url"][0], "job_id": "spn2-job"})

    def do_GET(self) -> None:  # noqa: N802
        SavePageNow.polls += 1
        if SavePageNow.polls <= SavePageNow.polls_pending:
            return self._json(200, {"status": "pending"})
        if SavePageNow.mode == "job-error":
            return self._json(200, {"status": "error", "message": "Live page is not available"})
        original = SavePageNow.posts[-1]["url"]
        self._json(200, {"status": "success", "timestamp": TIMESTAMP, "original_url": original})


@pytest.fixture
def archive(settings, sources_site) -> Iterator[str]:
    """Save Page Now's stand-in, the desk set to use it (no waiting between polls)."""
    SavePageNow.mode, SavePageNow.polls_pending, SavePageNow.posts, SavePageNow.polls = (
        "ok",
        1,
        [],
        0,
    )
    with site_serving(SavePageNow) as base:
        settings.EVIDENCE_PUBLIC_ARCHIVE = True
        settings.EVIDENCE_SPN_ENDPOINT = f"{base}/save"
        settings.EVIDENCE_SPN_MEMENTO_BASE = "https://web.archive.org/web"
        settings.EVIDENCE_SPN_POLL_SECONDS = 0
        settings.EVIDENCE_SPN_POLL_TRIES = 3
        settings.EVIDENCE_SPN_PER_MINUTE = 6
        yield base


def _captured(sources_site: str, path: str = "/report") -> SourceCapture:
    capture = SourceCapture.objects.create(url=f"{sources_site}{path}")
    evidence.source_capture(capture_id=capture.pk)
    return SourceCapture.objects.get(pk=capture.pk)


def test_a_captured_source_gets_a_public_memento(archive, sources_site, settings):
    settings.EVIDENCE_SPN_ACCESS_KEY, settings.EVIDENCE_SPN_SECRET_KEY = "key", "secret"
    capture = _captured(sources_site)
    assert capture.public_archive_status == "archived"
    assert capture.public_archive_url == f"https://web.archive.org/web/{TIMESTAMP}/{capture.url}"
    assert SavePageNow.posts == [{"url": capture.url, "auth": "LOW key:secret"}]
    assert SavePageNow.polls == 2  # pending once, then the success


def test_nothing_is_sent_by_default(archive, sources_site, settings):
    settings.EVIDENCE_PUBLIC_ARCHIVE = False
    capture = _captured(sources_site)
    assert (capture.status, capture.public_archive_status) == ("captured", "")
    assert SavePageNow.posts == []


def test_a_failed_capture_is_not_sent(archive, sources_site):
    capture = _captured(sources_site, "/gone")
    assert (capture.status, capture.public_archive_status) == ("failed", "")
    assert SavePageNow.posts == []


@pytest.mark.parametrize(
    ("mode", "detail"), [("refuse", "Excluded."), ("job-error", "Live page is not available")]
)
def test_a_refusal_is_final_with_its_reason(archive, sources_site, mode, detail):
    SavePageNow.mode = mode
    capture = _captured(sources_site)
    assert (capture.public_archive_status, capture.public_archive_detail) == ("failed", detail)
    assert capture.public_archive_url == ""


@pytest.mark.parametrize(("mode", "status"), [("busy", "429"), ("down", "503")])
def test_a_busy_or_down_archive_is_tried_again_by_the_sweep(
    archive, sources_site, settings, mode, status
):
    SavePageNow.mode = mode
    capture = _captured(sources_site)
    assert capture.public_archive_status == "pending"
    assert f"HTTP {status}" in capture.public_archive_detail
    assert public_archives_sweep() == []  # not before the retry delay

    SavePageNow.mode = "ok"
    SourceCapture.objects.filter(pk=capture.pk).update(
        public_archive_requested_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert public_archives_sweep() == [capture.pk]
    capture.refresh_from_db()
    assert capture.public_archive_status == "archived"


def test_a_job_still_running_stays_pending(archive, sources_site):
    SavePageNow.polls_pending = 10
    capture = _captured(sources_site)
    assert capture.public_archive_status == "pending"
    assert "still running" in capture.public_archive_detail


def test_the_desk_stays_within_its_requests_per_minute(archive, sources_site, settings):
    settings.EVIDENCE_SPN_PER_MINUTE = 2
    captures = [_captured(sources_site, path) for path in ["/report", "/latin1", "/report.pdf"]]
    assert [c.public_archive_status for c in captures] == ["archived", "archived", "pending"]
    assert "turn" in captures[2].public_archive_detail
    assert len(SavePageNow.posts) == 2


def test_a_memento_is_asked_for_once_however_often_the_task_runs(archive, sources_site):
    SavePageNow.mode = "busy"
    capture = _captured(sources_site)
    assert public_archive_request(capture_id=capture.pk) == "pending"  # claimed a moment ago
    assert len(SavePageNow.posts) == 1


def test_the_archive_page_and_the_api_link_the_memento(
    archive, sources_site, django_capture_on_commit_callbacks
):
    reviewer = ReviewerFactory()
    article = ArticleFactory(text="Crime fell by 12 percent.")
    with django_capture_on_commit_callbacks(execute=True):
        annotation = annotation_create(
            reviewer=reviewer,
            article=article,
            target=TargetInput(exact="Crime fell", start=0, end=10),
            verdict=verdict("true"),
            sources=[SourceInput(url=f"{sources_site}/report")],
        )
    source = annotation.sources.get()
    memento = f"https://web.archive.org/web/{TIMESTAMP}/{source.url}"
    client = logged_in(reviewer)
    html = client.get(f"/sources/{source.pk}/archive/").content.decode()
    assert f'href="{memento}"' in html
    detail = client.get(f"/api/v1/sources/{source.pk}/").json()
    assert detail["capture"]["public_archive_url"] == memento

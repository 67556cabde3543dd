"""Evidence: a cited source is captured when it is cited (issue 14), from sites these tests
serve on 127.0.0.1: a WARC record of the request and response, the main text, fingerprints;
the same bytes stored once; failures recorded with their reason; the task safe to run twice."""

from __future__ import annotations

import datetime
import hashlib
import http.server
import io
import time

import pytest
from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator

from annotations import fetching
from annotations.models import SourceCapture
from annotations.services import evidence
from tests.evidence_site import NESTED, PDF, REPORT, capture_into, sources_cited
from tests.factories import ReviewerFactory
from tests.local_site import site_serving


def _cite(*urls: str) -> None:
    """A new reviewer saves a highlight citing `urls`."""
    sources_cited(ReviewerFactory(), *urls)


def _records(capture: SourceCapture) -> dict[str, tuple[object, object, bytes]]:
    """The capture's WARC records by type: (WARC headers, HTTP headers, body)."""
    with evidence.evidence_storage().open(capture.warc_name, "rb") as stored:
        data = stored.read()
    # Each record's body is read while iterating: the iterator moves past it afterwards.
    return {
        record.rec_type: (record.rec_headers, record.http_headers, record.content_stream().read())
        for record in ArchiveIterator(io.BytesIO(data))
    }


@pytest.mark.django_db
def test_a_cited_source_is_captured_once_the_highlight_is_saved(
    sources_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/report")
    capture = SourceCapture.objects.get()
    assert capture.status == SourceCapture.Status.CAPTURED
    assert capture.url == capture.final_url == f"{sources_site}/report"
    assert capture.http_status == 200
    assert capture.content_type == "text/html"
    assert capture.size == len(REPORT)
    assert capture.sha256 == hashlib.sha256(REPORT).hexdigest()
    assert capture.captured_at is not None
    assert capture.failure_code == ""

    records = _records(capture)
    assert sorted(records) == ["request", "response"]
    warc_headers, http_headers, body = records["response"]
    assert warc_headers.get_header("WARC-Target-URI") == f"{sources_site}/report"
    assert http_headers.get_statuscode() == "200"
    assert http_headers.get_header("Set-Cookie") == "tracker=1"
    assert http_headers.get_header("Content-Length") == str(len(REPORT))
    assert body == REPORT
    request_warc_headers, request_http_headers, _ = records["request"]
    assert request_http_headers.protocol == "GET"
    assert request_http_headers.get_header("User-Agent").startswith("factcheck")
    assert request_warc_headers.get_header("WARC-Concurrent-To") == warc_headers.get_header(
        "WARC-Record-ID"
    )

    text = evidence.evidence_storage().open(capture.text_name).read().decode()
    assert "Recorded crime fell by 12 percent in 2025" in text
    assert "Copyright" not in text and "document.cookie" not in text
    assert capture.text_sha256 == hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.django_db
def test_citing_a_url_again_soon_reuses_its_capture(
    sources_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/report")
        _cite(f"{sources_site}/report", f"{sources_site}/report.pdf")
    assert sorted(SourceCapture.objects.values_list("url", flat=True)) == [
        f"{sources_site}/report",
        f"{sources_site}/report.pdf",
    ]


@pytest.mark.django_db
def test_a_url_cited_again_after_the_reuse_window_is_captured_again(
    sources_site, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/report")
    SourceCapture.objects.update(requested_at=timezone.now() - datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/report")
    assert SourceCapture.objects.filter(status="captured").count() == 2


@pytest.mark.django_db
def test_the_same_bytes_are_stored_once(sources_site, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/report", f"{sources_site}/mirror-of-report")
    first, second = SourceCapture.objects.order_by("url")
    assert first.sha256 == second.sha256
    assert first.warc_name == second.warc_name and first.text_name == second.text_name
    stored = sorted(p.name for p in (tmp_path / "evidence").rglob("*") if p.is_file())
    assert stored == sorted([f"{first.sha256}.warc.gz", f"{first.text_sha256}.txt"])


@pytest.mark.django_db
def test_a_redirect_records_the_final_url(sources_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/moved")
    capture = SourceCapture.objects.get()
    assert capture.status == "captured"
    assert (capture.url, capture.final_url) == (f"{sources_site}/moved", f"{sources_site}/report")


@pytest.mark.django_db
def test_a_page_in_latin1_keeps_its_accents(sources_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/latin1")
    capture = SourceCapture.objects.get()
    text = evidence.evidence_storage().open(capture.text_name).read().decode()
    assert "Le taux de ch\u00f4mage a baiss\u00e9" in text


@pytest.mark.django_db
def test_a_pdf_is_kept_whole_without_text(sources_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/report.pdf")
    capture = SourceCapture.objects.get()
    assert (capture.status, capture.content_type, capture.text_name) == (
        "captured",
        "application/pdf",
        "",
    )
    assert _records(capture)["response"][2] == PDF


@pytest.mark.parametrize(
    ("path", "code", "http_status", "reason"),
    [
        ("/gone", "url_http_error", 404, "The site answered HTTP 404."),
        ("/huge", "url_too_large", None, "too large"),
        ("/video", "url_content_type", None, "video/mp4"),
    ],
)
@pytest.mark.django_db
def test_a_source_that_cannot_be_captured_is_recorded_with_its_reason(
    sources_site, settings, django_capture_on_commit_callbacks, path, code, http_status, reason
):
    settings.EVIDENCE_FETCH_MAX_BYTES = 1000
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}{path}")
    capture = SourceCapture.objects.get()
    assert capture.status == SourceCapture.Status.FAILED
    assert (capture.failure_code, capture.http_status) == (code, http_status)
    assert reason in capture.failure_reason
    assert capture.sha256 == capture.warc_name == ""
    assert capture.captured_at is not None


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/loop", "url_too_many_redirects"),
        ("/endless", "url_too_large"),  # a 2 GB download, cut at the cap
        ("/gzip-bomb", "url_too_large"),  # the cap counts what it inflates to
        ("/drip", "url_timeout"),  # a byte now and then: the total deadline
    ],
)
@pytest.mark.django_db
def test_a_hostile_source_fails_within_the_caps(
    sources_site, settings, tmp_path, django_capture_on_commit_callbacks, path, code
):
    settings.EVIDENCE_FETCH_MAX_BYTES = 1_000_000
    settings.ARTICLE_FETCH_DEADLINE_SECONDS = 1
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}{path}")
    capture = SourceCapture.objects.get()
    assert (capture.status, capture.failure_code) == ("failed", code)
    assert capture.failure_reason
    assert time.monotonic() - started < 10
    assert not (tmp_path / "evidence").exists()  # nothing stored


@pytest.mark.django_db
def test_an_html_bomb_is_kept_whole_in_good_time(sources_site, django_capture_on_commit_callbacks):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/nested")
    capture = SourceCapture.objects.get()
    assert capture.status == "captured"
    assert capture.size == len(NESTED)
    assert time.monotonic() - started < 20


@pytest.mark.django_db
def test_a_private_address_is_refused_when_the_desk_does_not_allow_them(sources_site, settings):
    # Saving such a source is refused now (fetching.url_host_check); one saved while the desk
    # allowed private addresses, or a name resolving to one, is refused at its capture.
    capture = SourceCapture.objects.create(url=f"{sources_site}/report")
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    assert evidence.source_capture(capture_id=capture.pk) == "failed"
    capture.refresh_from_db()
    assert capture.status == "failed"
    assert capture.failure_code.startswith("url_")
    assert capture.sha256 == ""


@pytest.mark.django_db
def test_a_capture_runs_once_however_often_it_is_sent(sources_site):
    capture = SourceCapture.objects.create(url=f"{sources_site}/report")
    assert evidence.source_capture(capture_id=capture.pk) == "captured"
    capture.refresh_from_db()
    finished = (capture.captured_at, capture.sha256)
    assert evidence.source_capture(capture_id=capture.pk) == "captured"
    capture.refresh_from_db()
    assert (capture.captured_at, capture.sha256) == finished
    assert evidence.source_capture(capture_id=capture.pk + 1000) == ""


@pytest.mark.django_db
def test_the_sweep_sends_captures_left_pending_again(sources_site):
    old = SourceCapture.objects.create(
        url=f"{sources_site}/report", requested_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    new = SourceCapture.objects.create(url=f"{sources_site}/report.pdf")
    assert evidence.pending_captures_sweep() == [old.pk]
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == ("captured", "pending")


@pytest.mark.django_db
def test_nothing_is_fetched_when_capture_is_off(
    sources_site, settings, django_capture_on_commit_callbacks
):
    settings.EVIDENCE_CAPTURE = False
    with django_capture_on_commit_callbacks(execute=True):
        _cite(f"{sources_site}/report")
    assert not SourceCapture.objects.exists()


@pytest.mark.django_db
def test_a_link_local_source_is_not_fetched_even_where_private_addresses_are_allowed(
    settings, tmp_path
):
    capture_into(settings, tmp_path)  # private addresses allowed
    # Saving such a source is refused now; one saved before that is still never fetched.
    capture = SourceCapture.objects.create(url="http://169.254.169.254/latest/meta-data/")
    assert evidence.source_capture(capture_id=capture.pk) == "failed"
    capture.refresh_from_db()
    assert (capture.status, capture.failure_code) == ("failed", "url_link_local")
    assert capture.sha256 == ""


@pytest.mark.django_db
def test_a_source_redirecting_to_a_private_address_is_refused_at_that_hop(
    settings, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    """The guard runs on every hop: here 127.0.0.1 plays a public site (the only address these
    tests may serve from) and 127.0.0.2 the private one its redirect points to."""

    class Redirecting(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.2:{self.server.server_address[1]}/x")
            self.send_header("Content-Length", "0")
            self.end_headers()

    capture_into(settings, tmp_path)
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    monkeypatch.setattr(fetching, "address_is_public", lambda address: str(address) == "127.0.0.1")
    with site_serving(Redirecting) as base, django_capture_on_commit_callbacks(execute=True):
        _cite(f"{base}/moved")
    capture = SourceCapture.objects.get()
    assert (capture.status, capture.failure_code) == ("failed", "url_private_address")
    assert capture.sha256 == ""

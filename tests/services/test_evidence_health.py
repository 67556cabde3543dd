"""Link rot and drift (issue 14): cited sources checked again against their captures, from a
site these tests serve and change: live, changed (with what differs), gone (each reason),
robots.txt honoured, conditional requests, requests to one host spaced, and the sweep taking
only the URLs that are due."""

from __future__ import annotations

import datetime
import socket

import pytest
from django.utils import timezone

from annotations.models import SourceCapture, SourceHealth
from annotations.services import evidence
from annotations.services.evidence_health import health_sweep, sources_check, urls_due
from tests.evidence_site import DriftSite, article_page
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

FIGURE = "Recorded crime fell by 12 percent in 2025, the statistics office said."


def _captured(url: str) -> SourceCapture:
    capture = SourceCapture.objects.create(url=url)
    assert evidence.source_capture(capture_id=capture.pk) == "captured"
    return SourceCapture.objects.get(pk=capture.pk)


def _health(url: str) -> SourceHealth:
    return SourceHealth.objects.get(url=url)


def test_an_unchanged_page_is_live_and_asked_conditionally_next_time(drift_site):
    url = f"{drift_site}/figures"
    DriftSite.pages["/figures"] = (200, article_page(FIGURE))
    _captured(url)

    sources_check([url])
    health = _health(url)
    assert (health.state, health.http_status, health.detail) == ("live", 200, "")
    assert health.etag

    sources_check([url])
    assert _health(url).http_status == 304 and _health(url).state == "live"
    conditional = [match for path, _, match in DriftSite.log if path == "/figures"]
    assert conditional == ["", "", health.etag]  # capture, first check, conditional check


def test_a_page_whose_text_changed_is_flagged_with_what_differs(drift_site):
    url = f"{drift_site}/figures"
    DriftSite.pages["/figures"] = (200, article_page(FIGURE))
    _captured(url)
    DriftSite.pages["/figures"] = (200, article_page(FIGURE.replace("12 percent", "14 percent")))

    (health,) = sources_check([url])
    assert health.state == "changed"
    assert "12" in health.detail and "14" in health.detail
    assert "14 percent" in evidence.text_stored(health.text_name)
    # The capture is untouched: it is what the verdict relied on.
    assert "12 percent" in evidence.text_stored(SourceCapture.objects.get(url=url).text_name)


def test_a_page_back_to_its_captured_text_is_live_again(drift_site):
    url = f"{drift_site}/figures"
    DriftSite.pages["/figures"] = (200, article_page(FIGURE))
    _captured(url)
    DriftSite.pages["/figures"] = (200, article_page("Something else entirely was said."))
    sources_check([url])
    changed_since = _health(url).state_since
    DriftSite.pages["/figures"] = (200, article_page(FIGURE))
    sources_check([url])
    health = _health(url)
    assert health.state == "live" and health.state_since > changed_since


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404"), (410, "HTTP 410"), (503, "503")])
def test_an_error_answer_is_gone_with_its_status(drift_site, status, reason):
    url = f"{drift_site}/figures"
    DriftSite.pages["/figures"] = (200, article_page(FIGURE))
    _captured(url)
    DriftSite.pages["/figures"] = (status, b"<h1>No</h1>")
    (health,) = sources_check([url])
    assert (health.state, health.http_status) == ("gone", status)
    assert reason in health.detail


def test_a_refused_connection_and_an_unknown_host_are_gone(settings):
    settings.EVIDENCE_CAPTURE = True
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    refused, unknown = f"http://127.0.0.1:{port}/x", "http://no-such-host.invalid/x"
    checked = {h.url: h for h in sources_check([refused, unknown])}
    assert checked[refused].state == checked[unknown].state == "gone"
    assert checked[refused].http_status is None
    assert checked[refused].detail and checked[unknown].detail


def test_robots_txt_is_honoured(drift_site):
    DriftSite.robots = "User-agent: *\nDisallow: /private/\n"
    DriftSite.pages["/private/memo"] = (200, article_page(FIGURE))
    DriftSite.pages["/public"] = (200, article_page(FIGURE))
    checked = {
        h.url: h for h in sources_check([f"{drift_site}/private/memo", f"{drift_site}/public"])
    }
    assert checked[f"{drift_site}/private/memo"].state == "unchecked"
    assert checked[f"{drift_site}/public"].state == "live"
    assert "/private/memo" not in [path for path, _, _ in DriftSite.log]


def test_requests_to_one_host_are_spaced_by_its_crawl_delay(drift_site, settings):
    settings.EVIDENCE_HOST_INTERVAL_MS = 100
    DriftSite.robots = "User-agent: *\nCrawl-delay: 1\n"
    for n in range(3):
        DriftSite.pages[f"/p{n}"] = (200, article_page(FIGURE))
    sources_check([f"{drift_site}/p{n}" for n in range(3)])
    times = [at for path, at, _ in DriftSite.log if path.startswith("/p")]
    assert len(times) == 3
    assert all(later - earlier >= 0.99 for earlier, later in zip(times, times[1:], strict=False))


def test_the_sweep_checks_only_cited_urls_that_are_due(drift_site):
    DriftSite.pages["/a"] = (200, article_page(FIGURE))
    DriftSite.pages["/b"] = (200, article_page(FIGURE))
    for path in ["/a", "/b", "/a"]:  # /a cited twice: checked once
        SourceFactory(url=f"{drift_site}{path}")
    assert sorted(urls_due(limit=10)) == [f"{drift_site}/a", f"{drift_site}/b"]

    assert health_sweep() == 2
    assert urls_due(limit=10) == []
    assert health_sweep() == 0

    SourceHealth.objects.filter(url=f"{drift_site}/a").update(
        checked_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert urls_due(limit=10) == [f"{drift_site}/a"]
    assert health_sweep() == 1
    assert SourceHealth.objects.get(url=f"{drift_site}/a").checked_at > timezone.now() - (
        datetime.timedelta(minutes=1)
    )


def test_the_sweep_reads_the_database_in_constant_queries(
    drift_site, settings, django_assert_max_num_queries
):
    settings.EVIDENCE_HOST_INTERVAL_MS = 0
    for n in range(12):
        DriftSite.pages[f"/q{n}"] = (200, article_page(FIGURE))
        SourceFactory(url=f"{drift_site}/q{n}")
    with django_assert_max_num_queries(8):
        assert health_sweep() == 12


def test_the_sweep_fetches_nothing_where_the_desk_does_not_fetch_sources(drift_site, settings):
    settings.EVIDENCE_CAPTURE = False
    SourceFactory(url=f"{drift_site}/a")
    assert health_sweep() == 0
    assert DriftSite.log == [] and not SourceHealth.objects.exists()

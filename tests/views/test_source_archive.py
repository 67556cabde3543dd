"""A cited source's archived copy (issue 14): its page, its WARC file and the captured page
served inert, for the people who may read the highlight, and `capture` on each source in the
API and the article page's data."""

from __future__ import annotations

import gzip

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from annotations.models import Source, SourceCapture
from annotations.services.evidence_health import sources_check
from tests.conftest import client_for
from tests.evidence_site import REPORT, SCRIPTED, DriftSite, article_page, sources_cited
from tests.factories import (
    EditorFactory,
    ReviewerFactory,
    unit_decided_and_published,
    unit_on_new_article,
)
from tests.pages import logged_in, page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited(sources_site, django_capture_on_commit_callbacks):
    """A reviewer cites the report and the scripted page; both are captured."""
    reviewer = ReviewerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sources = sources_cited(reviewer, f"{sources_site}/report", f"{sources_site}/scripted")
    return reviewer, sources


def test_the_archive_page_shows_the_capture_and_its_text(cited):
    reviewer, (report, _) = cited
    response = logged_in(reviewer).get(f"/sources/{report.pk}/archive/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-capture-status="captured"' in html
    capture = SourceCapture.objects.get(url=report.url)
    assert capture.sha256 in html
    assert "Recorded crime fell by 12 percent in 2025" in html
    assert f"/sources/{report.pk}/archive.warc.gz" in html
    assert f"/sources/{report.pk}/archive/page/" in html


def test_the_warc_file_downloads(cited):
    reviewer, (report, _) = cited
    response = logged_in(reviewer).get(f"/sources/{report.pk}/archive.warc.gz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/warc"
    assert "attachment" in response["Content-Disposition"]
    warc = gzip.decompress(b"".join(response.streaming_content))
    assert warc.startswith(b"WARC/1.")
    assert REPORT in warc


def test_the_captured_page_is_served_inert(cited):
    reviewer, (_, scripted) = cited
    response = logged_in(reviewer).get(f"/sources/{scripted.pk}/archive/page/")
    assert response.status_code == 200
    assert response.content.startswith(SCRIPTED[:40]) and b"<p id=claim>" in response.content
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox;") and "allow-scripts" not in policy
    assert "default-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    # The original site's cookie is not passed on.
    assert "tracker" not in response.cookies


def test_a_pending_capture_says_so_and_has_no_files(sources_site):
    reviewer = ReviewerFactory()
    (source,) = sources_cited(reviewer, f"{sources_site}/report")  # on_commit never runs: pending
    client = logged_in(reviewer)
    assert (
        'data-capture-status="pending"'
        in client.get(f"/sources/{source.pk}/archive/").content.decode()
    )
    assert client.get(f"/sources/{source.pk}/archive.warc.gz").status_code == 404
    assert client.get(f"/sources/{source.pk}/archive/page/").status_code == 404


def test_a_failed_capture_gives_its_reason(sources_site, django_capture_on_commit_callbacks):
    reviewer = ReviewerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        (source,) = sources_cited(reviewer, f"{sources_site}/gone")
    html = logged_in(reviewer).get(f"/sources/{source.pk}/archive/").content.decode()
    assert 'data-capture-status="failed"' in html
    assert "The site answered HTTP 404." in html
    (annotation,) = logged_in(reviewer).get("/api/v1/annotations/").json()["results"]
    capture = annotation["sources"][0]["capture"]
    assert capture["status"] == "failed"
    assert (capture["captured_at"], capture["archive_url"], capture["replay_url"]) == (None,) * 3


LINK_LOCAL = (
    "That URL points to a link-local address (where cloud servers keep their metadata), "
    "which is never allowed."
)


@pytest.mark.parametrize(
    ("code", "http_status", "stored", "shown"),
    [
        (
            "url_link_local",
            None,
            LINK_LOCAL,
            "يشير هذا الرابط إلى عنوان محلي للرابط (حيث تحفظ الخوادم السحابية بياناتها "
            "الوصفية)، وهذا غير مسموح به أبدًا.",
        ),
        ("url_http_error", 404, "The site answered HTTP 404.", "أجاب الموقع برمز HTTP 404."),
    ],
)
def test_a_failure_stored_in_english_is_shown_in_the_readers_language(
    sources_site, code, http_status, stored, shown
):
    # The worker stores the sentence it was refused with, in English (walk 19, finding 24).
    reviewer = ReviewerFactory()
    (source,) = sources_cited(reviewer, f"{sources_site}/report")
    SourceCapture.objects.filter(url=source.url).update(
        status=SourceCapture.Status.FAILED,
        failure_code=code,
        failure_reason=stored,
        http_status=http_status,
    )

    html = (
        logged_in(reviewer)
        .get(f"/sources/{source.pk}/archive/", HTTP_ACCEPT_LANGUAGE="ar")
        .content.decode()
    )

    assert shown in html
    assert stored not in html


@pytest.mark.parametrize(
    "path", ["/sources/{}/archive/", "/sources/{}/archive.warc.gz", "/sources/{}/archive/page/"]
)
def test_others_cannot_reach_a_source_of_a_blind_review(cited, path):
    _, (report, _) = cited
    other = ReviewerFactory()
    assert logged_in(other).get(path.format(report.pk)).status_code == 404
    # Readers see archived copies of published verdicts' sources only: this one is not.
    assert Client().get(path.format(report.pk)).status_code == 404


@pytest.mark.parametrize(
    "path", ["/sources/{}/archive/", "/sources/{}/archive.warc.gz", "/sources/{}/archive/page/"]
)
def test_anyone_opens_the_archived_copy_of_a_published_verdicts_source(cited, path):
    _, (report, _) = cited
    editor = EditorFactory()
    unit_decided_and_published(unit_on_new_article(), editor).sources.add(report)
    assert Client().get(path.format(report.pk)).status_code == 200
    assert logged_in(ReviewerFactory()).get(path.format(report.pk)).status_code == 200


def test_the_api_gives_each_source_its_capture(cited):
    reviewer, (report, scripted) = cited
    response = logged_in(reviewer).get("/api/v1/annotations/")
    assert response.status_code == 200
    (annotation,) = response.json()["results"]
    first, second = annotation["sources"]
    capture = SourceCapture.objects.get(url=report.url)
    assert first["id"] == report.pk
    assert first["capture"] == {
        "status": "captured",
        "captured_at": first["capture"]["captured_at"],
        "final_url": report.url,
        "http_status": 200,
        "sha256": capture.sha256,
        "text_sha256": capture.text_sha256,
        "archive_url": f"/sources/{report.pk}/archive/",
        "replay_url": f"/sources/{report.pk}/archive/page/",
        "warc_url": f"/sources/{report.pk}/archive.warc.gz",
        "failure_reason": "",
        "public_archive_url": "",
    }
    assert first["capture"]["captured_at"].startswith(str(capture.captured_at.date()))
    assert second["capture"]["status"] == "captured"


def test_a_source_cited_with_capture_off_has_no_capture():
    reviewer = ReviewerFactory()
    (source,) = sources_cited(reviewer, "https://example.org/report")
    (annotation,) = logged_in(reviewer).get("/api/v1/annotations/").json()["results"]
    assert annotation["sources"][0]["capture"] is None
    assert not SourceCapture.objects.exists()
    assert logged_in(reviewer).get(f"/sources/{source.pk}/archive/").status_code == 200


def test_the_article_page_data_carries_the_captures(cited):
    reviewer, (report, _) = cited
    article_id = report.annotation.article_id
    data = page_data(logged_in(reviewer).get(f"/articles/{article_id}/"))
    (annotation,) = data["annotations"]
    assert (
        annotation["sources"][0]["capture"]["replay_url"] == f"/sources/{report.pk}/archive/page/"
    )


def test_reading_captures_costs_the_same_queries_for_more_sources(
    sources_site, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    reviewer = ReviewerFactory()
    client = logged_in(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        sources_cited(reviewer, f"{sources_site}/report")
    client.get("/api/v1/annotations/")  # the session and the desk's settings, cached
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/annotations/")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            sources_cited(reviewer, f"{sources_site}/report", f"{sources_site}/report.pdf")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/api/v1/annotations/")
    assert len(response.json()["results"]) == 4


def test_the_sources_api_gives_captures_in_constant_queries(
    sources_site, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    reviewer = ReviewerFactory()
    client = logged_in(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        (report,) = sources_cited(reviewer, f"{sources_site}/report")
    detail = client.get(f"/api/v1/sources/{report.pk}/").json()
    assert detail["capture"]["status"] == "captured"
    assert detail["capture"]["warc_url"] == f"/sources/{report.pk}/archive.warc.gz"

    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/sources/")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            sources_cited(reviewer, f"{sources_site}/gone", f"{sources_site}/report.pdf")
    with django_assert_max_num_queries(len(one.captured_queries)):
        listed = client.get("/api/v1/sources/").json()["results"]
    assert len(listed) == 7
    by_url = {source["url"]: source["capture"]["status"] for source in listed}
    assert by_url == {
        f"{sources_site}/report": "captured",
        f"{sources_site}/gone": "failed",
        f"{sources_site}/report.pdf": "captured",
    }


def test_a_changed_source_shows_what_changed_since_it_was_captured(
    drift_site, django_capture_on_commit_callbacks
):
    DriftSite.pages["/figures"] = (200, article_page("Recorded crime fell by 12 percent."))
    reviewer = ReviewerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        (source,) = sources_cited(reviewer, f"{drift_site}/figures")
    client = logged_in(reviewer)
    assert "data-health-state" not in client.get(f"/sources/{source.pk}/archive/").content.decode()

    DriftSite.pages["/figures"] = (200, article_page("Recorded crime fell by 14 percent."))
    sources_check([source.url])
    html = client.get(f"/sources/{source.pk}/archive/").content.decode()
    assert 'data-health-state="changed"' in html
    diff = html.split("data-capture-diff>")[1].split("</div>")[0]
    assert "<del>12</del>" in diff and "<ins>14</ins>" in diff
    assert "Recorded crime fell by" in diff
    # The captured text is in the diff already: shown again only on request.
    assert '<details class="capture-text-toggle">' in html


def test_a_live_source_says_so_without_a_diff(drift_site, django_capture_on_commit_callbacks):
    DriftSite.pages["/figures"] = (200, article_page("Recorded crime fell by 12 percent."))
    reviewer = ReviewerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        (source,) = sources_cited(reviewer, f"{drift_site}/figures")
    sources_check([source.url])
    html = logged_in(reviewer).get(f"/sources/{source.pk}/archive/").content.decode()
    assert 'data-health-state="live"' in html and "data-capture-diff" not in html
    assert "capture-text-toggle" not in html and "Recorded crime fell by 12 percent." in html


def test_editing_a_highlights_sources_keeps_the_unchanged_ones_and_their_archive_pages(cited):
    reviewer, (report, scripted) = cited
    client = client_for(reviewer)
    sources = [
        {"url": scripted.url, "title": scripted.title},  # moved first, otherwise the same
        {"url": f"{report.url}?v=2", "title": "A new one"},  # the report dropped, one added
    ]
    response = client.patch(
        f"/api/v1/annotations/{report.annotation_id}/", {"sources": sources}, format="json"
    )
    assert response.status_code == 200, response.content
    first, second = response.json()["sources"]
    assert first["id"] == scripted.pk and first["capture"]["status"] == "captured"
    assert second["id"] not in {report.pk, scripted.pk}
    assert not Source.objects.filter(pk=report.pk).exists()
    assert Source.objects.get(pk=scripted.pk).position == 0
    assert logged_in(reviewer).get(f"/sources/{scripted.pk}/archive/").status_code == 200

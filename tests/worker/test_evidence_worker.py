"""Evidence through real Celery workers and a real Redis (issue 14): a source cited through
the API is captured by a worker, and the beat's sweep captures one whose message was lost."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.models import SourceCapture, SourceHealth
from tests.evidence_site import DriftSite, article_page
from tests.factories import ArticleFactory, ReviewerFactory, SourceFactory
from tests.worker.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _capturing_worker(start_worker, tmp_path, **extra):
    """A worker that captures into the folder the test reads (see capture_into)."""
    return start_worker(
        EVIDENCE_CAPTURE="1",
        ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES="1",
        EVIDENCE_ROOT=str(tmp_path / "evidence"),
        **extra,
    )


def _status(url: str) -> str:
    capture = SourceCapture.objects.filter(url=url).first()
    return capture.status if capture else ""


def test_a_source_cited_through_the_api_is_captured_by_a_worker(
    start_worker, sources_site, tmp_path
):
    _capturing_worker(start_worker, tmp_path)
    reviewer = ReviewerFactory()
    article = ArticleFactory(text="The statistics office says crime fell by 12 percent.")
    exact = "crime fell by 12 percent"
    start = article.text.index(exact)
    client = APIClient()
    client.force_authenticate(reviewer)

    url = f"{sources_site}/report"
    response = client.post(
        "/api/v1/annotations/",
        {
            "article": article.pk,
            "target": {"exact": exact, "start": start, "end": start + len(exact)},
            "verdict": "true",
            "sources": [{"url": url, "title": "Report"}],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    # The answer comes before the capture: the worker does it after the commit.
    assert response.json()["sources"][0]["capture"]["status"] in {"pending", "captured"}
    wait_until(lambda: _status(url) == "captured", timeout=60, what="the worker's capture")
    capture = SourceCapture.objects.get(url=url)
    assert (tmp_path / "evidence" / capture.warc_name).stat().st_size > 0
    assert (tmp_path / "evidence" / capture.text_name).read_text().count(
        "Recorded crime fell by 12 percent"
    ) == 1


def test_the_beat_sweep_captures_a_source_whose_message_was_lost(
    start_worker, sources_site, tmp_path
):
    url = f"{sources_site}/report.pdf"
    # Saved without its task, as if the broker had lost the message long ago.
    SourceCapture.objects.create(url=url, requested_at=timezone.now() - datetime.timedelta(hours=1))
    _capturing_worker(start_worker, tmp_path, beat=True, CAPTURES_SWEEP_SECONDS="1")
    wait_until(lambda: _status(url) == "captured", timeout=90, what="the swept capture")


def test_the_beat_runs_the_link_rot_sweep(start_worker, drift_site, tmp_path):
    DriftSite.pages["/live"] = (200, article_page("Crime fell by 12 percent."))
    live, gone = SourceFactory(url=f"{drift_site}/live"), SourceFactory(url=f"{drift_site}/gone")
    _capturing_worker(
        start_worker, tmp_path, beat=True, EVIDENCE_SWEEP_SECONDS="1", EVIDENCE_HOST_INTERVAL_MS="0"
    )

    def checked() -> bool:
        return (
            SourceHealth.objects.filter(url__in=[live.url, gone.url])
            .exclude(state="unchecked")
            .count()
            == 2
        )

    wait_until(checked, timeout=90, what="the beat's link-rot sweep")
    assert SourceHealth.objects.get(url=live.url).state == "live"
    assert SourceHealth.objects.get(url=gone.url).state == "gone"

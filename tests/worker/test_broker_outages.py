"""A real worker and the web's writes against a Redis broker that dies (kill -9) and comes back."""

from __future__ import annotations

import logging
import re
import time

import pytest
from rest_framework.test import APIClient

from annotations.models import Annotation, ArticleAgreement, ArticleRevision, DeskAgreement
from annotations.services.agreement import desk_agreement_request
from annotations.services.revisions import article_revise
from tests.factories import ArticleFactory, ReviewerFactory
from tests.worker.conftest import WorkerProcess, publishing_to, wait_until
from tests.worker.test_agreement_worker import computed, expected_statistics, fresh

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CLAIM = "Critics say unemployment has doubled since 2020."
# The worker's beat sweeps every second and takes requests older than 2 s for lost.
FAST_SWEEP = {"AGREEMENT_SWEEP_SECONDS": "1", "AGREEMENT_SWEEP_AFTER_SECONDS": "2"}


def annotation_post(article, slug: str = "false") -> None:
    """A new reviewer highlights the claim and submits, through the API."""
    client = APIClient()
    client.force_authenticate(ReviewerFactory())
    start = article.text.index(CLAIM)
    response = client.post(
        "/api/v1/annotations/",
        {
            "article": article.pk,
            "target": {"exact": CLAIM, "start": start, "end": start + len(CLAIM)},
            "verdict": slug,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    submitted = client.post(f"/api/v1/articles/{article.pk}/submit/")
    assert submitted.status_code == 200, submitted.content


def recompute_in_hand(worker: WorkerProcess, since: int) -> bool:
    """Whether the worker, since that log offset, received a recomputation it has not finished
    (one waiting for its countdown: unacknowledged)."""
    log = worker.log.read_bytes()[since:]
    received = len(re.findall(rb"recompute_task\[[^]]+\] received", log))
    finished = log.count(b"recompute_task[") - received
    return received > finished


def test_the_worker_rides_out_five_redis_crashes_during_a_stream_of_posts(
    start_worker, redis_server
):
    articles = [ArticleFactory() for _ in range(3)]
    with publishing_to(redis_server.url):
        worker = start_worker(broker=redis_server.url, beat=True, **FAST_SWEEP)
        slugs = ["false", "mostly-false", "false", "true"]
        since = 0
        for crash in range(5):
            for number, article in enumerate(articles):
                annotation_post(article, slugs[(crash + number) % len(slugs)])
            # The crash that used to kill the worker needs a message in its hands: every
            # recomputation waits AGREEMENT_RECOMPUTE_DELAY_SECONDS there, unacknowledged.
            wait_until(
                lambda since=since: recompute_in_hand(worker, since),
                timeout=10,
                what="a task in hand",
            )
            redis_server.restart_hard()
            since = worker.log.stat().st_size
            annotation_post(articles[crash % len(articles)], "mixed")
            assert worker.process.poll() is None, worker.log.read_text()[-3000:]

        for article in articles:
            wait_until(lambda a=article: computed(a), timeout=30, what="statistics after crashes")
        assert worker.process.poll() is None, "the same worker process lived through it all"

    assert b"Unrecoverable error" not in worker.log.read_bytes()
    for article in articles:
        reviewers = Annotation.objects.filter(article=article).count()
        stored = fresh(article).statistics
        assert stored["alpha_nominal"]["reviewers"] == reviewers
        assert stored == expected_statistics(article)


def test_a_post_with_the_broker_down_answers_201_and_the_sweep_computes_it_later(
    start_worker, redis_server
):
    article = ArticleFactory()
    redis_server.kill_hard()
    with publishing_to(redis_server.url):
        started = time.monotonic()
        annotation_post(article)
        annotation_post(article, "mostly-false")
        elapsed = time.monotonic() - started

        # Stored once each, answered 2xx, quickly, and the request handed back to the sweep.
        assert Annotation.objects.filter(article=article).count() == 2
        assert elapsed < 5, elapsed
        agreement = fresh(article)
        assert agreement.stale and not agreement.queued

        redis_server.start()
        start_worker(broker=redis_server.url, beat=True, **FAST_SWEEP)
        wait_until(lambda: computed(article), timeout=30, what="the swept recomputation")

    assert fresh(article).statistics["alpha_nominal"]["reviewers"] == 2
    assert fresh(article).statistics == expected_statistics(article)
    assert ArticleAgreement.objects.filter(article=article).count() == 1


def test_a_revision_and_a_desk_request_with_the_broker_down_are_kept_and_logged(
    redis_server, caplog
):
    article = ArticleFactory()
    redis_server.kill_hard()
    with publishing_to(redis_server.url), caplog.at_level(logging.WARNING):
        revision, created = article_revise(
            article=article, text=article.text + "\n\nA correction was added.", created_by=None
        )
        assert desk_agreement_request() is True

    assert created and ArticleRevision.objects.filter(pk=revision.pk, reanchored_at=None).exists()
    # Withdrawn, so the next request asks the broker again instead of waiting on a lost task.
    assert not DeskAgreement.objects.get().queued
    assert "Could not enqueue the re-anchoring of revision" in caplog.text
    assert "Could not enqueue the desk's agreement" in caplog.text

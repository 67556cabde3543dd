"""Agreement statistics computed by real Celery worker processes through a real Redis."""

from __future__ import annotations

import time

import pytest
from rest_framework.test import APIClient

from annotations.models import Annotation, ArticleAgreement, ClaimUnit, Review, VerdictLabel
from annotations.services.adjudication import VerdictInput, unit_decide
from annotations.services.agreement import article_agreement_recompute, stale_agreements_sweep
from annotations.tasks import article_agreement_recompute_task
from factcheck.celery import app as celery_app
from tests.factories import AnnotationFactory, ArticleFactory, EditorFactory, ReviewerFactory
from tests.redis_server import free_port, redis_start
from tests.worker.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def fresh(article) -> ArticleAgreement:
    return ArticleAgreement.objects.get(article=article)


def computed(article) -> bool:
    agreement = ArticleAgreement.objects.filter(article=article).first()
    return agreement is not None and agreement.computed_at is not None and not agreement.stale


def expected_statistics(article) -> dict:
    """The statistics an in-process recomputation stores, to compare a worker's result with."""
    agreement = fresh(article)
    ArticleAgreement.objects.filter(pk=agreement.pk).update(changes=agreement.changes + 1)
    return article_agreement_recompute(article_id=article.pk).statistics


def test_statistics_appear_after_annotations_are_posted_through_the_api(worker):
    article = ArticleFactory()
    claim = "Critics say unemployment has doubled since 2020."
    start = article.text.index(claim)
    reviewers = [ReviewerFactory() for _ in range(3)]
    for reviewer, slug in zip(reviewers, ["false", "false", "mostly-false"], strict=True):
        client = APIClient()
        client.force_authenticate(reviewer)
        response = client.post(
            "/api/v1/annotations/",
            {
                "article": article.pk,
                "target": {"exact": claim, "start": start, "end": start + len(claim)},
                "verdict": slug,
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        assert client.post(f"/api/v1/articles/{article.pk}/submit/").status_code == 200

    wait_until(lambda: computed(article), what="the worker's statistics")

    stored = fresh(article).statistics
    assert stored["alpha_nominal"]["units"] == 1
    assert stored["alpha_nominal"]["reviewers"] == 3
    assert stored == expected_statistics(article)


def test_a_burst_of_1000_saves_causes_a_handful_of_recomputations(worker):
    # Saves that count: an editor deciding a claim again and again (a reviewer's draft
    # highlight queues nothing until the review is submitted).
    article = ArticleFactory()
    editor = EditorFactory()
    unit = ClaimUnit.objects.create(article=article, kind="claim", start=0, end=10)
    for reviewer in (ReviewerFactory(), ReviewerFactory()):
        AnnotationFactory(article=article, reviewer=reviewer, unit=unit)
        Review.objects.filter(article=article, reviewer=reviewer).update(
            status="submitted", submitted_at="2026-01-01T00:00Z"
        )
    label = VerdictLabel.objects.get(slug="false")
    started = time.monotonic()
    for number in range(1000):
        unit_decide(
            unit=unit,
            editor=editor,
            seen_version=unit.version,
            verdict=VerdictInput(label=label, claim_reviewed=f"draft {number}"),
        )
    burst_seconds = time.monotonic() - started

    wait_until(lambda: computed(article), what="the statistics after the burst")

    computations = fresh(article).computations
    assert fresh(article).changes >= 1000
    # One recomputation per AGREEMENT_RECOMPUTE_DELAY_SECONDS (2 s) of burst, give or take one.
    assert 1 <= computations <= burst_seconds / 2 + 3, (computations, burst_seconds)


def big_reviewed_article(claims: int = 3000, reviewers: int = 5):
    """An article whose recomputation takes long enough to be interrupted."""
    sentence = "Officials said the figure rose by {n} percent in the last year. "
    article = ArticleFactory(text="".join(sentence.format(n=n) for n in range(claims)))
    users = [ReviewerFactory() for _ in range(reviewers)]
    labels = list(VerdictLabel.objects.filter(is_ordinal=True))
    rows = []
    position = 0
    for n in range(claims):
        exact = sentence.format(n=n).strip()
        for index, user in enumerate(users):
            rows.append(
                Annotation(
                    article=article,
                    reviewer=user,
                    exact=exact,
                    start=position,
                    end=position + len(exact),
                    verdict=labels[(n + (index == 0)) % len(labels)],
                )
            )
        position += len(sentence.format(n=n))
    Annotation.objects.bulk_create(rows)
    for user in users:
        Review.objects.create(
            article=article, reviewer=user, status="submitted", submitted_at="2026-01-01T00:00Z"
        )
    ArticleAgreement.objects.create(article=article, changes=1, computed_changes=0)
    return article


def test_kill_9_in_the_middle_of_a_recomputation_then_a_new_worker_ends_correct(start_worker):
    article = big_reviewed_article()
    doomed = start_worker()
    ArticleAgreement.objects.filter(article=article).update(queued=True)
    article_agreement_recompute_task.delay(article.pk)

    # The task clears `queued` as it starts: that is the moment to pull the plug.
    wait_until(lambda: not fresh(article).queued, what="the recomputation to start")
    time.sleep(0.3)
    doomed.kill_hard()
    assert fresh(article).computed_at is None, "the recomputation finished before the kill"

    # The new worker runs beat, whose sweep finds the article still stale in PostgreSQL (the
    # unacknowledged message also comes back, later, and then finds nothing left to do).
    start_worker(beat=True, AGREEMENT_SWEEP_SECONDS="2", AGREEMENT_SWEEP_AFTER_SECONDS="3")
    wait_until(lambda: computed(article), timeout=120, what="the recomputation after the crash")

    stored = fresh(article).statistics
    assert stored["alpha_nominal"]["units"] == 3000
    assert stored == expected_statistics(article)


def test_a_redis_restart_with_tasks_queued_still_ends_correct_through_the_sweep(
    start_worker, settings
):
    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    queue = "factcheck-test-restart"
    server = redis_start(port)
    try:
        article = ArticleFactory()
        reviewers = [ReviewerFactory() for _ in range(3)]
        for reviewer, slug in zip(reviewers, ["true", "mixed", "true"], strict=True):
            AnnotationFactory(
                article=article, reviewer=reviewer, verdict=VerdictLabel.objects.get(slug=slug)
            )
        Review.objects.filter(article=article).update(
            status="submitted", submitted_at="2026-01-01T00:00Z"
        )
        ArticleAgreement.objects.create(article=article, changes=1, computed_changes=0)

        def publish(article_id: int) -> None:
            with celery_app.connection_for_write(broker) as connection:
                article_agreement_recompute_task.apply_async(
                    (article_id,), connection=connection, queue=queue
                )

        # Requested and queued in Redis, with no worker to take it yet ...
        assert stale_agreements_sweep(enqueue=publish) == 1
        # ... then Redis restarts and keeps nothing.
        server.kill()
        server.wait(timeout=10)
        server = redis_start(port)
        start_worker(broker=broker, queue=queue)
        time.sleep(3)
        assert not computed(article), "the message should have been lost with the restart"

        # PostgreSQL still says the article is stale: the sweep finds it and re-enqueues.
        settings.AGREEMENT_SWEEP_AFTER_SECONDS = 0
        assert stale_agreements_sweep(enqueue=publish) == 1
        wait_until(lambda: computed(article), what="the swept recomputation")

        assert fresh(article).statistics == expected_statistics(article)
    finally:
        server.kill()
        server.wait(timeout=10)

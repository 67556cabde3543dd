"""Re-anchoring a new revision in real Celery worker processes through a real Redis."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.models import AnnotationAnchor, ArticleRevision
from annotations.services.revisions import unplaced_revisions_sweep
from annotations.tasks import revision_reanchor_task
from tests.factories import ARTICLE_TEXT, AnnotationFactory, ArticleFactory, EditorFactory
from tests.worker.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CLAIM = "Critics say unemployment has doubled since 2020."
INSERTED = "Update: this article was corrected on Wednesday.\n\n"


def placed(revision: ArticleRevision) -> bool:
    revision.refresh_from_db()
    return revision.reanchored_at is not None


def test_a_revision_put_through_the_api_is_re_anchored_by_a_worker(worker):
    article = ArticleFactory()
    highlight = AnnotationFactory(article=article)
    client = APIClient()
    client.force_authenticate(EditorFactory())

    response = client.put(
        f"/api/v1/articles/{article.pk}/", {"text": INSERTED + ARTICLE_TEXT}, format="json"
    )

    assert response.status_code == 201, response.content
    revision = article.revisions.get(number=2)
    wait_until(lambda: placed(revision), what="the worker's re-anchoring")
    anchor = AnnotationAnchor.objects.get(annotation=highlight, revision=revision)
    assert anchor.status == "anchored"
    assert revision.text[anchor.start : anchor.end] == CLAIM


def test_the_task_delivered_twice_leaves_one_anchor_per_highlight(worker):
    article = ArticleFactory()
    highlights = [AnnotationFactory(article=article) for _ in range(3)]
    revision = ArticleRevision.objects.create(
        article=article, number=2, title=article.title, text=INSERTED + ARTICLE_TEXT
    )

    for _ in range(2):
        revision_reanchor_task.delay(revision.pk)

    wait_until(lambda: placed(revision), what="the worker's re-anchoring")
    wait_until(
        lambda: AnnotationAnchor.objects.filter(revision=revision).count() == len(highlights),
        what="one anchor per highlight",
    )
    assert set(AnnotationAnchor.objects.values_list("status", flat=True)) == {"anchored"}


def test_the_sweep_re_enqueues_a_revision_whose_task_was_lost(worker):
    article = ArticleFactory()
    AnnotationFactory(article=article)
    # Saved without its task, as if the broker had lost the message long ago.
    revision = ArticleRevision.objects.create(
        article=article,
        number=2,
        title=article.title,
        text=INSERTED + ARTICLE_TEXT,
        created=timezone.now() - datetime.timedelta(minutes=10),
    )

    assert unplaced_revisions_sweep() == [revision.pk]

    wait_until(lambda: placed(revision), what="the swept re-anchoring")
    assert AnnotationAnchor.objects.get(revision=revision).status == "anchored"

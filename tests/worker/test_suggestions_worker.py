"""Suggestions in real Celery worker processes through a real Redis: an article imported
through the API gets its suggestions from a worker, and the sweep finds a revision whose
message was lost."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.models import Article, ArticleRevision, Suggestion
from annotations.services.suggestions import unsuggested_revisions_sweep
from tests.factories import ARTICLE_TEXT, EditorFactory
from tests.worker.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def suggested(revision: ArticleRevision) -> bool:
    revision.refresh_from_db()
    return revision.suggested_at is not None


def test_an_article_imported_through_the_api_gets_suggestions_from_a_worker(worker):
    client = APIClient()
    client.force_authenticate(EditorFactory())

    response = client.post(
        "/api/v1/articles/", {"title": "Budget", "text": ARTICLE_TEXT}, format="json"
    )

    assert response.status_code == 201, response.content
    revision = ArticleRevision.objects.get(article_id=response.json()["id"])
    wait_until(lambda: suggested(revision), timeout=120, what="the worker's suggestions")
    for suggestion in Suggestion.objects.filter(revision=revision):
        assert revision.text[suggestion.start : suggestion.end] == suggestion.exact


def test_the_sweep_sends_a_revision_whose_suggestions_were_lost(worker):
    # Saved without its task, as if the broker had lost the message long ago.
    article = Article.objects.create(title="Budget", text=ARTICLE_TEXT)
    revision = ArticleRevision.objects.create(
        article=article,
        number=1,
        title="Budget",
        text=ARTICLE_TEXT,
        created=timezone.now() - datetime.timedelta(minutes=10),
    )

    assert revision.pk in unsuggested_revisions_sweep()

    wait_until(lambda: suggested(revision), timeout=120, what="the swept suggestions")

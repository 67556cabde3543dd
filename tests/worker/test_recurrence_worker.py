"""The recurrence scan in real Celery worker processes through a real Redis: an article
imported through the API is scanned by a worker, and the sweep finds a revision whose message
was lost."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.models import Article, ArticleRevision, SuggestedAppearance
from annotations.services.recurrence import unscanned_revisions_sweep
from tests.factories import EditorFactory
from tests.services.recurrence_scenario import (
    REPEATED_SENTENCE,
    REPEATING_TEXT,
    claim_checked_and_published,
)
from tests.worker.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def scanned(revision: ArticleRevision) -> bool:
    revision.refresh_from_db()
    return revision.claims_scanned_at is not None


def test_an_article_imported_through_the_api_is_scanned_by_a_worker(worker):
    editor = EditorFactory()
    checked = claim_checked_and_published(editor)
    client = APIClient()
    client.force_authenticate(editor)

    response = client.post(
        "/api/v1/articles/", {"title": "Jobs", "text": REPEATING_TEXT}, format="json"
    )

    assert response.status_code == 201, response.content
    revision = ArticleRevision.objects.get(article_id=response.json()["id"])
    wait_until(lambda: scanned(revision), timeout=120, what="the worker's claims scan")
    appearance = SuggestedAppearance.objects.get(revision=revision)
    assert (appearance.claim, appearance.status) == (checked.claim, "pending")
    assert revision.text[appearance.start : appearance.end] == REPEATED_SENTENCE


def test_the_sweep_sends_a_revision_whose_scan_was_lost(worker):
    editor = EditorFactory()
    checked = claim_checked_and_published(editor)
    # Saved without its task, as if the broker had lost the message long ago.
    article = Article.objects.create(title="Jobs", text=REPEATING_TEXT)
    revision = ArticleRevision.objects.create(
        article=article,
        number=1,
        title="Jobs",
        text=REPEATING_TEXT,
        created=timezone.now() - datetime.timedelta(minutes=10),
    )

    assert revision.pk in unscanned_revisions_sweep()

    wait_until(lambda: scanned(revision), timeout=120, what="the swept claims scan")
    assert SuggestedAppearance.objects.get(revision=revision).claim == checked.claim

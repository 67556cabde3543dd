"""Appearances to review on the pages: the article page's "Claims seen again" list, the queue's
list across articles and its mark on units, and the confirm / dismiss forms (POST, CSRF,
redirect back)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import ClaimLink, ClaimUnit, SuggestedAppearance
from annotations.services.recurrence import revision_claims_scan
from tests.factories import ReviewerFactory
from tests.pages import logged_in
from tests.services.recurrence_scenario import (
    REPEATED_SENTENCE,
    article_repeating,
    claim_checked_and_published,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def found(editor) -> SuggestedAppearance:
    claim_checked_and_published(editor)
    article = article_repeating(editor)
    revision_claims_scan(revision_id=article.revisions.get().pk)
    return SuggestedAppearance.objects.get()


def test_editors_see_the_repeated_claim_on_the_article_page(editor, found):
    page = logged_in(editor).get(f"/articles/{found.article_id}/").content.decode()

    assert 'id="suggested-appearances"' in page
    assert "This article repeats a claim we rated" in page
    assert f"<mark>{REPEATED_SENTENCE}</mark>" in page
    assert f'action="/review/appearances/{found.pk}/confirm/"' in page
    assert "csrfmiddlewaretoken" in page
    # The desk's own buttons: Confirm the primary one, beside Dismiss.
    assert '<button class="button button--primary button--small" type="submit">Confirm' in page


def test_reviewers_do_not_see_appearances_on_the_article_page(found):
    page = logged_in(ReviewerFactory()).get(f"/articles/{found.article_id}/").content.decode()

    assert "suggested-appearances" not in page
    assert "appearance-item" not in page


def test_confirming_from_the_article_page_redirects_back_with_a_message(editor, found):
    back = f"/articles/{found.article_id}/"

    answer = logged_in(editor).post(
        f"/review/appearances/{found.pk}/confirm/", {"next": back}, follow=True
    )

    assert answer.redirect_chain == [(back, 302)]
    assert "one of the claim&#x27;s appearances" in answer.content.decode()
    found.refresh_from_db()
    assert found.status == "confirmed"
    assert ClaimLink.objects.get(unit=found.unit).claim_id == found.claim_id
    assert "appearance-item" not in answer.content.decode()


def test_a_next_address_off_the_site_is_ignored(editor, found):
    answer = logged_in(editor).post(
        f"/review/appearances/{found.pk}/dismiss/", {"next": "https://evil.example/"}
    )

    assert answer["Location"] == f"/articles/{found.article_id}/"


def test_dismissing_twice_shows_the_refusal_and_changes_nothing(editor, found):
    client = logged_in(editor)
    client.post(f"/review/appearances/{found.pk}/dismiss/")

    answer = client.post(f"/review/appearances/{found.pk}/confirm/", follow=True)

    assert "already dismissed" in answer.content.decode()
    found.refresh_from_db()
    assert found.status == "dismissed"


def test_the_forms_need_the_csrf_token(editor, found):
    client = logged_in(editor, enforce_csrf_checks=True)

    assert client.post(f"/review/appearances/{found.pk}/confirm/").status_code == 403
    assert SuggestedAppearance.objects.get().status == "pending"


@pytest.mark.parametrize("action", ["confirm", "dismiss"])
def test_reviewers_may_not_post_the_forms(found, action):
    answer = logged_in(ReviewerFactory()).post(f"/review/appearances/{found.pk}/{action}/")

    assert answer.status_code == 403
    assert SuggestedAppearance.objects.get().status == "pending"


def test_a_get_is_not_a_decision(editor, found):
    assert logged_in(editor).get(f"/review/appearances/{found.pk}/confirm/").status_code == 405


def test_the_queue_lists_appearances_and_marks_the_units_they_overlap(editor, found):
    ClaimUnit.objects.create(
        article=found.article,
        revision=found.revision,
        kind="claim",
        start=found.start,
        end=found.end - 5,
    )

    page = logged_in(editor).get("/review/").content.decode()

    assert 'id="appearances-to-review"' in page
    assert REPEATED_SENTENCE[:40] in page
    assert page.count("Repeats a checked claim") == 1
    assert '<button class="button button--primary button--small" type="submit">Confirm' in page


def test_the_queues_queries_do_not_grow_with_appearances(editor, found):
    ClaimUnit.objects.create(
        article=found.article, revision=found.revision, kind="claim", start=0, end=4
    )
    client = logged_in(editor)
    with CaptureQueriesContext(connection) as one:
        client.get("/review/")
    for _ in range(3):
        article = article_repeating(editor)
        revision_claims_scan(revision_id=article.revisions.get().pk)
        ClaimUnit.objects.create(
            article=article, revision=article.revisions.get(), kind="claim", start=0, end=4
        )

    with CaptureQueriesContext(connection) as four:
        page = client.get("/review/").content.decode()

    assert page.count('data-appearance-id="') == 4
    assert len(four.captured_queries) <= len(one.captured_queries)

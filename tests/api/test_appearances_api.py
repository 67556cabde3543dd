"""/api/v1/appearances/: appearances to review (sentences restating a checked claim), and
editors confirming or dismissing them."""

from __future__ import annotations

import pytest

from annotations.models import ClaimLink, ExternalFactCheck, SuggestedAppearance
from annotations.services.recurrence import revision_claims_scan
from annotations.services.revisions import article_revise
from tests.conftest import client_for
from tests.factories import ReviewerFactory, UserFactory
from tests.services.recurrence_scenario import (
    REPEATED_SENTENCE,
    REPEATING_TEXT,
    article_repeating,
    claim_checked_and_published,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/appearances/"


@pytest.fixture
def found(editor):
    """A claim rated False and published, another fact-checker's review of it, and an article
    repeating it, scanned."""
    checked = claim_checked_and_published(editor)
    ExternalFactCheck.objects.create(
        publisher_name="Other Checks",
        url="https://checks.example.org/unemployment",
        claim_text=checked.claim.text,
        rating_text="Four Pinocchios",
        claim=checked.claim,
    )
    article = article_repeating(editor)
    revision_claims_scan(revision_id=article.revisions.get().pk)
    return SuggestedAppearance.objects.get()


def test_editors_list_pending_appearances_with_the_claims_checks(editor, found):
    answer = client_for(editor).get(URL, {"status": "pending", "article": found.article_id})

    assert answer.status_code == 200
    (row,) = answer.json()["results"]
    assert row | {"score": None} == {
        "id": found.pk,
        "article": found.article_id,
        "revision": found.revision_id,
        "claim": found.claim_id,
        "claim_text": found.claim.text,
        "start": found.start,
        "end": found.end,
        "sentence": REPEATED_SENTENCE,
        "score": None,
        "stage": found.stage,
        "status": "pending",
        "verdict": row["verdict"],
        "external": [
            {
                "publisher": "Other Checks",
                "rating": "Four Pinocchios",
                "url": "https://checks.example.org/unemployment",
            }
        ],
    }
    assert row["score"] == pytest.approx(found.score)
    assert (row["verdict"]["label"], row["verdict"]["label_name"]) == ("false", "False")
    assert row["verdict"]["url"].endswith(f"/verdicts/{found.claim.links.get().unit.verdict.pk}/")


def test_the_list_filters_by_status_and_article(editor, found):
    client = client_for(editor)

    assert client.get(URL, {"status": "dismissed"}).json()["results"] == []
    assert client.get(URL, {"article": found.article_id + 1000}).json()["results"] == []
    assert client.get(URL).json()["count"] == 1


@pytest.mark.parametrize(
    "params",
    [{"status": "maybe"}, {"article": "two"}, {"status": ""}, {"colour": "red"}, {"limit": "x"}],
)
def test_bad_query_parameters_are_a_400(editor, found, params):
    assert client_for(editor).get(URL, params).status_code == 400


@pytest.mark.parametrize("who", ["reviewer", "no_role", "anonymous"])
def test_only_editors_see_or_resolve_appearances(found, who):
    user = {"reviewer": ReviewerFactory, "no_role": UserFactory}.get(who, lambda: None)()
    client = client_for(user) if user is not None else client_for(None)

    assert client.get(URL).status_code in (401, 403)
    for action in ("confirm", "dismiss"):
        assert client.post(f"{URL}{found.pk}/{action}/").status_code in (401, 403)
    assert SuggestedAppearance.objects.get().status == "pending"


def test_confirming_links_the_sentence_to_the_claim(editor, found):
    answer = client_for(editor).post(f"{URL}{found.pk}/confirm/")

    assert answer.status_code == 200
    assert answer.json()["status"] == "confirmed"
    found.refresh_from_db()
    link = ClaimLink.objects.get(unit=found.unit)
    assert (link.claim_id, link.relation) == (found.claim_id, "same")


def test_dismissing_closes_it(editor, found):
    answer = client_for(editor).post(f"{URL}{found.pk}/dismiss/")

    assert (answer.status_code, answer.json()["status"]) == (200, "dismissed")
    assert client_for(editor).get(URL, {"status": "pending"}).json()["results"] == []


@pytest.mark.parametrize("second", ["confirm", "dismiss"])
def test_resolving_twice_is_a_409_with_its_code(editor, found, second):
    client = client_for(editor)
    client.post(f"{URL}{found.pk}/dismiss/")

    answer = client.post(f"{URL}{found.pk}/{second}/")

    assert answer.status_code == 409
    assert answer.json()["code"] == "appearance_resolved"


def test_confirming_one_found_on_a_superseded_revision_is_a_409(editor, found):
    article_revise(article=found.article, text=REPEATING_TEXT + "\n\nMore.", created_by=editor)

    answer = client_for(editor).post(f"{URL}{found.pk}/confirm/")

    assert (answer.status_code, answer.json()["code"]) == (409, "appearance_outdated")


@pytest.mark.parametrize("pk", ["999999", "abc", "99999999999999999999"])
def test_an_unknown_appearance_is_a_404(editor, pk):
    assert client_for(editor).post(f"{URL}{pk}/confirm/").status_code == 404


def test_the_lists_queries_do_not_grow_with_its_rows(editor, found, django_assert_max_num_queries):
    client = client_for(editor)
    with django_assert_max_num_queries(20) as one:
        client.get(URL)
    for _ in range(4):
        article = article_repeating(editor)
        revision_claims_scan(revision_id=article.revisions.get().pk)
    assert SuggestedAppearance.objects.count() == 5

    with django_assert_max_num_queries(len(one.captured_queries)):
        answer = client.get(URL)

    assert answer.json()["count"] == 5

"""Blind review on claims: a reviewer sees a claim's appearances and related units only on
articles she has submitted her review of (or whose verdict is published), and no unpublished
decision; the claim's page, its API and the claims list agree. Editors see everything."""

from __future__ import annotations

import pytest
from django.utils import timezone

from annotations.models import Claim, ClaimUnit, Review
from annotations.services.adjudication import VerdictInput, unit_decide
from annotations.services.claims import claim_create_from_unit, claim_link
from tests.factories import (
    UNEMPLOYMENT_CLAIM,
    unit_decided_and_published,
    unit_on_new_article,
    verdict,
)
from tests.pages import logged_in

pytestmark = pytest.mark.django_db


def submitted(unit: ClaimUnit, reviewer) -> None:
    Review.objects.create(
        article=unit.article,
        reviewer=reviewer,
        status=Review.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


@pytest.fixture
def desk(editor):
    """A claim published on one article, restated (same) on an article still under review,
    restated on a reviewed one, decided (unpublished) there, and related on another article
    still under review."""
    checked = unit_on_new_article(title="Published")
    unit_decided_and_published(checked, editor)
    claim = claim_create_from_unit(unit=checked, editor=editor)
    in_review = unit_on_new_article(title="Still in review")
    reviewed = unit_on_new_article(title="Reviewed")
    related = unit_on_new_article(title="Related in review")
    for unit, relation in ((in_review, "same"), (reviewed, "same"), (related, "related")):
        claim_link(unit=unit, claim=claim, relation=relation, editor=editor)
    reviewed.refresh_from_db()
    unit_decide(
        unit=reviewed,
        editor=editor,
        seen_version=reviewed.version,
        verdict=VerdictInput(label=verdict("false"), claim_reviewed="Unemployment doubled"),
    )
    return claim, checked, in_review, reviewed


def test_the_api_shows_a_reviewer_no_unit_of_an_article_she_is_still_reviewing(api_as, alice, desk):
    claim, checked, _, reviewed = desk
    submitted(reviewed, alice)

    detail = api_as(alice).get(f"/api/v1/claims/{claim.pk}/").json()

    assert [(a["article_title"], a["unit_status"]) for a in detail["appearances"]] == [
        ("Published", "published"),
        ("Reviewed", "not_published"),  # decided, but the decision is not published
    ]
    assert detail["related"] == []


def test_editors_see_every_unit_and_its_status(api_as, editor, desk):
    claim, *_ = desk

    detail = api_as(editor).get(f"/api/v1/claims/{claim.pk}/").json()

    assert [(a["article_title"], a["unit_status"]) for a in detail["appearances"]] == [
        ("Published", "published"),
        ("Still in review", "needs_review"),
        ("Reviewed", "decided"),
    ]
    assert [r["article_title"] for r in detail["related"]] == ["Related in review"]


def test_the_claim_page_hides_the_same_units_as_the_api(alice, desk):
    claim, _, _, reviewed = desk
    submitted(reviewed, alice)

    page = logged_in(alice).get(f"/claims/{claim.pk}/").content.decode()

    assert "Reviewed" in page and "Published" in page
    assert "Still in review" not in page
    assert "Related in review" not in page
    assert UNEMPLOYMENT_CLAIM in page  # the passages she may see


def test_the_claims_list_counts_only_the_appearances_a_reviewer_may_see(
    api_as, alice, editor, desk
):
    claim, *_ = desk

    mine = api_as(alice).get("/api/v1/claims/").json()["results"]
    editors = api_as(editor).get("/api/v1/claims/").json()["results"]

    assert [(c["id"], c["appearance_count"]) for c in mine] == [(claim.pk, 1)]
    assert [(c["id"], c["appearance_count"]) for c in editors] == [(claim.pk, 3)]


def test_the_claim_page_queries_do_not_grow_with_hidden_units(
    alice, editor, desk, django_assert_max_num_queries
):
    claim, *_ = desk
    client = logged_in(alice)
    client.get(f"/claims/{claim.pk}/")
    for _ in range(3):
        claim_link(unit=unit_on_new_article(), claim=claim, relation="same", editor=editor)

    with django_assert_max_num_queries(12):
        assert client.get(f"/claims/{claim.pk}/").status_code == 200
    assert Claim.objects.count() == 1

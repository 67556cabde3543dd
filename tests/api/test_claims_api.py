"""Claims under /api/v1/claims/, a unit's link under /api/v1/units/{id}/link/ and unlink/,
external fact-checks under /api/v1/fact-checks/, and the ClaimReview export's appearances."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from annotations.models import Claim, ClaimLink, ExternalFactCheck, Review
from annotations.services.claims import claim_create_from_unit, claim_link
from tests.factories import (
    UNEMPLOYMENT_CLAIM,
    ReviewFactory,
    unit_decided_and_published,
    unit_on_new_article,
)

pytestmark = pytest.mark.django_db

SUBMITTED, NOW = Review.Status.SUBMITTED, timezone.now()


@pytest.fixture
def claim(editor) -> Claim:
    return Claim.objects.create(text="Unemployment has doubled since 2020", created_by=editor)


def fact_check(claim: Claim | None = None, **fields: object) -> ExternalFactCheck:
    return ExternalFactCheck.objects.create(
        **{
            "publisher_name": "Check Desk",
            "publisher_url": "https://check.example",
            "url": "https://check.example/unemployment",
            "claim_text": "Unemployment doubled since 2020",
            "rating_text": "False",
            "rating_value": 1,
            "best_rating": 5,
            "worst_rating": 1,
            "date_published": datetime.date(2026, 11, 2),
            "appearances": ["https://social.example/post/1"],
            "claim": claim,
        }
        | fields
    )


def test_an_editor_links_a_unit_to_a_claim(api_as, editor, claim):
    unit = unit_on_new_article()

    response = api_as(editor).post(
        f"/api/v1/units/{unit.pk}/link/", {"claim": claim.pk, "relation": "same"}, format="json"
    )

    assert response.status_code == 200
    assert response.json() | {"linked_at": None} == {
        "unit": unit.pk,
        "version": 2,
        "claim": claim.pk,
        "relation": "same",
        "linked_by": editor.username,
        "linked_at": None,
        "claim_verdict": None,
    }


def test_a_unit_linked_as_the_same_claim_shows_the_claims_published_verdict(api_as, editor):
    checked = unit_on_new_article()
    published = unit_decided_and_published(checked, editor, claim_reviewed="Unemployment doubled")
    claim = claim_create_from_unit(unit=checked, editor=editor)
    repeat = unit_on_new_article()

    response = api_as(editor).post(
        f"/api/v1/units/{repeat.pk}/link/", {"claim": claim.pk, "relation": "same"}, format="json"
    )

    shown = response.json()["claim_verdict"]
    assert (shown["label"], shown["claim_reviewed"]) == ("false", "Unemployment doubled")
    assert shown["url"].endswith(f"/verdicts/{published.pk}/")


def test_an_editor_unlinks_a_unit(api_as, editor, claim):
    unit = unit_on_new_article()
    claim_link(unit=unit, claim=claim, relation="related", editor=editor)

    response = api_as(editor).post(f"/api/v1/units/{unit.pk}/unlink/", {}, format="json")

    assert response.status_code == 200
    assert (response.json()["claim"], response.json()["relation"]) == (None, None)
    assert not ClaimLink.objects.exists()


def test_a_reviewer_may_not_link(api_as, alice, claim):
    unit = unit_on_new_article()

    response = api_as(alice).post(
        f"/api/v1/units/{unit.pk}/link/", {"claim": claim.pk, "relation": "same"}, format="json"
    )

    assert response.status_code == 403
    assert not ClaimLink.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"claim": 999_999, "relation": "same"}, "claim"),
        ({"claim": "1", "relation": "same"}, "claim"),
        ({"relation": "same"}, "claim"),
        ({"claim": 1, "relation": "similar"}, "relation"),
    ],
)
def test_a_link_with_an_unknown_claim_or_relation_is_refused_by_field(
    api_as, editor, claim, body, field
):
    unit = unit_on_new_article()
    body = body | ({"claim": claim.pk} if body.get("claim") == 1 else {})

    response = api_as(editor).post(f"/api/v1/units/{unit.pk}/link/", body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not ClaimLink.objects.exists()


def test_a_stale_version_is_a_conflict(api_as, editor, claim):
    unit = unit_on_new_article()
    claim_link(unit=unit, claim=claim, relation="related", editor=editor)

    response = api_as(editor).post(
        f"/api/v1/units/{unit.pk}/link/",
        {"claim": claim.pk, "relation": "same", "version": 1},
        format="json",
    )

    assert response.status_code == 409
    assert ClaimLink.objects.get().relation == "related"


def test_the_claims_list_counts_appearances_for_desk_members_only(api_as, alice, editor, claim):
    same = unit_on_new_article()
    claim_link(unit=same, claim=claim, relation="same", editor=editor)
    claim_link(unit=unit_on_new_article(), claim=claim, relation="related", editor=editor)
    ReviewFactory(article=same.article, reviewer=alice, status=SUBMITTED, submitted_at=NOW)

    listed = api_as(alice).get("/api/v1/claims/")
    anonymous = api_as(None).get("/api/v1/claims/")

    assert listed.status_code == 200
    assert [(c["id"], c["appearance_count"]) for c in listed.json()["results"]] == [(claim.pk, 1)]
    assert anonymous.status_code in (401, 403)


def test_a_claim_shows_its_verdict_appearances_related_units_and_external_checks(
    api_as, alice, editor
):
    checked = unit_on_new_article(title="First", source_url="https://news.example/first")
    unit_decided_and_published(checked, editor, claim_reviewed="Unemployment doubled")
    claim = claim_create_from_unit(unit=checked, editor=editor)
    repeat = unit_on_new_article(title="Second", source_url="https://news.example/second")
    claim_link(unit=repeat, claim=claim, relation="same", editor=editor)
    related = unit_on_new_article(title="Third")
    claim_link(unit=related, claim=claim, relation="related", editor=editor)
    fact_check(claim)
    for reviewed in (repeat, related):  # blind review: she has submitted hers of both
        ReviewFactory(article=reviewed.article, reviewer=alice, status=SUBMITTED, submitted_at=NOW)

    detail = api_as(alice).get(f"/api/v1/claims/{claim.pk}/").json()

    assert detail["text"] == "Unemployment doubled"
    assert detail["language"] == "en"  # its article's (ArticleFactory's "en")
    assert detail["verdict"]["label"] == "false"
    assert detail["verdict"]["url"].endswith(f"/verdicts/{checked.verdict.pk}/")
    assert [(a["article_title"], a["passage"]) for a in detail["appearances"]] == [
        ("First", UNEMPLOYMENT_CLAIM),
        ("Second", UNEMPLOYMENT_CLAIM),
    ]
    assert [r["article_title"] for r in detail["related"]] == ["Third"]
    assert [(e["publisher_name"], e["rating_text"]) for e in detail["external"]] == [
        ("Check Desk", "False")
    ]


def test_a_claim_without_a_published_verdict_shows_none(api_as, alice, claim):
    assert api_as(alice).get(f"/api/v1/claims/{claim.pk}/").json()["verdict"] is None


def test_the_fact_checks_list_shows_imported_reviews_latest_first(api_as, alice):
    fact_check(url="https://check.example/old", date_published=datetime.date(2025, 1, 1))
    fact_check(url="https://check.example/new")

    response = api_as(alice).get("/api/v1/fact-checks/")

    assert response.status_code == 200
    assert [f["url"] for f in response.json()["results"]] == [
        "https://check.example/new",
        "https://check.example/old",
    ]
    assert api_as(None).get("/api/v1/fact-checks/").status_code in (401, 403)


def test_the_claimreview_export_lists_every_appearance_of_a_linked_claim(api_as, client, editor):
    checked = unit_on_new_article(source_url="https://news.example/first")
    published = unit_decided_and_published(checked, editor)
    claim = claim_create_from_unit(unit=checked, editor=editor)
    claim_link(
        unit=unit_on_new_article(source_url="https://news.example/second"),
        claim=claim,
        relation="same",
        editor=editor,
    )
    claim_link(
        unit=unit_on_new_article(source_url="https://news.example/related"),
        claim=claim,
        relation="related",
        editor=editor,
    )
    expected = ["https://news.example/first", "https://news.example/second"]

    feed = api_as(None).get("/api/v1/verdicts/claimreview/").json()["@graph"]
    page = client.get(f"/verdicts/{published.pk}/").content.decode()

    appearances = [review["itemReviewed"]["appearance"] for review in feed]
    assert [[work["url"] for work in works] for works in appearances] == [expected]
    assert "https://news.example/second" in page
    assert "https://news.example/related" not in page

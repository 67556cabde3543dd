"""GET /api/v1/claims/similar/ across languages: the text's language, given or told from the
text, and matches and reviews in another language marked `cross_language`."""

from __future__ import annotations

import pytest

from annotations.models import Claim, ExternalFactCheck
from tests.factories import claim_stored

pytestmark = pytest.mark.django_db

SLOGAN = "Vaccines contain 5G microchips that track people everywhere"


def similar(client, text: str, **params: object):
    return client.get("/api/v1/claims/similar/", {"text": text, **params})


@pytest.fixture
def english(editor) -> Claim:
    """An English claim with a French fact-checker's review of it."""
    claim = claim_stored(SLOGAN, editor)
    Claim.objects.filter(pk=claim.pk).update(language="en")
    ExternalFactCheck.objects.create(
        publisher_name="Les Vérificateurs",
        url="https://verif.example/5g",
        claim_text="Les vaccins contiennent des puces 5G",
        rating_text="Faux",
        language="fr",
        claim=claim,
    )
    return claim


def test_a_match_in_another_language_than_the_one_given_is_marked(api_as, alice, english):
    body = similar(api_as(alice), SLOGAN, language="fr").json()

    assert body["language"] == "fr"
    (best,) = body["results"]
    assert (best["claim"], best["language"], best["cross_language"]) == (english.pk, "en", True)
    assert best["external"][0] | {"url": ""} == {
        "publisher": "Les Vérificateurs",
        "url": "",
        "rating": "Faux",
        "language": "fr",
        "cross_language": False,
    }


def test_the_texts_language_is_told_from_it_when_not_given(api_as, alice, english):
    body = similar(api_as(alice), SLOGAN).json()

    assert body["language"] == "en"
    (best,) = body["results"]
    assert best["cross_language"] is False
    assert best["external"][0]["cross_language"] is True  # the French review


def test_a_short_text_in_no_clear_language_marks_nothing(api_as, alice, editor):
    claim_stored("5G microchips", editor)
    Claim.objects.filter(text="5G microchips").update(language="en")

    body = similar(api_as(alice), "5G microchips").json()

    assert body["language"] == ""
    assert [r["cross_language"] for r in body["results"]] == [False]


@pytest.mark.parametrize("language", ["not a language", "x" * 17, "fr_"])
def test_a_language_that_is_no_tag_is_a_400(api_as, alice, language):
    response = similar(api_as(alice), SLOGAN, language=language)

    assert response.status_code == 400
    assert list(response.json()) == ["language"]

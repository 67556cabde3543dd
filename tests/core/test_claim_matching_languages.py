"""Claim memory across languages (annotations.core.claims.matching): a match between a text
and a claim in different languages is marked, and what the English-trained embedding cannot
find is written down as a test."""

from __future__ import annotations

import pytest

from annotations.core.claims.matching import ClaimIndex, StoredClaim, claims_match
from annotations.core.languages import languages_differ

SLOGAN = "Vaccines contain 5G microchips that track people"


def index_of(*claims: StoredClaim) -> ClaimIndex:
    index = ClaimIndex.empty()
    index.add_stored(claims)
    return index


@pytest.mark.parametrize(
    ("query_language", "cross"),
    [("fr", True), ("en", False), ("en-GB", False), ("", False)],
)
def test_a_match_in_another_known_language_is_marked_cross_language(
    query_language: str, cross: bool
) -> None:
    # The same words in an English claim and quoted in a French article's sentence.
    index = index_of(StoredClaim(1, SLOGAN, language="en"))

    (match,) = claims_match(SLOGAN, index, language=query_language)

    assert (match.claim_id, match.language, match.cross_language) == (1, "en", cross)


def test_a_claim_of_unknown_language_is_never_cross_language() -> None:
    index = index_of(StoredClaim(1, SLOGAN))

    (match,) = claims_match(SLOGAN, index, language="fr")

    assert (match.language, match.cross_language) == ("", False)


STEEL = "The government doubled the tax on steel imports"


@pytest.mark.parametrize(
    ("translation", "language"),
    [
        ("Le gouvernement a doublé la taxe sur les importations d'acier", "fr"),
        ("El gobierno duplicó el impuesto a las importaciones de acero", "es"),
        ("ضاعفت الحكومة الضريبة على واردات الصلب", "ar"),
    ],
)
def test_a_translation_is_never_the_same_claim_and_the_embedding_does_not_find_it(
    translation: str, language: str
) -> None:
    """What the matcher cannot do: WordLlama's l2_supercat is trained on English, so a claim
    and its translation score far below the lower threshold on meaning (docs/claims.md). A
    multilingual model would make this test fail."""
    index = index_of(StoredClaim(1, STEEL, language="en"))

    matches = claims_match(translation, index, language=language)

    assert not any(m.same_claim or m.stage == "semantic" for m in matches)


def test_a_translation_sharing_cognates_is_possibly_related_and_marked() -> None:
    # "gouvernement", "taxe", "importations": the lexical stage's edit distance finds them.
    index = index_of(StoredClaim(1, STEEL, language="en"))

    (match,) = claims_match(
        "Le gouvernement a doublé la taxe sur les importations d'acier", index, language="fr"
    )

    assert (match.stage, match.same_claim, match.cross_language) == ("lexical", False, True)


@pytest.mark.parametrize(
    ("first", "second", "differ"),
    [
        ("fr", "en", True),
        ("fr-CA", "fr", False),
        ("FR", "fr_BE", False),
        ("", "fr", False),
        ("ar", "", False),
        ("pt-BR", "es", True),
    ],
)
def test_languages_differ_only_when_both_are_known_and_their_primary_tags_differ(
    first: str, second: str, differ: bool
) -> None:
    assert languages_differ(first, second) is differ

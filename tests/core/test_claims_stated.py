"""Which claims a passage states (core.claims.stated): the passage whole, a claim written word
for word inside it, and its quotations; the rule the suggestions, the recurrence scan and the
unit page share."""

from __future__ import annotations

from functools import cache

import pytest

from annotations.core.claims.matching import ClaimIndex, claims_match
from annotations.core.claims.stated import claims_stated, quotations

LIBRARIES = "The city has opened 14 new public libraries this year."
CLAIMS = [
    (1, LIBRARIES),
    (2, "Unemployment has doubled since 2020."),
    (3, "Crime fell."),
]
# Walk 19's finding 8, in other words: a sentence reporting the claim word for word, and a
# quotation restating it inside its attribution.
REPORTED = (
    "The culture secretary, Lena Marsh, repeated on Monday that the city has opened 14 new "
    "public libraries this year."
)
QUOTED = (
    "“We have opened 14 new public libraries this year and we will open more,” Marsh told the "
    "assembly."
)


@cache
def index() -> ClaimIndex:
    return ClaimIndex.build(CLAIMS)


def test_a_sentence_repeating_a_claim_word_for_word_is_the_same_claim() -> None:
    # Scored whole, the sentence is only "possibly related": the words around the claim count.
    assert not claims_match(REPORTED, index())[0].same_claim

    (match,) = claims_stated(REPORTED, index())

    assert (match.claim_id, match.score, match.stage, match.same_claim) == (1, 1.0, "exact", True)
    assert match.differences == ()


def test_a_sentence_whose_quotation_restates_a_claim_matches_as_the_quotation_does() -> None:
    quotation = "We have opened 14 new public libraries this year and we will open more,"
    alone = claims_match(quotation, index())[0]
    assert alone.same_claim
    assert not any(m.same_claim for m in claims_match(QUOTED, index()))

    (match,) = claims_stated(QUOTED, index())

    assert match == alone


def test_a_claim_with_another_figure_inside_a_sentence_is_still_only_related() -> None:
    sentence = (
        "The mayor said on Friday that the city has opened 15 new public libraries this year."
    )

    (match,) = claims_stated(sentence, index())

    assert not match.same_claim
    assert [(d.kind, d.old, d.new) for d in match.differences] == [("number", "14", "15")]


def test_a_claim_of_a_few_words_is_not_found_inside_a_longer_sentence() -> None:
    assert claims_stated("Crime fell.", index())[0].claim_id == 3  # alone it is exact
    sentence = "Crime fell, the police said, but burglaries in the north rose by a third."

    # Only the whole sentence's own score: no word-for-word "same claim".
    assert claims_stated(sentence, index()) == claims_match(sentence, index())


def test_a_discarded_claim_is_not_found_inside_a_sentence() -> None:
    claims = ClaimIndex.build([(1, LIBRARIES), (2, "Unemployment has doubled since 2020.")])
    claims.discard([1])

    assert claims_stated(REPORTED, claims) == []


def test_a_passage_that_states_nothing_checked_matches_nothing() -> None:
    assert claims_stated("A spokesperson said the figure would be checked.", index()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will open more libraries,” she said.", ["We will open more libraries,"]),
        ('"We will open more libraries," she said.', ["We will open more libraries,"]),
        (
            "«Nous ouvrirons trois bibliothèques», a-t-il dit.",
            ["Nous ouvrirons trois bibliothèques"],
        ),
        ("„Wir öffnen drei neue Bibliotheken“, sagte er.", ["Wir öffnen drei neue Bibliotheken"]),
        ("She said ‘we don’t open new libraries’ twice.", ["we don’t open new libraries"]),
        (
            "Riverside's mayor said 'we will open more libraries' today.",
            ["we will open more libraries"],
        ),
        ("“Not now,” he said.", []),  # fewer than four words: a chance hit, not a claim
        ("No quotation at all here.", []),
    ],
)
def test_quotations_are_read_between_paired_marks(text: str, expected: list[str]) -> None:
    assert quotations(text) == expected

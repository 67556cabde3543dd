"""The database's lexical stage (full-text indexes on PostgreSQL and SQLite: migration 0016) and
what claims store for the matcher: filled by the services, kept current on create, reword and
delete, and followed by the process's index without a rebuild."""

from __future__ import annotations

import numpy as np
import pytest

from annotations.core.claims.matching import ClaimIndex, claims_match
from annotations.core.claims.normalise import normalise, numbers_normalised
from annotations.core.facts import facts_extract, facts_from_json
from annotations.core.formats.claimreview_import import claimreviews_read
from annotations.models import Claim
from annotations.selectors import claim_matching
from annotations.selectors.claim_matching import claim_index, lexical_candidates
from annotations.services.claims import claim_create_from_unit, claim_reword
from annotations.services.fact_checks import fact_checks_store
from tests.factories import claim_stored, unit_on_new_article

pytestmark = pytest.mark.django_db

FARES = "Bus fares in Eastford have doubled since 2024."
OTHERS = [
    "Shelling killed 219 civilians in Aleppo on 13 November.",
    "Wind power supplied 31% of Portugal's electricity in 2022.",
    "The museum reopened its east wing after a renovation.",
    "Arsenal won the final against Ajax on 3 May.",
]


def near(text: str) -> list[int]:
    """The database's candidates for the words of `text` that some claim holds (the matcher
    asks for the rarest of them)."""
    return lexical_candidates(claim_index().rare_words(normalise(text)), 20)


def test_the_database_proposes_the_claim_the_in_memory_stage_finds(editor):
    claims = [claim_stored(text, editor) for text in [FARES, *OTHERS]]
    query = "Since 2024, bus fares in Eastford have doubled."
    in_memory = ClaimIndex.build((c.pk, c.text) for c in claims)
    best_in_memory = claims_match(query, in_memory, stages=("lexical",))[0].claim_id

    found = near(query)

    assert best_in_memory == claims[0].pk
    assert claims[0].pk in found  # the matcher ranks them: the database only looks words up
    assert claims[3].pk not in found  # a text sharing no word is no candidate


def test_the_lexical_index_follows_create_reword_and_delete(editor):
    unit = unit_on_new_article()
    claim = claim_create_from_unit(unit=unit, editor=editor, text=FARES)
    assert near(FARES) == [claim.pk]

    claim_reword(claim=claim, text="Tram tickets in Westbrook went up twice.", editor=editor)
    assert near("bus eastford doubled since 2024") == []
    assert near("tram tickets went up twice in westbrook") == [claim.pk]

    claim.links.all().delete()
    Claim.objects.filter(pk=claim.pk).delete()
    assert near("tram tickets went up twice in westbrook") == []


def test_the_services_store_what_the_matcher_needs(editor):
    claim = claim_create_from_unit(unit=unit_on_new_article(), editor=editor, text=FARES)
    claim.refresh_from_db()

    assert claim.normalised == normalise(FARES)
    assert facts_from_json(claim.facts) == facts_extract(numbers_normalised(FARES))
    vector = np.frombuffer(bytes(claim.embedding), dtype=np.float32)
    assert vector.shape == (256,) and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4


def test_a_reworded_claim_gets_its_new_stored_fields(editor):
    claim = claim_stored(FARES, editor)
    before = bytes(claim.embedding)

    claim_reword(claim=claim, text=OTHERS[0], editor=editor)
    claim.refresh_from_db()

    assert claim.normalised == normalise(OTHERS[0])
    assert bytes(claim.embedding) != before
    assert facts_from_json(claim.facts) == facts_extract(numbers_normalised(OTHERS[0]))


def test_an_import_stores_the_normal_form_and_embedding_and_leaves_facts_for_later(editor):
    report = claimreviews_read(
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://check.example/fares",
            "claimReviewed": FARES,
            "reviewRating": {"@type": "Rating", "alternateName": "Mostly false"},
        }
    )
    fact_checks_store(report=report, importer=editor)
    claim = Claim.objects.get()

    assert (claim.normalised, claim.facts) == (normalise(FARES), None)
    assert len(bytes(claim.embedding)) == 256 * 4
    assert near("bus fares in eastford doubled") == [claim.pk]


def test_the_process_index_follows_a_reword_and_a_delete_without_a_rebuild(editor):
    claim = claim_stored(FARES, editor)
    other = claim_stored(OTHERS[0], editor)
    index = claim_index()
    assert index.exact_ids(FARES) == [claim.pk]

    claim_reword(claim=claim, text=OTHERS[1], editor=editor)
    assert claim_index() is index
    assert index.exact_ids(FARES) == []
    assert index.exact_ids(OTHERS[1]) == [claim.pk]

    other.delete()
    assert claim_index() is index
    assert index.exact_ids(OTHERS[0]) == []
    assert len(index) == 1


def test_a_claim_written_without_the_services_is_still_matched_in_memory(editor):
    bare = Claim.objects.create(text=FARES, created_by=editor)  # no stored fields
    claim_matching._held = None

    assert claim_index().exact_ids(FARES) == [bare.pk]
    assert near(FARES) == []  # the database's index has no normal form to search


@pytest.mark.parametrize("text", ['fares "doubled" OR NOT', "a b", "***", "NEAR(bus fares)"])
def test_query_syntax_in_the_text_is_searched_as_words_not_run(editor, text):
    claim_stored(FARES, editor)

    assert isinstance(near(text), list)

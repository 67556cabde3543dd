"""GET /api/v1/claims/similar/: the desk's claims that may state a text, through the matcher
(core/claims) over the process's index of claims (selectors/claim_matching.py)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Claim, DeskSettings, ExternalFactCheck, Verdict
from annotations.selectors import claims_similar_many
from annotations.services.claims import claim_link, claim_reword
from tests.factories import (
    SourceFactory,
    UserFactory,
    claim_stored,
    unit_decided_and_published,
    unit_on_new_article,
)

pytestmark = pytest.mark.django_db

SHELLING = "Shelling killed 219 civilians in Aleppo on 13 November."
UNEMPLOYMENT = "Unemployment has doubled since 2020."


def similar(client, text: str, **params: object):
    return client.get("/api/v1/claims/similar/", {"text": text, **params})


@pytest.fixture
def checked(editor) -> Claim:
    """A claim the desk rated False (published), with another fact-checker's review of it."""
    claim = claim_stored(SHELLING, editor)
    unit = unit_on_new_article()
    published = unit_decided_and_published(unit, editor, claim_reviewed=SHELLING)
    published.sources.add(
        SourceFactory(url="https://monitor.example/aleppo", title="Monitor's daily count")
    )
    unit.refresh_from_db()
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    ExternalFactCheck.objects.create(
        publisher_name="Check Desk",
        url="https://check.example/aleppo",
        claim_text=SHELLING,
        rating_text="Accurate",
        date_published=datetime.date(2026, 11, 20),
        claim=claim,
    )
    return claim


def test_a_restated_claim_is_found_as_the_same_with_its_verdict_and_other_checks(
    api_as, alice, checked
):
    response = similar(api_as(alice), "On 13 November shelling killed 219 civilians in Aleppo.")

    assert response.status_code == 200
    best = response.json()["results"][0]
    assert (best["claim"], best["text"], best["same_claim"], best["differences"]) == (
        checked.pk,
        SHELLING,
        True,
        [],
    )
    assert best["stage"] in {"exact", "lexical", "semantic"}
    assert 0.75 <= best["score"] <= 1
    assert (best["verdict"]["label"], best["verdict"]["label_name"]) == ("false", "False")
    published = Verdict.objects.get(unit__claim_link__claim=checked)
    assert best["verdict"]["url"].endswith(f"/verdicts/{published.pk}/")
    assert best["verdict"]["published"] is not None
    assert best["verdict"]["sources"] == [
        {
            "url": "https://monitor.example/aleppo",
            "title": "Monitor's daily count",
            "publisher": "",
            "stance": "refutes",
        }
    ]
    assert best["external"] == [
        {
            "publisher": "Check Desk",
            "url": "https://check.example/aleppo",
            "rating": "Accurate",
            "language": "",
            "cross_language": False,
        }
    ]


def test_a_claim_with_another_figure_is_never_the_same_and_says_what_differs(
    api_as, alice, checked
):
    results = similar(api_as(alice), SHELLING.replace("219", "319")).json()["results"]

    assert [r["claim"] for r in results] == [checked.pk]
    assert results[0]["same_claim"] is False
    assert {"kind": "number", "old": "219", "new": "319"} in results[0]["differences"]


def test_an_unrelated_sentence_finds_nothing(api_as, alice, checked):
    results = similar(api_as(alice), "The library opens late on Sundays in winter.").json()

    assert results == {"language": "en", "results": []}


def test_a_verdict_not_yet_published_is_not_shown(api_as, alice, editor):
    claim = claim_stored(UNEMPLOYMENT, editor)
    claim_link(unit=unit_on_new_article(), claim=claim, relation="same", editor=editor)

    best = similar(api_as(alice), UNEMPLOYMENT).json()["results"][0]

    assert (best["claim"], best["stage"], best["verdict"], best["external"]) == (
        claim.pk,
        "exact",
        None,
        [],
    )


def test_the_index_follows_new_edited_and_deleted_claims(api_as, alice, editor, checked):
    client = api_as(alice)
    assert [r["claim"] for r in similar(client, UNEMPLOYMENT).json()["results"]] == []

    added = claim_stored(UNEMPLOYMENT, editor)
    assert [r["claim"] for r in similar(client, UNEMPLOYMENT).json()["results"]] == [added.pk]

    claim_reword(claim=added, text="Tram fares went up twice in one year.", editor=editor)
    added.refresh_from_db()
    assert similar(client, UNEMPLOYMENT).json()["results"] == []
    assert similar(client, added.text).json()["results"][0]["claim"] == added.pk

    added.delete()
    assert similar(client, added.text).json()["results"] == []


def test_the_queries_do_not_grow_with_the_claims_or_the_results(api_as, alice, editor, checked):
    client = api_as(alice)
    similar(client, SHELLING)  # the index is built
    with CaptureQueriesContext(connection) as one:
        assert len(similar(client, SHELLING, limit=20).json()["results"]) == 1

    for number in range(220, 230):
        claim = claim_stored(SHELLING.replace("219", str(number)), editor)
        ExternalFactCheck.objects.create(
            publisher_name="Check Desk",
            url=f"https://check.example/aleppo-{number}",
            claim_text=claim.text,
            claim=claim,
        )
        if number < 223:  # verdicts citing sources, read in one query for all of them
            unit = unit_on_new_article()
            cited = unit_decided_and_published(unit, editor, claim_reviewed=claim.text)
            cited.sources.add(SourceFactory(), SourceFactory(url=f"https://s.example/{number}"))
            unit.refresh_from_db()
            claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    similar(client, SHELLING, limit=20)  # the new claims join the index, their facts are read
    with CaptureQueriesContext(connection) as many:
        results = similar(client, SHELLING, limit=20).json()["results"]
    assert len(results) == 11
    assert sum(len(r["verdict"]["sources"]) for r in results if r["verdict"]) == 1 + 3 * 2

    assert len(many) == len(one)


def test_only_the_desk_may_ask(api_as, checked):
    assert similar(api_as(None), SHELLING).status_code in (401, 403)
    assert similar(api_as(UserFactory(username="nobody")), SHELLING).status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"text": ""},
        {"text": "x" * 2001},
        {"text": SHELLING, "limit": 0},
        {"text": SHELLING, "limit": 21},
        {"text": SHELLING, "limit": "five"},
        {"text": SHELLING, "q": "other"},
    ],
)
def test_a_bad_query_is_a_clear_400(api_as, alice, params):
    response = api_as(alice).get("/api/v1/claims/similar/", params)

    assert response.status_code == 400
    assert response.json()


def test_the_desks_same_claim_threshold_decides_same_claim(api_as, alice, checked):
    restated = "On 13 November, shelling in Aleppo killed 219 civilians, monitors said."
    score = similar(api_as(alice), restated).json()["results"][0]["score"]
    desk = DeskSettings.load()

    desk.match_same_threshold = min(1.0, score + 0.01)
    desk.save()
    raised = similar(api_as(alice), restated).json()["results"][0]
    desk.match_same_threshold = desk.match_related_threshold = score - 0.001
    desk.save()
    lowered = similar(api_as(alice), restated).json()["results"][0]

    assert (raised["claim"], raised["same_claim"]) == (checked.pk, False)
    assert (lowered["claim"], lowered["same_claim"]) == (checked.pk, True)


def test_the_desks_related_threshold_hides_weaker_matches(api_as, alice, checked):
    restated = "On 13 November, shelling in Aleppo killed 219 civilians, monitors said."
    score = similar(api_as(alice), restated).json()["results"][0]["score"]
    desk = DeskSettings.load()
    desk.match_same_threshold = desk.match_related_threshold = min(1.0, score + 0.01)
    desk.save()

    assert similar(api_as(alice), restated).json()["results"] == []


def test_many_sentences_cost_a_fixed_number_of_queries_plus_two_each(
    alice, editor, checked, django_assert_max_num_queries
):
    sentences = [SHELLING, "Shelling killed 319 civilians in Aleppo.", UNEMPLOYMENT] * 3
    claims_similar_many(alice, sentences)  # the index is built, the facts read once

    with django_assert_max_num_queries(4 + 2 * len(sentences)):
        found = claims_similar_many(alice, sentences)

    assert [[s.match.claim_id for s in one] for one in found[:3]] == [
        [checked.pk],
        [checked.pk],
        [],
    ]
    assert found[0][0].verdict is not None and found[0][0].match.same_claim
    assert not found[1][0].match.same_claim

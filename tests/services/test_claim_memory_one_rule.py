"""The suggestions' "Checked before", the review queue's "Claims that appear again" (the
recurrence scan) and the unit page's claim memory agree on which checked claim a passage
states: walk 19's finding 8, in other words. A sentence repeating a published claim word for
word, and a sentence whose quotation restates it, are the same claim in all three."""

from __future__ import annotations

import pytest

from annotations.models import Claim, ClaimUnit, SuggestedAppearance, Suggestion
from annotations.services import suggestions as service
from annotations.services.articles import article_create
from annotations.services.claims import claim_link
from annotations.services.recurrence import revision_claims_scan
from annotations.services.suggestions import revision_suggestions_compute
from tests.conftest import client_for
from tests.factories import claim_stored, unit_decided_and_published, unit_on_new_article
from tests.pages import logged_in
from tests.services.test_suggestions import fixed, suggested

pytestmark = pytest.mark.django_db

CHECKED = "The city has opened 14 new public libraries this year."
REPORTED = (
    "The culture secretary, Lena Marsh, repeated on Monday that the city has opened 14 new "
    "public libraries this year."
)
QUOTATION = "We have opened 14 new public libraries this year and we will open more,"
QUOTED = f"“{QUOTATION}” Marsh told the assembly."
OTHER = "A spokesperson said the figure would be checked."
TEXT = f"Culture secretary repeats library figure\n\n{REPORTED}\n\n{QUOTED}\n\n{OTHER}"


def claim_published_false(editor) -> Claim:
    """CHECKED, rated False and published on another article, its unit linked "same"."""
    unit = unit_on_new_article(title="Libraries")
    unit_decided_and_published(unit, editor, claim_reviewed=CHECKED)
    claim = claim_stored(CHECKED, editor)
    unit.refresh_from_db()
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    return claim


@pytest.fixture
def repeated(editor, monkeypatch):
    """The claim, and an article repeating it with its suggestions computed (as the walk's:
    a claim on each sentence and a quote on the quotation) and its sentences scanned."""
    claim = claim_published_false(editor)
    article = article_create(title="Libraries again", text=TEXT, imported_by=editor)
    revision = article.revisions.get()
    monkeypatch.setattr(
        service,
        "suggestions_compute",
        fixed(
            [
                suggested("claim", revision.text, REPORTED, 0.68),
                suggested("claim", revision.text, QUOTED, 0.62),
                suggested("quote", revision.text, QUOTATION, 0.95),
                suggested("claim", revision.text, OTHER, 0.70),
            ]
        ),
    )
    revision_suggestions_compute(revision_id=revision.pk)
    revision_claims_scan(revision_id=revision.pk)
    return claim, article


def test_the_suggestions_of_a_repeat_and_of_its_quotation_restate_the_checked_claim(
    editor, repeated
):
    claim, article = repeated

    found = {s.exact: s.matches for s in Suggestion.objects.filter(article=article)}

    for passage in (REPORTED, QUOTED, QUOTATION):
        assert [(m["claim"], m["relation"]) for m in found[passage]] == [(claim.pk, "same")]
    assert found[REPORTED][0]["score"] == 1.0
    assert found[OTHER] == []


def test_a_quote_suggestion_restating_a_published_claim_shows_its_verdict(editor, repeated):
    claim, article = repeated

    results = client_for(editor).get(f"/api/v1/articles/{article.pk}/suggestions/").json()

    (quote,) = [r for r in results["results"] if r["kind"] == "quote"]
    assert quote["matches"][0]["claim"] == claim.pk
    assert quote["matches"][0]["verdicts"] == [{"by": "desk", "label": "False", "url": None}]


def test_the_queue_lists_both_sentences_as_appearances_of_the_claim(editor, repeated):
    claim, article = repeated

    appearances = SuggestedAppearance.objects.filter(article=article)

    assert {(a.claim_id, a.sentence) for a in appearances} == {
        (claim.pk, REPORTED),
        (claim.pk, QUOTED),
    }
    html = logged_in(editor).get("/review/").content.decode()
    assert "Claims that appear again" in html
    assert "repeated on Monday that the city has opened" in html
    assert "Marsh told the assembly." in html


@pytest.mark.parametrize("passage", [REPORTED, QUOTATION, QUOTED])
def test_the_unit_page_offers_the_checked_claim_as_the_same_claim(editor, repeated, passage):
    claim, article = repeated
    revision = article.revisions.get()
    start = revision.text.index(passage)
    unit = ClaimUnit.objects.create(
        article=article,
        revision=revision,
        kind="quote" if passage == QUOTATION else "claim",
        start=start,
        end=start + len(passage),
    )

    html = logged_in(editor).get(f"/review/units/{unit.pk}/").content.decode()

    section = html[html.index('id="claim-memory"') :]
    assert f'data-claim-id="{claim.pk}"' in section
    assert "Same claim</span>" in section
    assert "Possibly related</span>" not in section

"""The article page's suggestions: what its embedded data carries, for whom, on which revision,
and in a number of queries that does not grow with the suggestions."""

from __future__ import annotations

import pytest
from django.utils import timezone

from annotations.models import Article, Claim, Suggestion
from annotations.services.claims import claim_link
from annotations.services.revisions import article_revise
from tests.factories import (
    ARTICLE_TEXT,
    AnnotationFactory,
    ArticleFactory,
    SuggestionFactory,
    unit_decided_and_published,
    unit_on_new_article,
)
from tests.pages import logged_in, page_data

pytestmark = pytest.mark.django_db

QUOTE = "We have never invested this much in schools,"
BUDGET = "The city council approved a budget of 12 million euros on Tuesday"


def suggested(article: Article) -> None:
    """The suggestions task has run on the article's latest revision."""
    article.revisions.order_by("-number").update(suggested_at=timezone.now())


def published_claim(editor) -> Claim:
    """A claim whose desk verdict "False" is published."""
    unit = unit_on_new_article()
    unit_decided_and_published(unit, editor)
    claim = Claim.objects.create(text="Unemployment doubled since 2020", created_by=editor)
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)
    return claim


def test_reviewer_page_carries_the_suggestions_in_the_api_shape(alice, article):
    quote = SuggestionFactory(
        article=article,
        kind=Suggestion.Kind.QUOTE,
        quote=QUOTE,
        speaker="Ana Ruiz",
        speaker_confidence=0.9,
        score=0.8,
        features=["attribution"],
    )
    claim = SuggestionFactory(article=article, quote=BUDGET, score=0.7, features=["number"])
    suggested(article)

    data = page_data(logged_in(alice).get(f"/articles/{article.pk}/"))["suggestions"]

    assert data["computed"] is True
    assert data["model"] == "rules"
    assert data["revision"] == 1
    # Text order, as the API gives them: the page ranks them itself.
    assert [result["id"] for result in data["results"]] == [claim.pk, quote.pk]
    shown = data["results"][1]
    assert shown["kind"] == "quote"
    assert shown["speaker"] == "Ana Ruiz"
    assert shown["features"] == ["attribution"]
    assert shown["target"]["exact"] == QUOTE
    assert ARTICLE_TEXT[shown["target"]["start"] : shown["target"]["end"]] == QUOTE


def test_the_key_hint_says_the_keys_follow_the_text_not_the_ranked_list(alice, article):
    # The list is ranked best first; `]` and `[` walk the underlines in reading order (walk 19,
    # finding 10): the hint says which, in the reader's language.
    html = logged_in(alice).get(f"/articles/{article.pk}/").content.decode()
    french = (
        logged_in(alice).get(f"/articles/{article.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    )

    assert "<kbd>]</kbd> next in the text · <kbd>[</kbd> previous" in html
    assert "<kbd>]</kbd> suivante dans le texte · <kbd>[</kbd> précédente" in french


def test_suggestions_not_computed_yet_say_so(alice, article):
    data = page_data(logged_in(alice).get(f"/articles/{article.pk}/"))["suggestions"]

    assert data["computed"] is False
    assert data["results"] == []


def test_a_suggestion_restating_a_published_claim_carries_its_desk_verdict(alice, editor):
    claim = published_claim(editor)
    article = ArticleFactory()
    SuggestionFactory(
        article=article, matches=[{"claim": claim.pk, "score": 0.93, "relation": "same"}]
    )
    suggested(article)

    data = page_data(logged_in(alice).get(f"/articles/{article.pk}/"))["suggestions"]

    [match] = data["results"][0]["matches"]
    assert match["claim_url"] == f"/claims/{claim.pk}/"
    assert match["verdicts"] == [{"by": "desk", "label": "False", "url": None}]


def test_editors_see_the_suggestions_but_cannot_annotate(editor, article):
    SuggestionFactory(article=article)
    suggested(article)

    data = page_data(logged_in(editor).get(f"/articles/{article.pk}/"))

    assert len(data["suggestions"]["results"]) == 1
    assert data["user"]["can_annotate"] is False


def test_an_earlier_revision_shows_no_suggestions(alice, editor, article):
    article_revise(article=article, text=ARTICLE_TEXT + "\n\nA new paragraph.", created_by=editor)
    SuggestionFactory(article=article)
    suggested(article)
    client = logged_in(alice)

    earlier = client.get(f"/articles/{article.pk}/?revision=1")
    latest = client.get(f"/articles/{article.pk}/")

    assert "suggestions" not in page_data(earlier)
    assert b'id="suggestions-switch"' not in earlier.content
    assert len(page_data(latest)["suggestions"]["results"]) == 1
    assert b'id="suggestions-switch"' in latest.content


def test_suggestions_are_not_highlights(alice, article):
    SuggestionFactory(article=article)
    AnnotationFactory(article=article, reviewer=alice)
    suggested(article)

    data = page_data(logged_in(alice).get(f"/articles/{article.pk}/"))

    assert len(data["annotations"]) == 1
    assert len(data["suggestions"]["results"]) == 1


def test_article_page_with_40_suggestions_uses_as_many_queries_as_with_2(
    alice, editor, django_assert_max_num_queries
):
    claim = published_claim(editor)
    small, large = ArticleFactory(), ArticleFactory(text=ARTICLE_TEXT + "\n\n" + "Word. " * 60)
    match = [{"claim": claim.pk, "score": 0.9, "relation": "same"}]
    for start in (0, 5):
        SuggestionFactory(article=small, quote=ARTICLE_TEXT[start : start + 4], matches=match)
    text = large.text
    for index in range(40):
        start = text.index("Word.", len(ARTICLE_TEXT)) + index * 6
        SuggestionFactory(article=large, quote=text[start : start + 5], start=start, matches=match)
    suggested(small)
    suggested(large)
    client = logged_in(alice)
    with django_assert_max_num_queries(25) as baseline:
        response = client.get(f"/articles/{small.pk}/")
    assert len(page_data(response)["suggestions"]["results"]) == 2
    assert baseline.captured_queries, "no queries captured: the measurement would be vacuous"

    with django_assert_max_num_queries(len(baseline.captured_queries)) as large_page:
        response = client.get(f"/articles/{large.pk}/")
    assert large_page.captured_queries

    results = page_data(response)["suggestions"]["results"]
    assert len(results) == 40
    assert all(result["matches"][0]["verdicts"] for result in results)

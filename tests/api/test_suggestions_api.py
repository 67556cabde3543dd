"""GET /api/v1/articles/{id}/suggestions/ (desk members, in text order, with the checks of the
claims they restate), and highlights that record the suggestion they started as."""

from __future__ import annotations

import pytest

from annotations.api.suggestion_serializers import (
    ArticleSuggestionsSerializer,
    SuggestionSerializer,
)
from annotations.models import Annotation, Suggestion
from annotations.services.articles import article_create
from tests.conftest import client_for
from tests.factories import ARTICLE_TEXT, ArticleFactory, UserFactory
from tests.services.recurrence_scenario import (
    REPEATED_SENTENCE,
    REPEATING_TEXT,
    claim_checked_and_published,
)

pytestmark = pytest.mark.django_db

CLAIM = "The city council approved a budget of 12 million euros on Tuesday"
QUOTE = "We have never invested this much in schools,"


def url(article) -> str:
    return f"/api/v1/articles/{article.pk}/suggestions/"


def stored(article, *spans: tuple[str, str]) -> list[Suggestion]:
    """Suggestions on the article's latest revision, as the task stores them, and the revision
    marked computed."""
    revision = article.revisions.order_by("-number").first()
    rows = []
    for kind, part in spans:
        start = revision.text.index(part)
        rows.append(
            Suggestion.objects.create(
                article=article,
                revision=revision,
                kind=kind,
                start=start,
                end=start + len(part),
                exact=part,
                prefix=revision.text[max(0, start - 32) : start],
                suffix=revision.text[start + len(part) : start + len(part) + 32],
                score=0.75,
                features=["number"] if kind == "claim" else [],
                speaker="Ana Ruiz" if kind == "quote" else "",
                speaker_confidence=0.9 if kind == "quote" else None,
                model="rules",
            )
        )
    revision.suggested_at = revision.created
    revision.save(update_fields=["suggested_at"])
    return rows


def test_a_reviewer_reads_the_suggestions_in_text_order(alice, article):
    stored(article, ("quote", QUOTE), ("claim", CLAIM))

    answer = client_for(alice).get(url(article))

    assert answer.status_code == 200
    document = answer.json()
    assert (document["model"], document["computed"], document["revision"]) == ("rules", True, 1)
    claim, quote = document["results"]
    assert claim["kind"] == "claim"
    assert claim["target"]["exact"] == CLAIM
    assert ARTICLE_TEXT[claim["target"]["start"] : claim["target"]["end"]] == CLAIM
    assert claim["target"]["suffix"] == ARTICLE_TEXT[claim["target"]["end"] :][:32]
    assert (claim["speaker"], claim["features"], claim["matches"]) == (None, ["number"], [])
    assert (quote["kind"], quote["speaker"], quote["score"]) == ("quote", "Ana Ruiz", 0.75)
    assert (quote["speaker_sure"], claim["speaker_sure"]) == (True, False)


def test_a_speaker_given_below_the_sure_confidence_is_a_name_to_check(alice, article):
    (quote,) = stored(article, ("quote", QUOTE))
    quote.speaker_confidence = 0.42
    quote.save()

    (row,) = client_for(alice).get(url(article)).json()["results"]

    assert (row["speaker"], row["speaker_confidence"], row["speaker_sure"]) == (
        "Ana Ruiz",
        0.42,
        False,
    )


def test_the_document_has_exactly_the_schemas_fields(alice, article):
    stored(article, ("quote", QUOTE))

    document = client_for(alice).get(url(article)).json()

    assert set(document) == set(ArticleSuggestionsSerializer().fields)
    assert set(document["results"][0]) == set(SuggestionSerializer().fields)


def test_an_article_not_computed_yet_says_so(alice, article):
    document = client_for(alice).get(url(article)).json()

    assert (document["computed"], document["results"]) == (False, [])


def test_a_suggestion_restating_a_published_verdict_shows_it(editor, alice):
    checked = claim_checked_and_published(editor)
    article = article_create(title="Jobs", text=REPEATING_TEXT, imported_by=editor)
    (suggestion,) = stored(article, ("claim", REPEATED_SENTENCE))
    suggestion.matches = [{"claim": checked.claim.pk, "score": 0.97, "relation": "same"}]
    suggestion.save()

    (row,) = client_for(alice).get(url(article)).json()["results"]

    (match,) = row["matches"]
    assert (match["claim"], match["relation"]) == (checked.claim.pk, "same")
    assert match["verdicts"][0]["by"] == "desk"


def test_someone_outside_the_desk_is_refused(article):
    stored(article, ("claim", CLAIM))

    assert client_for(UserFactory()).get(url(article)).status_code == 403
    assert client_for(None).get(url(article)).status_code in (401, 403)


def test_an_article_that_does_not_exist_is_a_404(alice):
    assert client_for(alice).get("/api/v1/articles/987654/suggestions/").status_code == 404


def test_a_real_import_is_served_after_the_task(editor, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Budget", text=ARTICLE_TEXT, imported_by=editor)

    document = client_for(alice).get(url(article)).json()

    assert document["computed"] is True
    starts = [row["target"]["start"] for row in document["results"]]
    assert starts == sorted(starts)
    for row in document["results"]:
        target = row["target"]
        assert article.text[target["start"] : target["end"]] == target["exact"]
        assert 0 <= row["score"] <= 1


# --- Highlights that started as a suggestion ---------------------------------------------------


def highlight(article, suggestion_id) -> dict[str, object]:
    start = article.text.index(CLAIM)
    return {
        "article": article.pk,
        "target": {"exact": CLAIM, "start": start, "end": start + len(CLAIM)},
        "verdict": "false",
        "suggestion": suggestion_id,
    }


def test_a_highlight_records_the_suggestion_it_started_as(alice, article):
    (suggestion,) = stored(article, ("claim", CLAIM))

    answer = client_for(alice).post(
        "/api/v1/annotations/", highlight(article, suggestion.pk), format="json"
    )

    assert answer.status_code == 201, answer.content
    assert Annotation.objects.get(pk=answer.json()["id"]).suggestion == suggestion


def test_a_highlight_without_a_suggestion_records_none(alice, article):
    answer = client_for(alice).post("/api/v1/annotations/", highlight(article, None), format="json")

    assert answer.status_code == 201, answer.content
    assert Annotation.objects.get(pk=answer.json()["id"]).suggestion is None


def test_another_articles_suggestion_is_a_field_error(alice, article):
    other = ArticleFactory()
    (theirs,) = stored(other, ("claim", CLAIM))

    answer = client_for(alice).post(
        "/api/v1/annotations/", highlight(article, theirs.pk), format="json"
    )

    assert answer.status_code == 400
    assert "suggestion" in answer.content.decode()
    assert not Annotation.objects.exists()


@pytest.mark.parametrize("bad", [987654, "1", 0, True])
def test_a_suggestion_id_that_is_not_one_is_a_field_error(alice, article, bad):
    stored(article, ("claim", CLAIM))

    answer = client_for(alice).post("/api/v1/annotations/", highlight(article, bad), format="json")

    assert answer.status_code == 400
    assert "suggestion" in answer.content.decode()


@pytest.mark.parametrize(
    ("stored_match", "shown"),
    [
        ({"language": "fr", "cross_language": True}, ("fr", True)),
        ({}, ("", False)),  # stored before matches had languages
    ],
)
def test_a_matchs_language_and_cross_language_mark_are_served(editor, alice, stored_match, shown):
    checked = claim_checked_and_published(editor)
    article = article_create(title="Jobs", text=REPEATING_TEXT, imported_by=editor)
    (suggestion,) = stored(article, ("claim", REPEATED_SENTENCE))
    suggestion.matches = [
        {"claim": checked.claim.pk, "score": 0.97, "relation": "same"} | stored_match
    ]
    suggestion.save()

    (row,) = client_for(alice).get(url(article)).json()["results"]

    (match,) = row["matches"]
    assert (match["language"], match["cross_language"]) == shown

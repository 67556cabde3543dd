"""Suggestions stored for a revision by the task: once, in text order, with their context and
the checked claims they restate; after the commit of an import or a new revision; never failing
an import, whatever the text."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from annotations.core.suggestions.suggest import Suggested
from annotations.models import ArticleRevision, Claim, Suggestion, SuggestionModelRun
from annotations.services import suggestions as service
from annotations.services.articles import article_create
from annotations.services.revisions import article_revise
from annotations.services.suggestions import (
    revision_suggestions_compute,
    unsuggested_revisions_sweep,
)
from tests.factories import ArticleFactory
from tests.services.recurrence_scenario import (
    REPEATED_SENTENCE,
    REPEATING_TEXT,
    claim_checked_and_published,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "Budget vote\n\n"
    "The council approved a budget of 12 million euros on Tuesday. "
    '"We have never invested this much," said the mayor, Ana Ruiz. '
    "Nobody knows what comes next."
)
QUOTE = "We have never invested this much,"
CLAIM = "The council approved a budget of 12 million euros on Tuesday."


def fixed(found: list[Suggested]):
    """A stand-in for the core returning `found` whatever the text."""
    return lambda text, *, language, model: list(found)


def suggested(kind: str, text: str, part: str, score: float = 0.9) -> Suggested:
    start = text.index(part)
    return Suggested(kind, start, start + len(part), part, score, ("number",))


def test_a_revisions_suggestions_are_stored_with_their_context_and_marked_done(monkeypatch):
    article = ArticleFactory(text=TEXT)
    revision = article.revisions.get()
    monkeypatch.setattr(
        service,
        "suggestions_compute",
        fixed([suggested("claim", TEXT, CLAIM), suggested("quote", TEXT, QUOTE, 0.8)]),
    )

    assert revision_suggestions_compute(revision_id=revision.pk) == 2

    claim, quote = Suggestion.objects.order_by("start")
    assert (claim.kind, claim.exact, claim.model) == ("claim", CLAIM, "rules")
    assert claim.article == article
    assert claim.prefix == TEXT[max(0, claim.start - 32) : claim.start]
    assert claim.suffix == TEXT[claim.end : claim.end + 32]
    assert len(quote.prefix) == 32
    assert (quote.kind, quote.exact, quote.score) == ("quote", QUOTE, 0.8)
    revision.refresh_from_db()
    assert revision.suggested_at is not None


def test_computing_a_revision_twice_stores_nothing_more():
    article = ArticleFactory(text=TEXT)
    revision = article.revisions.get()
    first = revision_suggestions_compute(revision_id=revision.pk)
    count = Suggestion.objects.count()

    assert revision_suggestions_compute(revision_id=revision.pk) == 0
    assert Suggestion.objects.count() == count == first


def test_a_second_delivery_that_lost_the_race_stores_nothing(monkeypatch):
    """Both runs read suggested_at empty; the other one commits while this one computes: the
    conditional update finds the revision taken and this run stores nothing."""
    article = ArticleFactory(text=TEXT)
    revision = article.revisions.get()
    monkeypatch.setattr(service, "suggestions_compute", fixed([suggested("claim", TEXT, CLAIM)]))
    real_rows = service._rows

    def rows_while_the_other_run_commits(revision, found, model):
        ArticleRevision.objects.filter(pk=revision.pk).update(suggested_at=timezone.now())
        return real_rows(revision, found, model)

    monkeypatch.setattr(service, "_rows", rows_while_the_other_run_commits)

    assert revision_suggestions_compute(revision_id=revision.pk) == 0
    assert not Suggestion.objects.exists()


def test_suggestions_come_in_text_order_whatever_order_the_core_gives(monkeypatch):
    article = ArticleFactory(text=TEXT)
    monkeypatch.setattr(
        service,
        "suggestions_compute",
        fixed([suggested("quote", TEXT, QUOTE), suggested("claim", TEXT, CLAIM)]),
    )
    revision_suggestions_compute(revision_id=article.revisions.get().pk)

    from annotations.selectors.suggestions import article_suggestions
    from tests.factories import ReviewerFactory

    found = article_suggestions(ReviewerFactory(), article)
    assert [s.exact for s in found.suggestions] == [CLAIM, QUOTE]


def test_a_core_that_fails_stores_nothing_but_marks_the_revision_done(monkeypatch, caplog):
    article = ArticleFactory(text=TEXT)
    revision = article.revisions.get()

    def broken(text, *, language, model):
        raise RuntimeError("a bug in the core")

    monkeypatch.setattr(service, "suggestions_compute", broken)

    assert revision_suggestions_compute(revision_id=revision.pk) == 0
    revision.refresh_from_db()
    assert revision.suggested_at is not None  # the sweep does not send it again and again
    assert "Suggestions failed" in caplog.text


def test_spans_the_database_would_refuse_are_dropped_not_the_revision(monkeypatch):
    article = ArticleFactory(text=TEXT)
    bad = [
        Suggested("claim", 5, 5, "", 0.9, ()),
        Suggested("claim", 10, len(TEXT) + 40, "x", 0.9, ()),
        Suggested("quote", 0, 6, "Budget", 1.7, ()),  # a score out of range is clamped
    ]
    monkeypatch.setattr(service, "suggestions_compute", fixed(bad))

    assert revision_suggestions_compute(revision_id=article.revisions.get().pk) == 1
    assert Suggestion.objects.get().score == 1.0


def test_a_superseded_revision_is_marked_done_without_suggestions(editor):
    article = ArticleFactory(text=TEXT)
    first = article.revisions.get()
    article_revise(article=article, text=TEXT + " A new sentence of 2025.", created_by=editor)

    assert revision_suggestions_compute(revision_id=first.pk) == 0
    first.refresh_from_db()
    assert first.suggested_at is not None
    assert not Suggestion.objects.filter(revision=first).exists()


def test_a_deleted_revision_is_nothing_to_do():
    assert revision_suggestions_compute(revision_id=987_654) == 0


def test_a_suggested_claim_restating_a_published_verdict_names_the_claim(editor, monkeypatch):
    checked = claim_checked_and_published(editor)
    article = article_create(title="Jobs", text=REPEATING_TEXT, imported_by=editor)
    monkeypatch.setattr(
        service,
        "suggestions_compute",
        fixed(
            [
                suggested("claim", REPEATING_TEXT, REPEATED_SENTENCE),
                suggested("claim", REPEATING_TEXT, "The government disputes the figure."),
            ]
        ),
    )

    revision_suggestions_compute(revision_id=article.revisions.get().pk)

    repeated, other = Suggestion.objects.order_by("start")
    assert [m["claim"] for m in repeated.matches] == [checked.claim.pk]
    assert repeated.matches[0]["relation"] == "same"
    assert 0 < repeated.matches[0]["score"] <= 1
    assert other.matches == []


def test_a_claim_without_a_published_verdict_is_not_a_match(editor, monkeypatch):
    claim_checked_and_published(editor, publish=False)
    article = article_create(title="Jobs", text=REPEATING_TEXT, imported_by=editor)
    monkeypatch.setattr(
        service,
        "suggestions_compute",
        fixed([suggested("claim", REPEATING_TEXT, REPEATED_SENTENCE)]),
    )

    revision_suggestions_compute(revision_id=article.revisions.get().pk)

    assert Suggestion.objects.get().matches == []


def test_the_desks_model_in_use_scores_new_revisions_and_names_them(monkeypatch):
    SuggestionModelRun.objects.create(
        name="desk-model-2025-01-01",
        weights={"weights": {"number": 4.0}, "intercept": -2.0},
        is_used=True,
    )
    SuggestionModelRun.objects.create(name="desk-model-2025-01-02", is_used=False)
    seen = []

    def spy(text, *, language, model):
        seen.append(model)
        return [suggested("claim", TEXT, CLAIM)]

    monkeypatch.setattr(service, "suggestions_compute", spy)
    article = ArticleFactory(text=TEXT)
    revision_suggestions_compute(revision_id=article.revisions.get().pk)

    assert seen[0].name == "desk-model-2025-01-01"
    assert seen[0].weights == {"number": 4.0}
    assert seen[0].intercept == -2.0
    assert Suggestion.objects.get().model == "desk-model-2025-01-01"


def test_without_a_used_model_the_rules_score():
    SuggestionModelRun.objects.create(name="desk-model-2025-01-02", is_used=False)
    article = ArticleFactory(text=TEXT)
    revision_suggestions_compute(revision_id=article.revisions.get().pk)

    assert set(Suggestion.objects.values_list("model", flat=True)) <= {"rules"}


def test_importing_an_article_computes_its_suggestions_after_the_commit(
    editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = article_create(title="Budget", text=TEXT, imported_by=editor)
    revision = article.revisions.get()
    assert revision.suggested_at is None  # nothing ran before the commit

    for callback in callbacks:
        callback()

    revision.refresh_from_db()
    assert revision.suggested_at is not None


def test_a_new_revision_gets_its_suggestions_after_the_commit(
    editor, django_capture_on_commit_callbacks
):
    article = article_create(title="Budget", text=TEXT, imported_by=editor)

    with django_capture_on_commit_callbacks(execute=True):
        revision, _ = article_revise(
            article=article, text=TEXT + " Turnout was 54%.", created_by=editor
        )

    revision.refresh_from_db()
    assert revision.suggested_at is not None


def test_the_sweep_sends_revisions_whose_suggestions_were_lost():
    article = ArticleFactory(text=TEXT)  # outside a commit: no task was sent
    ArticleRevision.objects.update(created=timezone.now() - datetime.timedelta(minutes=5))
    revision = article.revisions.get()

    assert unsuggested_revisions_sweep() == [revision.pk]
    revision.refresh_from_db()
    assert revision.suggested_at is not None
    assert unsuggested_revisions_sweep() == []


BAD_TEXTS = {
    "no sentence end": "the council approved 12 million euros and nobody said why " * 40,
    "unbalanced quotes": 'He said "we will win by 40% and then « nothing " more. ' * 30,
    "quotes across paragraphs": '"The first part of 2024\n\nand the second part," she said.',
    "right to left": "قال الوزير إن البطالة ارتفعت بنسبة 12% في عام 2024. «لن نتراجع» قال.",
    "mixed scripts": "Министр сказал 12%. 部长说增长了 5%。 The minister said 3% more.",
}


@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_bad_input_imports_and_degrades_to_fewer_suggestions(
    editor, text, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Bad", text=text, imported_by=editor)

    revision = article.revisions.get()
    revision.refresh_from_db()
    assert revision.suggested_at is not None
    for s in Suggestion.objects.filter(revision=revision):
        assert revision.text[s.start : s.end] == s.exact
        assert 0 <= s.score <= 1


def test_a_200000_character_article_imports_and_gets_its_suggestions(
    editor, django_capture_on_commit_callbacks
):
    paragraph = (
        "The council approved a budget of 12 million euros on Tuesday, up 4% on last year. "
        '"We have never invested this much," said the mayor, Ana Ruiz. '
        "Some residents think it is too much.\n\n"
    )
    text = (paragraph * (200_000 // len(paragraph) + 1))[:200_000]

    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Long", text=text, imported_by=editor)

    revision = article.revisions.get()
    revision.refresh_from_db()
    assert len(revision.text) > 190_000
    assert revision.suggested_at is not None
    assert Suggestion.objects.filter(revision=revision).exists()


@pytest.mark.parametrize(("article_language", "cross"), [("fr", True), ("en-GB", False)])
def test_a_match_says_its_claims_language_and_whether_it_is_another_than_the_articles(
    editor, monkeypatch, article_language, cross
):
    checked = claim_checked_and_published(editor)
    Claim.objects.filter(pk=checked.claim.pk).update(language="en")
    article = article_create(
        title="Jobs", text=REPEATING_TEXT, imported_by=editor, language=article_language
    )
    monkeypatch.setattr(
        service,
        "suggestions_compute",
        fixed([suggested("claim", REPEATING_TEXT, REPEATED_SENTENCE)]),
    )

    revision_suggestions_compute(revision_id=article.revisions.get().pk)

    (match,) = Suggestion.objects.get().matches
    assert (match["claim"], match["language"], match["cross_language"]) == (
        checked.claim.pk,
        "en",
        cross,
    )

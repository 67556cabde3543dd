"""The agreement dashboard's Suggestions card (editors): acceptance per kind, accepted
suggestions that became published verdicts, the latest training run, and "Train now"."""

from __future__ import annotations

import pytest
from django.utils import timezone

from annotations.models import ArticleRevision, Review, Suggestion, SuggestionModelRun
from annotations.selectors.suggestions import suggestion_figures
from tests.factories import AnnotationFactory, ArticleFactory, ReviewerFactory
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."


def suggested(
    article, part: str, kind: str = "claim", revision: ArticleRevision | None = None
) -> Suggestion:
    revision = revision or article.revisions.get()
    start = revision.text.index(part)
    return Suggestion.objects.create(
        article=article,
        revision=revision,
        kind=kind,
        start=start,
        end=start + len(part),
        exact=part,
        score=0.8,
        speaker="Ana Ruiz" if kind == "quote" else "",
        model="rules",
    )


def reviewed_article(*, accept: bool) -> Suggestion:
    """An article with two suggestions and a submitted review; the claim accepted if asked."""
    article = ArticleFactory()
    claim = suggested(article, CLAIM)
    suggested(article, "We have never invested this much in schools,", "quote")
    reviewer = ReviewerFactory()
    AnnotationFactory(article=article, reviewer=reviewer, suggestion=claim if accept else None)
    Review.objects.filter(article=article).update(
        status=Review.Status.SUBMITTED, submitted_at=timezone.now()
    )
    return claim


def test_the_card_counts_shown_and_accepted_suggestions_by_kind(editor):
    reviewed_article(accept=True)
    reviewed_article(accept=False)
    unreviewed = ArticleFactory()
    suggested(unreviewed, CLAIM)  # no submitted review: not counted

    figures = suggestion_figures(editor)

    assert (figures.by_kind["claim"].shown, figures.by_kind["claim"].accepted) == (2, 1)
    assert (figures.by_kind["quote"].shown, figures.by_kind["quote"].accepted) == (2, 0)
    assert figures.total.acceptance_rate == 0.25
    assert figures.by_kind["claim"].published == 0


def test_the_card_counts_the_suggestions_of_each_article_latest_revision_only(editor):
    claim = reviewed_article(accept=True)
    article = claim.article
    first = article.revisions.get()
    second = ArticleRevision.objects.create(
        article=article, number=2, title=first.title, text=first.text + " Another sentence."
    )
    suggested(article, CLAIM, revision=second)

    figures = suggestion_figures(editor)

    # Revision 1's claim (accepted) and quote are no longer what the page offers.
    assert (figures.by_kind["claim"].shown, figures.by_kind["claim"].accepted) == (1, 0)
    assert figures.by_kind["quote"].shown == 0


def test_the_card_heads_its_count_column_suggested(editor):
    reviewed_article(accept=True)

    html = logged_in(editor).get("/agreement/").content.decode()

    table = html[html.index("data-suggestion-figures") :]
    assert '<th scope="col">Suggested</th>' in table
    assert '<th scope="col">Shown</th>' not in table


@pytest.mark.parametrize("articles", [1, 6])
def test_the_figures_take_a_constant_number_of_queries(
    editor, articles, django_assert_max_num_queries
):
    for _ in range(articles):
        reviewed_article(accept=True)

    # The editor's roles (the permission check), the figures, the latest run.
    with django_assert_max_num_queries(3):
        suggestion_figures(editor)


def test_editors_see_the_card_with_the_latest_training_run(editor):
    reviewed_article(accept=True)
    SuggestionModelRun.objects.create(
        name="desk-model-2025-03-01",
        articles=8,
        sentences=96,
        positives=32,
        figures={
            "rules": {"recall_top": 0.25, "precision_at_k": 0.3, "articles": 4, "positives": 16},
            "model": {"recall_top": 0.75, "precision_at_k": 0.4, "articles": 4, "positives": 16},
        },
        is_used=True,
    )

    html = logged_in(editor).get("/agreement/").content.decode()

    assert "Suggestions" in html
    assert "desk-model-2025-03-01" in html
    assert "The desk model beat the rules" in html
    figures = html[html.index("data-training-figures") :]
    assert "0.25" in figures and "0.75" in figures
    assert "50%" in html  # the claim's acceptance rate: 1 of 2


def test_a_run_that_was_not_used_shows_why(editor):
    report = "The model did not beat the rules on the held-out articles. The rules stay in use."
    SuggestionModelRun.objects.create(name="desk-model-2025-03-01", report=report)

    html = logged_in(editor).get("/agreement/").content.decode()

    assert "The rules score new articles." in html
    assert report in html


def test_a_run_with_too_little_data_shows_its_report_only(editor):
    report = f"{SuggestionModelRun.TOO_LITTLE_DATA}: 2 articles with submitted highlights."
    SuggestionModelRun.objects.create(name="desk-model-2025-03-01", report=report)

    html = logged_in(editor).get("/agreement/").content.decode()

    assert report in html
    assert "data-training-status" not in html
    assert "The rules score new articles." not in html
    assert "The desk model beat the rules" not in html


def test_train_now_queues_a_training_run_and_redirects(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(editor).post("/agreement/suggestions/train/")

    assert response.status_code == 302
    assert response["Location"] == "/agreement/#suggestions"
    assert SuggestionModelRun.objects.count() == 1


def test_train_now_is_a_secondary_button_on_the_card_it_returns_to(editor):
    html = logged_in(editor).get("/agreement/").content.decode()

    card = html[html.index('id="suggestions"') :]
    assert '<button class="button button--secondary" type="submit">Train now</button>' in card


def test_reviewers_cannot_train(alice):
    response = logged_in(alice).post("/agreement/suggestions/train/")

    assert response.status_code == 403
    assert not SuggestionModelRun.objects.exists()


def test_train_now_needs_a_post_with_its_csrf_token(editor):
    assert logged_in(editor).get("/agreement/suggestions/train/").status_code == 405
    forged = logged_in(editor, enforce_csrf_checks=True).post("/agreement/suggestions/train/")
    assert forged.status_code == 403
    assert not SuggestionModelRun.objects.exists()

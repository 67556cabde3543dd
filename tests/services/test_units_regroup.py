"""Regrouping units inside the agreement recomputation: placed highlights are plain data (the
stored selectors are never touched), and the queries do not grow with the article."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Annotation, ArticleAgreement, ClaimUnit
from annotations.services.agreement import article_agreement_recompute
from annotations.services.revisions import article_revise
from annotations.services.units import PlacedHighlight, article_units_regroup
from tests.factories import ArticleFactory, claims_reviewed

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."
INSERTED = "Update: this article was corrected on Wednesday.\n\n"
SENTENCE = "Officials said the figure rose by {n} percent in the last year."


def recompute(article) -> ArticleAgreement:
    """Make the statistics stale, as a counted write does, and run the task's body."""
    agreement, _ = ArticleAgreement.objects.get_or_create(article=article)
    ArticleAgreement.objects.filter(pk=agreement.pk).update(changes=agreement.changes + 1)
    return article_agreement_recompute(article_id=article.pk)


def test_a_recomputation_on_a_revised_article_leaves_the_stored_highlights_where_they_were(
    article, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for slug in ("false", "mostly-false"):
            claims_reviewed(article, {CLAIM: slug})
    stored = dict(Annotation.objects.filter(article=article).values_list("pk", "start"))
    made_at = article.text.index(CLAIM)
    # The new revision moves the claim: its place there differs from the stored offsets.
    with django_capture_on_commit_callbacks(execute=True):
        article_revise(article=article, text=INSERTED + article.text, created_by=editor)
    moved_to = made_at + len(INSERTED)

    regrouping = article_units_regroup(article=article)
    agreement = recompute(article)

    assert set(stored.values()) == {made_at}
    for annotation in Annotation.objects.filter(article=article):
        assert (annotation.start, annotation.end) == (made_at, made_at + len(CLAIM))
        assert annotation.revision.number == 1
    assert all(isinstance(h, PlacedHighlight) for h in regrouping.highlights)
    assert {(h.start, h.end) for h in regrouping.highlights} == {(moved_to, moved_to + len(CLAIM))}
    unit = ClaimUnit.objects.get(article=article)
    assert {h.unit_id for h in regrouping.highlights} == {unit.pk}
    assert (unit.start, unit.end, unit.revision.number) == (moved_to, moved_to + len(CLAIM), 2)
    assert agreement.unit_spreads[0]["start"] == moved_to
    assert agreement.matrix["units"] == [unit.pk]


def queries_of_recomputations(claims: int, reviewers: int) -> tuple[int, int]:
    """Queries of the first recomputation (which creates the units), then of the one after a
    further reviewer submits (who joins every unit)."""
    article = ArticleFactory(text=" ".join(SENTENCE.format(n=n) for n in range(claims)))
    ratings = {SENTENCE.format(n=n): ("false", "mixed")[n % 2] for n in range(claims)}
    for _ in range(reviewers):
        claims_reviewed(article, ratings)
    with CaptureQueriesContext(connection) as first:
        recompute(article)
    claims_reviewed(article, ratings)
    with CaptureQueriesContext(connection) as joining:
        agreement = recompute(article)
    assert len(agreement.matrix["units"]) == claims
    assert len(agreement.matrix["reviewers"]) == reviewers + 1
    assert Annotation.objects.filter(article=article, unit__isnull=True).count() == 0
    return len(first.captured_queries), len(joining.captured_queries)


def test_the_recomputation_runs_as_many_queries_for_a_large_article_as_for_a_small_one():
    small = queries_of_recomputations(claims=2, reviewers=2)
    large = queries_of_recomputations(claims=24, reviewers=5)

    assert large == small

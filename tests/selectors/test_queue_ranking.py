"""The queue's ranking when a reviewer gives a verdict outside the ordered scale (issue 15, the
walk's first stumble): Unverifiable against any other verdict is a full disagreement."""

from __future__ import annotations

import pytest

from annotations import selectors
from tests.factories import ArticleFactory, claims_reviewed
from tests.views.review_scenario import CRIME, JOBS, TAXES, TEXT, unit_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def walked(django_capture_on_commit_callbacks):
    """Crime: True twice. Taxes: Unverifiable against Mixed. Jobs: Unverifiable against
    Mostly false."""
    article = ArticleFactory(text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CRIME: "true", TAXES: "unverifiable", JOBS: "unverifiable"})
        claims_reviewed(article, {CRIME: "true", TAXES: "mixed", JOBS: "mostly-false"})
    return article


def queue_order() -> list[int]:
    return list(selectors.review_queue().values_list("pk", flat=True))


def test_a_unanimous_unit_ranks_below_units_where_unverifiable_meets_another_verdict(walked):
    order = queue_order()

    assert order.index(unit_of(walked, CRIME).pk) == 2
    assert set(order[:2]) == {unit_of(walked, TAXES).pk, unit_of(walked, JOBS).pk}


def test_unverifiable_against_another_verdict_ranks_with_the_widest_ordinal_spread(
    walked, django_capture_on_commit_callbacks
):
    widest = ArticleFactory(text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(widest, {CRIME: "true"})
        claims_reviewed(widest, {CRIME: "false"})

    ranks = dict(selectors.review_queue().values_list("pk", "rank_spread"))

    assert ranks[unit_of(walked, TAXES).pk] == ranks[unit_of(widest, CRIME).pk] == 4
    assert ranks[unit_of(walked, CRIME).pk] == 0


def test_two_reviewers_both_saying_unverifiable_agree(django_capture_on_commit_callbacks):
    article = ArticleFactory(text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CRIME: "unverifiable", TAXES: "true"})
        claims_reviewed(article, {CRIME: "unverifiable", TAXES: "mixed"})

    assert queue_order() == [unit_of(article, TAXES).pk, unit_of(article, CRIME).pk]

"""Fixtures of the page tests: the review pages' disputed article (see review_scenario.py)."""

from __future__ import annotations

import pytest

from annotations.models import Article
from tests.factories import ArticleFactory, ReviewerFactory, claims_reviewed
from tests.views.review_scenario import CRIME, JOBS, TAXES, TEXT


@pytest.fixture
def reviewers(db):
    return ReviewerFactory(username="rosalind"), ReviewerFactory(username="tobias")


@pytest.fixture
def disputed(reviewers, django_capture_on_commit_callbacks) -> Article:
    """Crime: True vs False (4 steps apart). Taxes: False vs Mostly false. Jobs: one review."""
    rosalind, tobias = reviewers
    article = ArticleFactory(title="Town hall budget", text=TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claims_reviewed(article, {CRIME: "true", TAXES: "false"}, reviewer=rosalind, sources=True)
        claims_reviewed(
            article,
            {CRIME: "false", TAXES: "mostly-false", JOBS: "true"},
            reviewer=tobias,
            sources=True,
        )
    return article

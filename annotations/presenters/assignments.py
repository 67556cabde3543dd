"""Assignments as the pages show them: the reviewer's inbox with overdue ones marked, the
articles they may pick up with the seats left, and the editors' card on the article page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from annotations import selectors
from annotations.forms import AssignForm
from annotations.models import Article, Assignment, Review


def overdue_marked(assignments: Iterable[Assignment]) -> list[Assignment]:
    """The assignments, each with `is_overdue`: past its due date and not yet submitted."""
    today = timezone.localdate()
    marked = list(assignments)
    for assignment in marked:
        # Scratch attributes for the template; review_status comes from the selector's annotate().
        assignment.is_overdue = (  # type: ignore[attr-defined]
            assignment.due_on is not None
            and assignment.due_on < today
            and assignment.review_status != Review.Status.SUBMITTED  # type: ignore[attr-defined]
        )
    return marked


def seats_left_marked(articles: Iterable[Article], reviewers_per_article: int) -> list[Article]:
    """The articles (annotated with `seats_taken`), each with `seats_left` for the page."""
    marked = list(articles)
    for article in marked:
        # seats_taken: the selector's annotate(); seats_left: for the template.
        article.seats_left = reviewers_per_article - article.seats_taken  # type: ignore[attr-defined]
    return marked


def article_assignment_context(article: Article) -> dict[str, Any]:
    """The editors' assignment card on the article page: who has it, and a form to add more."""
    return {
        "form": AssignForm(),
        "assignees": overdue_marked(selectors.article_assignees(article)),
    }

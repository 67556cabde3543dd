"""Shared inputs of the discussion and notification tests: an article two reviewers submitted,
with its unit, and a way to run what follows each commit (the notification tasks)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from annotations.models import Article, ClaimUnit
from tests.factories import ArticleFactory, claims_reviewed

CLAIM = "Critics say unemployment has doubled since 2020."


@dataclass
class Reviewed:
    article: Article
    unit: ClaimUnit
    alice: User
    bob: User


def reviewed(
    alice: User, bob: User, committing: Callable[[], Any], *, bob_says: str = "mostly-false"
) -> Reviewed:
    """Alice rates the claim false, Bob `bob_says`; both submit (the units are grouped after
    the commit: `committing()` is django_capture_on_commit_callbacks(execute=True))."""
    article = ArticleFactory()
    with committing():
        claims_reviewed(article, {CLAIM: "false"}, reviewer=alice)
        claims_reviewed(article, {CLAIM: bob_says}, reviewer=bob)
    return Reviewed(article, ClaimUnit.objects.get(article=article), alice, bob)

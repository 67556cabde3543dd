"""Reads of the suggestions: an article's suggested claims and quotes on its latest revision,
with what the desk and other fact-checkers said of the claims they restate."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.models import Article, ArticleRevision, Suggestion
from annotations.permissions import Permission, require
from annotations.selectors.appearances import ClaimChecks, claims_checks
from annotations.selectors.articles import User


@dataclass(frozen=True)
class ArticleSuggestions:
    """The suggestions of one revision. `computed` is False while the task has not run on it
    yet (the page says suggestions are on their way); `model` names what scored them."""

    revision: ArticleRevision | None
    computed: bool
    model: str
    suggestions: list[Suggestion]
    checks: dict[int, ClaimChecks]


def article_suggestions(user: User, article: Article) -> ArticleSuggestions:
    """The suggestions on the article's latest revision, in text order, with the checks of
    every claim they match: four queries whatever their number."""
    require(user, Permission.Suggestion.READ, article)
    revision = article.revisions.order_by("-number").first()
    if revision is None:
        return ArticleSuggestions(None, False, "rules", [], {})
    suggestions = list(
        Suggestion.objects.filter(revision=revision).order_by("start", "end", "kind")
    )
    claim_ids = {match["claim"] for s in suggestions for match in s.matches}
    model = suggestions[0].model if suggestions else "rules"
    return ArticleSuggestions(
        revision, revision.suggested_at is not None, model, suggestions, claims_checks(claim_ids)
    )

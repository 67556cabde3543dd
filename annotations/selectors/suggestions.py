"""Reads of the suggestions: an article's suggested claims and quotes on its latest revision,
with what the desk and other fact-checkers said of the claims they restate."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from annotations.models import (
    Article,
    ArticleRevision,
    Review,
    Suggestion,
    SuggestionModelRun,
)
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


@dataclass(frozen=True)
class KindFigures:
    """Of one kind of suggestion, on the latest revision of articles with at least one submitted
    review: how many were suggested, how many reviewers accepted (a highlight started as it), and how many of those
    became a claim unit whose verdict the desk published."""

    shown: int = 0
    accepted: int = 0
    published: int = 0

    @property
    def acceptance_rate(self) -> float | None:
        """accepted / shown; None when nothing was shown."""
        return self.accepted / self.shown if self.shown else None

    @property
    def published_rate(self) -> float | None:
        """published / accepted: how often an accepted suggestion became a published verdict."""
        return self.published / self.accepted if self.accepted else None


@dataclass(frozen=True)
class SuggestionFigures:
    """The dashboard's suggestions card: figures per kind and the latest training run."""

    by_kind: dict[str, KindFigures] = field(default_factory=dict)
    latest_run: SuggestionModelRun | None = None

    @property
    def total(self) -> KindFigures:
        values = self.by_kind.values()
        return KindFigures(
            sum(k.shown for k in values),
            sum(k.accepted for k in values),
            sum(k.published for k in values),
        )


def suggestion_figures(user: User) -> SuggestionFigures:
    """How the desk's reviewers took its suggestions (editors): two queries whatever the number
    of articles or suggestions. Only the suggestions of each article's latest revision count
    (those are what the article page offers; an earlier revision's would count a sentence once
    per revision). Acceptances count every highlight that started as a suggestion, drafts
    included (the reviewer took it either way)."""
    require(user, Permission.Suggestion.TRAIN)
    submitted = Review.objects.filter(
        article_id=OuterRef("article_id"), status=Review.Status.SUBMITTED
    )
    newer_revision = ArticleRevision.objects.filter(
        article_id=OuterRef("article_id"), number__gt=OuterRef("revision__number")
    )
    rows = (
        Suggestion.objects.filter(Exists(submitted), ~Exists(newer_revision))
        .order_by()
        .values("kind")
        .annotate(
            shown=Count("pk", distinct=True),
            accepted=Count("pk", filter=Q(annotations__isnull=False), distinct=True),
            published=Count(
                "pk", filter=Q(annotations__unit__verdict__is_published=True), distinct=True
            ),
        )
    )
    by_kind = {kind: KindFigures() for kind in Suggestion.Kind.values}
    for row in rows:
        by_kind[row["kind"]] = KindFigures(row["shown"], row["accepted"], row["published"])
    latest = SuggestionModelRun.objects.order_by("-created", "-id").first()
    return SuggestionFigures(by_kind, latest)

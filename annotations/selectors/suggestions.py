"""Reads of the suggestions: an article's suggested claims and quotes on its latest revision,
with what the desk and other fact-checkers said of the claims they restate."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils.translation import gettext

from annotations.errors import DomainError
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
    """The suggestions of one revision, or one page of them. `computed` is False while the
    task has not run on it yet (the page says suggestions are on their way); `model` names
    what scored them; `count` is how many the revision has in all, `offset` where this page
    starts among them."""

    revision: ArticleRevision | None
    computed: bool
    model: str
    suggestions: list[Suggestion]
    checks: dict[int, ClaimChecks]
    count: int = 0
    offset: int = 0

    @property
    def has_more(self) -> bool:
        """Whether suggestions follow this page."""
        return self.offset + len(self.suggestions) < self.count


def article_suggestions(
    user: User,
    article: Article,
    *,
    revision_number: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> ArticleSuggestions:
    """The suggestions on one revision of the article (its latest unless `revision_number`
    names another; a number it does not have is a DomainError, 404), in text order, from
    `offset`, at most `limit` of them (all without), with the checks of every claim they
    match: at most six queries whatever their number (the user's roles, the revision, the
    count and model when a page is asked for, the page, the checks' two)."""
    require(user, Permission.Suggestion.READ, article)
    revisions = article.revisions.order_by("-number")
    if revision_number is not None:
        revisions = revisions.filter(number=revision_number)
    revision = revisions.first()
    if revision is None:
        if revision_number is not None:
            raise DomainError(
                gettext("This article has no revision %(number)s (its latest is %(latest)s).")
                % {"number": revision_number, "latest": article.revisions.count()},
                code="revision_not_found",
                status=404,
                field="revision",
            )
        return ArticleSuggestions(None, False, "rules", [], {})
    rows = Suggestion.objects.filter(revision=revision)
    ordered = rows.order_by("start", "end", "kind", "pk")
    if limit is None and offset == 0:
        # All of them (the article page): their number and model need no query of their own.
        suggestions = list(ordered)
        count, model = len(suggestions), suggestions[0].model if suggestions else None
    else:
        # All of a revision's suggestions are scored by one model, stored with each row.
        total = rows.aggregate(count=Count("pk"), model=Min("model"))
        count, model = total["count"], total["model"]
        page = ordered[offset : None if limit is None else offset + limit]
        suggestions = list(page) if count else []
    claim_ids = {match["claim"] for s in suggestions for match in s.matches}
    return ArticleSuggestions(
        revision,
        revision.suggested_at is not None,
        model or "rules",
        suggestions,
        claims_checks(claim_ids),
        count=count,
        offset=offset,
    )


@dataclass(frozen=True)
class KindFigures:
    """Of one kind of suggestion, on the latest revision of articles with at least one submitted
    review: how many were suggested, how many reviewers accepted (a highlight started as it),
    and how many of those became a claim unit whose verdict the desk published."""

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

"""factory_boy factories for the desk's models."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import factory
from django.contrib.auth.models import Group, User

from annotations.core.uri import uri_key_or_empty
from annotations.models import (
    Annotation,
    Article,
    ArticleRevision,
    Claim,
    ClaimUnit,
    Review,
    Source,
    Suggestion,
    Verdict,
    VerdictLabel,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)

    role = factory.PostGeneration(lambda user, create, extracted, **kw: _role_add(user, extracted))


def _role_add(user: User, role: str | None) -> None:
    if role:
        user.groups.add(Group.objects.get(name=role))


class ReviewerFactory(UserFactory):
    role = factory.PostGeneration(
        lambda user, create, extracted, **kw: _role_add(user, extracted or "reviewer")
    )


class EditorFactory(UserFactory):
    role = factory.PostGeneration(
        lambda user, create, extracted, **kw: _role_add(user, extracted or "editor")
    )


ARTICLE_TEXT = (
    "City council approves new budget\n\n"
    "The city council approved a budget of 12 million euros on Tuesday, "
    'the largest in the city\'s history. "We have never invested this much in schools," '
    "said the mayor, Ana Ruiz.\n\n"
    "Critics say unemployment has doubled since 2020."
)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    byline = "Staff reporter"
    publisher = "The Daily Example"
    source_url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n}")
    # As article_create does: the URL's look-up key (partners' ?uri=).
    url_key = factory.LazyAttribute(lambda article: uri_key_or_empty(article.source_url))
    language = "en"
    text = ARTICLE_TEXT

    # As article_create does: the text is also revision 1.
    first_revision = factory.PostGeneration(
        lambda article, create, extracted, **kw: (
            ArticleRevision.objects.create(
                article=article, number=1, title=article.title, text=article.text
            )
            if create
            else None
        )
    )


UNEMPLOYMENT_CLAIM = "Critics say unemployment has doubled since 2020."


def unit_on_new_article(**article: object) -> ClaimUnit:
    """A unit on UNEMPLOYMENT_CLAIM in a new article (ArticleFactory's text), made directly."""
    new = ArticleFactory(**article)
    start = ARTICLE_TEXT.index(UNEMPLOYMENT_CLAIM)
    end = start + len(UNEMPLOYMENT_CLAIM)
    return ClaimUnit.objects.create(
        article=new, revision=new.revisions.get(), kind="claim", start=start, end=end
    )


def claim_stored(text: str, created_by: User | None = None) -> Claim:
    """A claim saved as the services save one: with what the matcher stores (its normal form,
    facts and embedding), so the database's lexical index has it."""
    from annotations.services.claims import claim_matching_fields_fill

    claim = Claim(text=text, created_by=created_by)
    claim_matching_fields_fill([claim])
    claim.save()
    return claim


def verdict(slug: str = "mostly-false") -> VerdictLabel:
    return VerdictLabel.objects.get(slug=slug)


def published_verdict(article: Article | None = None, **fields: object) -> Verdict:
    """A published verdict on UNEMPLOYMENT_CLAIM in `article` (a new one unless given), stored
    directly; `published_at` (default 25 November 2026) is also its first publication."""
    article = article or ArticleFactory()
    start = article.text.index(UNEMPLOYMENT_CLAIM)
    unit = ClaimUnit.objects.create(
        article=article,
        kind="claim",
        start=start,
        end=start + len(UNEMPLOYMENT_CLAIM),
        status="published",
    )
    published_at = fields.pop(
        "published_at", datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
    )
    return Verdict.objects.create(
        unit=unit,
        label=verdict(str(fields.pop("label", "mostly-false"))),
        claim_reviewed=fields.pop("claim_reviewed", "Unemployment has doubled since 2020"),
        claimant=fields.pop("claimant", "The opposition"),
        explanation=fields.pop("explanation", "It rose by 12%."),
        # As the migration filled verdicts stored before languages (services detect it).
        language=fields.pop("language", article.language),
        is_published=True,
        published_at=published_at,
        first_published_at=published_at,
        **fields,
    )


class AnnotationFactory(factory.django.DjangoModelFactory):
    """An annotation on the article's first occurrence of `exact` (default: a claim in the text)."""

    class Meta:
        model = Annotation
        exclude = ("quote",)
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    kind = Annotation.Kind.CLAIM
    revision = factory.LazyAttribute(lambda a: a.article.revisions.order_by("-number").first())
    quote = "Critics say unemployment has doubled since 2020."
    exact = factory.LazyAttribute(lambda a: a.quote)
    start = factory.LazyAttribute(lambda a: a.article.text.index(a.quote))
    end = factory.LazyAttribute(lambda a: a.article.text.index(a.quote) + len(a.quote))
    prefix = factory.LazyAttribute(lambda a: a.article.text[max(0, a.start - 32) : a.start])
    suffix = factory.LazyAttribute(lambda a: a.article.text[a.end : a.end + 32])
    verdict = factory.LazyFunction(verdict)
    rationale = "Official statistics show a 12% rise, not a doubling."

    # As annotation_create does: a reviewer's first highlight on an article opens their review.
    review = factory.PostGeneration(
        lambda annotation, create, extracted, **kw: (
            Review.objects.get_or_create(article=annotation.article, reviewer=annotation.reviewer)
            if create
            else None
        )
    )


class SuggestionFactory(factory.django.DjangoModelFactory):
    """A suggestion on the article's latest revision, over the first occurrence of `quote`
    (default: the claim in the text), stored directly as the suggestions task would."""

    class Meta:
        model = Suggestion
        exclude = ("quote",)

    article = factory.SubFactory(ArticleFactory)
    revision = factory.LazyAttribute(lambda s: s.article.revisions.order_by("-number").first())
    kind = Suggestion.Kind.CLAIM
    quote = UNEMPLOYMENT_CLAIM
    exact = factory.LazyAttribute(lambda s: s.quote)
    start = factory.LazyAttribute(lambda s: s.revision.text.index(s.quote))
    end = factory.LazyAttribute(lambda s: s.start + len(s.quote))
    prefix = factory.LazyAttribute(lambda s: s.revision.text[max(0, s.start - 32) : s.start])
    suffix = factory.LazyAttribute(lambda s: s.revision.text[s.end : s.end + 32])
    score = 0.5
    features = factory.LazyFunction(lambda: ["number"])
    model = "rules"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    annotation = factory.SubFactory(AnnotationFactory)
    url = "https://stats.example.org/unemployment"
    title = "Unemployment statistics"
    stance = Source.Stance.REFUTES


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    article = factory.SubFactory(ArticleFactory)
    reviewer = factory.SubFactory(ReviewerFactory)


def claims_reviewed(
    article: Article,
    ratings: dict[str, str],
    *,
    reviewer: User | None = None,
    sources: bool = False,
    submit: bool = True,
) -> User:
    """A reviewer (a new one unless given) highlights each claim with its verdict, citing one
    source per claim if asked, and submits: through the services, as the page and API do."""
    from annotations.services.annotations import SourceInput, TargetInput, annotation_create
    from annotations.services.reviews import review_submit

    reviewer = reviewer or ReviewerFactory()
    for claim, slug in ratings.items():
        start = article.text.index(claim)
        annotation_create(
            reviewer=reviewer,
            article=article,
            target=TargetInput(exact=claim, start=start, end=start + len(claim)),
            verdict=verdict(slug),
            rationale=f"Rated {slug} after reading the police report.",
            sources=[
                SourceInput(
                    url=f"https://stats.example.org/{slug}",
                    title=f"Police statistics ({slug})",
                    stance="refutes",
                )
            ]
            if sources
            else [],
        )
    if submit:
        review_submit(article=article, reviewer=reviewer)
    return reviewer


def unit_decided_and_published(
    unit: ClaimUnit, editor: User, *, claim_reviewed: str = "Crime fell by 30%"
) -> Verdict:
    """The editor decides the unit "false" and publishes the verdict, through the services;
    `unit` is refreshed to its published state."""
    from annotations.services.adjudication import VerdictInput, unit_decide, verdict_publish

    decided = unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=VerdictInput(label=verdict("false"), claim_reviewed=claim_reviewed),
    )
    unit.refresh_from_db()
    verdict_publish(verdict=decided, editor=editor, seen_version=unit.version)
    unit.refresh_from_db()
    return decided


# The hardening issue's scenario (item 14): a figure corrected under a published verdict.
CHANGED_CLAIM = "Shelling killed 219 civilians in Aleppo on 13 November, the observatory said."
CHANGED_CLAIM_TEXT = (
    f"Strikes on the city\n\nThe war went on.\n\n{CHANGED_CLAIM}\n\nTalks resume next week."
)
CHANGED_CLAIM_CORRECTED = CHANGED_CLAIM_TEXT.replace("219 civilians", "224 civilians")


def claim_published_then_revised(
    editor: User,
    committing,
    *,
    revised_text: str = CHANGED_CLAIM_CORRECTED,
    claim_reviewed: str = "Shelling killed civilians in Aleppo",
) -> ClaimUnit:
    """Two reviewers highlight CHANGED_CLAIM, the editor decides and publishes its verdict,
    then a new revision of the article (by default "224" for "219") is re-anchored.
    `committing()` runs what follows each commit (django_capture_on_commit_callbacks). The
    verdict's claim leaves the figure out, so that an editor may confirm it still holds."""
    from annotations.services.articles import article_create
    from annotations.services.revisions import article_revise

    with committing():
        article = article_create(title="Strikes", text=CHANGED_CLAIM_TEXT, imported_by=editor)
    for slug in ("false", "mostly-false"):
        with committing():
            claims_reviewed(article, {CHANGED_CLAIM: slug})
    unit = ClaimUnit.objects.get(article=article)
    unit_decided_and_published(unit, editor, claim_reviewed=claim_reviewed)
    with committing():
        article_revise(article=article, text=revised_text, created_by=editor)
    unit.refresh_from_db()
    return unit


@dataclass
class PublishedDesk:
    article: Article
    reviewers: tuple[User, User]
    editor: User
    verdict: Verdict


PUBLISHED_CLAIM = "a budget of 12 million euros"


def desk_published_and_corrected(
    reviews_committed: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> PublishedDesk:
    """Two reviewers rate one claim, an editor publishes a verdict on it, then corrects it:
    through the services. Units are grouped after the reviews' commit: outside a transactional
    test, pass `lambda: django_capture_on_commit_callbacks(execute=True)`."""
    from annotations.services.adjudication import VerdictInput, verdict_correct

    article = ArticleFactory()
    reviewers = (ReviewerFactory(username="rosalind"), ReviewerFactory(username="tobias"))
    editor = EditorFactory(username="edna")
    with reviews_committed():
        for reviewer, slug in zip(reviewers, ["false", "mostly-false"], strict=True):
            claims_reviewed(article, {PUBLISHED_CLAIM: slug}, reviewer=reviewer, sources=True)
    unit = ClaimUnit.objects.get(article=article)
    published = unit_decided_and_published(unit, editor)
    verdict_correct(
        verdict=published,
        editor=editor,
        seen_version=unit.version,
        changes=VerdictInput(label=verdict("mostly-false"), claim_reviewed="Budget of 12m"),
        note="We misread the budget line.",
    )
    return PublishedDesk(article, reviewers, editor, Verdict.objects.get(pk=published.pk))

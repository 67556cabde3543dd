"""Writes for an article's language, changed on the desk (issue 17): what follows from it.

An article's language chooses how its text runs (`dir`), how its sentences are split and its
figures read for suggestions, how PostgreSQL's search index reads it (the index's triggers,
migration 0030, re-index it and its verdicts on their own), and the language its claims
inherit. Changing it:

- its claims that inherited the old language are given the new one (their first appearance
  is in this article, and they still have the old language): each is read again with
  `claim_language`, so a claim whose own words say another language keeps that one;
- so are its verdicts still in the old language, read again with `verdict_language` (one
  the editor wrote in another language keeps it); their `updated_at` moves, so that feeds
  synced by date send the ClaimReview whose `inLanguage` changed;
- its latest revision's suggestions are computed again by the suggestions task: those no
  highlight was made from are deleted (a highlight keeps its suggestion, and the new run
  leaves a row on the same span as it is), and the revision is marked not computed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext

from annotations.core.languages import claim_language, language_tag_clean, verdict_language
from annotations.errors import DomainError
from annotations.models import Article, Claim, ClaimLink, Suggestion, Verdict
from annotations.permissions import Permission, require
from annotations.selectors.articles import revision_latest
from annotations.services.suggestions import revision_suggestions_compute_after_commit


@dataclass(frozen=True)
class LanguageChanged:
    """What changing an article's language did."""

    article: Article
    previous: str
    changed: bool  # False: the article had that language already, nothing was done
    claims: int  # claims whose language changed with it
    suggestions_recomputed: bool
    verdicts: int = 0  # verdicts whose language changed with it


def _inheriting_claims(article: Article, previous: str) -> list[Claim]:
    """The claims whose first appearance ("same" link, earliest) is in `article` and whose
    language is still `previous`."""
    linked = ClaimLink.objects.filter(
        relation=ClaimLink.Relation.SAME, unit__article=article
    ).values("claim_id")
    first_links = (
        ClaimLink.objects.filter(relation=ClaimLink.Relation.SAME, claim_id__in=linked)
        .values("claim_id")
        .annotate(first=Min("pk"))
        .values("first")
    )
    first_here = ClaimLink.objects.filter(pk__in=first_links, unit__article=article).values(
        "claim_id"
    )
    return list(Claim.objects.filter(pk__in=first_here, language=previous).order_by("pk"))


def article_language_set(
    *, article: Article, language: str, changed_by: User | AnonymousUser
) -> LanguageChanged:
    """Give `article` the language `language` (a BCP 47 tag, or "" for not known), with what
    follows (see the module docstring). A value that is not a language tag is a 400."""
    require(changed_by, Permission.Article.SET_LANGUAGE, article)
    tag = language_tag_clean(language)
    if language.strip() and not tag:
        raise DomainError(
            gettext('Not a language tag: give one such as "en", "fr", "ar" or "pt-BR".'),
            code="invalid_language",
            field="language",
        )
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        previous = locked.language
        if previous == tag:
            return LanguageChanged(locked, previous, False, 0, False)
        locked.language = tag
        locked.save(update_fields=["language"])
        claims = 0
        for claim in _inheriting_claims(locked, previous):
            language_now = claim_language(claim.text, inherited=tag)
            if language_now != claim.language:
                claim.language = language_now
                # One save a claim, for its history: the claim matcher's index follows it.
                claim.save(update_fields=["language"])
                claims += 1
        verdicts = 0
        for verdict in Verdict.objects.filter(unit__article=locked, language=previous):
            language_now = verdict_language(
                claim_reviewed=verdict.claim_reviewed,
                explanation=verdict.explanation,
                inherited=tag,
            )
            if language_now != verdict.language:
                verdict.language = language_now
                verdict.save(update_fields=["language", "updated_at"])
                verdicts += 1
        latest = revision_latest(locked)
        if latest is not None:
            Suggestion.objects.filter(revision=latest, annotations__isnull=True).delete()
            type(latest).objects.filter(pk=latest.pk).update(suggested_at=None)
            revision_suggestions_compute_after_commit(latest.pk)
    return LanguageChanged(locked, previous, True, claims, latest is not None, verdicts)

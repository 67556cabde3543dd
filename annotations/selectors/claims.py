"""Reads for claims across articles: the claims and external fact-checks the desk may see, a
claim's appearances (units linked "same"), its related units, its desk verdict, and the
appearances the ClaimReview export lists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, Substr

from annotations.core.formats.claimreview import Appearance
from annotations.models import (
    Article,
    Claim,
    ClaimLink,
    ClaimUnit,
    ExternalFactCheck,
    Source,
    Verdict,
)
from annotations.permissions import Permission, can, visible_claims, visible_units
from annotations.selectors.articles import User

SAME = ClaimLink.Relation.SAME
# A unit's status as shown to those who may not learn unpublished decisions.
NOT_PUBLISHED = "not_published"
# selectors.units.UNIT_TEXT, seen from a link: the text the linked unit's offsets refer to.
LINKED_UNIT_TEXT = Coalesce("unit__revision__text", "unit__article__text")


def claim_links_visible(user: User) -> Q:
    """The links whose unit the user may read (permissions.visible_units), from a link's
    side: blind review holds on claims' appearances and related units too."""
    if can(user, Permission.Unit.ADJUDICATE):  # editors read every unit: no subquery
        return Q()
    return Q(unit__in=visible_units(user, ClaimUnit.objects.all()).values("pk"))


def claims_visible_to(user: User) -> QuerySet[Claim]:
    """The claims the user may read (permissions.visible_claims), each with `appearance_count`
    (its units linked "same" that the user may read), newest first."""
    counted = Q(links__relation=SAME)
    if not can(user, Permission.Unit.ADJUDICATE):
        counted &= Q(links__in=ClaimLink.objects.filter(claim_links_visible(user)).values("pk"))
    return visible_claims(user, Claim.objects.all()).annotate(
        appearance_count=Count("links", filter=counted)
    )


def fact_checks_visible_to(user: User) -> QuerySet[ExternalFactCheck]:
    """Imported external fact-checks, for whoever may read claims; latest published first."""
    return visible_claims(user, ExternalFactCheck.objects.all()).order_by(
        F("date_published").desc(nulls_last=True), "-id"
    )


@dataclass(frozen=True)
class ClaimUnitLinked:
    """A unit linked to a claim, where it stands: its article, its passage, who linked it."""

    unit: int
    unit_status: str
    article: int
    article_title: str
    article_url: str
    publisher: str
    published_on: dt.date | None
    passage: str
    relation: str
    linked_by: str
    linked_at: dt.datetime


def _unit_status_shown(user: User, status: str) -> str:
    # A unit's status tells an editor's decision (decided, rejected, withdrawn...): only those
    # who read unpublished verdicts learn it; others see "published" or "not_published".
    if can(user, Permission.Verdict.READ_UNPUBLISHED) or status == ClaimUnit.Status.PUBLISHED:
        return status
    return NOT_PUBLISHED


def claim_links(user: User, claim: Claim, *, relation: str) -> list[ClaimUnitLinked]:
    """The units linked to `claim` with `relation` that `user` may read
    (permissions.visible_units), in the order they were linked; one query, the passage cut by
    the database (article texts are never loaded whole)."""
    links = (
        ClaimLink.objects.filter(claim_links_visible(user), claim=claim, relation=relation)
        .select_related("unit__article", "linked_by")
        .only(
            "relation",
            "linked_at",
            "linked_by__username",
            "unit__status",
            "unit__article__title",
            "unit__article__source_url",
            "unit__article__publisher",
            "unit__article__published_on",
        )
        .annotate(
            passage=Substr(
                LINKED_UNIT_TEXT,
                F("unit__start") + 1,
                F("unit__end") - F("unit__start"),
            )
        )
        .order_by("linked_at", "id")
    )
    return [
        ClaimUnitLinked(
            unit=link.unit_id,
            unit_status=_unit_status_shown(user, link.unit.status),
            article=link.unit.article_id,
            article_title=link.unit.article.title,
            article_url=link.unit.article.source_url,
            publisher=link.unit.article.publisher,
            published_on=link.unit.article.published_on,
            passage=link.passage,
            relation=link.relation,
            linked_by=link.linked_by.get_username(),
            linked_at=link.linked_at,
        )
        for link in links
    ]


def claim_appearances(user: User, claim: Claim) -> list[ClaimUnitLinked]:
    """Where the claim appears: the units linked to it as the "same" claim (those `user` may
    read)."""
    return claim_links(user, claim, relation=SAME)


def claim_verdict(claim: Claim) -> Verdict | None:
    """The claim's desk verdict: the published verdict of a unit linked "same" (the most
    recently published, should there be several), or None. Linking refuses a unit whose
    published label differs from the claim's, so they agree when linked."""
    return (
        Verdict.objects.filter(
            is_published=True, unit__claim_link__claim=claim, unit__claim_link__relation=SAME
        )
        .select_related("label")
        .order_by(F("published_at").desc(nulls_last=True), "-id")
        .first()
    )


@dataclass(frozen=True)
class ClaimDetail:
    """One claim with everything the desk knows of it."""

    claim: Claim
    verdict: Verdict | None
    appearances: list[ClaimUnitLinked]
    related: list[ClaimUnitLinked]
    external: list[ExternalFactCheck]


def claim_detail(user: User, claim: Claim) -> ClaimDetail:
    """The claim, its desk verdict, its appearances, the units related to it and the external
    fact-checks of it, as `user` may see them: a reviewer sees no unit of an article she is
    still reviewing (unless its verdict is published) and no unpublished decision."""
    return ClaimDetail(
        claim=claim,
        verdict=claim_verdict(claim),
        appearances=claim_appearances(user, claim),
        related=claim_links(user, claim, relation=ClaimLink.Relation.RELATED),
        external=list(claim.external_fact_checks.order_by("-date_published", "-id")),
    )


def verdicts_claim_appearances(verdicts: Sequence[Verdict]) -> dict[int, list[Appearance]]:
    """For each verdict (by id) whose unit is linked "same" to a claim: the articles where
    that claim appears (their URL, title, publisher and publication date), its own article
    first, each URL once, in the order linked. Verdicts of unlinked units are absent. Two
    queries whatever the number of verdicts (the verdicts come with their unit's article)."""
    claim_of_unit = dict(
        ClaimLink.objects.filter(
            unit_id__in=[verdict.unit_id for verdict in verdicts], relation=SAME
        ).values_list("unit_id", "claim_id")
    )
    found: dict[int, dict[str, Appearance]] = defaultdict(dict)
    rows = (
        ClaimLink.objects.filter(claim_id__in=set(claim_of_unit.values()), relation=SAME)
        .order_by("linked_at", "id")
        .values_list(
            "claim_id",
            "unit__article__source_url",
            "unit__article__title",
            "unit__article__publisher",
            "unit__article__published_on",
        )
    )
    for claim_id, url, title, publisher, published_on in rows:
        if url and url not in found[claim_id]:
            found[claim_id][url] = Appearance(url, title, publisher, published_on)
    appearances: dict[int, list[Appearance]] = {}
    for verdict in verdicts:
        claim_of_verdict = claim_of_unit.get(verdict.unit_id)
        if claim_of_verdict is None:
            continue
        own = article_appearance(verdict.unit.article)
        appearances[verdict.pk] = ([own] if own else []) + [
            appearance
            for url, appearance in found[claim_of_verdict].items()
            if own is None or url != own.url
        ]
    return appearances


def article_appearance(article: Article) -> Appearance | None:
    """The article as a claim's appearance (None without a URL)."""
    if not article.source_url:
        return None
    return Appearance(article.source_url, article.title, article.publisher, article.published_on)


def verdicts_sources(verdict_ids: Sequence[int]) -> dict[int, list[Source]]:
    """The sources each verdict cites (by verdict id; none: an empty list), in the order
    their reviewers listed them. One query whatever the number of verdicts; call it only
    with published verdicts where blind review matters."""
    cited: dict[int, list[Source]] = {pk: [] for pk in verdict_ids}
    through = Verdict.sources.through.objects.filter(verdict_id__in=verdict_ids)
    for row in through.select_related("source").order_by(
        "verdict_id", "source__annotation_id", "source__position", "source_id"
    ):
        cited[row.verdict_id].append(row.source)
    return cited


def unit_claim_link(unit_id: int) -> ClaimLink | None:
    """The unit's link to a claim (with the claim and who linked it), or None."""
    return ClaimLink.objects.filter(unit_id=unit_id).select_related("claim", "linked_by").first()


def unit_link_changed_ever(unit_id: int) -> bool:
    """Whether the unit was ever linked: then `claim_link_undo` has a change to undo."""
    return ClaimLink.history.filter(unit_id=unit_id).exists()

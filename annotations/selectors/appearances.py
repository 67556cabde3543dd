"""Reads for appearances to review: sentences of an article that state a claim the desk or
another fact-checker has checked (SuggestedAppearance, found by services.recurrence).

Editors review them. Only appearances on an article's latest revision are listed: a rescan of
a new revision finds the sentences that are still there (and those on older revisions would
point at text the article no longer holds). What a row shows of the claim is published work
only (the desk's published verdict, imported fact-checks), as everywhere claims are shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from annotations.models import (
    Claim,
    ClaimLink,
    ClaimUnit,
    ExternalFactCheck,
    SuggestedAppearance,
    Verdict,
)
from annotations.permissions import visible_appearances
from annotations.selectors.articles import User, latest_revision_number

SAME = ClaimLink.Relation.SAME


def _published_verdicts_of_claims() -> QuerySet[Verdict]:
    return Verdict.objects.filter(
        is_published=True, unit__claim_link__isnull=False, unit__claim_link__relation=SAME
    )


def any_claim_checked() -> bool:
    """Whether any claim has a published desk verdict or an external fact-check (one query)."""
    return (
        _published_verdicts_of_claims().exists()
        or ExternalFactCheck.objects.filter(claim__isnull=False).exists()
    )


def claims_checked(claim_ids: Iterable[int]) -> set[int]:
    """Those of `claim_ids` that the desk published a verdict on (a unit linked "same" with a
    published verdict) or that another fact-checker reviewed; one query."""
    ids = set(claim_ids)
    if not ids:
        return set()
    published = Verdict.objects.filter(
        is_published=True,
        unit__claim_link__claim_id=OuterRef("pk"),
        unit__claim_link__relation=SAME,
    )
    rows = (
        Claim.objects.filter(pk__in=ids)
        .filter(Q(Exists(published.values("pk"))) | Q(external_fact_checks__isnull=False))
        .values_list("pk", flat=True)
        .distinct()
    )
    return set(rows)


def appearances_reviewable(user: User) -> QuerySet[SuggestedAppearance]:
    """Every appearance the user may confirm or dismiss, on any revision (the service refuses
    one on a superseded revision with its reason)."""
    return visible_appearances(user, SuggestedAppearance.objects.select_related("claim"))


def appearances_visible_to(
    user: User, *, status: str | None = None, article_id: int | None = None
) -> QuerySet[SuggestedAppearance]:
    """The appearances the user may review (permissions.visible_appearances) on their
    articles' latest revisions, with their claim and article, in article then text order."""
    appearances = visible_appearances(user, SuggestedAppearance.objects.all()).filter(
        revision__number=latest_revision_number("article_id")
    )
    if status is not None:
        appearances = appearances.filter(status=status)
    if article_id is not None:
        appearances = appearances.filter(article_id=article_id)
    return appearances.select_related("claim", "article").order_by("-article_id", "start", "id")


@dataclass(frozen=True)
class ClaimChecks:
    """What the desk and other fact-checkers said of a claim: its latest published desk
    verdict (None if none) and the imported fact-checks, latest first."""

    verdict: Verdict | None
    external: list[ExternalFactCheck]


def claims_checks(claim_ids: Iterable[int]) -> dict[int, ClaimChecks]:
    """ClaimChecks for each claim id, in three queries whatever their number (the verdicts'
    labels come with their names in other languages: pages name them in the reader's)."""
    ids = set(claim_ids)
    if not ids:
        return {}
    verdicts: dict[int, Verdict] = {}
    published = (
        Verdict.objects.filter(
            is_published=True,
            unit__claim_link__claim_id__in=ids,
            unit__claim_link__relation=SAME,
        )
        .select_related("label")
        .prefetch_related("label__translations")
        .annotate(claim_id=F("unit__claim_link__claim_id"))
        .order_by(F("published_at").asc(nulls_first=True), "id")
    )
    for verdict in published:
        verdicts[verdict.claim_id] = verdict  # ordered: the latest published wins
    external: dict[int, list[ExternalFactCheck]] = defaultdict(list)
    checks = ExternalFactCheck.objects.filter(claim_id__in=ids).order_by(
        F("date_published").desc(nulls_last=True), "-id"
    )
    for check in checks:
        assert check.claim_id is not None
        external[check.claim_id].append(check)
    return {claim_id: ClaimChecks(verdicts.get(claim_id), external[claim_id]) for claim_id in ids}


@dataclass(frozen=True)
class AppearanceRow:
    """An appearance to review with what was said of its claim."""

    appearance: SuggestedAppearance
    checks: ClaimChecks


def appearance_rows(appearances: Sequence[SuggestedAppearance]) -> list[AppearanceRow]:
    """Each appearance with its claim's checks (two queries for the whole page)."""
    checks = claims_checks(appearance.claim_id for appearance in appearances)
    return [AppearanceRow(appearance, checks[appearance.claim_id]) for appearance in appearances]


# Rows the article page and the queue list at most (the API pages through all of them).
PENDING_SHOWN = 50


@dataclass(frozen=True)
class PendingAppearances:
    rows: list[AppearanceRow]
    total: int


def appearances_pending(user: User, *, article_id: int | None = None) -> PendingAppearances:
    """The pending appearances the user may review (on one article, or on all), the first
    PENDING_SHOWN of them with their claims' checks, and how many there are: four queries."""
    pending = appearances_visible_to(
        user, status=SuggestedAppearance.Status.PENDING, article_id=article_id
    )
    return PendingAppearances(appearance_rows(list(pending[:PENDING_SHOWN])), pending.count())


def units_with_pending_appearance(units: QuerySet[ClaimUnit]) -> QuerySet[ClaimUnit]:
    """`units` annotated with `pending_appearance`: whether a pending appearance on the unit's
    article overlaps it (a subquery: the same number of queries however many units)."""
    overlapping = SuggestedAppearance.objects.filter(
        article_id=OuterRef("article_id"),
        status=SuggestedAppearance.Status.PENDING,
        start__lt=OuterRef("end"),
        end__gt=OuterRef("start"),
        revision__number=latest_revision_number("article_id"),
    )
    return units.annotate(pending_appearance=Exists(overlapping))

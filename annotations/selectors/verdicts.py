"""Reads for verdicts: the published ones, those each user may see, and the feed."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db.models import Max, QuerySet
from django.db.models.functions import Upper

from annotations.models import ClaimantType, KnownClaimant, Verdict, VerdictLabel
from annotations.permissions import Permission, can, visible_verdicts
from annotations.selectors.articles import User


def _verdicts(verdicts: QuerySet[Verdict]) -> QuerySet[Verdict]:
    """Verdicts with what their serializers read, in update order (articles without text)."""
    return (
        verdicts.select_related("label", "unit", "unit__article")
        .defer("unit__article__text")
        .prefetch_related("sources", "corrections")
        .order_by("updated_at", "pk")
    )


def verdicts_of_units(user: User, unit_ids: Sequence[int]) -> dict[int, Verdict]:
    """The final verdict (with its label) of each of these units that has one and the user
    may read, by unit id: one query for a page of the queue."""
    verdicts = visible_verdicts(user, Verdict.objects.filter(unit_id__in=unit_ids))
    return {verdict.unit_id: verdict for verdict in verdicts.select_related("label")}


def verdicts_published() -> QuerySet[Verdict]:
    """Published verdicts only: drafts, decided and unpublished ones never leave the desk."""
    return _verdicts(Verdict.objects.filter(is_published=True))


def verdicts_visible_to(user: User) -> QuerySet[Verdict]:
    """The verdicts the user may read (permissions.visible_verdicts): editors every verdict,
    everyone else published ones."""
    return _verdicts(visible_verdicts(user, Verdict.objects.all()))


def verdicts_feed(user: User, *, updated_after: Any = None) -> QuerySet[Verdict]:
    """The verdicts list as a change feed.

    Editors see every verdict. Others see published ones; and when they ask for the changes
    since a time, also the verdicts withdrawn since, which the API reduces to tombstones so
    that a syncing client can remove them (their content never leaves the desk).
    """
    if can(user, Permission.Verdict.READ_UNPUBLISHED):
        verdicts = verdicts_visible_to(user)
    elif updated_after is not None:
        verdicts = _verdicts(Verdict.objects.filter(first_published_at__isnull=False))
    else:
        verdicts = verdicts_published()
    if updated_after is not None:
        verdicts = verdicts.filter(updated_at__gt=updated_after)
    return verdicts


def verdicts_published_changed_last() -> datetime.datetime | None:
    """When a published verdict last changed (None: none is published): a DataFeed's
    dateModified."""
    return Verdict.objects.filter(is_published=True).aggregate(last=Max("updated_at"))["last"]


def rating_bounds() -> tuple[int, int]:
    """The best and the worst rating value of the ordered scale, for ClaimReview's
    bestRating and worstRating ((1, 0) while no label is ordered)."""
    values = [
        value
        for value in VerdictLabel.objects.filter(is_ordinal=True).values_list(
            "rating_value", flat=True
        )
        if value is not None
    ]
    return (max(values), min(values)) if values else (1, 0)


def claimant_types(verdicts: Sequence[Verdict]) -> dict[int, str]:
    """Each verdict's claimant type (by verdict id), as ClaimReview's `itemReviewed.author`
    is typed: the editor's choice on the verdict, else the desk's list of known claimants
    (KnownClaimant, names compared in any case), else a Person. One query for the lot (none
    when every verdict has its type or no claimant)."""
    wanted = {v.claimant.upper() for v in verdicts if v.claimant and not v.claimant_type}
    known: dict[str, str] = {}
    if wanted:
        rows = KnownClaimant.objects.annotate(key=Upper("name")).filter(key__in=wanted)
        known = dict(rows.values_list("key", "kind"))
    return {
        verdict.pk: verdict.claimant_type
        or known.get(verdict.claimant.upper(), ClaimantType.PERSON)
        for verdict in verdicts
    }

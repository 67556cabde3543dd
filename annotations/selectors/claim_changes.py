"""Reads for claim changes: units whose passage changed in fact under their verdict."""

from __future__ import annotations

from typing import Any, TypedDict

from django.db.models import Exists, JSONField, OuterRef, QuerySet, Subquery
from django.utils import translation

from annotations.models import Annotation, ClaimChange, ClaimUnit


class ClaimChanged(TypedDict):
    """A unit's open claim change, as the API and pages show it."""

    old: str
    new: str
    revision: int
    differences: list[dict[str, str]]


def with_claim_change(units: QuerySet[ClaimUnit]) -> QuerySet[ClaimUnit]:
    """Units with their open claim change, if any, as `claim_change_*` columns: subqueries
    of the same query, so a page of units costs no query more (see claim_changed)."""
    open_change = ClaimChange.objects.filter(unit=OuterRef("pk"), resolved_at__isnull=True)

    def column(name: str, **options: Any) -> Subquery:
        return Subquery(open_change.values(name)[:1], **options)

    return units.annotate(
        claim_change_old=column("old_passage"),
        claim_change_new=column("new_passage"),
        claim_change_revision=column("revision__number"),
        claim_change_differences=column("differences", output_field=JSONField()),
    )


def claim_changed(unit: ClaimUnit) -> ClaimChanged | None:
    """The unit's open claim change (from with_claim_change), or None."""
    if getattr(unit, "claim_change_revision", None) is None:
        return None
    # The columns with_claim_change annotated, which the model's type does not know.
    return ClaimChanged(
        old=unit.claim_change_old,  # type: ignore[attr-defined]
        new=unit.claim_change_new,  # type: ignore[attr-defined]
        revision=unit.claim_change_revision,  # type: ignore[attr-defined]
        differences=list(unit.claim_change_differences or []),  # type: ignore[attr-defined]
    )


def units_with_changed_claims() -> QuerySet[ClaimUnit]:
    """Units with an open claim change, by article and place, with their verdict and article."""
    # Exists, not a filter across the relation: that would also match units with no change.
    open_change = ClaimChange.objects.filter(unit=OuterRef("pk"), resolved_at__isnull=True)
    return (
        with_claim_change(ClaimUnit.objects.filter(Exists(open_change)))
        .select_related("article", "verdict")
        .defer("article__text")
        .order_by("article_id", "start", "pk")
    )


def article_claim_changes(article_id: int) -> list[tuple[ClaimUnit, ClaimChanged, list[int]]]:
    """The article's units with an open claim change: (unit, change, its highlights' ids)."""
    units = list(units_with_changed_claims().filter(article_id=article_id))
    members: dict[int, list[int]] = {unit.pk: [] for unit in units}
    for pk, unit_id in Annotation.objects.filter(unit__in=units).values_list("pk", "unit_id"):
        members[unit_id].append(pk)
    return [(unit, claim_changed(unit), members[unit.pk]) for unit in units]  # type: ignore[misc]


def differences_summary(changed: ClaimChanged) -> str:
    """The differences in a few words: "219 → 224; Aleppo → Idlib", in the reader's language
    (the "(none)" of a side that has no counterpart)."""
    none = translation.gettext("(none)")
    return "; ".join(f"{d['old'] or none} → {d['new'] or none}" for d in changed["differences"])

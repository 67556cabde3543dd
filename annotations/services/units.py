"""Writes for claim units: regrouping an article's submitted highlights into units."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from django.db import transaction

from annotations.core.agreement.records import SpreadRecord
from annotations.core.units import Span, spans_group
from annotations.models import Annotation, Article, ArticleRevision, ClaimUnit, Review
from annotations.selectors.articles import annotations_anchor, revision_latest
from annotations.services.claim_changes import FLAGGED_STATUSES, claim_change_record


def submitted_annotations(article: Article) -> list[Annotation]:
    """The submitted highlights placed on the article's latest revision, in text order:
    what units are grouped from and agreement is computed on (see _submitted_placed)."""
    return _submitted_placed(article)[0]


def _submitted_placed(article: Article) -> tuple[list[Annotation], set[int]]:
    """(placed, ids of the unplaced): the submitted highlights on the latest revision.

    Highlights made on an earlier revision carry their place on the latest one in `start`
    and `end` (in memory only; their stored selectors stay those of their own revision), so
    every span compared is in the same text. Those that could not be placed there are left
    out of units' regrouping and of agreement, and keep whatever unit they are in.
    """
    submitted = Review.objects.filter(article=article, status=Review.Status.SUBMITTED).values(
        "reviewer_id"
    )
    annotations = list(
        Annotation.objects.filter(article=article, reviewer_id__in=submitted).select_related(
            "verdict"
        )
    )
    places = annotations_anchor(annotations)
    placed, unplaced = [], set()
    for annotation in annotations:
        place = places.of(annotation)
        if place is None:
            unplaced.add(annotation.pk)
            continue
        annotation.start, annotation.end = place.start, place.end
        placed.append(annotation)
    return sorted(placed, key=lambda a: (a.start, a.end, a.pk)), unplaced


def article_units_regroup(*, article: Article) -> list[ClaimUnit]:
    """Regroup the article's submitted highlights into claim units; return the units in order.

    Unit ids stay stable across regroupings: a new group reuses the existing unit that holds
    most of its members, so that decisions attached to a unit (review queue) survive. Units an
    editor fixed by hand keep their members. Computed units left without members are deleted.
    Runs inside the caller's transaction.
    """
    annotations, unplaced = _submitted_placed(article)
    by_id = {annotation.pk: annotation for annotation in annotations}
    existing = {unit.pk: unit for unit in ClaimUnit.objects.filter(article=article)}
    # Every span below is on the latest revision, so every unit placed is on it too.
    latest = revision_latest(article)
    revision_id = latest.pk if latest is not None else None

    def span(annotation: Annotation) -> Span:
        return Span(
            key=annotation.pk,
            reviewer=annotation.reviewer_id,
            kind=annotation.kind,
            start=annotation.start,
            end=annotation.end,
        )

    fixed_members: dict[int, list[Span]] = defaultdict(list)
    for annotation in annotations:
        unit = existing.get(annotation.unit_id)  # type: ignore[arg-type]  # None finds no unit
        if unit is not None and _editor_fixed(unit):
            fixed_members[unit.pk].append(span(annotation))
    groups = spans_group(
        (span(a) for a in annotations),
        fixed=[(unit_id, members) for unit_id, members in fixed_members.items()],
    )

    with transaction.atomic():
        taken: set[int] = set(fixed_members)
        placements: list[tuple[ClaimUnit, list[Span]]] = []
        moved: list[ClaimUnit] = []
        # (unit, revision id, start, end) where units with a verdict were before moving.
        carried: list[tuple[ClaimUnit, int, int, int]] = []
        for group in groups:
            if group.fixed is not None:
                unit = existing[group.fixed]
            else:
                votes = Counter(
                    by_id[m.key].unit_id
                    for m in group.members
                    if by_id[m.key].unit_id in existing and by_id[m.key].unit_id not in taken
                )
                reuse = min(votes, key=lambda uid: (-votes[uid], uid)) if votes else None
                unit = (
                    existing[reuse]
                    if reuse is not None
                    else ClaimUnit(article=article, revision_id=revision_id)
                )
                if reuse is not None:
                    taken.add(reuse)
            shape = (group.kind, group.start, group.end, revision_id)
            if unit.pk is not None and (unit.kind, unit.start, unit.end, unit.revision_id) != shape:
                moved.append(unit)
                if unit.status in FLAGGED_STATUSES and unit.revision_id not in (None, revision_id):
                    carried.append((unit, unit.revision_id, unit.start, unit.end))
            unit.kind, unit.start, unit.end, unit.revision_id = shape
            placements.append((unit, group.members))
        ClaimUnit.objects.bulk_create([unit for unit, _ in placements if unit.pk is None])
        ClaimUnit.objects.bulk_update(moved, ["kind", "start", "end", "revision"], batch_size=500)
        if carried and latest is not None:
            _claim_changes_record(carried, latest)
        for unit, members in placements:
            # One UPDATE per unit whose members changed: far cheaper than a CASE per row.
            joining = [m.key for m in members if by_id[m.key].unit_id != unit.pk]
            if joining:
                Annotation.objects.filter(pk__in=joining).update(unit=unit)
        result = [unit for unit, _ in placements]
        # Highlights of reviews no longer submitted (or deleted) leave their units.
        Annotation.objects.filter(article=article, unit__isnull=False).exclude(
            pk__in=by_id.keys() | unplaced
        ).update(unit=None)
        ClaimUnit.objects.filter(
            article=article, is_manual=False, status=ClaimUnit.Status.NEEDS_REVIEW
        ).exclude(pk__in=[unit.pk for unit in result]).filter(verdict__isnull=True).delete()
    return result


def _claim_changes_record(
    carried: list[tuple[ClaimUnit, int, int, int]], latest: ArticleRevision
) -> None:
    """Compare each carried unit's passage where its verdict was given with its passage now."""
    texts = dict(
        ArticleRevision.objects.filter(pk__in={r for _, r, _, _ in carried}).values_list(
            "pk", "text"
        )
    )
    for unit, revision_id, start, end in carried:
        claim_change_record(
            unit=unit,
            revision=latest,
            old_passage=texts[revision_id][start:end],
            new_passage=latest.text[unit.start : unit.end],
        )


def _editor_fixed(unit: ClaimUnit) -> bool:
    """Units an editor merged, split or started to work on keep their members."""
    return unit.is_manual or unit.status != ClaimUnit.Status.NEEDS_REVIEW


def units_ranking_store(*, units: list[ClaimUnit], spreads: Sequence[SpreadRecord]) -> None:
    """Copy each unit's verdict spread onto the unit, where the review queue sorts on it."""
    changed = []
    for unit, spread in zip(units, spreads, strict=True):
        ranking = (spread["ratings"], spread["ordinal_spread"], spread["nominal_disagreement"])
        if (unit.ratings, unit.ordinal_spread, unit.nominal_disagreement) != ranking:
            unit.ratings, unit.ordinal_spread, unit.nominal_disagreement = ranking
            changed.append(unit)
    ClaimUnit.objects.bulk_update(
        changed, ["ratings", "ordinal_spread", "nominal_disagreement"], batch_size=500
    )

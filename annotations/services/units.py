"""Writes for claim units: regrouping an article's submitted highlights into units."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from annotations.core.agreement.records import SpreadRecord
from annotations.core.units import Span, spans_group
from annotations.models import Annotation, Article, ArticleRevision, ClaimUnit, Review
from annotations.selectors.articles import annotations_anchor, revision_latest
from annotations.services.claim_changes import FLAGGED_STATUSES, claim_change_record

# Rows per UPDATE when highlights change units: two parameters each, far below any limit.
MOVES_PER_STATEMENT = 500


@dataclass(frozen=True)
class PlacedHighlight:
    """A submitted highlight where it lies on the article's latest revision.

    Plain data rather than the Annotation itself: a highlight made on an earlier revision lies
    elsewhere on the latest one, and its stored selectors (those of its own revision) must
    never be overwritten by where it was placed.
    """

    annotation_id: int
    reviewer_id: int
    kind: str
    verdict: str  # the label's slug
    start: int
    end: int
    unit_id: int | None


@dataclass(frozen=True)
class Regrouping:
    """The units after a regrouping, in text order, and the placed highlights (in text order)
    with the unit each now belongs to: what the agreement statistics are computed on."""

    units: list[ClaimUnit]
    highlights: list[PlacedHighlight]


def _submitted_placed(article: Article) -> tuple[list[PlacedHighlight], set[int]]:
    """(placed, ids of the unplaced): the submitted highlights on the latest revision.

    Every span compared is in the same text (the latest revision's). Highlights that could
    not be placed there are left out of units' regrouping and of agreement, and keep whatever
    unit they are in.
    """
    submitted = Review.objects.filter(article=article, status=Review.Status.SUBMITTED).values(
        "reviewer_id"
    )
    annotations = list(
        Annotation.objects.filter(article=article, reviewer_id__in=submitted)
        .select_related("verdict")
        .only(
            *("article_id", "reviewer_id", "revision_id", "unit_id", "kind"),
            *("exact", "prefix", "suffix", "start", "end", "verdict__slug"),
        )
    )
    places = annotations_anchor(annotations)
    placed, unplaced = [], set()
    for annotation in annotations:
        place = places.of(annotation)
        if place is None:
            unplaced.add(annotation.pk)
            continue
        placed.append(
            PlacedHighlight(
                annotation_id=annotation.pk,
                reviewer_id=annotation.reviewer_id,
                kind=annotation.kind,
                verdict=annotation.verdict.slug,
                start=place.start,
                end=place.end,
                unit_id=annotation.unit_id,
            )
        )
    return sorted(placed, key=lambda h: (h.start, h.end, h.annotation_id)), unplaced


def article_units_regroup(*, article: Article) -> Regrouping:
    """Regroup the article's submitted highlights into claim units, in text order.

    Unit ids stay stable across regroupings: a new group reuses the existing unit that holds
    most of its members, so that decisions attached to a unit (review queue) survive. Units an
    editor fixed by hand keep their members. Computed units left without members are deleted.
    Runs inside the caller's transaction.
    """
    highlights, unplaced = _submitted_placed(article)
    by_id = {highlight.annotation_id: highlight for highlight in highlights}
    existing = {unit.pk: unit for unit in ClaimUnit.objects.filter(article=article)}
    # Every span below is on the latest revision, so every unit placed is on it too.
    latest = revision_latest(article)
    revision_id = latest.pk if latest is not None else None

    def span(highlight: PlacedHighlight) -> Span:
        return Span(
            key=highlight.annotation_id,
            reviewer=highlight.reviewer_id,
            kind=highlight.kind,
            start=highlight.start,
            end=highlight.end,
        )

    fixed_members: dict[int, list[Span]] = defaultdict(list)
    for highlight in highlights:
        unit = existing.get(highlight.unit_id) if highlight.unit_id is not None else None
        if unit is not None and _editor_fixed(unit):
            fixed_members[unit.pk].append(span(highlight))
    groups = spans_group(
        (span(h) for h in highlights),
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
        member_of = {m.key: unit.pk for unit, members in placements for m in members}
        _members_move({pk: unit for pk, unit in member_of.items() if by_id[pk].unit_id != unit})
        units = [unit for unit, _ in placements]
        # Highlights of reviews no longer submitted (or deleted) leave their units.
        Annotation.objects.filter(article=article, unit__isnull=False).exclude(
            pk__in=by_id.keys() | unplaced
        ).update(unit=None)
        ClaimUnit.objects.filter(
            article=article, is_manual=False, status=ClaimUnit.Status.NEEDS_REVIEW
        ).exclude(pk__in=[unit.pk for unit in units]).filter(verdict__isnull=True).delete()
    return Regrouping(
        units=units,
        highlights=[dataclasses.replace(h, unit_id=member_of[h.annotation_id]) for h in highlights],
    )


def _members_move(moves: dict[int, int]) -> None:
    """Set each annotation's unit ({annotation id: unit id}): one UPDATE per 500 rows.

    A new reviewer's submission moves one highlight into every unit they rated, so an UPDATE
    per unit would grow the recomputation's queries with the article's claims; Django's
    bulk_update (a CASE with a branch per row) measured slower than this join on a VALUES
    list, which PostgreSQL and SQLite (3.33 and later: UPDATE ... FROM) both run.
    """
    items = list(moves.items())
    table = Annotation._meta.db_table
    with connection.cursor() as cursor:
        for first in range(0, len(items), MOVES_PER_STATEMENT):
            chunk = items[first : first + MOVES_PER_STATEMENT]
            rows = ", ".join(["(CAST(%s AS BIGINT), CAST(%s AS BIGINT))"] * len(chunk))
            cursor.execute(
                f'UPDATE "{table}" SET "unit_id" = moves.column2 '  # noqa: S608 (no user input)
                f'FROM (VALUES {rows}) AS moves WHERE "{table}"."id" = moves.column1',
                [value for pair in chunk for value in pair],
            )


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

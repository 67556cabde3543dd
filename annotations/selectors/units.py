"""Reads for claim units: one unit for adjudication, its passage and text, its reviewers'
verdict counts, the units it may merge with, and the reviewers' aliases when names are hidden."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from django.db.models import (
    F,
    Prefetch,
    QuerySet,
)
from django.db.models.functions import Coalesce, Substr

from annotations.models import (
    Annotation,
    ClaimChange,
    ClaimUnit,
    DeskSettings,
)
from annotations.selectors.claim_changes import with_claim_change


def unit_for_adjudication(pk: int) -> ClaimUnit:
    """A unit with its highlights, their reviewers, verdicts, sources and the suggestions they
    started as, its verdict, and its open claim change (see selectors.claim_changed)."""
    return (
        with_claim_change(ClaimUnit.objects.all())
        .select_related("article", "revision", "verdict", "verdict__label")
        .prefetch_related(
            Prefetch(
                "annotations",
                queryset=Annotation.objects.select_related("reviewer", "verdict", "suggestion")
                .prefetch_related("sources")
                .order_by("reviewer__username"),
            ),
            "verdict__sources",
            "verdict__corrections",
        )
        .get(pk=pk)
    )


def with_passage(units: QuerySet[ClaimUnit]) -> QuerySet[ClaimUnit]:
    """The unit's passage, cut from the article's text by the database, and its open claim
    change: whoever shows the passage shows that it changed under the verdict."""
    return with_claim_change(
        units.annotate(passage=Substr(UNIT_TEXT, F("start") + 1, F("end") - F("start")))
    )


# The text a unit's offsets refer to: the revision it was made on (the article's own text for
# rows older than revisions, which the first-revisions migration otherwise fills in).
UNIT_TEXT = Coalesce("revision__text", "article__text")


def unit_text(unit: ClaimUnit) -> str:
    """The text `unit.start`/`unit.end` refer to, in Python (see UNIT_TEXT)."""
    return unit.revision.text if unit.revision is not None else unit.article.text


def unit_passage_as_checked(unit: ClaimUnit) -> str:
    """The passage the unit's verdict was given on: while a claim change is open, the passage
    before it (readers never see the new passage under the old verdict), else the passage as
    the unit's revision reads."""
    before = (
        ClaimChange.objects.filter(unit=unit, resolved_at__isnull=True)
        .values_list("old_passage", flat=True)
        .first()
    )
    return before if before is not None else unit_text(unit)[unit.start : unit.end]


def unit_verdict_counts(unit_ids: Sequence[int]) -> dict[int, Counter[int]]:
    """Each unit's verdict counts by label id, for a page of units in one query."""
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    rows = Annotation.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "verdict_id")
    for unit_id, label_id in rows:
        counts[unit_id][label_id] += 1
    return counts


def units_mergeable_with(unit: ClaimUnit) -> list[ClaimUnit]:
    """The other open units of the unit's article, with their passages, in text order."""
    return list(
        with_passage(
            ClaimUnit.objects.filter(
                article_id=unit.article_id, status__in=ClaimUnit.OPEN_STATUSES
            ).exclude(pk=unit.pk)
        ).order_by("start", "pk")
    )


def reviewer_aliases(unit: ClaimUnit) -> dict[int, str] | None:
    """'Reviewer 1', 'Reviewer 2', ... when the desk hides names from adjudicating editors."""
    if not DeskSettings.load().hide_reviewer_names:
        return None
    ordered = sorted({a.reviewer_id for a in unit.annotations.all()})
    return {reviewer: f"Reviewer {index}" for index, reviewer in enumerate(ordered, start=1)}

"""Reads for the fast lane: the units every reviewer agreed on, under the desk's rules.

A unit is ready (docs/review-queue.md) when it awaits a decision, has no verdict yet and no open
claim change, and its submitted highlights satisfy the desk's rules (`DeskSettings.fast_lane_*`):

- at least `min_reviewers` reviewers, each with one highlight, all giving the same verdict, and
  that verdict is not one the desk never fast-tracks;
- all highlights on the same revision, overlapping at least `min_overlap`: the passage every
  reviewer highlighted over the passage any of them did,
  (min(end) - max(start)) / (max(end) - min(start)), the Jaccard index of the spans when there
  are two;
- no source (the same URL) marked "supports" by one reviewer and "refutes" by another
  (`Source.stance`).

Everything is one query: the rules are filters and aggregates, so a page of the lane, its count
and the bulk confirm cost the same few queries whatever the number of units.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Left, NullIf, Trim

from annotations.core.text import CLAIM_TRAILING_CHARACTERS
from annotations.models import (
    Annotation,
    ClaimChange,
    ClaimUnit,
    DeskSettings,
    Source,
    Verdict,
)
from annotations.selectors.queue import with_checked_before
from annotations.selectors.units import with_passage


@dataclass(frozen=True)
class FastLaneRules:
    """The desk's fast-lane rules, as DeskSettings holds them."""

    min_reviewers: int
    min_overlap: float
    excluded_label_ids: frozenset[int]


def fast_lane_rules() -> FastLaneRules:
    desk = DeskSettings.load()
    return FastLaneRules(
        min_reviewers=desk.fast_lane_min_reviewers,
        min_overlap=desk.fast_lane_min_overlap,
        excluded_label_ids=frozenset(desk.fast_lane_excluded_labels.values_list("pk", flat=True)),
    )


def _sources_conflict() -> Exists:
    """A source of the unit that one reviewer cites as supporting the claim and another, by the
    same URL, as refuting it."""
    refuted_by_another = Source.objects.filter(
        annotation__unit=OuterRef(OuterRef("pk")),
        stance=Source.Stance.REFUTES,
        url=OuterRef("url"),
    ).exclude(annotation__reviewer=OuterRef("annotation__reviewer"))
    return Exists(
        Source.objects.filter(
            annotation__unit=OuterRef("pk"), stance=Source.Stance.SUPPORTS
        ).filter(Exists(refuted_by_another))
    )


def units_ready_ids(
    rules: FastLaneRules, units: QuerySet[ClaimUnit] | None = None
) -> QuerySet[ClaimUnit]:
    """The ids (`values("pk")`, for `pk__in`) of the units (of `units`, else of the desk) ready
    for the fast lane."""
    units = ClaimUnit.objects.all() if units is None else units
    open_units = (
        units.filter(status__in=ClaimUnit.OPEN_STATUSES)
        .exclude(Exists(Verdict.objects.filter(unit=OuterRef("pk"))))
        .exclude(Exists(ClaimChange.objects.filter(unit=OuterRef("pk"), resolved_at__isnull=True)))
        .exclude(_sources_conflict())
    )
    agreeing = (
        open_units.order_by()
        .annotate(
            fl_highlights=Count("annotations"),
            fl_reviewers=Count("annotations__reviewer", distinct=True),
            fl_labels=Count("annotations__verdict", distinct=True),
            fl_revisions=Count("annotations__revision", distinct=True),
            fl_label=Min("annotations__verdict"),
            fl_common=Min("annotations__end") - Max("annotations__start"),
            fl_union=Max("annotations__end") - Min("annotations__start"),
        )
        .filter(
            fl_reviewers__gte=rules.min_reviewers,
            fl_highlights=F("fl_reviewers"),
            fl_labels=1,
            fl_revisions__lte=1,
            fl_common__gt=0,
            fl_common__gte=F("fl_union") * rules.min_overlap,
        )
    )
    if rules.excluded_label_ids:
        agreeing = agreeing.exclude(fl_label__in=rules.excluded_label_ids)
    return agreeing.order_by().values("pk")  # type: ignore[return-value]  # ids, for pk__in


def _trailing_trimmed(expression: Func) -> Func:
    """RTRIM(text, characters), PostgreSQL's and SQLite's alike: `expression` without the
    characters `passage_as_claim` takes off a passage's end (not those inside a quotation's
    closing marks, which a highlight of a quote rarely keeps)."""
    return Func(
        expression,
        Value(CLAIM_TRAILING_CHARACTERS),
        function="RTRIM",
        output_field=TextField(),
    )


def with_agreed_verdict(units: QuerySet[ClaimUnit]) -> QuerySet[ClaimUnit]:
    """Each unit with the verdict its page would pre-fill, for a unit its reviewers agreed on:
    `agreed_label_id` (its first highlight's verdict), `agreed_claim` (the passage trimmed, and
    without the commas, semicolons, colons and dashes a quotation ends with, as
    `core.text.passage_as_claim` words it; at most 500 characters) and `agreed_claimant` (who is
    quoted, if a reviewer said; else "")."""
    members = Annotation.objects.filter(unit=OuterRef("pk")).order_by("pk")
    return with_passage(units).annotate(
        agreed_label_id=Subquery(members.values("verdict_id")[:1]),
        agreed_claim=Left(
            Coalesce(NullIf(_trailing_trimmed(Trim("passage")), Value("")), Trim("passage")), 500
        ),
        agreed_claimant=Coalesce(
            Subquery(members.exclude(speaker="").values("speaker")[:1]), Value("")
        ),
    )


def units_ready(units: QuerySet[ClaimUnit], rules: FastLaneRules) -> QuerySet[ClaimUnit]:
    """`units` that are ready, each with its agreed verdict (`with_agreed_verdict`) and the
    desk's published verdict on its claim when it was checked before (`with_checked_before`):
    what the Ready lane and `GET /api/v1/units/ready/` page through."""
    return with_checked_before(
        with_agreed_verdict(units.filter(pk__in=units_ready_ids(rules, units)))
    )


def units_ready_checked(
    rules: FastLaneRules, units: QuerySet[ClaimUnit]
) -> dict[int, tuple[int, bool]]:
    """The ready units of `units`, each as id -> (its article's id, whether it was checked
    before: linked "same" to a claim the desk published a verdict on, given on another unit,
    which the fast lane does not publish, docs/review-queue.md). One query."""
    ready = with_checked_before(ClaimUnit.objects.filter(pk__in=units_ready_ids(rules, units)))
    rows = ready.order_by().values_list("pk", "article_id", "checked_before_verdict")  # type: ignore[misc]  # annotated by with_checked_before
    return {pk: (article_id, checked is not None) for pk, article_id, checked in rows}


def fast_lane_count(rules: FastLaneRules) -> int:
    """How many units are ready: the Ready tab's count."""
    return ClaimUnit.objects.filter(pk__in=units_ready_ids(rules)).count()


def units_reported(unit_ids: list[int]) -> dict[int, ClaimUnit]:
    """The units of a fast-lane report that the editor may adjudicate, with their passage and
    article title, by id (others, and ids of no unit, are left out)."""
    units = with_passage(
        ClaimUnit.objects.filter(pk__in=unit_ids).select_related("article").defer("article__text")
    )
    return {unit.pk: unit for unit in units}

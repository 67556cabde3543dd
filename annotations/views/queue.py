"""The editors' queue: claim units awaiting an editor's decision, most disputed first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timesince import timesince

from annotations import selectors
from annotations.core import charts
from annotations.forms import QueueFilterForm
from annotations.models import ClaimUnit, VerdictLabel
from annotations.permissions import Permission
from annotations.selectors.claim_changes import units_with_changed_claims
from annotations.selectors.revisions import units_with_vanished_claims
from annotations.views.decorators import permission_required

QUEUE_PAGE_SIZE = 50


# --- Verdict spreads, as the queue and the adjudication page draw them ---------------------------


@dataclass(frozen=True)
class SpreadSegment:
    name: str
    colour: str
    count: int
    x: str  # position and width in the bar's 0..100 view box, printed for SVG attributes
    width: str


@dataclass(frozen=True)
class Spread:
    """The verdicts reviewers gave a unit: a stacked bar in label colours, and in words."""

    segments: list[SpreadSegment]
    ratings: int
    text: str  # "4 steps apart", "all agree", "1 rating"
    wide: bool  # two or more steps apart on the ordinal scale

    @property
    def description(self) -> str:
        given = ", ".join(f"{s.count} {s.name}" for s in self.segments) or "no verdicts"
        return f"Verdicts: {given} ({self.text})"


def spread_of(unit: ClaimUnit, counts: Mapping[int, int], labels: Sequence[VerdictLabel]) -> Spread:
    """The spread of `unit` from its verdict counts by label id, in scale order."""
    total = sum(counts.values())
    segments = []
    x = 0.0
    for label in labels:
        count = counts.get(label.pk, 0)
        if not count:
            continue
        width = 100 * count / total
        segments.append(
            SpreadSegment(
                name=label.name,
                colour=charts.colour_valid(label.colour),
                count=count,
                x=f"{x:.2f}",
                width=f"{width:.2f}",
            )
        )
        x += width
    # The same words as the agreement card's unit strip.
    text, wide = charts._spread_text(
        {
            "ratings": unit.ratings,
            "ordinal_spread": unit.ordinal_spread,
            "nominal_disagreement": unit.nominal_disagreement,
        }
    )
    return Spread(segments=segments, ratings=unit.ratings, text=text, wide=wide)


# --- The queue ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    unit: ClaimUnit
    spread: Spread

    @property
    def needs_more_reviews(self) -> bool:
        return self.unit.ratings < 2

    @property
    def age(self) -> str:
        age = timesince(self.unit.created, depth=1)
        return "just now" if age.startswith("0\xa0") else age


@dataclass(frozen=True)
class StatusTab:
    status: str
    name: str
    count: int
    description: str


# Short enough for every tab to fit on one line; the full name is the tab's tooltip.
TAB_NAMES: dict[str, str] = {
    ClaimUnit.Status.MORE_REVIEWS: "Sent back",
    ClaimUnit.Status.REJECTED: "Rejected",
}


def _status_tabs(counts: Mapping[str, int]) -> list[StatusTab]:
    waiting = sum(counts[status] for status in ClaimUnit.OPEN_STATUSES)
    return [
        StatusTab("", "Awaiting a decision", waiting, "Every claim that still needs a decision"),
        *(
            StatusTab(value, TAB_NAMES.get(value, str(name)), counts[value], str(name))
            for value, name in ClaimUnit.Status.choices
        ),
    ]


@permission_required(Permission.Unit.ADJUDICATE)
def review_queue_view(request: HttpRequest) -> HttpResponse:
    labels = selectors.verdict_labels()
    articles, reviewers = selectors.review_queue_filter_choices()
    filters = QueueFilterForm(request.GET, articles=articles, labels=labels, reviewers=reviewers)
    criteria = filters.criteria()
    page = Paginator(
        selectors.with_passage(selectors.review_queue(**criteria)), QUEUE_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    units = list(page.object_list)
    counts = selectors.unit_verdict_counts([unit.pk for unit in units])
    rows = [QueueRow(unit, spread_of(unit, counts[unit.pk], labels)) for unit in units]
    return render(
        request,
        "annotations/review_queue.html",
        {
            "filters": filters,
            "filtered": bool(criteria.keys() - {"status"}),
            "status": criteria.get("status", ""),
            "tabs": _status_tabs(selectors.review_queue_counts()),
            "page": page,
            "rows": rows,
            "first_rank": page.start_index(),
            "vanished_count": units_with_vanished_claims().count(),
            "changed_count": units_with_changed_claims().count(),
        },
    )

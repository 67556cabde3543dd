"""The editors' queue as it is drawn: each unit's verdict spread (also on the adjudication page),
its row, and the status tabs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.timesince import timesince
from django.utils.translation import gettext, pgettext_lazy

from annotations import selectors
from annotations.core import charts
from annotations.core.text import passage_as_claim, quote_marks_added
from annotations.models import ClaimUnit, Verdict, VerdictLabel
from annotations.selectors.articles import User
from annotations.selectors.labels import label_name
from annotations.selectors.verdicts import verdicts_of_units
from annotations.text_lists import text_list

if TYPE_CHECKING:  # the stubs' name for a lazy string; Django has no such class at runtime
    from django.utils.functional import _StrPromise as StrPromise


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
        given = text_list(f"{s.count} {s.name}" for s in self.segments) or gettext("no verdicts")
        return gettext("Verdicts: %(given)s (%(spread)s)") % {"given": given, "spread": self.text}


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
                name=label_name(label),
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
        },
        translation,
    )
    return Spread(segments=segments, ratings=unit.ratings, text=text, wide=wide)


# The queue shows the start of a long passage.
PASSAGE_SHOWN_CHARACTERS = 240


@dataclass(frozen=True)
class QueueRow:
    unit: ClaimUnit
    spread: Spread
    # The desk's final verdict, once decided (the Published tab shows what was published).
    verdict: Verdict | None = None
    # The label of the desk's published verdict on the same claim elsewhere, in the reader's
    # language ("" when never checked before).
    checked_before_name: str = ""

    @property
    def passage(self) -> str:
        """The passage as a claim (`passage_as_claim`) in quote marks, cut with an ellipsis; a
        quotation keeps its own marks."""
        # The selector annotates each unit with its passage (the text it spans).
        passage = passage_as_claim(" ".join(str(getattr(self.unit, "passage", "")).split()))
        if len(passage) > PASSAGE_SHOWN_CHARACTERS:
            passage = passage[: PASSAGE_SHOWN_CHARACTERS - 1].rstrip() + "\u2026"
        return quote_marks_added(passage)

    @property
    def needs_more_reviews(self) -> bool:
        return self.unit.ratings < 2

    @property
    def age(self) -> str:
        age = timesince(self.unit.created, depth=1)
        return gettext("just now") if age.startswith("0\xa0") else age


def queue_rows(
    units: Sequence[ClaimUnit], labels: Sequence[VerdictLabel], *, user: User
) -> list[QueueRow]:
    """The rows of one page of the queue, each with its spread and final verdict (one query
    for all counts, one for all verdicts)."""
    ids = [unit.pk for unit in units]
    counts = selectors.unit_verdict_counts(ids)
    verdicts = verdicts_of_units(user, ids)
    names = {label.pk: label_name(label) for label in labels}
    return [
        QueueRow(
            unit,
            spread_of(unit, counts[unit.pk], labels),
            verdicts.get(unit.pk),
            names.get(getattr(unit, "checked_before_label", None) or 0, ""),
        )
        for unit in units
    ]


@dataclass(frozen=True)
class StatusTab:
    status: str
    name: str
    count: int
    description: str


# Short enough for every tab to fit on one line; the full name is the tab's tooltip.
TAB_NAMES: dict[str, StrPromise] = {
    ClaimUnit.Status.MORE_REVIEWS: pgettext_lazy("queue tab", "Sent back"),
    ClaimUnit.Status.REJECTED: pgettext_lazy("queue tab", "Rejected"),
}


def status_tabs(counts: Mapping[str, int]) -> list[StatusTab]:
    """The queue's tabs: everything awaiting a decision, then one per status, with counts."""
    waiting = sum(counts[status] for status in ClaimUnit.OPEN_STATUSES)
    return [
        StatusTab(
            "",
            gettext("Awaiting a decision"),
            waiting,
            gettext("Every claim that still needs a decision"),
        ),
        *(
            StatusTab(value, str(TAB_NAMES.get(value) or name), counts[value], str(name))
            for value, name in ClaimUnit.Status.choices
        ),
    ]

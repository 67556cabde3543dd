"""A reviewer's figures against the desk's decisions, month by month. Pure, no Django.

The selectors hand in counts (how many of the reviewer's ratings had this label where the final
verdict, or a colleague, had that one, in that month); this module turns them into the figures
the feedback pages and the API show. Conventions (docs/feedback.md):

- A month is the month the unit was decided (the verdict's `decided_at`, in the desk's time
  zone): one unit, one month, so a colleague's rating and the final verdict fall in the same
  month as the reviewer's.
- Agreement with the final verdict: the share of the reviewer's ratings equal to the final label.
- Ordinal distance: how many steps of the ordered scale lie between the reviewer's label and the
  final one. A label outside the order (Unverifiable) against any *other* label is a full
  disagreement: the widest distance the scale has (ordered labels less one), as the review
  queue ranks it (selectors.queue._rank_spread). The same label on both sides is 0.
- Kappa with a colleague: Cohen's kappa (core.agreement.cohen_kappa, every label of the scale
  as its categories) over the decided units both rated in the month; undefined (None with the
  reason) when the month has too little to compare.
- Months run without gaps from the first to the last month with a rating; a month in between
  with none has no figures (None), which the chart draws as a gap.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from .agreement import cohen_kappa
from .agreement.records import StatisticRecord
from .agreement.report import statistic_json

# (slug, is_ordinal), in scale order (most accurate first).
ScaleEntry = tuple[str, bool]
# (month, the reviewer's label, the final label, how many units).
FinalCount = tuple[datetime.date, str, str, int]
# (month, colleague, the reviewer's label, the colleague's label, how many units).
PairCount = tuple[datetime.date, Hashable, str, str, int]


@dataclass(frozen=True)
class Scale:
    """The labels (slugs) in scale order and each ordered label's step on the scale."""

    labels: tuple[str, ...]
    steps: dict[str, int]

    @classmethod
    def of(cls, entries: Sequence[ScaleEntry]) -> Scale:
        ordered = [slug for slug, is_ordinal in entries if is_ordinal]
        return cls(
            labels=tuple(slug for slug, _ in entries),
            steps={slug: index for index, slug in enumerate(ordered)},
        )

    @property
    def widest(self) -> int:
        """The largest distance on the scale: its ordered labels less one (0 without two)."""
        return max(len(self.steps) - 1, 0)

    def distance(self, own: str, final: str) -> int:
        """Steps between two labels; a label outside the order against another is the widest."""
        if own == final:
            return 0
        if own in self.steps and final in self.steps:
            return abs(self.steps[own] - self.steps[final])
        return self.widest


@dataclass(frozen=True)
class MonthFigures:
    """One month of a reviewer's decided work: `units` rated, `agreed` equal to the final
    verdict, their share (`agreement`) and the mean ordinal distance; None without units."""

    month: datetime.date
    units: int
    agreed: int
    agreement: float | None
    mean_distance: float | None


@dataclass(frozen=True)
class MonthKappa:
    month: datetime.date
    units: int  # decided units both rated in the month
    kappa: StatisticRecord


@dataclass(frozen=True)
class ColleagueKappa:
    """Cohen's kappa with one colleague: over every month together, and month by month (the
    reviewer's months, so the rows line up with `months`)."""

    colleague: Hashable
    units: int
    kappa: StatisticRecord
    months: list[MonthKappa]


@dataclass(frozen=True)
class ReviewerFigures:
    months: list[MonthFigures]
    total: MonthFigures  # every month together (its `month` is date.min: no one month)
    colleagues: list[ColleagueKappa]
    widest: int  # the scale's widest distance, the chart's top


def month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every month from `first`'s to `last`'s, both included."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _first_of_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, day.month, 1)


def _figures(
    month: datetime.date, counts: Iterable[tuple[str, str, int]], scale: Scale
) -> MonthFigures:
    units = agreed = distance = 0
    for own, final, n in counts:
        units += n
        agreed += n if own == final else 0
        distance += n * scale.distance(own, final)
    return MonthFigures(
        month=month,
        units=units,
        agreed=agreed,
        agreement=agreed / units if units else None,
        mean_distance=distance / units if units else None,
    )


def _kappa(
    counts: Iterable[tuple[str, str, int]], labels: Sequence[str]
) -> tuple[int, StatisticRecord]:
    mine: list[str] = []
    theirs: list[str] = []
    for own, other, n in counts:
        mine.extend([own] * n)
        theirs.extend([other] * n)
    return len(mine), statistic_json(cohen_kappa(mine, theirs, values=labels))


def reviewer_figures(
    *,
    finals: Sequence[FinalCount],
    pairs: Sequence[PairCount],
    scale: Sequence[ScaleEntry],
    until: datetime.date | None = None,
) -> ReviewerFigures:
    """A reviewer's figures by month (see the module's docstring for each one's definition).

    `finals` count the reviewer's ratings on decided units by (month, own label, final label);
    `pairs` count, by colleague, the units both rated by (month, own label, colleague's label).
    Labels outside `scale` raise ValueError (the kappa's categories are the scale's labels).
    `until` extends the months to that month (e.g. today), so that a quiet spell shows.
    """
    known = Scale.of(scale)
    by_month: dict[datetime.date, list[tuple[str, str, int]]] = defaultdict(list)
    for month, own, final, n in finals:
        if own not in known.labels or final not in known.labels:
            raise ValueError(f"label outside the scale: {own!r} or {final!r}")
        by_month[_first_of_month(month)].append((own, final, n))
    colleague_months: dict[Hashable, dict[datetime.date, list[tuple[str, str, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for month, colleague, own, other, n in pairs:
        colleague_months[colleague][_first_of_month(month)].append((own, other, n))

    seen = set(by_month) | {m for months in colleague_months.values() for m in months}
    if until is not None and seen:
        seen.add(_first_of_month(until))
    months = month_range(min(seen), max(seen)) if seen else []

    figures = [_figures(month, by_month.get(month, ()), known) for month in months]
    everything = [row for rows in by_month.values() for row in rows]
    total = _figures(datetime.date.min, everything, known)

    colleagues = []
    for colleague in sorted(colleague_months, key=str):
        together = colleague_months[colleague]
        units, kappa = _kappa([row for rows in together.values() for row in rows], known.labels)
        monthly = []
        for month in months:
            month_units, month_kappa = _kappa(together.get(month, ()), known.labels)
            monthly.append(MonthKappa(month=month, units=month_units, kappa=month_kappa))
        colleagues.append(
            ColleagueKappa(colleague=colleague, units=units, kappa=kappa, months=monthly)
        )
    return ReviewerFigures(months=figures, total=total, colleagues=colleagues, widest=known.widest)


def overall_figures(
    counts: Iterable[tuple[str, str, int]], scale: Sequence[ScaleEntry]
) -> MonthFigures:
    """Every decided rating of a reviewer together (the editors' list of reviewers): the
    `month` field is meaningless here and set to date.min."""
    return _figures(datetime.date.min, counts, Scale.of(scale))

"""A small line chart of one figure by month, drawn as SVG on the server. Pure, no Django.

As annotations.core.charts: every piece of text is escaped (the only reason views may mark the
markup safe), geometry and colours are SVG presentation attributes (the Content-Security-Policy
forbids style attributes, not these), the chart has role="img", a <title> and an aria-label,
and each point prints its value, so nothing is told by the line alone. A month without a value
is a gap in the line and prints "n/a" under its tick. The page puts the same figures in a table.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from .charts import ENGLISH, GRID, MUTED, Words, _svg, _text, colour_valid, escape
from .numbers import ENGLISH_NUMBERS, Numbers

# (month, value or None)
MonthPoint = tuple[datetime.date, float | None]

WIDTH_PER_MONTH = 64
PLOT_HEIGHT = 120
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 18, 38


def month_label(month: datetime.date) -> str:
    """ "Nov 2026": short and unambiguous (English month abbreviations, as the pages print)."""
    return month.strftime("%b %Y")


def month_line_svg(
    points: Sequence[MonthPoint],
    *,
    title: str,
    low: float,
    high: float,
    ticks: Sequence[float],
    value_format: Callable[[float], str],
    colour: str = "#2166ac",
    css_class: str = "month-line",
    words: Words = ENGLISH,
    month_name: Callable[[datetime.date], str] = month_label,
) -> str:
    """One figure by month as a line with labelled points, on a fixed `low`..`high` axis.

    `points` are (first day of the month, value or None) in month order. The line breaks at
    a None, so that a month without data never looks like a month at the level of its
    neighbours.
    """
    if high <= low:
        high = low + 1
    colour = colour_valid(colour)
    count = max(len(points), 1)
    plot_width = WIDTH_PER_MONTH * count
    width = LEFT + plot_width + RIGHT
    height = TOP + PLOT_HEIGHT + BOTTOM

    def x_of(index: int) -> float:
        return LEFT + WIDTH_PER_MONTH * (index + 0.5)

    def y_of(value: float) -> float:
        clamped = min(high, max(low, value))
        return TOP + PLOT_HEIGHT * (1 - (clamped - low) / (high - low))

    body: list[str] = []
    for tick in ticks:
        y = y_of(tick)
        body.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_width}" y2="{y:.1f}" '
            f'stroke="{GRID}"/>'
        )
        body.append(
            _text(LEFT - 6, y + 4, value_format(tick), text_anchor="end", fill=MUTED, font_size=10)
        )
    segments: list[list[tuple[float, float]]] = [[]]
    for index, (_month, value) in enumerate(points):
        if value is None:
            segments.append([])
        else:
            segments[-1].append((x_of(index), y_of(value)))
    for segment in segments:
        if len(segment) >= 2:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            body.append(
                f'<polyline class="month-line__line" points="{path}" fill="none" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
    for index, (month, value) in enumerate(points):
        x = x_of(index)
        name = month_name(month)
        body.append(
            _text(x, TOP + PLOT_HEIGHT + 16, name, text_anchor="middle", fill=MUTED, font_size=10)
        )
        if value is None:
            empty = words.gettext("%(month)s: no decided work") % {"month": name}
            body.append(
                f'<g class="month-line__point month-line__point--empty"><title>'
                f"{escape(empty)}</title>"
                + _text(
                    x,
                    TOP + PLOT_HEIGHT + 30,
                    words.gettext("n/a"),
                    text_anchor="middle",
                    fill=MUTED,
                    font_size=10,
                    font_style="italic",
                )
                + "</g>"
            )
            continue
        y = y_of(value)
        printed = value_format(value)
        label_y = y - 8 if y - 8 > TOP - 4 else y + 16
        body.append(
            f'<g class="month-line__point"><title>{escape(f"{name}: {printed}")}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}" stroke="#ffffff" '
            'stroke-width="1.5"/>'
            + _text(x, label_y, printed, text_anchor="middle", font_size=11, font_weight=600)
            + "</g>"
        )
    months = len(points)
    label = words.ngettext(
        "%(title)s, by month, over %(count)s month",
        "%(title)s, by month, over %(count)s months",
        months,
    ) % {"title": title, "count": months}
    return _svg(width, height, label, body, css_class)


def steps(value: float, numbers: Numbers = ENGLISH_NUMBERS) -> str:
    """A distance in scale steps: 0, 0.5, 1.25 (two decimals at most)."""
    return numbers.compact(round(value, 2))

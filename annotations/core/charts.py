"""Charts for the agreement pages, drawn as SVG on the server.

Pure (no Django): each function takes plain data and returns SVG markup in which every piece of
text has been escaped, which is the only reason views may mark the markup safe. Colours and
geometry are SVG presentation attributes (fill="#d73027", x, width): the page's
Content-Security-Policy forbids style attributes, not these. Every chart has role="img", a
<title> and an aria-label, and prints its values as text, so nothing is told by colour alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from .numbers import ENGLISH_NUMBERS, Numbers

# (label, value or None, "#rrggbb", note), e.g. ("False", 0.41, "#d73027", "38 ratings").
BarRow = tuple[str, float | None, str, str]

FALLBACK_COLOUR = "#888888"
TEXT = "#161a1f"
MUTED = "#5a6472"
GRID = "#e4e7ec"
UNDEFINED_FILL = "#eef0f3"


class Words(Protocol):
    """Where the charts' words come from: Django's django.utils.translation module in the
    presenters (the reader's language; `make messages` finds the strings in this file), or
    English below. The core imports no Django."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, number: int) -> str: ...


class _English:
    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return singular if number == 1 else plural


ENGLISH: Words = _English()

# ColorBrewer RdBu (colour-blind safe), from -1 (red: worse than chance) through 0 (near white:
# chance) to 1 (blue: perfect agreement).
DIVERGING = ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de"]
DIVERGING += ["#4393c3", "#2166ac"]


def gettext_noop(message: str) -> str:
    """Marks a string for `make messages` (Django's name for it), translated where it is used,
    through the chart's `words`."""
    return message


MEASURES = {
    # name: (title, legend ticks). The sentence describing each chart is written whole per
    # measure in heatmap_svg: a name put into a sentence cannot agree with it ("de le kappa").
    "kappa": (gettext_noop("Cohen's κ"), (-1.0, -0.5, 0.0, 0.5, 1.0)),
    "agreement": (gettext_noop("Raw agreement"), (0.0, 0.25, 0.5, 0.75, 1.0)),
}


def escape(text: object) -> str:
    """Text or attribute value, escaped for XML (quotes included)."""
    return html.escape(str(text), quote=True)


def colour_valid(colour: str) -> str:
    """The colour if it is #rrggbb, else a neutral grey: data never reaches markup unchecked."""
    return colour if re.fullmatch(r"#[0-9a-fA-F]{6}", colour or "") else FALLBACK_COLOUR


def shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "\u2026"


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour_valid(colour)
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def text_colour_on(fill: str) -> str:
    """Dark or white text, whichever reads better on `fill` (WCAG relative luminance)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(fill))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast against white vs against near-black text.
    return "#ffffff" if (1.05 / (luminance + 0.05)) > ((luminance + 0.05) / 0.0595) else TEXT


def diverging_colour(value: float) -> str:
    """The colour of `value` on the diverging scale, clamped to -1..1."""
    t = (min(1.0, max(-1.0, value)) + 1) / 2 * (len(DIVERGING) - 1)
    index = min(int(t), len(DIVERGING) - 2)
    fraction = t - index
    low, high = _rgb(DIVERGING[index]), _rgb(DIVERGING[index + 1])
    mixed = (round(a + (b - a) * fraction) for a, b in zip(low, high, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def _text_width(text: str, size: float) -> float:
    """A rough width of sans-serif text, for layout (no font metrics on the server)."""
    return len(text) * size * 0.58


def _svg(width: float, height: float, label: str, body: list[str], css_class: str) -> str:
    # direction="ltr": the geometry is left to right whatever the page's direction. Inherited
    # from an Arabic (dir="rtl") page, text-anchor "start"/"end" swap sides, so labels ran into
    # the bars and were clipped, and a lone minus sign went after its number ("0.88−").
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {escape(css_class)}" '
        f'role="img" aria-label="{escape(label)}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" direction="ltr" font-size="12" fill="{TEXT}">'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


# Arabic and Hebrew letters (their blocks and presentation forms): text holding one is read
# right to left.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
RLI, PDI = "\u2067", "\u2069"


def text_content(text: str) -> str:
    """Text for a <text> element, escaped. In the left-to-right svg, a right-to-left text is
    isolated in its own right-to-left run (RLI … PDI): its words keep their order ("10 تقييمات"
    reads with the number on the right) while its anchor keeps the svg's geometry."""
    if _RIGHT_TO_LEFT.search(text):
        text = f"{RLI}{text}{PDI}"
    return escape(text)


def _text(x: float, y: float, text: str, **attributes: object) -> str:
    extra = "".join(
        f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attributes.items()
    )
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{text_content(text)}</text>'


def _empty(message: str, css_class: str) -> str:
    return _svg(
        320,
        40,
        message,
        [_text(0, 24, message, fill=MUTED, font_size=13)],
        css_class,
    )


# --- Reviewer-by-reviewer heat map ---------------------------------------------------------------


def _pair_value(
    pair: Mapping[str, Any], measure: str, words: Words = ENGLISH
) -> tuple[float | None, str]:
    """The pair's value under `measure`, and why it is undefined (empty when it is defined)."""
    if measure == "agreement":
        value = pair.get("agreement")
        return value, "" if value is not None else words.gettext("no unit rated by both")
    record = pair.get("kappa") or {}
    value = record.get("value")
    reason = record.get("reason")  # stored in English (annotations.core.agreement)
    return value, "" if value is not None else words.gettext(reason or "undefined")


def heatmap_svg(
    reviewers: Sequence[str],
    pairs: Sequence[Mapping[str, Any]],
    *,
    measure: str = "kappa",
    words: Words = ENGLISH,
    numbers: Numbers = ENGLISH_NUMBERS,
) -> str:
    """A reviewer-by-reviewer matrix of Cohen's kappa (`measure="kappa"`) or raw agreement.

    `pairs` are the selectors' pairwise records: {"a", "b", "units", "agreement", "kappa":
    {"value", "reason"}}. Each pair fills two mirrored cells, coloured on a diverging scale
    (chance = white) with the value printed in it, "n/a" when undefined; the diagonal is blank.
    """
    title, ticks = MEASURES[measure]
    title = words.gettext(title)
    show, tick_label = (
        (numbers.percent, numbers.percent)
        if measure == "agreement"
        else (numbers.decimal, numbers.compact)
    )
    not_applicable = words.gettext("n/a")
    if len(reviewers) < 2:
        return _empty(
            words.gettext("No reviewer pairs yet: agreement needs two reviewers."), "heatmap"
        )
    by_pair = {}
    for record in pairs:
        by_pair[(record["a"], record["b"])] = record
        by_pair[(record["b"], record["a"])] = record

    names = [shorten(name, 16) for name in reviewers]
    cell_width, cell_height, size = (70, 50, 12) if len(reviewers) <= 8 else (58, 44, 11)
    longest = max(_text_width(name, size) for name in names)
    left = longest + 14
    top = longest * 0.71 + 18
    right = max(24.0, longest * 0.71 - cell_width / 2 + 8)
    matrix_width = cell_width * len(reviewers)
    width = max(left + matrix_width + right, 340)
    legend_top = top + cell_height * len(reviewers) + 22
    height = legend_top + 40

    body = []
    for column, name in enumerate(names):
        x = left + column * cell_width + cell_width / 2
        body.append(
            f'<text transform="translate({x:.1f},{top - 8:.1f}) rotate(-45)" '
            f'fill="{MUTED}">{text_content(name)}</text>'
        )
    for row, (reviewer, name) in enumerate(zip(reviewers, names, strict=True)):
        y = top + row * cell_height
        body.append(_text(left - 10, y + cell_height / 2 + 4, name, text_anchor="end", fill=MUTED))
        for column, other in enumerate(reviewers):
            x = left + column * cell_width
            if column == row:
                body.append(
                    f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cell_width - 2}" '
                    f'height="{cell_height - 2}" rx="3" fill="#f9fafb" stroke="{GRID}"/>'
                )
                continue
            pair = by_pair.get((reviewer, other))
            value, reason = (
                _pair_value(pair, measure, words) if pair else (None, words.gettext("no data"))
            )
            units = pair.get("units", 0) if pair else 0
            fill = UNDEFINED_FILL if value is None else diverging_colour(value)
            ink = MUTED if value is None else text_colour_on(fill)
            printed = not_applicable if value is None else show(value)
            values = {
                "reviewer": reviewer,
                "other": other,
                "measure": title,
                "value": printed,
                "reason": reason,
                "count": units,
            }
            if reason:
                described = words.ngettext(
                    "%(reviewer)s and %(other)s: %(measure)s %(value)s (%(reason)s), "
                    "%(count)s unit rated by both",
                    "%(reviewer)s and %(other)s: %(measure)s %(value)s (%(reason)s), "
                    "%(count)s units rated by both",
                    units,
                )
            else:
                described = words.ngettext(
                    "%(reviewer)s and %(other)s: %(measure)s %(value)s, "
                    "%(count)s unit rated by both",
                    "%(reviewer)s and %(other)s: %(measure)s %(value)s, "
                    "%(count)s units rated by both",
                    units,
                )
            described %= values
            body.append(
                f'<g class="heatmap__cell" data-pair="{escape(reviewer)}|{escape(other)}">'
                f"<title>{escape(described)}</title>"
                f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cell_width - 2}" '
                f'height="{cell_height - 2}" rx="3" fill="{fill}"/>'
                + _text(
                    x + cell_width / 2,
                    y + cell_height / 2 - 1,
                    printed,
                    text_anchor="middle",
                    fill=ink,
                    font_size=13,
                    font_weight=600,
                )
                + _text(
                    x + cell_width / 2,
                    y + cell_height / 2 + 14,
                    f"n = {numbers.integer(units)}",
                    text_anchor="middle",
                    fill=ink,
                    font_size=10,
                    fill_opacity=0.85,
                )
                + "</g>"
            )

    body.append(_text(left, legend_top, title, fill=MUTED, font_size=11, font_weight=600))
    swatch = 40
    for index, tick in enumerate(ticks):
        x = left + index * swatch
        body.append(
            f'<rect x="{x:.1f}" y="{legend_top + 8:.1f}" width="{swatch}" height="12" '
            f'fill="{diverging_colour(tick)}" stroke="{GRID}"/>'
        )
        body.append(
            _text(
                x + swatch / 2,
                legend_top + 34,
                tick_label(tick),
                text_anchor="middle",
                fill=MUTED,
                font_size=10,
            )
        )
    x = left + len(ticks) * swatch + 16
    body.append(
        f'<rect x="{x:.1f}" y="{legend_top + 8:.1f}" width="{swatch}" height="12" '
        f'fill="{UNDEFINED_FILL}" stroke="{GRID}"/>'
    )
    body.append(
        _text(
            x + swatch / 2,
            legend_top + 34,
            not_applicable,
            text_anchor="middle",
            fill=MUTED,
            font_size=10,
        )
    )
    if measure == "kappa":
        note = words.gettext("0: chance · 1: perfect")
        note_x = left + _text_width(title, 11) + 12
        body.append(_text(note_x, legend_top, note, fill=MUTED, font_size=10))
    if measure == "kappa":
        sentence = words.ngettext(
            "Heat map of Cohen's kappa between each pair of %(count)s reviewer; each cell "
            "prints the value and the number of units both rated.",
            "Heat map of Cohen's kappa between each pair of %(count)s reviewers; each cell "
            "prints the value and the number of units both rated.",
            len(reviewers),
        )
    else:
        sentence = words.ngettext(
            "Heat map of raw agreement between each pair of %(count)s reviewer; each cell "
            "prints the value and the number of units both rated.",
            "Heat map of raw agreement between each pair of %(count)s reviewers; each cell "
            "prints the value and the number of units both rated.",
            len(reviewers),
        )
    label = sentence % {"count": len(reviewers)}
    return _svg(width, height, label, body, "heatmap")


# --- Horizontal bars ---------------------------------------------------------------------------


def bars_svg(
    rows: Sequence[BarRow],
    *,
    title: str,
    low: float | None = None,
    high: float | None = None,
    value_format: Callable[[float], str] | None = None,
    ticks: Sequence[float] = (),
    words: Words = ENGLISH,
    numbers: Numbers = ENGLISH_NUMBERS,
) -> str:
    """Horizontal bars, one per (label, value, colour, note) row, with the value printed.

    The axis spans `low`..`high`, widened to hold every value and zero; when it reaches below
    zero a zero line is drawn and negative bars extend left of it. An undefined value (None)
    prints "n/a" and draws no bar. The note (e.g. "38 ratings" or a reason) is printed at the
    end of the row.
    """
    if not rows:
        return _empty(words.gettext("Nothing to show yet."), "bars")
    value_format = value_format or numbers.decimal
    values = [value for _label, value, _colour, _note in rows if value is not None]
    low = min([0.0, *values] + ([low] if low is not None else []))
    high = max([0.0, *values] + ([high] if high is not None else []))
    if high == low:
        high = low + 1

    size = 12
    labels = [shorten(label, 22) for label, _value, _colour, _note in rows]
    notes = [shorten(note, 40) for _label, _value, _colour, note in rows]
    left = max(_text_width(label, size) for label in labels) + 14
    note_width = max([_text_width(note, 11) for note in notes] + [0]) + 14
    value_room = 46  # room for the printed value beyond either end of the axis
    plot_width = 240
    plot_left = left + (value_room if low < 0 else 8)
    plot_right = plot_left + plot_width
    width = plot_right + value_room + note_width
    row_height, bar_height, top = 30, 16, 8
    axis_bottom = top + row_height * len(rows)
    height = axis_bottom + (26 if ticks else 8)

    def x_of(value: float) -> float:
        return plot_left + (value - low) / (high - low) * plot_width

    body = []
    for tick in ticks:
        if low <= tick <= high:
            x = x_of(tick)
            body.append(
                f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_bottom:.1f}" '
                f'stroke="{GRID}"/>'
            )
            body.append(
                _text(
                    x,
                    axis_bottom + 16,
                    numbers.compact(tick),
                    text_anchor="middle",
                    fill=MUTED,
                    font_size=10,
                )
            )
    zero = x_of(0)
    for index, ((label, value, colour, note), short_label, short_note) in enumerate(
        zip(rows, labels, notes, strict=True)
    ):
        y = top + index * row_height
        middle = y + row_height / 2
        printed = words.gettext("n/a") if value is None else value_format(value)
        # Through the catalogue: French puts a space before the colon.
        described = words.gettext("%(label)s: %(value)s") % {"label": label, "value": printed}
        described += f" ({note})" if note else ""
        parts = [f"<title>{escape(described)}</title>"]
        parts.append(_text(left - 10, middle + 4, short_label, text_anchor="end"))
        if value is None:
            parts.append(_text(zero + 6, middle + 4, printed, fill=MUTED, font_style="italic"))
        else:
            start, end = sorted((zero, x_of(value)))
            parts.append(
                f'<rect x="{start:.1f}" y="{middle - bar_height / 2:.1f}" '
                f'width="{max(end - start, 1.5):.1f}" height="{bar_height}" rx="2" '
                f'fill="{colour_valid(colour)}" stroke="#000000" stroke-opacity="0.12"/>'
            )
            if value < 0:
                parts.append(
                    _text(start - 6, middle + 4, printed, text_anchor="end", font_weight=600)
                )
            else:
                parts.append(_text(end + 6, middle + 4, printed, font_weight=600))
        if short_note:
            parts.append(
                _text(plot_right + value_room, middle + 4, short_note, fill=MUTED, font_size=11)
            )
        body.append(f'<g class="bars__row">{"".join(parts)}</g>')
    if low < 0:
        body.append(
            f'<line class="bars__zero" x1="{zero:.1f}" y1="{top - 4}" x2="{zero:.1f}" '
            f'y2="{axis_bottom:.1f}" stroke="{MUTED}" stroke-width="1.5"/>'
        )
    else:
        body.append(
            f'<line x1="{zero:.1f}" y1="{top - 4}" x2="{zero:.1f}" y2="{axis_bottom:.1f}" '
            f'stroke="{MUTED}"/>'
        )
    return _svg(width, height, title, body, "bars")


# --- An article's claim units --------------------------------------------------------------------


def _spread_text(unit: Mapping[str, Any], words: Words = ENGLISH) -> tuple[str, bool]:
    """How far apart a unit's verdicts are, in words, and whether that is a wide spread."""
    ratings = unit.get("ratings", 0)
    if ratings < 2:
        return (words.gettext("1 rating") if ratings == 1 else words.gettext("no rating")), False
    spread = unit.get("ordinal_spread")
    if spread is None:
        agree = unit.get("nominal_disagreement") == 0
        return (words.gettext("all agree") if agree else words.gettext("verdicts differ")), False
    if spread == 0 and unit.get("nominal_disagreement") == 0:
        return words.gettext("all agree"), False
    if spread == 0:
        return words.gettext("verdicts differ"), False
    steps = words.ngettext("%(count)s step apart", "%(count)s steps apart", spread)
    return steps % {"count": spread}, spread >= 2


def spread_strip_svg(
    units: Sequence[Mapping[str, Any]],
    labels: Sequence[tuple[str, str, str]],
    *,
    width: int = 720,
    words: Words = ENGLISH,
) -> str:
    """Each claim unit as a row: its caption, how far apart its verdicts are, and a stacked bar
    of its verdict counts in label colours, with the counts printed and named beside it.

    `units`: {"caption", "ratings", "labels": {slug: count}, "ordinal_spread",
    "nominal_disagreement"}; `labels`: (slug, name, colour) in scale order. Bars share one
    scale, so a shorter bar means fewer reviewers rated that unit.
    """
    if not units:
        return _empty(words.gettext("No claim units yet."), "spread-strip")
    order = {slug: index for index, (slug, _name, _colour) in enumerate(labels)}
    names = {slug: name for slug, name, _colour in labels}
    colours = {slug: colour_valid(colour) for slug, _name, colour in labels}
    most = max([sum(unit.get("labels", {}).values()) for unit in units] + [1])

    number_width, row_height = 26, 50
    bar_width = round(width * 0.36)
    caption_chars = int((width - number_width - 120) / (12.5 * 0.56))
    body = []
    for index, unit in enumerate(units):
        y = index * row_height
        spread, wide = _spread_text(unit, words)
        counts = sorted(
            ((slug, count) for slug, count in unit.get("labels", {}).items() if count),
            key=lambda item: order.get(item[0], len(order)),
        )
        summary = " \u00b7 ".join(f"{count} {names.get(slug, slug)}" for slug, count in counts)
        caption = unit.get("caption", "")
        described = words.gettext("Unit %(number)s: %(caption)s — %(spread)s; %(summary)s") % {
            "number": index + 1,
            "caption": caption,
            "spread": spread,
            "summary": summary,
        }
        parts = [f"<title>{escape(described)}</title>"]
        if wide:
            parts.append(
                f'<rect x="0" y="{y + 2}" width="{width}" height="{row_height - 4}" rx="4" '
                f'fill="#fef3f2"/>'
            )
        parts.append(_text(6, y + 19, str(index + 1), fill=MUTED, font_weight=600))
        parts.append(_text(number_width, y + 19, shorten(caption, caption_chars), font_size=12.5))
        parts.append(
            _text(
                width - 6,
                y + 19,
                spread,
                text_anchor="end",
                fill="#b42318" if wide else MUTED,
                font_weight=600 if wide else 400,
                font_size=11.5,
            )
        )
        x = float(number_width)
        for slug, count in counts:
            segment = bar_width * count / most
            fill = colours.get(slug, FALLBACK_COLOUR)
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 27}" width="{segment:.1f}" height="14" '
                f'fill="{fill}" stroke="#ffffff" stroke-width="1"/>'
            )
            if segment >= 14:
                parts.append(
                    _text(
                        x + segment / 2,
                        y + 38,
                        str(count),
                        text_anchor="middle",
                        fill=text_colour_on(fill),
                        font_size=10,
                        font_weight=600,
                    )
                )
            x += segment
        parts.append(
            _text(number_width + bar_width + 10, y + 38, summary, fill=MUTED, font_size=11)
        )
        body.append(f'<g class="spread-strip__unit">{"".join(parts)}</g>')
    label = words.ngettext(
        "Verdicts given to each of %(count)s claim unit, as stacked bars with the counts printed",
        "Verdicts given to each of %(count)s claim units, as stacked bars with the counts printed",
        len(units),
    ) % {"count": len(units)}
    return _svg(width, row_height * len(units), label, body, "spread-strip")


# --- A confidence interval -----------------------------------------------------------------------


def interval_svg(
    value: float,
    low: float,
    high: float,
    *,
    label: str,
    numbers: Numbers = ENGLISH_NUMBERS,
) -> str:
    """A point estimate and its confidence interval on the -1..1 scale of alpha and kappa,
    with the chance level (0) and perfect agreement (1) marked."""
    width, height, pad = 200, 32, 8

    def x_of(number: float) -> float:
        return pad + (min(1.0, max(-1.0, number)) + 1) / 2 * (width - 2 * pad)

    body = [
        f'<line x1="{pad}" y1="12" x2="{width - pad}" y2="12" stroke="{GRID}" stroke-width="4" '
        'stroke-linecap="round"/>',
        f'<rect x="{x_of(low):.1f}" y="8" width="{max(x_of(high) - x_of(low), 2):.1f}" '
        f'height="8" rx="4" fill="{diverging_colour(value)}" stroke="#2166ac" '
        'stroke-opacity="0.5"/>',
        f'<circle cx="{x_of(value):.1f}" cy="12" r="4.5" fill="{TEXT}" stroke="#ffffff" '
        'stroke-width="1.5"/>',
    ]
    for tick in (-1.0, 0.0, 1.0):
        x = x_of(tick)
        body.append(f'<line x1="{x:.1f}" y1="17" x2="{x:.1f}" y2="20" stroke="{MUTED}"/>')
        body.append(
            _text(x, 30, numbers.compact(tick), text_anchor="middle", fill=MUTED, font_size=9)
        )
    return _svg(width, height, label, body, "interval")

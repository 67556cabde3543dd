"""The agreement charts: well-formed, escaped, accessible SVG that prints its values."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from annotations.core import charts
from annotations.core.numbers import ENGLISH_NUMBERS

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"


def parsed(svg: str) -> ET.Element:
    """The chart as XML: parsing fails if any text was left unescaped."""
    return ET.fromstring(svg)  # noqa: S314 (markup this test just generated)


def texts(svg: str) -> list[str]:
    return [element.text or "" for element in parsed(svg).iter(f"{SVG}text")]


def pair(
    a: str,
    b: str,
    kappa: float | None,
    *,
    agreement: float | None = 0.5,
    units: int = 4,
    reason: str | None = None,
) -> dict:
    return {
        "a": a,
        "b": b,
        "units": units,
        "agreement": agreement,
        "kappa": {"value": kappa, "reason": reason, "units": units, "reviewers": 2},
    }


def cells(svg: str) -> list[ET.Element]:
    return [g for g in parsed(svg).iter(f"{SVG}g") if g.get("class") == "heatmap__cell"]


def test_a_reviewer_name_with_markup_comes_out_escaped():
    svg = charts.heatmap_svg([HOSTILE, "bob"], [pair(HOSTILE, "bob", 0.5)])

    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert any(cell.find(f"{SVG}title").text.startswith(HOSTILE) for cell in cells(svg))


def test_a_quote_in_a_name_cannot_leave_its_attribute():
    name = 'x" onmouseover="alert(1)'

    svg = charts.heatmap_svg([name, "bob"], [pair(name, "bob", 0.5)])

    assert 'onmouseover="' not in svg
    assert all(g.get("onmouseover") is None for g in parsed(svg).iter())


def test_the_heat_map_has_a_cell_for_each_pair_both_ways_with_its_value():
    reviewers = ["alice", "bob", "chen"]
    pairs = [pair("alice", "bob", 0.5), pair("alice", "chen", 0.25), pair("bob", "chen", 1.0)]

    svg = charts.heatmap_svg(reviewers, pairs)

    assert len(cells(svg)) == 2 * len(pairs)
    assert {cell.get("data-pair") for cell in cells(svg)} >= {"alice|bob", "bob|alice"}
    assert texts(svg).count("0.50") == 2
    assert texts(svg).count("0.25") == 2
    assert texts(svg).count("1.00") == 2


def test_an_undefined_kappa_prints_n_a_and_says_why_in_its_title():
    svg = charts.heatmap_svg(
        ["alice", "bob"], [pair("alice", "bob", None, reason="every rating is the same label")]
    )

    assert texts(svg).count("n/a") == 3  # two cells and the legend
    titles = [cell.find(f"{SVG}title").text for cell in cells(svg)]
    assert all("every rating is the same label" in title for title in titles)


def test_negative_kappa_is_printed_with_a_minus_sign_on_the_red_side():
    svg = charts.heatmap_svg(["alice", "bob"], [pair("alice", "bob", -0.4)])

    assert "\u22120.40" in texts(svg)
    fill = cells(svg)[0].find(f"{SVG}rect").get("fill")
    red, _green, blue = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    assert red > blue


def test_raw_agreement_is_printed_as_a_percentage():
    svg = charts.heatmap_svg(
        ["alice", "bob"], [pair("alice", "bob", 0.1, agreement=0.8)], measure="agreement"
    )

    assert texts(svg).count("80%") == 2


def test_fewer_than_two_reviewers_say_there_are_no_pairs():
    svg = charts.heatmap_svg(["alice"], [])

    assert "No reviewer pairs yet" in " ".join(texts(svg))


def test_every_chart_is_an_image_with_a_title_and_a_label():
    svgs = [
        charts.heatmap_svg(["alice", "bob"], [pair("alice", "bob", 0.5)]),
        charts.bars_svg([("True", 0.5, "#1a9850", "3 ratings")], title="Kappa per label"),
        charts.spread_strip_svg(
            [{"caption": "A claim", "ratings": 1, "labels": {"true": 1}}],
            [("true", "True", "#1a9850")],
        ),
        charts.interval_svg(0.5, 0.2, 0.7, label="alpha: 95% CI 0.20 to 0.70"),
    ]

    for svg in svgs:
        root = parsed(svg)
        assert root.get("role") == "img"
        assert root.get("aria-label")
        assert root[0].tag == f"{SVG}title"
        assert root[0].text == root.get("aria-label")


def bar_rects(svg: str) -> list[ET.Element]:
    return [
        rect
        for g in parsed(svg).iter(f"{SVG}g")
        if g.get("class") == "bars__row"
        for rect in g.iter(f"{SVG}rect")
    ]


def test_negative_bars_extend_left_of_a_zero_line():
    svg = charts.bars_svg(
        [("True", 0.6, "#1a9850", ""), ("Mixed", -0.4, "#fee08b", "")], title="Kappa per label"
    )

    zero = next(line for line in parsed(svg).iter(f"{SVG}line") if line.get("class"))
    assert zero.get("class") == "bars__zero"
    x_zero = float(zero.get("x1"))
    positive, negative = bar_rects(svg)
    assert float(positive.get("x")) == x_zero
    assert float(negative.get("x")) + float(negative.get("width")) == x_zero
    assert float(negative.get("width")) == 2 / 3 * float(positive.get("width"))
    assert "\u22120.40" in texts(svg)


def test_bars_of_positive_values_need_no_zero_line():
    svg = charts.bars_svg([("True", 12, "#1a9850", "40%")], title="Ratings", value_format=str)

    assert "bars__zero" not in svg
    assert "12" in texts(svg)
    assert "40%" in texts(svg)


def test_an_undefined_bar_prints_n_a_and_its_reason_and_draws_no_bar():
    svg = charts.bars_svg(
        [("True", None, "#1a9850", "no rating with this label")], title="Kappa per label"
    )

    assert bar_rects(svg) == []
    assert "n/a" in texts(svg)
    assert "no rating with this label" in texts(svg)


def test_bar_labels_and_notes_are_escaped_and_bad_colours_are_replaced():
    svg = charts.bars_svg([(HOSTILE, 0.5, '"/><script>x', HOSTILE)], title=HOSTILE)

    assert "<script" not in svg
    assert bar_rects(svg)[0].get("fill") == charts.FALLBACK_COLOUR


LABELS = [
    ("true", "True", "#1a9850"),
    ("mostly-false", "Mostly false", "#fc8d59"),
    ("false", "False", "#d73027"),
]


def test_each_unit_is_a_stack_of_its_verdict_counts_in_label_colours():
    unit = {
        "caption": "Unemployment has doubled",
        "ratings": 3,
        "labels": {"false": 2, "mostly-false": 1},
        "ordinal_spread": 1,
        "nominal_disagreement": 1 / 3,
    }

    svg = charts.spread_strip_svg([unit], LABELS)

    fills = [rect.get("fill") for rect in parsed(svg).iter(f"{SVG}rect")]
    assert fills == ["#fc8d59", "#d73027"]  # scale order: mostly false before false
    assert "1 Mostly false \u00b7 2 False" in texts(svg)
    assert "1 step apart" in texts(svg)


def test_units_whose_verdicts_are_two_steps_apart_are_marked_in_words():
    unit = {"caption": "c", "ratings": 2, "labels": {"true": 1, "false": 1}, "ordinal_spread": 4}

    assert "4 steps apart" in texts(charts.spread_strip_svg([unit], LABELS))


def test_unit_captions_are_escaped():
    unit = {"caption": HOSTILE, "ratings": 1, "labels": {"true": 1}}

    svg = charts.spread_strip_svg([unit], LABELS)

    assert "<script" not in svg
    parsed(svg)


def test_numbers_use_a_true_minus_sign_and_no_negative_zero():
    assert ENGLISH_NUMBERS.decimal(-0.25) == "\u22120.25"
    assert ENGLISH_NUMBERS.decimal(-0.001) == "0.00"
    assert ENGLISH_NUMBERS.decimal(0.8) == "0.80"
    assert ENGLISH_NUMBERS.compact(-0.5) == "\u22120.5"


def test_text_on_dark_fills_is_white_and_on_light_fills_dark():
    assert charts.text_colour_on("#2166ac") == "#ffffff"
    assert charts.text_colour_on("#fee08b") == charts.TEXT

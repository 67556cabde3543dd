"""The month chart of the feedback page (annotations.core.month_chart): escaped, no style
attribute, gaps where a month has no value, every value printed."""

from __future__ import annotations

import datetime
import re
from xml.etree import ElementTree

from annotations.core.month_chart import month_line_svg, steps
from annotations.core.numbers import ENGLISH_NUMBERS

SEP, OCT, NOV = (datetime.date(2026, month, 1) for month in (9, 10, 11))


def chart(points, title="Agreement"):
    return month_line_svg(
        points,
        title=title,
        low=0.0,
        high=1.0,
        ticks=(0.0, 0.5, 1.0),
        value_format=ENGLISH_NUMBERS.percent,
    )


def test_the_chart_is_an_accessible_image_that_parses_as_xml():
    svg = chart([(SEP, 0.5), (OCT, 0.75)])

    root = ElementTree.fromstring(svg)  # noqa: S314 (markup this test just generated)
    assert root.get("role") == "img"
    assert "by month, over 2 months" in root.get("aria-label")
    assert root.find("{http://www.w3.org/2000/svg}title") is not None


def test_every_value_is_printed_and_no_style_attribute_is_used():
    svg = chart([(SEP, 0.5), (OCT, 0.75)])

    assert ">50%<" in svg and ">75%<" in svg
    assert "Sep 2026" in svg and "Oct 2026" in svg
    assert not re.search(r"\sstyle=", chart([(SEP, 0.5), (OCT, None)]) + svg)


def test_a_month_without_a_value_breaks_the_line_and_says_so():
    svg = chart([(SEP, 0.5), (OCT, None), (NOV, 0.25)])

    assert "<polyline" not in svg  # no two neighbouring months with values: no segment at all
    assert "n/a" in svg
    assert "Oct 2026: no decided work" in svg


def test_neighbouring_months_with_values_are_joined():
    svg = chart([(SEP, 0.5), (OCT, 0.6), (NOV, None)])

    assert len(re.findall("<polyline", svg)) == 1


def test_text_is_escaped():
    svg = chart([(SEP, 0.5)], title='<script>alert("x")</script>')

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    ElementTree.fromstring(svg)  # noqa: S314 (markup this test just generated)


def test_values_beyond_the_axis_stay_inside_the_plot():
    svg = chart([(SEP, 3.0)])

    circle = re.search(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)
    assert circle is not None
    assert float(circle.group(1)) >= 0


def test_steps_print_at_most_two_decimals():
    assert steps(0.5) == "0.5"
    assert steps(1.3333) == "1.33"
    assert steps(0) == "0"

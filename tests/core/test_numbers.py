"""Numbers as a language writes them (annotations.core.numbers): the marks swapped into what
Python writes, the minus sign and the percent pattern."""

from __future__ import annotations

import datetime

from annotations.core import charts
from annotations.core.month_chart import month_line_svg, steps
from annotations.core.numbers import ENGLISH_NUMBERS, Numbers

FRENCH = Numbers(
    decimal_separator=",", thousand_separator="\u202f", percent_pattern="%(number)s\u202f%%"
)
SPANISH = Numbers(
    decimal_separator=",", thousand_separator=".", percent_pattern="%(number)s\u00a0%%"
)


def test_english_numbers_read_as_before():
    assert ENGLISH_NUMBERS.decimal(0.8125) == "0.81"
    assert ENGLISH_NUMBERS.decimal(-0.25) == "\u22120.25"
    assert ENGLISH_NUMBERS.percent(0.75) == "75%"
    assert ENGLISH_NUMBERS.integer(12345) == "12,345"
    assert ENGLISH_NUMBERS.compact(-0.5) == "\u22120.5"


def test_french_writes_a_decimal_comma_and_groups_thousands_with_a_thin_space():
    assert FRENCH.decimal(0.8125) == "0,81"
    assert FRENCH.decimal(1234.5, places=1) == "1\u202f234,5"
    assert FRENCH.compact(0.5) == "0,5"
    assert FRENCH.integer(12345) == "12\u202f345"


def test_spanish_swaps_both_marks_without_mixing_them_up():
    assert SPANISH.decimal(12345.678) == "12.345,68"
    assert SPANISH.integer(1234567) == "1.234.567"


def test_a_percentage_follows_the_languages_pattern():
    assert FRENCH.percent(0.81) == "81\u202f%"
    assert SPANISH.percent(0.125, places=1) == "12,5\u00a0%"


def test_a_value_rounded_to_zero_has_no_minus_sign_in_any_language():
    assert FRENCH.decimal(-0.001) == "0,00"
    assert FRENCH.decimal(-0.5) == "\u22120,50"
    assert FRENCH.percent(-0.001) == "0\u202f%"


def test_charts_print_values_and_ticks_in_the_readers_numbers():
    heatmap = charts.heatmap_svg(
        ["ana", "ben"],
        [
            {
                "a": "ana",
                "b": "ben",
                "units": 1200,
                "agreement": 0.5,
                "kappa": {"value": 0.4567, "reason": None},
            }
        ],
        numbers=FRENCH,
    )
    assert ">0,46<" in heatmap and ">\u22120,5<" in heatmap
    assert "n = 1\u202f200" in heatmap
    assert "0.46" not in heatmap

    bars = charts.bars_svg(
        [("True", 0.25, "#2166ac", "")], title="t", high=1.0, ticks=(0.0, 0.5), numbers=FRENCH
    )
    assert ">0,25<" in bars and ">0,5<" in bars

    interval = charts.interval_svg(0.5, 0.25, 0.75, label="α", numbers=FRENCH)
    assert "\u22121" in interval


def test_month_chart_prints_french_percentages_and_steps():
    chart = month_line_svg(
        [(datetime.date(2026, 1, 1), 0.5), (datetime.date(2026, 2, 1), None)],
        title="t",
        low=0.0,
        high=1.0,
        ticks=(0.0, 0.5),
        value_format=FRENCH.percent,
    )
    assert ">50\u202f%<" in chart
    assert steps(1.25, FRENCH) == "1,25"
    assert steps(1.25) == "1.25"

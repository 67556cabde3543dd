"""Dates with an abbreviated month (annotations/short_dates.py): each language writes the month
as Unicode's CLDR and the browser do; French and Spanish in lower case ("1 déc.", "1 dic"), not
Django's "M" ("1 Déc", "1 Dic"). The webhook delivery log and the feedback months use them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from annotations.presenters.feedback import month_label

MOMENT = dt.datetime(2026, 12, 1, 15, 26, 7, tzinfo=dt.UTC)

EXPECTED = {
    "en": ("1 Dec, 15:26:07", "1 Dec 2026, 15:26:07", "Dec 2026"),
    "fr": ("1 déc., 15:26:07", "1 déc. 2026, 15:26:07", "déc. 2026"),
    "es": ("1 dic, 15:26:07", "1 dic 2026, 15:26:07", "dic 2026"),
    "ar": ("1 ديسمبر, 15:26:07", "1 ديسمبر 2026, 15:26:07", "ديسمبر 2026"),
}


def rendered(language: str, pattern: str) -> str:
    template = Template('{% load short_dates %}{{ moment|date_short:"' + pattern + '" }}')
    with translation.override(language), timezone.override(dt.UTC):
        return template.render(Context({"moment": MOMENT}))


@pytest.mark.parametrize("language", EXPECTED)
def test_the_log_s_dates_write_the_month_as_the_language_does(language):
    day_month, with_year, _ = EXPECTED[language]
    assert rendered(language, "day_month_time") == day_month
    assert rendered(language, "day_month_year_time") == with_year


@pytest.mark.parametrize("language", EXPECTED)
def test_a_feedback_month_is_written_as_the_language_does(language):
    with translation.override(language):
        assert month_label(dt.date(2026, 12, 1)) == EXPECTED[language][2]


def test_the_filter_shows_the_time_in_the_desk_s_time_zone():
    template = Template('{% load short_dates %}{{ moment|date_short:"day_month_time" }}')
    with translation.override("fr"), timezone.override("Europe/Paris"):
        assert template.render(Context({"moment": MOMENT})) == "1 déc., 16:26:07"


def test_no_date_is_an_empty_string():
    template = Template('{% load short_dates %}{{ moment|date_short:"day_month" }}')
    assert template.render(Context({"moment": None})) == ""

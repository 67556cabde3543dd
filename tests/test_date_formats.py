"""Dates in each interface language's own order (issue 17): Arabic day first with a 24-hour
clock and Western digits (Django's `ar` locale leaves DATETIME_FORMAT to the American default,
"ديسمبر 1, 2026, 3:26 م"), French and Spanish as their locales write them. Templates name the
formats, so each is checked through the template filter the pages use."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

MOMENT = dt.datetime(2026, 12, 1, 15, 26)  # noqa: DTZ001 - naive: a format check, no time zone

EXPECTED = {
    "ar": {
        "DATE_FORMAT": "1 ديسمبر، 2026",
        "DATETIME_FORMAT": "1 ديسمبر، 2026، 15:26",
        "SHORT_DATE_FORMAT": "1 ديسمبر 2026",
        "SHORT_DATETIME_FORMAT": "1 ديسمبر 2026، 15:26",
        "TIME_FORMAT": "15:26",
        "MONTH_DAY_FORMAT": "1 ديسمبر",
        "YEAR_MONTH_FORMAT": "ديسمبر 2026",
    },
    "fr": {
        "DATE_FORMAT": "1 décembre 2026",
        "DATETIME_FORMAT": "1 décembre 2026 15:26",
        "TIME_FORMAT": "15:26",
        "MONTH_DAY_FORMAT": "1 décembre",
        "YEAR_MONTH_FORMAT": "décembre 2026",
    },
    "es": {
        "DATE_FORMAT": "1 de diciembre de 2026",
        "DATETIME_FORMAT": "1 de diciembre de 2026 a las 15:26",
        "TIME_FORMAT": "15:26",
        "MONTH_DAY_FORMAT": "1 de diciembre",
        "YEAR_MONTH_FORMAT": "diciembre de 2026",
    },
    "en": {
        "DATE_FORMAT": "1 December 2026",
        "DATETIME_FORMAT": "1 December 2026, 15:26",
        "SHORT_DATETIME_FORMAT": "1 Dec 2026, 15:26",
    },
}
CASES = [
    (language, name, text) for language, named in EXPECTED.items() for name, text in named.items()
]


def rendered(language: str, name: str) -> str:
    with translation.override(language):
        return Template('{{ moment|date:"' + name + '" }}').render(Context({"moment": MOMENT}))


@pytest.mark.parametrize(("language", "name", "text"), CASES)
def test_each_language_writes_the_named_format_in_its_own_order(language, name, text):
    assert rendered(language, name) == text


def test_arabic_dates_use_western_digits_and_no_twelve_hour_clock():
    for name in EXPECTED["ar"]:
        text = rendered("ar", name)
        assert not any("\u0660" <= char <= "\u0669" for char in text), text
        if "TIME" in name:
            # 15:26, not "3:26 م": no AM/PM marker after the time.
            assert text.endswith("15:26"), text

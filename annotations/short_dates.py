"""Dates with an abbreviated month in the reader's language, as Unicode's CLDR writes them and
so the browser does (static/annotations/source-rows.js, Intl's `month: "short"`): "1 Dec",
"1 déc.", "1 dic", "déc. 2026".

Django's "M" capitalises the month's abbreviation in every language ("1 Déc", "Dic 2026");
French and Spanish write months in lower case, and French ends a cut word with a point.
Babel (already a runtime dependency, for the catalogues) carries CLDR's abbreviations."""

from __future__ import annotations

import datetime

from babel.dates import format_date, format_datetime
from django.conf import settings
from django.utils.translation import get_language, to_locale

# CLDR date patterns (not Django's): d the day, MMM the month abbreviated, y the year, HH:mm:ss
# a 24-hour clock. The desk's order, day first, in every language.
DAY_MONTH = "d MMM"
DAY_MONTH_YEAR = "d MMM y"
MONTH_YEAR = "MMM y"
DAY_MONTH_TIME = "d MMM, HH:mm:ss"
DAY_MONTH_YEAR_TIME = "d MMM y, HH:mm:ss"


def date_short(value: datetime.date, pattern: str = DAY_MONTH_YEAR) -> str:
    """`value` in `pattern` (one of the above) in the active language, as it is (a datetime is
    not moved to another time zone: give it in the one to show); digits stay Western (0-9), as
    everywhere on the desk."""
    locale = to_locale(get_language() or settings.LANGUAGE_CODE)
    if isinstance(value, datetime.datetime):
        return format_datetime(value, pattern, tzinfo=value.tzinfo, locale=locale)
    return format_date(value, pattern, locale=locale)

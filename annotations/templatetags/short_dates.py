"""`{{ when|date_short:"day_month_time" }}`: annotations/short_dates.py in templates, a date with
an abbreviated month ("1 déc., 15:26:07"; Django's "M" would write "1 Déc")."""

from __future__ import annotations

import datetime

from django import template

from annotations import short_dates

register = template.Library()

PATTERNS = {
    "day_month": short_dates.DAY_MONTH,
    "day_month_year": short_dates.DAY_MONTH_YEAR,
    "month_year": short_dates.MONTH_YEAR,
    "day_month_time": short_dates.DAY_MONTH_TIME,
    "day_month_year_time": short_dates.DAY_MONTH_YEAR_TIME,
}


@register.filter(expects_localtime=True)
def date_short(value: datetime.date | None, pattern: str = "day_month_year") -> str:
    """The date in the desk's time zone (as Django's `date` filter), "" for none."""
    if not value:
        return ""
    return short_dates.date_short(value, PATTERNS[pattern])

"""The reader's way of writing numbers, for what pages show: Django's formats for the active
language (factcheck/formats/ and Django's own) give the separators, the catalogue the
percent pattern. Scripts write theirs with i18n.js's formatNumber, to the same rules."""

from __future__ import annotations

from django.utils.formats import get_format
from django.utils.translation import pgettext

from annotations.core.numbers import Numbers


def numbers_shown() -> Numbers:
    """The active language's `Numbers` ("0,81" and "81 %" in French)."""
    return Numbers(
        decimal_separator=str(get_format("DECIMAL_SEPARATOR")),
        thousand_separator=str(get_format("THOUSAND_SEPARATOR")),
        # Translators: where the number goes in a percentage, and the space before the sign
        # if the language puts one (a no-break space, so that the sign never wraps alone).
        percent_pattern=pgettext("percentage", "%(number)s%%"),
    )

"""Numbers as a language writes them on a page: "0.81" in English, "0,81" in French and Spanish.

Pure (no Django): a `Numbers` holds a language's separators and percent pattern, and the
presenters build one for the reader's language from Django's formats
(`annotations/presenters/numbers.py`). Figures a script parses or an API serves stay numbers;
only text meant for a reader goes through here. Digits are always Western (0-9), as in the
rest of the desk's Arabic interface (`static/annotations/i18n.js`, `formatNumber`).
"""

from __future__ import annotations

from dataclasses import dataclass

MINUS = "\u2212"


@dataclass(frozen=True)
class Numbers:
    """A language's way of writing numbers. Every method first writes the number as Python
    does ("," between thousands, "." before decimals), then swaps in the language's marks.

    `percent_pattern` places the number and the sign: "%(number)s%%" (81%) in English,
    "%(number)s\u202f%%" (81 %) in French, where a thin no-break space keeps the sign on the
    number's line.
    """

    decimal_separator: str = "."
    thousand_separator: str = ","
    percent_pattern: str = "%(number)s%%"

    def _marks(self, text: str) -> str:
        swapped = {",": self.thousand_separator, ".": self.decimal_separator}
        return "".join(swapped.get(character, character) for character in text)

    def _signed(self, text: str, negative: bool) -> str:
        # A true minus sign (easier to read than a hyphen); no sign on a value rounded to zero.
        digits = text.lstrip("-")
        return MINUS + digits if negative and digits.strip("0.,") else digits

    def decimal(self, value: float, places: int = 2) -> str:
        """0.61, -0.13 with a true minus sign; `places` decimals."""
        return self._marks(self._signed(f"{value:,.{places}f}", value < 0))

    def compact(self, value: float) -> str:
        """A tick label: -0.5, 0, 1 (no trailing zeros)."""
        return self._marks(self._signed(f"{value:,g}", value < 0))

    def percent(self, value: float, places: int = 0) -> str:
        """A share (0.81) as a percentage (81%), `places` decimals."""
        number = self._marks(self._signed(f"{value * 100:,.{places}f}", value < 0))
        return self.percent_pattern % {"number": number}

    def integer(self, value: float) -> str:
        """A count, thousands grouped: 12,345."""
        return self._marks(self._signed(f"{value:,.0f}", value < 0))


ENGLISH_NUMBERS = Numbers()

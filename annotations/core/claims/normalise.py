"""The normal form of a claim's text: what the exact stage compares and the lexical stage scores.

Two texts that differ only in form normalise to the same string:

- Unicode and typography: NFKC (so NFC too; no-break and thin spaces become spaces), quotes and
  invisible characters dropped, the minus sign a hyphen (`annotations.core.facts.plain`);
- case (casefold) and punctuation (dropped, but the decimal point and the percent sign);
- number formats: thousands separators ("1,200" -> "1200"), a decimal comma before a percent
  ("3,5 %" -> "3.5%"), "percent", "per cent" and "pc" -> "%", number words ("three point
  five" -> "3.5", "two hundred and nineteen" -> "219"), "a litre" after a number ->
  "per litre", scale words ("2.4 million", "$3bn" ->
  "2400000", "3000000000") and currency signs ("$3" -> "3 dollars").

`numbers_normalised` applies the number rules alone and keeps the case: the fact-consistency
check reads names from capitals, so it compares texts in that form.

Arabic script: digits Western, tatweel and vowel marks dropped (`plain`), and the letters
written either way folded (`normalise`: alef forms, alef maqsura, ta marbuta).

Known limits: a lone "one" stays a word ("one of the largest" is not a figure); "m" after a
number is read as million only after a currency sign ("$5m"), never alone ("5m" may be metres);
"1 000" with a plain space is left alone (it could be two numbers).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from annotations.core.facts import plain

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "trillion": 10**12, "tn": 10**12,
}  # fmt: skip
_CURRENCIES = {"$": "dollars", "us$": "dollars", "£": "pounds", "€": "euros"}

_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "thousand", "million", "billion"]))
# A run of number words ("two hundred and nineteen", "twenty-five", "three point five").
_WORD_RUN = re.compile(
    rf"(?<!\d )(?<!\d)\b(?:{_NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD}))*"
    rf"(?:\s+point(?:\s+(?:{'|'.join(_UNITS)}))+)?\b",
    re.IGNORECASE,
)
_DECIMAL_COMMA_PERCENT = re.compile(r"(\d),(\d{1,2})(?=\s*(?:%|per\s?cent\b|pc\b))", re.I)
_THOUSANDS = re.compile(r"\b(\d{1,3})((?:,\d{3})+)(?![\d,]*\d)")
_PERCENT = re.compile(r"(\d)\s*(?:%|per\s?cent\b|pc\b)", re.IGNORECASE)
_SCALED = re.compile(
    r"(?:(?P<currency>US\$|\$|£|€)\s?)?(?P<number>\d+(?:\.\d+)?)\s?"
    r"(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k)\b",
    re.IGNORECASE,
)
_CURRENCY = re.compile(r"(?P<currency>US\$|\$|£|€)\s?(?P<number>\d+(?:\.\d+)?)", re.IGNORECASE)
# "106 cents a litre" is "106 cents per litre".
_A_UNIT = re.compile(
    r"(\d\S*(?:\s+[a-z]+)?)\s+an?\s+(litre|liter|gallon|barrel|tonne|kilo|kilogram|pound"
    r"|year|month|week|day|hour|head|person)\b"
)
_PUNCTUATION = re.compile(r"[^\w\s.%-]|(?<!\d)\.|\.(?!\d)|(?<![\w])-|-(?![\w])")


def _words_value(run: str) -> str | None:
    """The digits for a run of number words, or None for a lone "one" (a word, not a figure)."""
    words = re.split(r"[\s-]+", run.casefold())
    if words == ["one"]:
        return None
    decimals = ""
    if "point" in words:
        at = words.index("point")
        decimals = "".join(str(_UNITS[word]) for word in words[at + 1 :])
        words = words[:at]
    total = current = 0
    for word in words:
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:  # thousand, million, billion
            total += max(current, 1) * _SCALES[word]
            current = 0
    value = str(total + current)
    return f"{value}.{decimals}" if decimals else value


def _plain_number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scaled(match: re.Match[str]) -> str:
    scale = match.group("scale").casefold()
    currency = match.group("currency")
    if scale in ("m", "k") and not currency:  # "5m" may be metres, "5k" kilometres
        return match.group(0)
    try:
        value = Decimal(match.group("number")) * _SCALES[scale]
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return match.group(0)
    number = _plain_number(value)
    return f"{number} {_CURRENCIES[currency.casefold()]}" if currency else number


def _currency(match: re.Match[str]) -> str:
    return f"{match.group('number')} {_CURRENCIES[match.group('currency').casefold()]}"


def _word_run(match: re.Match[str]) -> str:
    value = _words_value(match.group(0))
    return match.group(0) if value is None else value


def numbers_normalised(text: str) -> str:
    """`text` with its typography plain and its numbers in one format, case kept."""
    text = plain(unicodedata.normalize("NFC", text))
    text = _WORD_RUN.sub(_word_run, text)
    text = _DECIMAL_COMMA_PERCENT.sub(r"\1.\2", text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text)
    text = _PERCENT.sub(r"\1%", text)
    text = _SCALED.sub(_scaled, text)
    text = _CURRENCY.sub(_currency, text)
    text = _A_UNIT.sub(r"\1 per \2", text)
    return re.sub(r"\s+", " ", text).strip()


# Arabic letters written either way in practice: the hamza forms and the wasla of alef, the
# alef maqsura for a final ya, the ta marbuta for a final ha.
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def normalise(text: str) -> str:
    """The normal form of `text` (see the module docstring): equal for texts that differ only
    in Unicode form, typography, case, punctuation or number format, or in Arabic letters
    written either way (alef with or without hamza, alef maqsura and ya, ta marbuta and ha)."""
    text = numbers_normalised(text).casefold().translate(_ARABIC_LETTERS)
    text = _PUNCTUATION.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()

"""Figures as other languages write them, read so the features find them as in English.

- Digits of every script (Arabic-Indic ٠١٢, Persian ۰۱۲, Devanagari ०१२, ...) are decimal
  digits to Python's `\\d`, but the year and date patterns spell out ASCII digits: each is
  read as its ASCII digit (`unicodedata.decimal`).
- Arabic's decimal separator "٫" (U+066B) and the Arabic comma "،" between two digits ("12،5",
  as many Arabic papers write a decimal) are read as ".", its thousands separator "٬" (U+066C)
  as ",", so "12٫5" is one figure and not two.
- Thousands grouped by a space ("1 200", "12 000 000"): French, Spanish and most European
  languages group by a no-break or thin space (U+00A0, U+202F, U+2009), typed text often by a
  plain space. A space between a group of one to three digits and groups of exactly three is
  read as ",", so "1 200 personnes" is one figure; in English only the no-break and thin
  spaces are (an English "in 2019 200 people" stays two numbers).
- Percent and currency words after a figure ("12,5 pour cent", "3 millions d'euros",
  "٥ بالمئة", "3 mil millones de dólares") for French, Spanish, Arabic, German, Italian and
  Portuguese.
- Numbers in words through number-parser, which reads English, Spanish, Russian, Ukrainian and
  Hindi only (its `SUPPORTED_LANGUAGES`); French and Arabic numbers in words are not found (a
  word list of big numbers, "millions", "مليار", stands in for them).

`figures_read` keeps the text's length, so every offset found in what it returns is an offset
in the sentence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Languages number-parser reads (number_parser.parser.SUPPORTED_LANGUAGES, besides English,
# which features.py handles with its own word list).
NUMBER_PARSER_LANGUAGES = frozenset({"es", "ru", "uk", "hi"})

_SPACES_ALWAYS = "\u00a0\u202f\u2009"
_GROUPED_ALWAYS = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:[{_SPACES_ALWAYS}]\d{{3}})+(?!\d)")
_GROUPED_ANY_SPACE = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:[ {_SPACES_ALWAYS}]\d{{3}})+(?![\d])")
_ARABIC_SEPARATORS = re.compile(r"(?<=\d)[٫٬،](?=\d)")
_ARABIC_SEPARATOR_READ = {"٫": ".", "٬": ",", "،": "."}


def primary_language(language: str) -> str:
    """The primary subtag of a language tag, lower-cased: "fr-CA" -> "fr"."""
    return language.split("-")[0].split("_")[0].lower()


def _ascii_digit(character: str) -> str:
    if character.isascii():
        return character
    value = unicodedata.decimal(character, None)
    return character if value is None else str(value)


def figures_read(text: str, *, language: str) -> str:
    """`text` with its figures written as English writes them, of the same length (see the
    module docstring)."""
    english = primary_language(language) in ("en", "")
    if english and text.isascii():
        return text
    read = "".join(_ascii_digit(c) if c.isdecimal() else c for c in text)
    read = _ARABIC_SEPARATORS.sub(lambda m: _ARABIC_SEPARATOR_READ[m.group(0)], read)
    grouped = _GROUPED_ALWAYS if english else _GROUPED_ANY_SPACE
    return grouped.sub(lambda m: re.sub(r"\s", ",", m.group(0)), read)


_FIGURE = r"(?<![\w.,])\d(?:[\d.,]*\d)?\s*"

# Multipliers between a figure and its unit ("3 millions d'euros", "٣ مليارات دولار").
_MULTIPLIERS = {
    "fr": r"(?:(?:mille|millions?|milliards?)\s+(?:d['’]\s*|de\s+)?)?",
    "es": r"(?:(?:mil\s+millones|mil|millones|mill[oó]n|billones?)\s+(?:de\s+)?)?",
    "ar": r"(?:(?:ألف|آلاف|مليون|ملايين|مليار|مليارات)\s+)?",
    "de": r"(?:(?:Tausend|Millionen|Million|Milliarden|Milliarde|Mio\.|Mrd\.)\s+)?",
    "it": r"(?:(?:mila|milioni|milione|miliardi|miliardo)\s+(?:di\s+)?)?",
    "pt": r"(?:(?:mil|milh(?:ões|ão)|bilh(?:ões|ão))\s+(?:de\s+)?)?",
}
_PERCENT_WORDS = {
    "fr": r"(?:pour\s*cent|points?\s+de\s+pourcentage)",
    "es": r"(?:por\s+ciento|puntos?\s+porcentuales?)",
    "ar": r"(?:بالمئة|بالمائة|في\s+المئة|في\s+المائة|نقاط?\s+مئوية|نقطة\s+مئوية)",
    "de": r"(?:Prozent|Prozentpunkte)",
    "it": r"(?:per\s*cento|punti\s+percentuali)",
    "pt": r"(?:por\s+cento|pontos?\s+percentua(?:l|is))",
}
_CURRENCY_WORDS = {
    "fr": r"(?:euros?|dollars?|francs?|livres?(?:\s+sterling)?|centimes?|dinars?|dirhams?)",
    "es": r"(?:euros?|d[oó]lar(?:es)?|pesos?|c[eé]ntimos?|libras?|soles?|bol[ií]vares?)",
    "ar": (
        r"(?:دولار(?:ا|ات)?|يورو|جنيه(?:ا|ات)?|ريال(?:ا|ات)?|دره[مً]|دراهم|دينار(?:ا)?|دنانير"
        r"|ليرة|ليرات)"
    ),
    "de": r"(?:Euro|Dollar|Franken|Pfund|Cent)",
    "it": r"(?:euro|dollari|dollaro|sterline|centesimi)",
    "pt": r"(?:euros?|d[oó]lar(?:es)?|reais|real|centavos?)",
}
# Big numbers in words where number-parser does not read the language: "des millions de",
# "مليارات".
_BIG_NUMBER_WORDS = {
    "fr": r"\b(?:milliers|millions?|milliards?)\b",
    "ar": r"(?:ألف|آلاف|مليون|ملايين|مليار|مليارات)",
    "de": r"\b(?:Tausende|Millionen|Milliarden)\b",
    "it": r"\b(?:migliaia|milioni|miliardi)\b",
    "pt": r"\b(?:milhares|milhões|bilhões)\b",
}


@lru_cache(maxsize=16)
def _after_figure(language: str, words: str) -> re.Pattern[str] | None:
    table = _PERCENT_WORDS if words == "percent" else _CURRENCY_WORDS
    if language not in table:
        return None
    # Arabic words take prefixes and suffixes that \b would cut: no word boundary there.
    end = "" if language == "ar" else r"\b"
    return re.compile(
        _FIGURE + _MULTIPLIERS[language] + table[language] + end,
        re.IGNORECASE,
    )


def percent_in_words(figures: str, *, language: str) -> bool:
    """Whether a figure is followed by the language's word for per cent ("12,5 pour cent").
    `figures` is the sentence as `figures_read` gives it."""
    pattern = _after_figure(primary_language(language), "percent")
    return pattern is not None and pattern.search(figures) is not None


def money_in_words(figures: str, *, language: str) -> bool:
    """Whether a figure is followed by a currency's name ("3 millions d'euros")."""
    pattern = _after_figure(primary_language(language), "currency")
    return pattern is not None and pattern.search(figures) is not None


@lru_cache(maxsize=8)
def _number_words(language: str) -> re.Pattern[str] | None:
    if language in NUMBER_PARSER_LANGUAGES:
        import number_parser

        data = number_parser.parser.LanguageData(language)
        # "un", "una" are articles as often as numbers (English's list starts at "two"), and
        # one-letter words ("y", "i") conjunctions.
        words = sorted(
            (w for w, value in data.all_numbers.items() if len(w) > 1 and value > 1),
            key=len,
            reverse=True,
        )
        return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    if language in _BIG_NUMBER_WORDS:
        return re.compile(_BIG_NUMBER_WORDS[language])
    return None


@lru_cache(maxsize=8)
def _figures_with_words(language: str) -> re.Pattern[str]:
    """A figure with its multiplier ("3 mil millones"), or a per cent in words ("ciento" is a
    number word to number-parser)."""
    # Each multiplier pattern is optional as written; here it must be present.
    multiplier = _MULTIPLIERS.get(language, "(?:)?")[:-1]
    alternatives = [_FIGURE + multiplier] if multiplier != "(?:)" else []
    if language in _PERCENT_WORDS:
        alternatives.append(_PERCENT_WORDS[language])
    return re.compile("|".join(alternatives) or "(?!)", re.IGNORECASE)


_DIGITS = re.compile(r"\d+")
_WINDOW = 24
_WINDOWS_READ = 3


@lru_cache(maxsize=2048)
def number_in_words(text: str, *, language: str) -> bool:
    """Whether a number is written in words in a language other than English: number-parser
    reads it where it knows the language ("tres millones"); elsewhere a big number's word
    ("millions", "مليار") counts. Only windows around the first few number words are read."""
    code = primary_language(language)
    pattern = _number_words(code)
    if pattern is None:
        return False
    # "3 millions", "12,5 por ciento" are figures in digits already, not numbers in words.
    text = _figures_with_words(code).sub("0", text)
    matches = list(pattern.finditer(text))[:_WINDOWS_READ]
    if code not in NUMBER_PARSER_LANGUAGES:
        return bool(matches)
    import number_parser

    for match in matches:
        window = text[max(0, match.start() - _WINDOW) : match.end() + _WINDOW]
        try:
            parsed = number_parser.parse(window, language=code)
        except Exception:  # noqa: BLE001, S112  # number-parser raises on odd input: not a number
            continue
        if len(_DIGITS.findall(parsed)) > len(_DIGITS.findall(window)):
            return True
    return False

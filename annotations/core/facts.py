"""The facts of a claim's text (numbers and quantities, dates, names) and what differs between
two texts: the fact-consistency check.

Two texts are not the same claim when their facts differ: "219 civilians" and "224
civilians", "13 November" and "14 November", "Aleppo" and "Idlib". Formatting is not a fact:
"1,000" is "1000", "13 November" is "Nov. 13", "two million" is "2,000,000", and typography
(no-break and thin spaces, curly quotes, soft hyphens) makes no difference.

How each kind is found:

- Dates: a regular expression finds the candidates (a capitalised month name with a day, a
  year or both: "13 November", "Nov. 13, 2023", "March 2021"; ISO "2023-11-13"; "13/11/2023",
  day first), and dateparser reads each one, with fixed settings (RELATIVE_BASE, DATE_ORDER)
  so the result never depends on today's date. A part the text leaves out stays unknown:
  "13 November" is ????-11-13, the same date as "Nov. 13" and compatible with "13 November
  2023" (adding the year is not a different date). dateparser's own search_dates is not used:
  it misses "Nov. 13" (it reads "Nov" alone as 1 November) and takes "now" or "today" for dates.
- Numbers and quantities: quantulum3 (digits or words, percentages, units: "1,000", "3.5%",
  "two million dollars", "12 km") on the text with its dates blanked out. Its scikit-learn
  classifier is switched off: with it, the unit it guesses would depend on whether
  scikit-learn happens to be installed; its dictionary rules are deterministic. Numbers are
  compared with their unit ("12 km" is not "12 miles"); "219 civilians" and "219 people" are
  both the dimensionless 219.
- Names: no English named-entity model ships on PyPI, so a conservative, documented rule:
  runs of capitalised words, except a sentence's first word (capitalised anyway, so no
  evidence of a name) and a small stop list (months, weekdays, pronouns, common openers).
  Only a *replaced* name is reported (a name gone and another come, neither sharing a word
  with the other text's names): a name merely added or dropped ("the Syrian Observatory" ->
  "the Observatory", "Bashar al-Assad" -> "Assad") is too often rewording to flag. Known
  misses, in favour of fewer false flags: a name that opens a sentence ("Aleppo was shelled"
  -> "Idlib was shelled"), and a name added or removed with no other name replacing it.

Pure Python, no Django: see annotations.core.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from types import ModuleType
from typing import Literal

import dateparser
from rapidfuzz import fuzz

from .charts import ENGLISH, Words

Kind = Literal["number", "date", "name"]
FACT_KINDS: tuple[Kind, ...] = ("number", "date", "name")


@dataclass(frozen=True)
class Fact:
    kind: Kind
    text: str  # as written (typography normalised)
    value: str  # normalised: "1000", "3.5 percentage", "????-11-13", "aleppo"


@dataclass(frozen=True)
class Facts:
    numbers: tuple[Fact, ...]
    dates: tuple[Fact, ...]
    names: tuple[Fact, ...]


@dataclass(frozen=True)
class Difference:
    """One fact that differs: `old` as the old text wrote it, `new` as the new one does ("" on
    the side that has no counterpart), with their normalised values."""

    kind: Kind
    old: str
    new: str
    old_value: str
    new_value: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def told(self, words: Words = ENGLISH) -> str:
        """ "219 → 224", "(none)" for the side that has no counterpart, in the caller's words
        (English by default)."""
        none = words.gettext("(none)")
        return f"{self.old or none} → {self.new or none}"

    def __str__(self) -> str:
        return self.told()


# --- Typography ------------------------------------------------------------------------------

_QUOTES = "\"'`“”„‟«»‹›‘’‚‛′″"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Arabic script: the tatweel (kashida, a stretch of the baseline) and the optional vowel marks
# (harakat, U+064B-U+0652) are typography; Arabic-Indic and Persian digits, the Arabic percent
# sign and decimal and thousands separators are the same figures as "12.5%".
_ARABIC_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)} | {
    chr(0x06F0 + d): str(d) for d in range(10)
}
_ARABIC_MARKS = "\u0640" + "".join(chr(c) for c in range(0x064B, 0x0653))
_PLAIN = str.maketrans(
    {
        **{c: " " for c in _QUOTES},
        **{c: None for c in _INVISIBLE + _ARABIC_MARKS},
        **_ARABIC_DIGITS,
        "\u066a": "%",
        "\u066b": ".",
        "\u066c": ",",
        "\u2212": "-",
    }
)


def plain(text: str) -> str:
    """The text without typography: NFKC (no-break and thin spaces become spaces), quotes
    and invisible characters dropped, the minus sign a hyphen, runs of spaces one space;
    in Arabic script, the tatweel and vowel marks dropped and the digits Western ("١٢٪" is
    "12%")."""
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN)
    return re.sub(r"[^\S\n]+", " ", text)


# --- Dates -----------------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>[12]\d{3})\b)?"
# (pattern, which parts it gives): earlier patterns win where matches overlap.
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b\d{{1,2}}{_ORDINAL}(?:\s+of)?\s+{_MONTH}{_YEAR}"), "dm"),
    (re.compile(rf"\b{_MONTH}\s+\d{{1,2}}{_ORDINAL}\b(?!,?\s*\d{{1,2}}\b){_YEAR}"), "dm"),
    (re.compile(rf"\b{_MONTH}(?:\s+of)?\s+(?P<year>[12]\d{{3}})\b"), "m"),
    (re.compile(r"\b(?P<year>[12]\d{3})-[01]\d-[0-3]\d\b"), "dm"),
    (re.compile(r"\b[0-3]?\d/[01]?\d/(?P<year>\d{4}|\d{2})\b"), "dm"),
)
_DATE_SETTINGS = {
    "RELATIVE_BASE": datetime.datetime(2000, 1, 1),
    "PREFER_DATES_FROM": "current_period",
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _dates(text: str) -> tuple[list[Fact], str]:
    """The dates of `text`, and the text with them blanked out (same length)."""
    found: list[tuple[int, Fact]] = []
    blanked = text
    for pattern, parts in _DATE_PATTERNS:
        for match in pattern.finditer(blanked):
            written = match.group(0).rstrip(".")
            parsed = dateparser.parse(written, languages=["en"], settings=_DATE_SETTINGS)
            if parsed is None:  # "31 February": not a date; its numbers stay numbers
                continue
            year = f"{parsed.year:04d}" if match.group("year") else "????"
            day = f"{parsed.day:02d}" if "d" in parts else "??"
            found.append((match.start(), Fact("date", written, f"{year}-{parsed.month:02d}-{day}")))
            width = match.end() - match.start()
            blanked = blanked[: match.start()] + " " * width + blanked[match.end() :]
    return [fact for _, fact in sorted(found, key=lambda item: item[0])], blanked


def _dates_compatible(old: str, new: str) -> bool:
    """Same date, a part one side leaves out ("????", "??") matching anything."""
    return all(
        a == b or set(a) == {"?"} or set(b) == {"?"}
        for a, b in zip(old.split("-"), new.split("-"), strict=True)
    )


# --- Numbers and quantities ------------------------------------------------------------------


@cache
def _quantulum() -> ModuleType:
    """quantulum3's parser, imported on first use: loading its unit tables takes about a
    second, which a process that never compares facts should not pay at start-up."""
    from quantulum3 import classifier, parser

    # See the module docstring: the dictionary rules, the same with or without scikit-learn.
    classifier.USE_CLF = False
    module: ModuleType = parser  # quantulum3 ships no type information
    return module


def _numbers(text: str) -> list[Fact]:
    facts = []
    for quantity in _quantulum().parse(text):
        value = f"{quantity.value:.12g}"
        unit = quantity.unit.name
        if unit and unit != "dimensionless":
            value = f"{value} {unit}"
        facts.append(Fact("number", quantity.surface.strip(), value))
    return facts


# --- Names -----------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w-]*")
_SENTENCE_ENDS = ".!?:;\n(["
_STOP_WORDS = """
    i a an the this that these those he she it we they you his her its our their my your
    in on at of for from by with to as and or but if when while after before since during
    there here then yet so also however meanwhile according mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
"""
_STOP = frozenset(_STOP_WORDS.split())


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of the text, a line, a sentence or a bracket."""
    index = start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_ENDS


def _names(text: str) -> list[Fact]:
    """Runs of capitalised words outside the stop list, a sentence's first word left out."""
    runs: list[list[str]] = []
    previous_end = -1
    for match in _WORD.finditer(text):
        word = match.group(0)
        between = text[previous_end : match.start()] if previous_end >= 0 else ""
        previous_end = match.end()
        opens_sentence = _opens_sentence(text, match.start())
        if not word[0].isupper() or word.casefold() in _STOP or opens_sentence:
            runs.append([])
            continue
        if runs and runs[-1] and between.strip() == "":
            runs[-1].append(word)
        else:
            runs.append([word])
    return [Fact("name", " ".join(run), " ".join(run).casefold()) for run in runs if run]


# --- Extraction and comparison ---------------------------------------------------------------


def facts_extract(text: str) -> Facts:
    """The numbers, dates and names of `text` (see the module docstring for the rules)."""
    text = plain(text)
    dates, rest = _dates(text)
    return Facts(numbers=tuple(_numbers(rest)), dates=tuple(dates), names=tuple(_names(text)))


FactsJson = dict[str, list[list[str]]]


def facts_as_json(facts: Facts) -> FactsJson:
    """`facts` as JSON-ready lists (`{"numbers": [[text, value], ...], "dates": ..., "names":
    ...}`): what a claim stores so its facts are extracted once, not in every process."""
    return {
        "numbers": [[f.text, f.value] for f in facts.numbers],
        "dates": [[f.text, f.value] for f in facts.dates],
        "names": [[f.text, f.value] for f in facts.names],
    }


def facts_from_json(data: FactsJson) -> Facts:
    """The facts `facts_as_json` wrote."""
    return Facts(
        numbers=tuple(Fact("number", text, value) for text, value in data["numbers"]),
        dates=tuple(Fact("date", text, value) for text, value in data["dates"]),
        names=tuple(Fact("name", text, value) for text, value in data["names"]),
    )


def _unmatched(
    old: Sequence[Fact], new: Sequence[Fact], same: Callable[[Fact, Fact], bool]
) -> tuple[list[Fact], list[Fact]]:
    """The facts of each side with no counterpart on the other, in text order."""
    left, right = list(old), list(new)
    gone = []
    for fact in left:
        match = next((other for other in right if same(fact, other)), None)
        if match is None:
            gone.append(fact)
        else:
            right.remove(match)
    return gone, right


def _paired(
    kind: Kind, gone: list[Fact], come: list[Fact], distance: Callable[[Fact, Fact], float]
) -> list[Difference]:
    """Differences pairing each fact gone with the fact come that most looks like its new
    form: the closest pairs first (`distance`, ties broken by text order), so "in 2024 ... 12
    million euros" -> "14 million euros in 2025" reads 12 million -> 14 million and 2024 -> 2025,
    not by position. What is left on either side pairs with nothing. In the old text's order."""
    candidates = sorted(
        (distance(a, b), abs(i - j), i, j) for i, a in enumerate(gone) for j, b in enumerate(come)
    )
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in candidates:
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    blank = Fact(kind, "", "")
    differences = []
    for i, a in enumerate(gone):
        b = come[partner[i]] if i in partner else blank
        differences.append(Difference(kind, a.text, b.text, a.value, b.value))
    for j, b in enumerate(come):
        if j not in taken:
            differences.append(Difference(kind, "", b.text, "", b.value))
    return differences


def _number_parts(value: str) -> tuple[float, str]:
    number, _, unit = value.partition(" ")
    return float(number), unit


def _looks_like_year(number: float, unit: str) -> bool:
    return not unit and number.is_integer() and 1000 <= number <= 2200


def _number_distance(a: Fact, b: Fact) -> float:
    """How unlike two numbers are: another unit, or a year against an amount, first; then
    the orders of magnitude between them."""
    (x, x_unit), (y, y_unit) = _number_parts(a.value), _number_parts(b.value)
    distance = 10.0 if x_unit != y_unit else 0.0
    if _looks_like_year(x, x_unit) != _looks_like_year(y, y_unit):
        distance += 5.0
    if x == y:
        return distance
    if x == 0 or y == 0 or (x < 0) != (y < 0):
        return distance + 4.0
    return distance + min(abs(math.log10(abs(x)) - math.log10(abs(y))), 4.0)


def _date_distance(a: Fact, b: Fact) -> float:
    """The parts (year, month, day) two dates state differently."""
    return sum(
        x != y and set(x) != {"?"} and set(y) != {"?"}
        for x, y in zip(a.value.split("-"), b.value.split("-"), strict=True)
    )


def _name_distance(a: Fact, b: Fact) -> float:
    return 1.0 - fuzz.ratio(a.value, b.value) / 100.0


def facts_compare(old: str | Facts, new: str | Facts) -> list[Difference]:
    """What differs in fact between two texts (or their extracted facts); [] when they state
    the same numbers, dates and names. Numbers count with their multiplicity: "2 and 2" is
    not "2"."""
    old_facts = old if isinstance(old, Facts) else facts_extract(old)
    new_facts = new if isinstance(new, Facts) else facts_extract(new)
    old_numbers = Counter(fact.value for fact in old_facts.numbers)
    new_numbers = Counter(fact.value for fact in new_facts.numbers)
    differences = []
    if old_numbers != new_numbers:
        gone, come = _unmatched(old_facts.numbers, new_facts.numbers, _same_value)
        differences += _paired("number", gone, come, _number_distance)
    gone, come = _unmatched(
        old_facts.dates, new_facts.dates, lambda a, b: _dates_compatible(a.value, b.value)
    )
    differences += _paired("date", gone, come, _date_distance)
    differences += _names_replaced(old_facts.names, new_facts.names)
    return differences


def _same_value(a: Fact, b: Fact) -> bool:
    return a.value == b.value


def _names_replaced(old: Sequence[Fact], new: Sequence[Fact]) -> list[Difference]:
    """Names gone and come, when both sides have one (see the module docstring)."""
    old_words = {word for fact in old for word in fact.value.split()}
    new_words = {word for fact in new for word in fact.value.split()}
    gone = _distinct(fact for fact in old if not set(fact.value.split()) & new_words)
    come = _distinct(fact for fact in new if not set(fact.value.split()) & old_words)
    if not gone or not come:
        return []
    return _paired("name", gone, come, _name_distance)


def _distinct(facts: Iterable[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.value, fact)
    return list(seen.values())


def facts_still_stated(text: str, differences: Sequence[Difference]) -> list[Difference]:
    """The differences whose old fact `text` still states: a verdict whose claim reads "219
    civilians" after the article changed 219 to 224 cannot simply be confirmed."""
    facts = facts_extract(text)
    stated = {(fact.kind, fact.value) for fact in (*facts.numbers, *facts.dates, *facts.names)}
    return [d for d in differences if d.old_value and (d.kind, d.old_value) in stated]

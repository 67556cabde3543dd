"""The fact-consistency check of two claims: what differs in fact, whatever their similarity.

On top of `annotations.core.facts.facts_compare` (numbers and quantities, dates, names), read on
the texts with their numbers in one format (`numbers_normalised`: "3,5 %" is "3.5%"):

- a name written out on one side and as its initials on the other ("the Office for National
  Statistics" and "the ONS") is the same name, not a replaced one;
- a month named alone ("in March" / "in December") is a date too;
- directions: a text that says only "rose" (or "increased", "up", "more" ...) and one that says
  only "fell" ("dropped", "down", "fewer" ...) differ, and so do the other opposites below
  (sends/receives, imports/exports, won/lost, approved/rejected, before/after ...);
- a replaced term: when two texts are word for word the same but for one short span (at most
  three words a side), the span states something else unless its words are equivalent (an
  inflection, the same direction, a listed synonym): "unemployment fell to 3.5%" and "inflation
  fell to 3.5%" differ in their "term". A paraphrase that rewords more than one place is left to
  the similarity stages.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from annotations.core.facts import Difference, Facts, facts_compare, facts_extract

DifferenceKind = Literal["number", "date", "name", "direction", "term"]


@dataclass(frozen=True)
class MatchDifference:
    """One fact stated differently: `old` as the earlier claim writes it, `new` as the query."""

    kind: DifferenceKind
    old: str
    new: str


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


_UP = _words(
    "rose rise rises rising risen increase increased increases increasing grew grow grows growing"
    " grown climbed climb climbs jumped jump jumps soared soar surged surge gained gain gains up"
    " higher more raised raise raises expanded expand boosted"
)
_DOWN = _words(
    "fell fall falls falling fallen decrease decreased decreases decreasing shrank shrink shrinks"
    " shrunk dropped drop drops declined decline declines slumped slump plunged plunge lost"
    " down lower fewer less cut cuts reduced reduce reduces contracted contract"
)
# Pairs of opposite word classes: a text using only one side and a text using only the other
# state different facts.
OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (_UP, _DOWN),
    (_words("sends send sent sending"), _words("receives receive received receiving")),
    (_words("imports import imported importing"), _words("exports export exported exporting")),
    (_words("won win wins winning"), _words("lost lose loses losing defeated")),
    (
        _words("approved approve approves backed passed pass passes"),
        _words("rejected reject rejects blocked down"),
    ),
    (_words("before"), _words("after")),
    (_words("above over"), _words("below under")),
    (_words("allowed allow allows legalised lifted"), _words("banned ban bans outlawed")),
    (_words("opened open opens"), _words("closed close closes shut")),
    (_words("hired hires hiring"), _words("fired fires laid sacked")),
)
# Words that say the same thing in a claim (the reporting verb, common news synonyms).
SYNONYMS: tuple[frozenset[str], ...] = (
    _words("said says stated states announced announces reported reports claimed claims told"),
    _words("unemployment jobless joblessness"),
    _words("people persons individuals residents"),
    _words("killed died dead deaths"),
    _words("percent %"),
    _words("government administration cabinet"),
    _words("company firm"),
    _words("children kids"),
    _words("cars vehicles"),
    _words("doctors physicians"),
    _words("homes houses"),
    _words("about around roughly approximately nearly almost some"),
)
_IGNORED_NAME_WORDS = frozenset({"of", "for", "the", "and", "on", "in"})
_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|\w+")
_MAX_SPAN = 3
_INFLECTION_PREFIX = 5


_LONG_NAME = re.compile(r"[A-Z][\w-]*(?:\s+(?:(?:of|for|the|and|on|in)\s+)*[A-Z][\w-]*)+")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _abbreviated_words(old_text: str, new_text: str) -> frozenset[str]:
    """The words of names one text writes out and the other abbreviates ("ONS" and "Office for
    National Statistics"): both sides' words, casefolded, for the name check to pass over."""
    words: set[str] = set()
    for text, other in ((old_text, new_text), (new_text, old_text)):
        acronyms = set(_ACRONYM.findall(other))
        for match in _LONG_NAME.finditer(text):
            name = match.group(0).split()
            initials = "".join(w[0] for w in name if w.casefold() not in _IGNORED_NAME_WORDS)
            if initials.upper() in acronyms:
                words |= {w.casefold() for w in name} | {initials.casefold()}
    return frozenset(words)


_OPENING_WORD = re.compile(r"(?:^|[.!?;:]\s+)([A-Z][\w-]*)")
# Capitalised words that open sentences without naming anyone (besides facts.py's stop list).
_COMMON_OPENERS = _words(
    "a an the in on at by for from after before during over according annual only just some"
    " about police officials doctors residents researchers students there this that these"
    " those it its his her their our we they he she every each all most"
)


def _opening_names(text: str) -> list[str]:
    """Capitalised words that open a sentence and may be names ("Porto lost the final"):
    weaker evidence than a capitalised word inside a sentence, so only ever paired with one."""
    return [word for word in _OPENING_WORD.findall(text) if word.casefold() not in _COMMON_OPENERS]


def _name_differences(
    old_text: str, new_text: str, old_facts: Facts, new_facts: Facts
) -> list[MatchDifference]:
    """Names replaced: a name of one text that the other never mentions (not even as its first
    word, nor as initials), against a name or sentence-opening word of the other that the first
    never mentions. A name only added or only dropped is rewording (see facts.py)."""
    abbreviated = _abbreviated_words(old_text, new_text)
    old_words, new_words = set(_tokens(old_text)), set(_tokens(new_text))

    def unmentioned(names: list[str], other_words: set[str]) -> list[str]:
        return [
            name
            for name in dict.fromkeys(names)
            if not set(_tokens(name)) <= other_words | abbreviated
        ]

    old_strong = unmentioned([f.text for f in old_facts.names], new_words)
    new_strong = unmentioned([f.text for f in new_facts.names], old_words)
    old_weak = unmentioned(_opening_names(old_text), new_words)
    new_weak = unmentioned(_opening_names(new_text), old_words)
    if old_strong and (new_strong or new_weak):
        return [MatchDifference("name", old_strong[0], (new_strong or new_weak)[0])]
    if new_strong and old_weak:
        return [MatchDifference("name", old_weak[0], new_strong[0])]
    return []


_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def _month_differences(old_text: str, new_text: str) -> list[MatchDifference]:
    """A month named alone ("in March") is no date to facts.py, which wants a day or a year
    with it; two texts naming different months still state different dates."""
    old_months, new_months = set(_MONTH.findall(old_text)), set(_MONTH.findall(new_text))
    gone, come = sorted(old_months - new_months), sorted(new_months - old_months)
    return [MatchDifference("date", gone[0], come[0])] if gone and come else []


def _spurious_number(difference: Difference) -> bool:
    """quantulum3 reads a sentence's "A" as the number one ("A Gallup poll")."""
    return difference.kind == "number" and all(
        not re.search(r"\d", side) and re.match(r"(?i)an?\b", side)
        for side in (difference.old, difference.new)
        if side
    )


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _direction_differences(old: list[str], new: list[str]) -> list[MatchDifference]:
    found = []
    old_set, new_set = set(old), set(new)
    for first, second in OPPOSITES:
        old_first, old_second = old_set & first, old_set & second
        new_first, new_second = new_set & first, new_set & second
        if old_first and not old_second and new_second and not new_first:
            found.append(MatchDifference("direction", min(old_first), min(new_second)))
        elif old_second and not old_first and new_first and not new_second:
            found.append(MatchDifference("direction", min(old_second), min(new_first)))
    return found


def _equivalent(a: str, b: str) -> bool:
    if a == b or (
        len(a) >= _INFLECTION_PREFIX and a[:_INFLECTION_PREFIX] == b[:_INFLECTION_PREFIX]
    ):
        return True
    groups = (*SYNONYMS, *(side for pair in OPPOSITES for side in pair))
    return any(a in group and b in group for group in groups)


def _term_differences(old: list[str], new: list[str]) -> list[MatchDifference]:
    """The one short span replaced in otherwise identical texts, if its words differ."""
    opcodes = [op for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()]
    changed = [op for op in opcodes if op[0] != "equal"]
    if len(changed) != 1 or changed[0][0] != "replace":
        return []
    _, i1, i2, j1, j2 = changed[0]
    gone, come = old[i1:i2], new[j1:j2]
    if len(gone) > _MAX_SPAN or len(come) > _MAX_SPAN:
        return []
    if len(gone) == len(come) and all(_equivalent(a, b) for a, b in zip(gone, come, strict=True)):
        return []
    if any(re.fullmatch(r"[\d.%]+", word) for word in (*gone, *come)):
        return []  # a figure: the number check reports it
    return [MatchDifference("term", " ".join(gone), " ".join(come))]


def claims_differences(
    old_text: str, new_text: str, *, old_facts: Facts | None = None, new_facts: Facts | None = None
) -> list[MatchDifference]:
    """What differs in fact between an earlier claim and a new text, both already in
    `numbers_normalised` form (their facts may be passed in when already extracted)."""
    old_facts = old_facts if old_facts is not None else facts_extract(old_text)
    new_facts = new_facts if new_facts is not None else facts_extract(new_text)
    differences = [
        MatchDifference(d.kind, d.old, d.new)
        for d in facts_compare(old_facts, new_facts)
        if d.kind != "name" and not _spurious_number(d)
    ]
    differences += _name_differences(old_text, new_text, old_facts, new_facts)
    if not any(d.kind == "date" for d in differences):
        differences += _month_differences(old_text, new_text)
    old_tokens, new_tokens = _tokens(old_text), _tokens(new_text)
    differences += _direction_differences(old_tokens, new_tokens)
    if not differences:
        differences += _term_differences(old_tokens, new_tokens)
    return differences

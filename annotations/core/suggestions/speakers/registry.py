"""The names mentioned outside quotations, in text order, and what a designator resolves to.

A surname resolves to the full name, "he"/"she" to the last person of that gender (or of no known
gender yet), "they" to the last organisation, "the minister" to the last person introduced with
that title or description.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from annotations.core.suggestions.names import (
    AUX_WORDS,
    GENERIC_ORGS,
    HE,
    OFFICE_WORDS,
    ORG_WORDS,
    ROLE_HEADS,
    ROLE_SYNONYMS,
    SHE,
    SPEECH_VERBS,
    TITLES,
    UNNAMED_PEOPLE,
)
from annotations.core.suggestions.speakers.clauses import _speech_verb
from annotations.core.suggestions.speakers.mentions import (
    _PARTICLES,
    _ROLE_STOP,
    _TOKEN,
    Gender,
    Name,
    Token,
    _acronym,
    _description_words,
    _first_name_gender,
    _joinable,
    _particle_surnames,
    _role_gender,
    _sentence_start,
    name_of,
    runs_in,
    tokens_in,
)
from annotations.core.suggestions.speakers.subjects import (
    _NAME_GIVEN,
    _NAMED_IN_APPOSITION,
    _NATIONALITY,
    Designator,
    _antecedent,
    _sentence_subject,
    _spokesperson,
    _subject_after,
    _subject_before,
)

# A spokesperson the clause gives no organisation: "A spokesperson told us".
_BARE_SPOKESPERSON = re.compile(r"(?:[Aa]n?|[Tt]he)\s+spokes(?:person|man|woman)")
_INDEFINITE_START = re.compile(r"(?:[Aa]n?|[Oo]ne)\s")
# A paragraph opening with a full name and an age: "Gareth Lyle, 58, of Harrogate, denies".
_NAMED_WITH_AGE = re.compile(r"\s*([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}),\s*\d{1,3},")

# Prepositions after which a name is an object, never the subject of a sentence.
# An organisation opening a passage within this many words is what the passage is about.
PASSAGE_SUBJECT_WORDS = 6
_OBJECT = frozenset({"to", "against", "from", "with", "over", "by", "at", "for", "like", "than"})
# Where a place is named: "a teacher in El Fasher", "the village of Ponta Negra", "its terminal
# in Norfolk, Virginia". A following he/she is not that name's.
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "from", "at"})
_SETTLEMENTS = frozenset({"village", "town", "city", "island", "port", "county", "state"})

# Confidence that the speaker is right, by how the speaker was found.
NAMED = 0.95  # a full name (or a named organisation) in the clause next to the quote
NAMED_SINGLE = 0.85  # one word ("Doe said") with nobody of that name introduced before
RESOLVED_SURNAME = 0.85  # a surname (or "Mr Doe") resolved to the full name mentioned earlier
RESOLVED = 0.8  # a pronoun or a role resolved to a person of the right gender or role
RESOLVED_WEAK = 0.7  # a pronoun resolved to a person whose gender nothing told
RESOLVED_THEY = 0.7  # "they" or "it" resolved to the last organisation
RESOLVED_AHEAD = 0.7  # a role or a surname resolved to a name that comes after it
# How far before its paragraph "the 29-year-old" looks for the person it varies on.
VARIATION_WINDOW = 600
# How far back a pronoun, a role or "they" looks for its person (characters, and mentions).
PRONOUN_WINDOW = 2_000
ROLE_WINDOW = 5_000
THEY_WINDOW = 1_000
MAX_MENTIONS_BACK = 80
ORGANISATION_MENTIONS_BACK = 400
_NOT_PERSON_BEFORE = re.compile(
    r"\b(?:[Tt]he|in|at|from|near|of|to|for|on|with|by|across|outside|inside)\s+$"
)
_SINGLE_PERSON_AFTER = re.compile(
    r",\s+(?:who\s|aged\s+\d|\d{1,3},|(?:a|an)\s+(?:[\w'-]+\s+){0,3}(?:"
    + "|".join(sorted(UNNAMED_PEOPLE))
    + r")\b)"
)
_APPOSITIVE_AFTER = re.compile(r"\s*,\s*((?:a|an|the)\s[^,;:.!?\"“”«»]{1,80})")
_ASKED_OPENING = re.compile(r"\s*(?:Asked|Pressed|Challenged|Questioned)\b[^.!?,;:]*,")
_UNNAMED = re.compile(
    # "a retired teacher", "one Green official" (a party or a nationality before the noun).
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[A-Z][a-z]+\s+)?(?:[a-z0-9-]+\s+){0,2}(?:"
    + "|".join(sorted(UNNAMED_PEOPLE))
    + r")\b"
    # "Her team's doctor", "his lawyer": someone known only through another.
    r"|\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z-]+(?:['’]s)?\s+){0,2}(?:"
    + "|".join(sorted(UNNAMED_PEOPLE))
    + r")\b"
    # Whatever the noun: "An engineer in Austin, who asked not to be named".
    r"|\b(?:asked|declined|refused|wished)\s+not\s+to\s+be\s+(?:named|identified)"
    r"|\bdeclin\w*\s+to\s+be\s+(?:named|identified)|\bon\s+condition\s+of\s+anonymity"
    r"|\b(?:did\s+not|didn['’]t)\s+(?:want|wish)\s+to\s+be\s+(?:named|identified)"
    r"|\bgave\s+no\s+name|\bwould\s+not\s+give\s+(?:his|her|their)\s+(?:full\s+)?name"
)
# An unnamed group "they" may stand for ("A group of students ... they said"): then "they" is
# not the organisation named before.
_UNNAMED_GROUP = re.compile(
    r"\b(?:(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z-]+\s+)?"
    r"(?:group|couple|pair|handful|crowd|family|party|gang|number|row)\s+of"
    r"|(?:[Ss]ome|[Ss]everal|[Mm]any|[Oo]ther|[Tt]wo|[Tt]hree|[Ff]our)\s+(?:[a-z-]+\s+)?"
    r"(?:" + "|".join(sorted(UNNAMED_PEOPLE)) + r")s)\b"
)
# "The councillor, Dev Mistry," / "The new coxswain, Catrin Rowlands,": a definite description
# right before a name, introducing someone the paragraph spoke of without naming.
_DEFINITE_BEFORE = re.compile(r"(?:^|[.!?”’\"]\s+)[Tt]he\s[a-z][a-z -]{0,60},\s*$", re.M)
# How far after the quotation an unnamed speaker's name may be given ("... he said. The
# councillor, Dev Mistry, ...").
INTRODUCED_REACH = 200
_APPOSITIVE_BEFORE = re.compile(r"(?:^|[,;:.!?]\s*)((?:[Aa]n?|[Tt]he)\s[^,;:.!?\"“”«»]{1,80}),\s*$")
# A description varying on a person just named: an age or a nationality ("the 29-year-old
# said", "the Polish defender said"), not a kind of person ("the pensioner").
_VARIATION = re.compile(r"\b\d{1,3}-year-old\b|\b[Tt]he\s+" + _NATIONALITY.pattern + r"\s+[a-z]")
# "Doris Keane, 81," / "Doris Keane (81)": the age a later "the 81-year-old" refers to.
_AGE_AFTER = re.compile(r"\s*[,(]\s*(\d{1,3})\s*[,)]")
# The lowercase word right before a name, its descriptor ("virologist Ruth Alvarez").
# A name described as an organisation of some kind, right before it ("Her publisher, Lantern
# House,", "Her label at the time, Corvid Records,") or right after it ("Corvid Records, her
# label,"): no first name or title said person, so the name is an organisation's.
# "..., which set out its case": the relative clause whose antecedent wrote a document.
_RELATIVE_CLAUSE = re.compile(r",\s+(which|who)\s")
# A first name and a surname ("Adrian Foley"), to find the full name a lone surname stands for.
_FIRST_AND_SURNAME = re.compile(r"\b([A-Z][a-z]+)\s+(?=([A-Z][\w’'-]+))")
# (A landlord or a developer is as often a person: not those.)
_GENERIC_ORG = "|".join(sorted(GENERIC_ORGS - {"landlord", "developer"}))
# The description opens its sentence or clause: "The branch secretary of the union at
# Harborough, Gethin Rowlands," is no union.
_ORG_DESCRIBED_BEFORE = re.compile(
    r"(?:^|[,;:.!?]\s+)(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Tt]he|[Aa]n?)\s(?:[a-z-]+\s){0,2}"
    rf"(?:{_GENERIC_ORG})(?:\s(?:at|in|of|for|since)\s[^,;:.!?\"“”«»]{{1,30}})?,\s*$"
)
# The description's head ends it: "Aminata Diallo, the agency's deputy director" is no agency.
_ORG_DESCRIBED_AFTER = re.compile(
    r"\s*,\s*(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Tt]he|[Aa]n?)\s(?:[a-z-]+\s){0,2}"
    rf"(?:{_GENERIC_ORG})(?:\s*[,.;:)]|\s+(?:at|in|of|for|since|which|that|based)\b)"
)
_WORD_BEFORE = re.compile(r"(?:^|\s)([a-z][a-z-]+)\s+$")


@dataclass
class Entity:
    """Someone (or some organisation) the text names, with what is known of them so far."""

    name: str
    kind: Literal["person", "org", "place", "single"]
    gender: Gender | None
    roles: set[str] = field(default_factory=set)
    words: frozenset[str] = frozenset()
    spoke: bool = False  # a single word that was named as a speaker: a person, most likely
    # Named only after a preposition ("lost 91-78 to Eastgate Titans"): nothing says a person.
    object_only: bool = True
    # A single name given in apposition to someone described ("Her neighbour, Magnus,"): that
    # description names nobody else.
    named_in_apposition: bool = False
    # Named only where something is ("in El Fasher", "Norfolk, Virginia"): a place, most likely.
    place_only: bool = True


@dataclass(frozen=True)
class Resolved:
    speaker: str
    confidence: float
    how: Literal["named", "surname", "pronoun", "role"]


class Registry:
    """The names mentioned outside quotations, in text order, and the entities they name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._entities: list[Entity] = []
        # Whether each mention may be a sentence's subject: not "Carvalho's co-author" nor
        # "Rovers manager Siobhan Kerr" (a possessive, or a name before a title).
        self._subjects: list[bool] = []
        self._by_name: dict[str, Entity] = {}
        self._by_word: dict[str, list[tuple[int, Entity]]] = {}
        self._lower_words: frozenset[str] | None = None
        # Whom a bare surname stood for, where: once "Ap Gwilym" is Rhodri ap Gwilym, it stays
        # him when his wife Eleri ap Gwilym is introduced.
        self._surname_refs: dict[str, list[tuple[int, Entity]]] = {}
        # Where each entity (by id) was first mentioned.
        self._first: dict[int, int] = {}
        # Entities (by id) made from a full name given elsewhere (`_full_name_of`), not yet met.
        self._ahead: set[int] = set()
        self._full_names: dict[str, set[str]] | None = None
        # Mentions per entity (by id), counted once scanning is over (`mention_count`).
        self._counts: dict[int, int] | None = None

    def scan(self, start: int, end: int) -> None:
        """Register the names of `text[start:end]` (a passage outside quotations; passages are
        scanned in text order), with the roles an apposition gives and the gender the first
        following pronoun gives."""
        tokens = tokens_in(self.text, start, end)
        last_person: Entity | None = None
        since = 0
        # A name "it" may show to be a firm's, past other names ("Brisa Home is recalling
        # every Halo heater it has sold"): the entity and the index of the token after it.
        firm: tuple[Entity, int] | None = None
        place_before = -1  # where the last name at a place ended ("in Norfolk", ", Virginia")
        runs = iter(runs_in(self.text, tokens))
        run = next(runs, None)
        for index, token in enumerate(tokens):
            if run is not None and token.start == run[0].start:
                name = name_of(self.text, run)
                after = tokens[index + len(run)] if index + len(run) < len(tokens) else None
                if (
                    name is not None
                    and name.kind == "person"
                    and not name.titled
                    and index > 0
                    and tokens[index - 1].lower == "the"
                ):
                    # "the Porth Eithin boat", "the Save Whinmoor Fields campaign": a name
                    # after "the" is a thing or an organisation, not a person.
                    named_org = after is not None and after.lower in ORG_WORDS | GENERIC_ORGS
                    name = replace(name, kind="org" if named_org else "place")
                modifier = run[-1].possessive or (
                    after is not None
                    and not after.capitalised
                    and after.lower in ROLE_HEADS
                    and _joinable(self.text, run[-1], after)
                )
                entity = self.add(name, subject=not modifier) if name is not None else None
                after_preposition = index > 0 and tokens[index - 1].lower in _OBJECT
                # "from Dr Tomasz Wieczorek": a titled name is a person's wherever it stands.
                at_place = not (name is not None and name.titled) and self._at_place(
                    tokens, index, place_before
                )
                place_before = run[-1].end if at_place else -1
                if (
                    entity is not None
                    and not modifier
                    and not at_place
                    and (not after_preposition or (name is not None and name.titled))
                ):
                    # "Eastgate's coach" says no more than "to ..."; "studied by Dr Élodie
                    # Marchetti" names a person all the same.
                    entity.object_only = False
                if entity is not None and not at_place:
                    entity.place_only = False
                if entity is not None and name is not None and entity.kind == "single":
                    self._first_name_given(entity, name)
                if entity is not None and name is not None:
                    self._described_organisation(entity, name, start, end)
                    entity.roles |= self._apposition(name, start, end, run[0].start)
                    if entity.gender is None and entity.kind in ("person", "single"):
                        entity.gender = _role_gender(entity.roles)
                # "Dr Tomasz Wieczorek, the chief engineer at Wexmoor Highways. He said": the
                # organisation a description names takes no "he"; the person before it does.
                works_at = (
                    entity is not None
                    and entity.kind == "org"
                    and index > 0
                    and tokens[index - 1].lower in ("at", "of", "for")
                )
                if not works_at:
                    last_person = entity if entity and entity.kind == "person" else None
                    if run[-1].possessive or at_place:
                        last_person = None
                if last_person is not None:
                    firm = (last_person, index + len(run))
                elif entity is not None and entity.kind == "person":
                    firm = None
                elif (
                    entity is not None
                    and entity.kind == "single"
                    and entity.gender is None
                    and not run[-1].possessive
                    and (index == 0 or _sentence_start(self.text, token.start))
                    # "Parcel volumes were flat, the company said in its statement": a word
                    # the text also writes in lowercase opens a sentence, it names nothing.
                    and not self.common_word(token.lower)
                ):
                    # "FitLoop said in a statement that it would appeal": a single word opening
                    # its passage, no person's (no first name, title or pronoun made it so).
                    firm = (entity, index + len(run))
                since = 0
                run = next(runs, None)
                continue
            since += 1
            if last_person is not None and last_person.gender is None and since <= 12:
                if token.lower in HE:
                    last_person.gender = "m"
                elif token.lower in SHE:
                    last_person.gender = "f"
            if (
                firm is not None
                and index - firm[1] < 12
                and firm[0].gender is None
                and self._it_follows(firm[0], tokens, index, firm[1])
            ):
                firm[0].kind = "org"
                firm = last_person = None

    def _at_place(self, tokens: list[Token], index: int, place_before: int) -> bool:
        """Whether the name starting at `tokens[index]` names where something is: after "in",
        "near", "from" or "at", after "the village of" and the like, or right after such a
        name and a comma ("in Norfolk, Virginia")."""
        if index == 0:
            return False
        previous = tokens[index - 1].lower
        if previous in _PLACE_PREPOSITIONS:
            return True
        if previous == "of" and index > 1 and tokens[index - 2].lower in _SETTLEMENTS:
            return True
        # "Norfolk, Virginia": one word, not "in Galway, Siobhán Ferriter said".
        return (
            place_before >= 0
            and self.text[place_before : tokens[index].start] == ", "
            and (index + 1 >= len(tokens) or not tokens[index + 1].capitalised)
        )

    def _it_follows(self, entity: Entity, tokens: list[Token], index: int, after: int) -> bool:
        """Whether "it" as a subject or "its" follows, in the same sentence, a name no first
        name, title or pronoun made a person's: "Brisa Home is recalling every heater it has
        sold" names a firm. "Sold it", "It was old." and a known first name ("Tom Hale sold
        it") say nothing."""
        token = tokens[index]
        if token.text not in ("it", "its"):
            return False
        if token.text == "it" and not (
            index + 1 < len(tokens)
            and (tokens[index + 1].lower in AUX_WORDS or _speech_verb(tokens[index + 1]))
        ):
            return False
        if any(mark in self.text[tokens[after].start : token.start] for mark in ".!?"):
            return False
        first = entity.name.split()[0].lower()
        roles = entity.roles
        if entity.kind == "single":
            # A lone word's "roles" may be any word an apposition guessed ("fined" in "the
            # office fined FitLoop"): only a person's description makes it a person's.
            roles = roles & (ROLE_HEADS | UNNAMED_PEOPLE)
        return not roles and _first_name_gender(first) is None

    def _first_name_given(self, entity: Entity, name: Name) -> None:
        """A single name someone gave for themselves ("who gave his name only as Yonas", "a
        woman named Ines") is a person, of the gender the phrase gives."""
        given = _NAME_GIVEN.search(self.text, max(0, name.start - 60), name.start)
        if (
            given is None
            and _SINGLE_PERSON_AFTER.match(self.text, name.end)
            # Not "The Italian, who arrived" nor "an engineer in Austin, who asked".
            and not _NOT_PERSON_BEFORE.search(self.text, max(0, name.start - 12), name.start)
        ):
            # "Kasia, who moved in two years ago,", "Stevie, a straddle-carrier driver,":
            # what follows a lone name describes a person.
            entity.kind = "person"
            return
        if given is None:
            given = _NAMED_IN_APPOSITION.search(self.text, max(0, name.start - 60), name.start)
            if given is not None:
                entity.named_in_apposition = True
        if given is None:
            return
        entity.kind = "person"
        possessive = (given.group(1) or "").lower()
        if entity.gender is None and possessive in ("his", "her"):
            entity.gender = "m" if possessive == "his" else "f"

    def _described_organisation(self, entity: Entity, name: Name, start: int, end: int) -> None:
        """A name the text describes as an organisation ("Her publisher, Lantern House,") is
        one, unless a title, a first name or a pronoun already made it a person's."""
        if entity.kind not in ("person", "single") or entity.gender is not None or name.titled:
            return
        low = max(start, name.start - 60)
        # The passage's start may open the description ("Her publisher, Lantern House," opening
        # a paragraph); a cut 60 characters back may not.
        before = _ORG_DESCRIBED_BEFORE.search(
            ("" if low == start else "x") + self.text[low : name.start]
        )
        after = _ORG_DESCRIBED_AFTER.match(self.text, name.end, min(end, name.end + 60))
        if before is not None or after is not None:
            entity.kind = "org"

    def _apposition(self, name: Name, start: int, end: int, opening: int) -> set[str]:
        """The role words around a name: an apposition ("Ruth Alvarez, a virologist at the
        Pasteur Institute" gives virologist, not the institute's words), the age ("Doris
        Keane, 81," gives 81-year-old, as "the 81-year-old said" refers back to her) and a
        lowercase word right before the name ("defendant Mark Ellis")."""
        after = _APPOSITIVE_AFTER.match(self.text[name.end : min(end, name.end + 100)])
        # "the area coroner, Dr Amélie de la Fontaine,": the description stands before the
        # title (`opening`, where the name's run starts).
        before = _APPOSITIVE_BEFORE.search(self.text[max(start, opening - 100) : opening])
        words: set[str] = set()
        for found in (after, before):
            if found is not None:
                words |= _description_words(found.group(1))
        age = _AGE_AFTER.match(self.text, name.end, min(end, name.end + 12))
        if age is not None:
            words.add(f"{age.group(1)}-year-old")
        preceding = _WORD_BEFORE.search(self.text[max(start, name.start - 40) : name.start])
        if preceding is not None:
            word = preceding.group(1)
            if word not in _ROLE_STOP and word not in SPEECH_VERBS and word not in AUX_WORDS:
                words.add(word)
        return words

    def add(self, name: Name, *, subject: bool = True) -> Entity:
        """Register a mention; a single word (or "Mr Doe") joins the person of that surname or
        first name mentioned before, if any."""
        entity: Entity | None = None
        surname = None
        if name.kind in ("single", "person") and len(name.words) == 1:
            surname = name.words[0]
        elif name.kind in ("single", "person") and name.words[0] in _PARTICLES:
            surname = " ".join(name.words)  # "De la Croix" after "Jean de la Croix"
        if surname is not None:
            entity = self.person_named(surname, before=name.start)
            if entity is not None:
                self._surname_refs.setdefault(surname, []).append((name.start, entity))
        if entity is None and len(name.words) == 1 and not self.common_word(name.text):
            entity = self._full_name_of(name)
        if (
            entity is None
            and _acronym(name.text)
            and self._ends
            and self._ends[-1] == name.start - 2
            and self.text[name.start - 2 : name.start] == " ("
        ):
            # "the Rail Signalling Staff Association (RSSA)": the acronym is that name's.
            entity = self._entities[-1]
            self._by_name.setdefault(name.text.lower(), entity)
        if entity is None:
            key = name.text.lower()
            entity = self._by_name.get(key)
            if entity is None:
                kind = name.kind
                if kind == "single" and name.titled:
                    kind = "person"
                entity = Entity(name.text, kind, name.gender, set(), frozenset(name.words))
                self._by_name[key] = entity
                if kind == "person" and len(name.words) >= 2:
                    for word in {name.words[0], name.words[-1], *_particle_surnames(name.words)}:
                        self._by_word.setdefault(word, []).append((name.start, entity))
            elif id(entity) in self._ahead and len(name.words) >= 2:
                # The full name a surname met before it stood for: from here on, as if
                # introduced here ("Dawson: '...'" in a headline is Kieran Dawson below).
                self._ahead.discard(id(entity))
                for word in {name.words[0], name.words[-1]}:
                    self._by_word.setdefault(word, []).append((name.start, entity))
        if entity.gender is None:
            entity.gender = name.gender
        entity.roles |= name.roles
        self._first.setdefault(id(entity), name.start)
        self._counts = None
        self._starts.append(name.start)
        self._ends.append(name.end)
        self._entities.append(entity)
        self._subjects.append(subject)
        return entity

    def _full_name_of(self, name: Name) -> Entity | None:
        """The person a lone surname stands for when the text gives the full name only
        elsewhere: later ("Lady Justice Ferris said ... The judgment, signed Imogen Ferris") or
        inside a quotation ("'Adrian Foley,' she read. ... Foley said"). Only one full name of
        that surname, opening with a first name the lists know; the entity is registered
        under the full name, with the first name's gender."""
        full = self._full_name(name.text)
        if full is None:
            return None
        entity = self._by_name.get(full.lower())
        if entity is None:
            gender = _first_name_gender(full.split()[0].lower())
            words = tuple(full.lower().split())
            entity = Entity(full, "person", gender, set(), frozenset(words))
            self._by_name[full.lower()] = entity
            self._ahead.add(id(entity))
            for word in {words[0], words[-1]}:
                self._by_word.setdefault(word, []).append((name.start, entity))
        return entity

    def _full_name(self, surname: str) -> str | None:
        """The one full name of the text (quotations included) that is a known first name and
        this surname; None when none or several."""
        if self._full_names is None:
            # One pass over the whole text: surname -> first names.
            self._full_names = {}
            for match in _FIRST_AND_SURNAME.finditer(self.text):
                if _first_name_gender(match.group(1).lower()) is not None:
                    self._full_names.setdefault(match.group(2), set()).add(match.group(1))
        firsts = self._full_names.get(surname, set())
        return f"{next(iter(firsts))} {surname}" if len(firsts) == 1 else None

    def person_named(self, word: str, *, before: int) -> Entity | None:
        """The person of that surname (or first name) mentioned last before `before`; when
        several people share it, the one it stood for last on its own."""
        found = [entity for start, entity in self._by_word.get(word, []) if start < before]
        if not found:
            return None
        if len({id(entity) for entity in found}) > 1:
            refs = [entity for start, entity in self._surname_refs.get(word, []) if start < before]
            if refs:
                return refs[-1]
            # "Priyanka Dholakia, managing director of Dholakia Imports ... Dholakia said":
            # a word alone is a surname before it is the first word of another name.
            surnamed = [entity for entity in found if entity.name.split()[-1].lower() == word]
            if surnamed:
                return surnamed[-1]
        return found[-1]

    def person_named_after(self, word: str, *, after: int) -> Entity | None:
        """The first person of that surname (or first name) mentioned after `after`: a
        headline's "Dawson: ..." is Kieran Dawson of the article below."""
        for start, entity in self._by_word.get(word, []):
            if start > after:
                return entity
        return None

    def mentions(self, start: int, end: int) -> Iterator[tuple[int, int, Entity, bool]]:
        """Every mention starting in `[start, end)`, in text order: (start, end, entity,
        whether it may be a sentence's subject). What the speaker ranker reads."""
        index = bisect_left(self._starts, start)
        while index < len(self._starts) and self._starts[index] < end:
            yield (
                self._starts[index],
                self._ends[index],
                self._entities[index],
                self._subjects[index],
            )
            index += 1

    def mention_count(self, entity: Entity) -> int:
        """How many times the text mentions the entity (outside quotations)."""
        if self._counts is None:
            counts: dict[int, int] = {}
            for mentioned in self._entities:
                counts[id(mentioned)] = counts.get(id(mentioned), 0) + 1
            self._counts = counts
        return self._counts.get(id(entity), 0)

    def recent(self, at: int, window: int) -> Iterator[Entity]:
        """The entities mentioned before `at`, the latest first, each once."""
        index = bisect_left(self._starts, at) - 1
        seen: set[int] = set()
        count = 0
        while index >= 0 and count < MAX_MENTIONS_BACK and self._starts[index] >= at - window:
            entity = self._entities[index]
            if id(entity) not in seen:
                seen.add(id(entity))
                yield entity
            index -= 1
            count += 1

    def between(self, start: int, end: int) -> Iterator[Entity]:
        """The entities mentioned in `[start, end)` as possible subjects, in text order."""
        index = bisect_left(self._starts, start)
        count = 0
        while index < len(self._starts) and self._starts[index] < end and count < MAX_MENTIONS_BACK:
            if self._subjects[index]:
                yield self._entities[index]
            index += 1
            count += 1

    def common_word(self, word: str) -> bool:
        """Whether the word is also written in lowercase in the text ("Officials" and
        "officials"): then it is a common noun starting a sentence, not a name."""
        if self._lower_words is None:
            self._lower_words = frozenset(w for w in _TOKEN.findall(self.text) if w[0].islower())
        return word in self._lower_words

    def resolve(
        self,
        designator: Designator,
        *,
        since: int,
        paragraph_end: int,
        paragraph_start: int | None = None,
        quote_start: int | None = None,
    ) -> Resolved | None:
        """The speaker a designator stands for; None when unsure. `since` is where the passage
        leading to the quotation starts (the paragraph, or the end of the quotation before):
        a pronoun prefers the person that passage is about. `quote_start`, where the quotation
        starts (its words are no passage), and `paragraph_start` let a pronoun after an
        unnamed person find the name the paragraph gives right after the quotation."""
        at = designator.start
        if designator.kind == "name" and designator.name is not None:
            return self._resolve_name(designator.name)
        if designator.kind == "pronoun":
            passage_end = at if quote_start is None else min(at, quote_start)
            paragraph = (since if paragraph_start is None else paragraph_start, paragraph_end)
            return self._resolve_pronoun(designator.words[0], at, since, passage_end, paragraph)
        if designator.kind == "role":
            found = self._resolve_role(designator.words, at, designator.end, paragraph_end)
            if found is None and designator.words[-1] in GENERIC_ORGS and since < at:
                # "FitLoop said in a statement that it would appeal. '...,' the company
                # said": the organisation the sentence before is about, of two named.
                # Not when its name says it is another kind ("the company" is no Authority,
                # nor a Ltd, which the one-named rule below finds anyway).
                about = self._passage_organisation(since, at, paragraph_end)
                kinds = set(about.speaker.lower().split()) & ORG_WORDS if about else set()
                if about is not None and kinds <= {designator.words[-1]}:
                    return Resolved(about.speaker, RESOLVED_THEY, "role")
            variation = (
                found is None
                and designator.words[-1] not in UNNAMED_PEOPLE
                and _VARIATION.search(self.text, designator.start, designator.end)
            )
            if variation:
                start = since if paragraph_start is None else paragraph_start
                return self._paragraph_person(start, at)
            return found
        if designator.kind == "document":
            return self._document_author(designator.words[0], at)
        if designator.kind == "unknown":
            if _BARE_SPOKESPERSON.fullmatch(self.text, designator.start, designator.end):
                # "Eastmarch says ... It has not said why. A spokesperson told us only that":
                # the organisation the paragraph speaks of, if it names only one.
                start = since if paragraph_start is None else paragraph_start
                return self._paragraph_organisation(start, at)
            return self._named_next(designator, paragraph_end)
        return None

    def _named_next(self, designator: Designator, paragraph_end: int) -> Resolved | None:
        """The person a court or news lede leaves unnamed ("A financial adviser accused of
        fraud told the jury ...") when the next paragraph opens with a name, an age and a
        place ("Gareth Lyle, 58, of Harrogate, denies ..."): the convention names them there."""
        if not _INDEFINITE_START.match(self.text, designator.start):
            return None
        named = _NAMED_WITH_AGE.match(self.text, paragraph_end)
        if named is None:
            return None
        index = bisect_left(self._starts, named.start(1))
        if index >= len(self._starts) or self._starts[index] != named.start(1):
            return None
        entity = self._entities[index]
        if entity.kind != "person":
            return None
        return Resolved(entity.name, RESOLVED_AHEAD, "role")

    def _document_author(self, head: str, at: int) -> Resolved | None:
        """Who wrote "the letter" (or email, statement): the latest text of that kind
        mentioned before with its author, "an email from the chief executive, Jo Lamb", "a
        letter that a resident, Ann Dee, sent", "Lamb's email"."""
        window = self.text[max(0, at - ROLE_WINDOW) : at]
        offset = max(0, at - ROLE_WINDOW)
        found: Designator | None = None
        for match in _document_mentions(head).finditer(window):
            author = next((group for group in ("sent", "owner") if match.group(group)), None)
            if match.group("within"):
                # "Tarndale Parish Council, which set out its case in a letter to the
                # committee": the sentence's subject wrote it.
                span = (offset + match.start("within"), offset + match.end("within"))
                relative = _RELATIVE_CLAUSE.search(self.text, *span)
                designator = (
                    _antecedent(self.text, tokens_in(self.text, span[0], relative.start()),
                                person=relative.group(1) == "who")
                    if relative is not None
                    else _sentence_subject(self.text, tokens_in(self.text, *span))
                )  # fmt: skip
            elif author:
                span = (offset + match.start(author), offset + match.end(author))
                designator = _subject_before(self.text, *span)
            else:
                after = offset + match.end()
                designator = _subject_after(self.text, after, min(at, after + 100))
            if designator is not None and designator.kind in ("name", "role"):
                found = designator
        if found is None:
            return None
        resolved = self.resolve(found, since=found.start, paragraph_end=found.end)
        if resolved is None:
            return None
        return Resolved(resolved.speaker, min(resolved.confidence, RESOLVED_THEY), "role")

    def gender_of(self, speaker: str) -> Gender | None | Literal["none"]:
        """The gender known of a person or single name the text gave as a speaker; "none"
        for an organisation, a place, or a name never registered (no he or she for them)."""
        entity = self._by_name.get(speaker.lower())
        if entity is None or entity.kind not in ("person", "single"):
            return "none"
        return entity.gender

    def is_person(self, speaker: str) -> bool:
        """Whether the speaker is a person the text names in full (not a single word)."""
        entity = self._by_name.get(speaker.lower())
        return entity is not None and entity.kind == "person"

    def _resolve_name(self, name: Name) -> Resolved | None:
        if len(name.words) >= 2 and name.words[0] in _PARTICLES:
            surnamed = self.person_named(" ".join(name.words), before=name.start)
            if surnamed is not None:
                return Resolved(surnamed.name, RESOLVED_SURNAME, "surname")
        if _acronym(name.text):
            aliased = self._by_name.get(name.text.lower())
            if aliased is not None and aliased.name != name.text:
                return Resolved(aliased.name, NAMED, "named")  # "the RSSA said"
        if len(name.words) >= 2 or name.kind == "org" and _acronym(name.text):
            return Resolved(name.text, NAMED, "named")
        person = self.person_named(name.words[0], before=name.start)
        if person is not None:
            if name.gender and person.gender is None:
                person.gender = name.gender
            return Resolved(person.name, RESOLVED_SURNAME, "surname")
        ahead = self.person_named_after(name.words[0], after=name.end)
        if ahead is not None:
            return Resolved(ahead.name, RESOLVED_AHEAD, "surname")
        if not name.titled and self.common_word(name.words[0]):
            return None
        full = self._full_name(name.text)
        if full is not None:  # given only inside a quotation: '"Martin Okri," she read.'
            return Resolved(full, RESOLVED_AHEAD, "surname")
        organisation = self._organisation_starting(name.words[0], before=name.start)
        if organisation is not None:  # "Brightwing Airways ... Brightwing said"
            return Resolved(organisation.name, NAMED, "named")
        entity = self._by_name.get(name.text.lower())
        if entity is not None:
            entity.spoke = True
        return Resolved(name.text, NAMED_SINGLE, "named")

    def _organisation_starting(self, word: str, *, before: int) -> Entity | None:
        """The organisation of several words, the first of them `word`, mentioned last before
        `before`, within ORGANISATION_MENTIONS_BACK mentions: a firm's short name
        ("Brightwing" for Brightwing Airways)."""
        index = bisect_left(self._starts, before) - 1
        stop = max(-1, index - ORGANISATION_MENTIONS_BACK)
        while index > stop:
            entity = self._entities[index]
            words = entity.name.lower().split()
            if entity.kind == "org" and len(words) >= 2 and words[0] == word:
                return entity
            index -= 1
        return None

    def _resolve_pronoun(
        self, pronoun: str, at: int, since: int, passage_end: int, paragraph: tuple[int, int]
    ) -> Resolved | None:
        if pronoun == "they" and _UNNAMED_GROUP.search(self.text, since, passage_end):
            return None  # "A group of students ... they said"
        if pronoun in ("they", "it"):
            # "By noon the authority had deleted the post ... '...,' it said": the organisation
            # the passage before is about, before one named since.
            about = self._passage_organisation(since, passage_end, paragraph[1])
            if about is not None:
                return about
            for entity in self.recent(at, THEY_WINDOW):
                if entity.kind == "org":
                    return Resolved(entity.name, RESOLVED_THEY, "pronoun")
            return None
        gender: Gender | None = "m" if pronoun == "he" else "f" if pronoun == "she" else None
        if gender is None:
            return None
        opening = tokens_in(self.text, since, at)[:1]
        if opening and opening[0].lower == pronoun and opening[0].start < at:
            # "He was less forgiving about a foul against his centre, Marek Novotny, which he
            # called '...'": the sentence's own subject, not a name it gives after it.
            at = opening[0].start
        # The person the passage before the quotation is about: the first one it names
        # ("Westbridge manager Alan Pryce ... a challenge from Tom Healy. '...,' he said").
        passage = [entity for entity in self.between(since, at) if _personal(entity)]
        for entity in passage:
            if entity.gender == gender:
                return Resolved(entity.name, RESOLVED, "pronoun")
        for entity in passage:
            if entity.gender is None:
                entity.gender = gender
                return Resolved(entity.name, RESOLVED_WEAK, "pronoun")
        # "A spokesperson for Greenmarket said ... '...,' she said": she speaks for it.
        spoken_for = _spokesperson(self.text, since, passage_end)
        if spoken_for is not None and spoken_for.name is not None:
            organisation = self._resolve_name(spoken_for.name)
            if organisation is not None:
                return Resolved(organisation.speaker, RESOLVED_THEY, "pronoun")
        # "Asked what advice she would give a young woman, she said": the question's people
        # are not the subject's.
        asked = _ASKED_OPENING.match(self.text, since, passage_end)
        unnamed = self._unnamed(asked.end() if asked else since, passage_end)
        if unnamed or not self._names_person(paragraph[0], passage_end):
            # "A councillor defended it. '...,' he said. The councillor, Dev Mistry, ...".
            introduced = self._introduced_after(at, paragraph[1], gender)
            if introduced is not None:
                return Resolved(introduced.name, RESOLVED_AHEAD, "pronoun")
        if unnamed:
            return None  # "a man who gave no name shouted ... he said"
        # A single word of unknown gender ("Brightloop", who spoke once) is a person only at a
        # pinch: a person of the pronoun's gender (or a full name of none known) comes first.
        for weak in (False, True):
            for entity in self.recent(at, PRONOUN_WINDOW):
                if not _personal(entity):
                    continue
                if entity.gender == gender and (weak or not entity.place_only):
                    return Resolved(entity.name, RESOLVED, "pronoun")
                # A full name of no known gender, when something made it a person's.
                if entity.gender is None and (
                    weak or (entity.kind == "person" and not entity.object_only)
                ):
                    entity.gender = gender
                    return Resolved(entity.name, RESOLVED_WEAK, "pronoun")
        return None

    def _passage_organisation(
        self, since: int, passage_end: int, paragraph_end: int
    ) -> Resolved | None:
        """The organisation a passage opens with as its subject: named ("Kelstow General
        Hospital says ...") or described ("By noon the authority had ..."), within its first
        PASSAGE_SUBJECT_WORDS words."""
        tokens = tokens_in(self.text, since, passage_end)[:PASSAGE_SUBJECT_WORDS]
        for index, token in enumerate(tokens):
            for _, _, entity, _ in self.mentions(token.start, token.end):
                # The first name met is the subject: an organisation's, or someone else's.
                if entity.kind != "org":
                    return None
                return Resolved(entity.name, RESOLVED_THEY, "pronoun")
            if token.lower == "the" and index + 1 < len(tokens):
                head = tokens[index + 1]
                if head.text.islower() and head.lower in GENERIC_ORGS | ORG_WORDS:
                    found = self._resolve_role((head.lower,), head.start, head.end, paragraph_end)
                    if found is not None:
                        return Resolved(found.speaker, RESOLVED_THEY, "pronoun")
                    return None
        return None

    def _paragraph_organisation(self, paragraph_start: int, at: int) -> Resolved | None:
        """The one organisation named in the paragraph before `at`; None for none or two."""
        found = {
            id(entity): entity
            for entity in self.between(paragraph_start, at)
            if entity.kind == "org"
        }
        if len(found) != 1:
            return None
        (entity,) = found.values()
        return Resolved(entity.name, RESOLVED_THEY, "role")

    def _named_after(self, at: int, end: int) -> bool:
        """Whether the single name of someone described right before `at` follows it, in
        apposition ("Another picketer, who gave only her first name, Keisha,")."""
        for _, _, entity, _ in self.mentions(at, min(end, at + 60)):
            return entity.named_in_apposition
        return False

    def _unnamed(self, start: int, end: int) -> bool:
        """Whether `[start, end)` speaks of someone unnamed (`_UNNAMED`). Someone known only
        through another ("her lawyer") only as a clause's subject, at its start: "has been
        returned to his mother" is an object, no speaker."""
        for match in _UNNAMED.finditer(self.text, start, end):
            if self._named_after(match.end(), end):
                continue  # "Her neighbour, Magnus, who runs the cafe": named after all
            if not match.group().lower().startswith(("his ", "her ", "their ")):
                return True
            before = self.text[start : match.start()].rstrip(" \t")
            if not before.strip() or before[-1] in ",.;:!?\n":
                return True
        return False

    def _paragraph_person(self, paragraph_start: int, at: int) -> Resolved | None:
        """The person a paragraph is about (the first it names as a subject), else the person
        named last shortly before it: whom "the 29-year-old" or "the Polish defender" stands
        for when nobody was introduced with those words."""
        for entity in self.between(paragraph_start, at):
            if entity.kind == "person":
                return Resolved(entity.name, RESOLVED_WEAK, "role")
        for entity in self.recent(paragraph_start, VARIATION_WINDOW):
            if entity.kind == "person":
                return Resolved(entity.name, RESOLVED_WEAK, "role")
        return None

    def headline_role(self, words: list[str], after: int, reach: int) -> Resolved | None:
        """Whom a headline names by a role ("... as airline blames '...'", "'...': an interview
        with the region's fire chief"): the one person or organisation the article's opening
        (`reach` characters from `after`, the headline's end) introduces with one of the
        headline's role words; None when none or several do."""
        found = {
            entity.name: entity
            for word in words
            if word in ROLE_HEADS | GENERIC_ORGS
            for entity in self.between(after, after + reach)
            if _plays(entity, (word,))
        }
        if len(found) != 1:
            return None
        return Resolved(next(iter(found)), RESOLVED_AHEAD, "role")

    def _names_person(self, start: int, end: int) -> bool:
        """Whether `[start, end)` mentions a person; True for an empty passage (nothing there
        says the paragraph is about someone unnamed)."""
        if not self.text[start:end].strip():
            return True
        return any(_personal(entity) for entity in self.between(start, end))

    def _introduced_after(self, at: int, end: int, gender: Gender) -> Entity | None:
        """The person first mentioned right after `at` (within INTRODUCED_REACH, before `end`),
        introduced by a definite description ("The councillor, Dev Mistry,"), of that gender
        or none known: the unnamed person the paragraph was about."""
        index = bisect_left(self._starts, at)
        if index >= len(self._starts):
            return None
        start = self._starts[index]
        entity = self._entities[index]
        if start >= min(end, at + INTRODUCED_REACH) or entity.kind != "person":
            return None
        if self._first.get(id(entity)) != start or entity.gender not in (None, gender):
            return None
        if not _DEFINITE_BEFORE.search(self.text, max(at, start - 80), start):
            return None
        return entity

    def _resolve_role(
        self, words: tuple[str, ...], at: int, end: int, paragraph_end: int
    ) -> Resolved | None:
        players = [entity for entity in self.recent(at, ROLE_WINDOW) if _plays(entity, words)]
        # "the university" is Harborough University before the University and College Union
        # mentioned since: an organisation whose name ends with the word comes first.
        headed = [
            e
            for e in players
            if e.kind == "org" and _stem(e.name.split()[-1].lower()) == _stem(words[-1])
        ]
        if headed or players:
            return Resolved((headed or players)[0].name, RESOLVED, "role")
        # "The finance ministry welcomed the figures ... The Ministry of Finance did not say":
        # the name may follow in the same paragraph.
        for entity in self.between(end, paragraph_end):
            if _plays(entity, words):
                return Resolved(entity.name, RESOLVED_AHEAD, "role")
        # "Harlow Pottery Ltd went into administration ... the company said": a generic word
        # for an organisation stands for the one organisation named before, if only one was.
        if words[-1] in GENERIC_ORGS:
            organisations = {id(e): e for e in self.recent(at, ROLE_WINDOW) if e.kind == "org"}
            if len(organisations) == 1:
                (entity,) = organisations.values()
                return Resolved(entity.name, RESOLVED_THEY, "role")
        # "The report by the Education Standards Inspectorate ... the inspectors wrote": the
        # members of an organisation named for what they do speak for it.
        if len(words) == 1 and words[0].endswith("s") and len(words[0]) >= 7:
            member = words[0][:-1]
            for entity in self.recent(at, ROLE_WINDOW):
                if entity.kind == "org" and any(
                    word.startswith(member) or member.startswith(word)
                    for word in (w.lower() for w in entity.name.split())
                    if len(word) >= 6
                ):
                    return Resolved(entity.name, RESOLVED_THEY, "role")
        return None


@lru_cache(maxsize=64)
def _document_mentions(head: str) -> re.Pattern[str]:
    """A text of that kind mentioned with its author: "an email from X" / "a letter by X"
    (the author after the match), "a letter that X sent" (group `sent`), "X's letter"
    (group `owner`), "X, which set out its case in a letter" (group `within`, from the
    sentence's start: its subject wrote it)."""
    word = re.escape(head) + r"s?"
    return re.compile(
        rf"\b{word}\s+(?:(?:sent|written|issued|signed)\s+)?(?:from|by)\s+"
        rf"|\b{word}\s+(?:that|which)\s+(?P<sent>[^.;:!?]{{1,80}}?)\s+(?:had\s+)?"
        r"(?:sent|wrote|written|posted|issued|signed)\b"
        rf"|(?P<owner>\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)['’]s\s+(?:\w+\s+)?{word}\b"
        rf"|(?:^|(?<=[.!?]\s)|(?<=\n))(?P<within>[A-Z][^.;:!?\n]{{0,120}}?)\s+in\s+"
        rf"(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+)?{word}\b"
        # ... unless the text then says whose it is ("in a letter from X", "that X sent"; not
        # "said in a statement that it was disappointed").
        r"(?!\s+(?:(?:sent|written|issued|signed)\s+)?(?:from|by)\b)"
        r"(?!\s+(?:that|which)\s+[^.;:!?]{1,80}?\s+(?:had\s+)?"
        r"(?:sent|wrote|written|posted|issued|signed)\b)"
        # "In a 63-page ruling, the office said": the subject after the comma wrote it.
        rf"|(?:^|(?<=[.!?]\s)|(?<=\n))In\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+)?{word},"
    )


def _personal(entity: Entity) -> bool:
    """Whether a pronoun may stand for the entity: a person, or a single name that spoke or
    whose gender is known."""
    return entity.kind == "person" or (
        entity.kind == "single" and (entity.gender is not None or entity.spoke)
    )


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _plays(entity: Entity, words: tuple[str, ...]) -> bool:
    """Whether the entity was introduced with the role ("the health minister": a person whose
    titles or apposition hold health and minister; "the ministry": an organisation named
    Ministry of ...). Modifiers that are titles or offices must match too: "the prime
    minister" is not the health minister."""
    head = words[-1]
    heads = {_stem(w) for w in ROLE_SYNONYMS.get(head, frozenset({head}))}
    needed = {_stem(w) for w in words[:-1] if w in TITLES or w in OFFICE_WORDS}
    known = {_stem(w) for w in entity.roles} | {_stem(w) for w in entity.words}
    if entity.kind == "person":
        known = {_stem(w) for w in entity.roles}
    elif entity.kind == "place":
        return False
    return bool(heads & known) and needed <= known

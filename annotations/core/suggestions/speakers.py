"""Who is named in an attribution clause, and who a pronoun, a surname or a role stands for.

Read by `quotes`: the clause next to a quotation ("..., said Jane Doe." / "Jane Doe said: ...")
gives a *designator*, the words that point at the speaker: a name ("Jan Egeland", "the Ministry
of Health"), a pronoun ("he") or a definite description ("the minister"). A `Registry` of the
names mentioned outside quotations, in text order, resolves the last three to a name mentioned
before: a surname to the full name, "he"/"she" to the last person of that gender (or of no known
gender yet), "they" to the last organisation, "the minister" to the last person introduced with
that title or description. Everything here is English; other languages give no designator.

Names are capitalised runs of words ("Health Minister Sajid Javid"); titles are stripped from
the name and kept as the person's roles. There is no named-entity model: a run with an
organisation word ("Ministry", "Bank") is an organisation, with a place word ("Street", "North")
a place, otherwise a person, whose gender comes from a title (Mr, Mrs, Ms), a first-name list
(`names`) or the first personal pronoun that follows the name in the same passage.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from annotations.core.suggestions.names import (
    AUX_WORDS,
    DESCRIPTION_STARTS,
    DOTTED_TITLES,
    FEMALE_NAMES,
    FEMALE_ROLES,
    FEMALE_TITLES,
    GENERIC_ORGS,
    HE,
    MALE_NAMES,
    MALE_ROLES,
    MALE_TITLES,
    NOT_NAMES,
    OFFICE_WORDS,
    ORG_WORDS,
    PLACE_WORDS,
    POST_NOMINALS,
    ROLE_HEADS,
    ROLE_SYNONYMS,
    SHE,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    SUBJECT_STARTS,
    TITLES,
    UNNAMED_PEOPLE,
    wordset,
)

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

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'’]\w+)*")
_SEGMENT_BREAK = re.compile(r"[,;()\[\]\u2014\u2013]|\s-\s")
# Name particles written in lowercase inside a name: "Ursula von der Leyen", "Bashar al-Assad".
_PARTICLES = wordset(
    "de da di du del della der den des van von la le bin bint ibn al el dos das y ter ten ap ab zu"
)
_PARTICLE_TOKEN = re.compile(r"(?:al|el|ad|as|ash|at|az|bin|ibn|abu|ben)-[^\W\d_]")
# Capitalised words that never continue a name ("Smith The", "Jones He").
_NEVER_INSIDE = wordset("the a an i he she they we it and but or in on at")
_ROLE_STOP = wordset("a an the of for at in on and to with from by")
_APPOSITIVE_AFTER = re.compile(r"\s*,\s*((?:a|an|the)\s[^,;:.!?\"“”«»]{1,80})")
_UNNAMED = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z-]+\s+){0,2}(?:"
    + "|".join(sorted(UNNAMED_PEOPLE))
    + r")\b"
    # "Her team's doctor", "his lawyer": someone known only through another.
    r"|\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z-]+(?:['’]s)?\s+){0,2}(?:"
    + "|".join(sorted(UNNAMED_PEOPLE))
    + r")\b"
    # Whatever the noun: "An engineer in Austin, who asked not to be named".
    r"|\b(?:asked|declined|refused|wished)\s+not\s+to\s+be\s+(?:named|identified)"
    r"|\bdeclin\w*\s+to\s+be\s+(?:named|identified)|\bon\s+condition\s+of\s+anonymity"
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
# Someone giving only a first name: "who gave his name only as Yonas", "a woman named Ines".
_NAME_GIVEN = re.compile(
    r"\b(?:gave|giving|gives|give)\s+(his|her|their)\s+(?:first\s+)?name\s+(?:only\s+)?as\s+$"
    r"|\b(?:known|identified)\s+only\s+as\s+$"
    r"|\b(?:" + "|".join(sorted(UNNAMED_PEOPLE)) + r")\s+(?:named|called)\s+$"
)
# Heads of a definite subject that stand for a text, not a person ("the letter read").
_NOT_ROLES = wordset("letter statement report document email post message note notice sign")
# Texts that speak for whoever wrote them: "His report said", "a statement from Brightloop
# said", "the letter read".
_DOCUMENTS = wordset(
    "letter letters statement statements report document email emails post posts message "
    "messages note memo briefing account filing tweet blog website submission leaflet "
    "newsletter bulletin circular notice survey assessment"
)
_DOCUMENT_POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
# Verbs a text speaks with besides those of saying: "the letter read", "the note stated".
_DOCUMENT_VERBS = wordset("read reads")
# "the Dutchman", "the Spaniard", "the Brazilian": a nationality, not a name. The shape also
# fits surnames and first names (Merriman, Richard, Brian): only after an article is it one.
_DEMONYM = re.compile(
    r"[A-Z][a-z]+(?:man|woman|ian|ard|ese|ish)|Scot|Briton|Swede|Dane|Finn|Pole|Turk|Greek|Thai"
)
_ARTICLES = wordset("the a an")
_ORG_ACRONYMS = wordset("ap afp bbc cnn nhs un eu who nato")
_SPOKESPEOPLE = wordset("spokesperson spokesman spokeswoman spokespeople representative")
# An unnamed subject: "a man in the gallery", "one woman", "another resident".
_INDEFINITE = wordset("a an one another")
# Verbs that report a clause ("said Moss had ..."), the one a nested quotation sits in.
_REPORTING = wordset(
    "said says say added claimed insisted explained recalled wrote alleged argued admitted "
    "testified told tells tell"
)
_RELATIVES = wordset("who which whom whose that")
_COPULAS = wordset("is was were are be been")
# What someone's words are called before a colon: "Her verdict: '...'".
_VERDICTS = wordset(
    "verdict answer reply response message advice view conclusion words warning explanation "
    "retort plea"
)
# A nationality as an adjective: "the Polish defender", "the Italian", "the French rider".
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ish|ian|ese|an|ch|ic|i)")
# A description varying on a person just named: an age or a nationality ("the 29-year-old
# said", "the Polish defender said"), not a kind of person ("the pensioner").
_VARIATION = re.compile(r"\b\d{1,3}-year-old\b|\b[Tt]he\s+" + _NATIONALITY.pattern + r"\s+[a-z]")
# Words opening a phrase of time or place before a subject ("At the time the company said").
_OPENERS = wordset("at on in after before during since by from earlier later last this")
# Participles opening a sentence before its subject ("Asked about the fire, Calloway paused").
_OPENING_PARTICIPLES = wordset("asked pressed challenged questioned told shown")
# Verbs of finding: they quote the finder only when it is named ("the tribunal found").
_FINDING_VERBS = wordset("found finds ruled rules")
# Determiners of a subject that names nobody in reported speech ("her uncle", "one delegate").
_UNNAMED_DETERMINERS = wordset("a an one another the her his their my our its some")
# "Doris Keane, 81," / "Doris Keane (81)": the age a later "the 81-year-old" refers to.
_AGE_AFTER = re.compile(r"\s*[,(]\s*(\d{1,3})\s*[,)]")
# The lowercase word right before a name, its descriptor ("virologist Ruth Alvarez").
_WORD_BEFORE = re.compile(r"(?:^|\s)([a-z][a-z-]+)\s+$")
# After a preposition, a description names an organisation or a place, not the person's role:
# "a virologist at the Pasteur Institute" is a virologist, not an institute.
_PREPOSITIONS = wordset("of for at in on with from by to who which whose")

Gender = Literal["m", "f"]


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("'s", "’s")) and len(self.text) > 2


def tokens_in(text: str, start: int, end: int) -> list[Token]:
    """The words of `text[start:end]` with their offsets in `text`."""
    return [
        Token(match.start(), match.end(), match.group())
        for match in _TOKEN.finditer(text, start, end)
    ]


@dataclass(frozen=True)
class Name:
    """A name as written (`text`, without titles or possessive), where it lies, and what it is."""

    text: str
    start: int
    end: int
    kind: Literal["person", "org", "place", "single"]  # single: one word, nothing else known
    gender: Gender | None
    roles: frozenset[str]  # lowercased title words ("health", "minister")
    words: tuple[str, ...]  # the name's words, lowercased
    titled: bool = False


@dataclass(frozen=True)
class Designator:
    """Words of an attribution clause that point at the speaker."""

    # unknown: "a spokeswoman said"; document: "the letter said" (its author is the speaker)
    kind: Literal["name", "pronoun", "role", "unknown", "document"]
    start: int
    end: int
    name: Name | None = None
    words: tuple[str, ...] = ()  # the pronoun, or the role's words ("health", "minister")


def _description_words(description: str) -> set[str]:
    """The role words of a description: every word before its first preposition, and only
    lowercase ones after it ("the chair of the Federation of Small Businesses" is a chair,
    "the minister for housing" a housing minister)."""
    words: set[str] = set()
    governed = False
    for word in _TOKEN.findall(description):
        lower = word.lower()
        if lower in _RELATIVES:
            break  # "a virologist who advises the agency" is no agency
        if lower in _PREPOSITIONS:
            governed = True
        if lower in _ROLE_STOP or (governed and not word.islower()):
            continue
        words.add(lower)
    return words


def _joinable(text: str, left: Token, right: Token) -> bool:
    """Whether two tokens can belong to one name: only a space between them, or the full stop
    of an initial or an abbreviated title ("J. Doe", "Dr. Doe")."""
    between = text[left.end : right.start]
    if between in (" ", "\u00a0"):
        return True
    if between in ("’ ", "' ") and left.lower.endswith("s") and right.lower in ORG_WORDS:
        return True  # a plural possessive inside a name: "Northbridge Supporters’ Trust"
    if between.startswith(".") and between[1:] in (" ", "\u00a0"):
        return len(left.text) == 1 or left.lower in DOTTED_TITLES
    return False


def _name_token(token: Token, inside: bool) -> bool:
    if not token.capitalised:
        return inside and bool(_PARTICLE_TOKEN.match(token.text))
    if inside:
        return token.lower not in _NEVER_INSIDE
    return token.lower not in NOT_NAMES or token.lower in TITLES


def runs_in(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Capitalised runs of tokens that may be names, with the connectors a name can hold
    ("Ministry of Health", "Ursula von der Leyen", "Department of Health and Social Care")."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for index, token in enumerate(tokens):
        joined = bool(current) and _joinable(text, current[-1], token)
        if _name_token(token, inside=joined):
            if not joined:
                if current:
                    runs.append(current)
                current = []
            current.append(token)
            if token.possessive:
                runs.append(current)
                current = []
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            joined
            and _connector(token.lower, current, following)
            and _name_follows(text, tokens, index)
        ):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _name_follows(text: str, tokens: list[Token], index: int) -> bool:
    """Whether a capitalised word follows the connector at `index`, past other particles
    ("von der Leyen")."""
    for position in range(index + 1, min(len(tokens), index + 3)):
        if not _joinable(text, tokens[position - 1], tokens[position]):
            return False
        if tokens[position].capitalised:
            return True
        if tokens[position].lower not in _PARTICLES:
            return False
    return False


def _connector(word: str, run: list[Token], following: Token | None) -> bool:
    if word == "of" or word in _PARTICLES:
        return True
    if word == "the":
        return run[-1].lower == "of"
    if run[-1].lower in _PARTICLES:
        return word in _PARTICLES
    if word in ("for", "and"):
        # "Department of Health and Social Care", "HM Revenue and Customs"; never two people.
        return any(token.lower in ORG_WORDS for token in run) or (
            following is not None and following.lower in ORG_WORDS
        )
    return False


def _bare(token: Token) -> str:
    return token.text[:-2] if token.possessive else token.text


def name_of(text: str, run: list[Token]) -> Name | None:
    """What a capitalised run names, titles stripped ("Health Minister Sajid Javid" -> the
    person "Sajid Javid" with the roles health and minister); None for a bare title."""
    while len(run) > 1 and _bare(run[-1]).lower() in POST_NOMINALS:
        run = run[:-1]
    words = [_bare(token).lower() for token in run]
    last_title = max((i for i, word in enumerate(words) if word in TITLES), default=-1)
    gender: Gender | None = None
    roles: frozenset[str] = frozenset()
    tail = run
    if last_title >= 0:
        heading = words[: last_title + 1]
        roles = frozenset(word for word in heading if word not in _ROLE_STOP)
        if any(word in MALE_TITLES for word in heading):
            gender = "m"
        elif any(word in FEMALE_TITLES for word in heading):
            gender = "f"
        index = last_title + 1
        # "Secretary of State Antony Blinken": the office's words belong to the title.
        while index < len(run) and words[index] == "of":
            index += 1
            while index < len(run) - 1 and words[index] in OFFICE_WORDS:
                roles = roles | {words[index]}
                index += 1
        tail = run[index:]
        if not tail:
            return None
    tail_words = [_bare(token).lower() for token in tail]
    if "of" in tail_words:
        cut = tail_words.index("of")
        head = set(tail_words[:cut])
        if cut >= 2 and not head & (ORG_WORDS | PLACE_WORDS | TITLES):
            tail, tail_words = tail[:cut], tail_words[:cut]  # "John Smith of Reuters"
    while tail and tail_words[-1] in ("of", "the", "and", "for"):
        tail, tail_words = tail[:-1], tail_words[:-1]
    if not tail:
        return None
    kind: Literal["person", "org", "place", "single"]
    lowered = set(tail_words)
    if last_title >= 0:
        kind = "person"
    elif _organisation(tail) or _acronym(tail[-1].text):
        # "AP", "Reform UK": a name ending in an acronym is an organisation's.
        kind = "org"
    elif len(tail) >= 2 and _first_name_gender(tail_words[0]) is not None:
        kind = "person"  # "Lena Park", "Kanye West": a first name before a place word
    elif lowered & PLACE_WORDS:
        kind = "place"
    elif len(tail) >= 2:
        kind = "person"
    else:
        kind = "single"
    if gender is None and kind in ("person", "single"):
        gender = _first_name_gender(tail_words[0])
    start, end = tail[0].start, tail[-1].end - (2 if tail[-1].possessive else 0)
    return Name(
        text[start:end],
        start,
        end,
        kind,
        gender,
        roles,
        tuple(tail_words),
        titled=last_title >= 0,
    )


def _organisation(run: list[Token]) -> bool:
    """Whether a run names an organisation: a word like Ministry or Bank, or an agency's
    acronym written in capitals ("AP", not the Welsh "ap" of Rhodri ap Gwilym)."""
    for token in run:
        word = _bare(token).lower()
        if word in ORG_WORDS and (word not in _ORG_ACRONYMS or _acronym(token.text)):
            return True
    return False


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _first_name_gender(word: str) -> Gender | None:
    # Accents aside: "Tomás" is Tomas, "José" Jose.
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    if plain in MALE_NAMES:
        return "m"
    if plain in FEMALE_NAMES:
        return "f"
    return None


def _role_gender(roles: set[str]) -> Gender | None:
    """The gender a role word gives ("His wife, Eleri ap Gwilym"), if exactly one does."""
    male, female = bool(roles & MALE_ROLES), bool(roles & FEMALE_ROLES)
    return "m" if male and not female else "f" if female and not male else None


def _particle_surnames(words: tuple[str, ...]) -> list[str]:
    """The surnames with particles a full name may be shortened to: "de la croix" for Jean de
    la Croix, "ap gwilym" for Rhodri ap Gwilym."""
    return [" ".join(words[i:]) for i in range(1, len(words) - 1) if words[i] in _PARTICLES]


def segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` cut at commas, dashes and brackets (appositions and asides)."""
    pieces = []
    cursor = start
    for match in _SEGMENT_BREAK.finditer(text, start, end):
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    return pieces


def _descriptive(tokens: list[Token]) -> bool:
    """Whether a segment describes rather than names ("a UN relief adviser", "the minister",
    "who heads the agency", "45"): it starts in lowercase, with a number, an indefinite
    article, a relative pronoun, or "the" before a lowercase word."""
    if not tokens:
        return False
    first = tokens[0]
    if first.lower in SUBJECT_PRONOUNS:
        return False
    if first.text[0].isdigit() or first.lower in DESCRIPTION_STARTS:
        return True
    if first.lower == "the":
        return len(tokens) < 2 or not tokens[1].capitalised
    return not first.capitalised


def _role(tokens: list[Token]) -> Designator | None:
    """A definite description at the start of a segment: "the (health) minister", "the French
    ecology ministry", "the union body"."""
    if len(tokens) < 2 or tokens[0].lower != "the":
        return None
    words: list[str] = []
    for index, token in enumerate(tokens[1:6], start=1):
        if token.possessive:
            return None
        words.append(token.lower)
        # "the minister", and a title written with capitals: "the Prime Minister", "the
        # Speaker", "the Brent East MP".
        if token.lower in ROLE_HEADS and (not token.capitalised or token.lower in TITLES):
            # "the union body": a role word right after the head is the head.
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.lower in ROLE_SYNONYMS:
                words.append(following.lower)
                token = following
            return Designator("role", tokens[0].start, token.end, words=tuple(words))
    # Any other short lowercase description that is the whole segment ("the virologist", "the
    # 81-year-old"): a role only someone introduced with that word can play.
    if len(tokens) <= 4 and all(
        not token.capitalised or _NATIONALITY.fullmatch(token.text) for token in tokens[1:]
    ):
        # The head comes before a preposition: "the mother of two" is a mother.
        words = []
        for token in tokens[1:]:
            if token.lower in _PREPOSITIONS:
                break
            words.append(token.lower)
            end = token.end
        if words and words[-1] not in _NOT_ROLES:
            return Designator("role", tokens[0].start, end, words=tuple(words))
    return None


def _names(text: str, tokens: list[Token], *, at_end: bool) -> list[Name]:
    """The names in a segment's tokens; with `at_end`, only one ending the segment."""
    found = []
    for run in runs_in(text, tokens):
        if run[-1].possessive or (at_end and run[-1] is not tokens[-1]):
            continue
        name = name_of(text, run)
        if name is not None:
            found.append(name)
    return found


def _pick(text: str, tokens: list[Token], *, last: bool) -> Designator | None:
    """The designator a segment holds: a person's name first, else another name, a pronoun, a
    role. Before the verb (`last`) the subject ends the segment ("The French ecology ministry
    said" is no Frenchman); after it, the first name counts ("said Jane Doe in Paris")."""
    # A place before a title is a constituency or a country ("the Brent East MP asked" is a
    # role), and "the Dutchman" is no name.
    names = [
        name
        for name in _names(text, tokens, at_end=last)
        if not (name.kind == "place" and _before_title(text, name))
        and not _demonym(tokens, name)
        and not (last and name.kind == "single" and _after_preposition(text, tokens, name))
    ]
    people = [name for name in names if name.kind in ("person", "single")]
    if last and names and not people and _after_preposition(text, tokens, names[-1]):
        # "Prof Martin Lowe of the Scottish Association for Marine Science, ... said": the
        # organisation after "of" is where the person before it works.
        people = [
            name
            for name in _names(text, tokens, at_end=False)
            if name.kind == "person" and name.end < names[-1].start
        ]
    for group in (people, names):
        if group:
            name = group[-1] if last else group[0]
            return Designator("name", name.start, name.end, name=name)
    pronouns = [token for token in tokens if token.lower in SUBJECT_PRONOUNS]
    if last:
        pronouns = pronouns[-1:] if pronouns and pronouns[-1] is tokens[-1] else []
    if pronouns:
        pronoun = pronouns[-1] if last else pronouns[0]
        return Designator("pronoun", pronoun.start, pronoun.end, words=(pronoun.lower,))
    return _role(tokens)


def _demonym(tokens: list[Token], name: Name) -> bool:
    """Whether the name is a nationality after an article ("the Dutchman"), not a surname."""
    if not _DEMONYM.fullmatch(name.text):
        return False
    return any(token.lower in _ARTICLES for token in tokens if token.end <= name.start)


def _after_preposition(text: str, tokens: list[Token], name: Name) -> bool:
    """Whether a preposition comes right before the name, or before "the" and the name."""
    index = next((i for i, token in enumerate(tokens) if token.start == name.start), 0)
    if index > 1 and tokens[index - 1].lower == "the":
        index -= 1
    return index > 0 and tokens[index - 1].lower in _PREPOSITIONS


def _before_title(text: str, name: Name) -> bool:
    following = _TOKEN.match(text, name.end + 1, name.end + 40)
    return following is not None and following.group().lower() in (TITLES | POST_NOMINALS)


def _trailing_person(text: str, tokens: list[Token]) -> Designator | None:
    """The person named at the end of a description: "the economist Rafael Ortiz",
    "prosecutor Sarah Whitfield"."""
    # Not "collecting her son from Greenhill Primary": a name after a preposition is where
    # or what, not who.
    if len(tokens) >= 2 and tokens[-2].lower in _PREPOSITIONS:
        return None
    people = [
        name
        for name in _names(text, tokens, at_end=True)
        if name.kind == "person" and not _after_preposition(text, tokens, name)
    ]
    if people:
        return Designator("name", people[-1].start, people[-1].end, name=people[-1])
    # "co-author Berg", "striker Vos": a single capitalised word after a lowercase descriptor.
    # Not "a spokesperson for the Royal College of Nursing": the word before is no preposition.
    if (
        len(tokens) >= 2
        and not tokens[-2].capitalised
        and not any(c.isdigit() for c in tokens[-2].text)
        and tokens[-2].lower not in _PREPOSITIONS | _ROLE_STOP
        and tokens[-1].capitalised
    ):
        singles = [
            name
            for name in _names(text, tokens[-1:], at_end=True)
            if name.kind == "single" and not _demonym(tokens, name)
        ]
        if singles:
            return Designator("name", singles[0].start, singles[0].end, name=singles[0])
    return None


def _given_name(text: str, tokens: list[Token]) -> Designator | None:
    """The name an unnamed subject gave for themselves: "The woman, who gave her name as
    Janet but not her surname, said"."""
    for run in runs_in(text, tokens):
        if _NAME_GIVEN.search(text, max(0, run[0].start - 60), run[0].start):
            name = name_of(text, run)
            if name is not None:
                return Designator("name", name.start, name.end, name=name)
    return None


def _unknown(tokens: list[Token]) -> Designator | None:
    """A subject that names nobody ("a spokeswoman", "One European delegate"); None when the
    words are no subject at all ("and" in "... and said")."""
    first = tokens[0]
    if first.capitalised or first.lower in SUBJECT_STARTS:
        return Designator("unknown", first.start, tokens[-1].end)
    return None


def _spokesperson(text: str, start: int, end: int) -> Designator | None:
    """The organisation a spokesperson speaks for, when the text names it: "a spokesperson for
    Northway Rail", "a Network Rail spokeswoman" (the set's rule: the organisation is the
    speaker); None for "a government spokesman" or "a spokesman for the upper house"."""
    tokens = tokens_in(text, start, end)
    for index, token in enumerate(tokens):
        if token.lower not in _SPOKESPEOPLE or token.capitalised:
            continue
        if index + 1 < len(tokens) and tokens[index + 1].lower in ("for", "at"):
            after = tokens[index + 2 :]
            while after and after[0].lower == "the":
                after = after[1:]
            runs = runs_in(text, after)
            if runs and after and runs[0][0] is after[0]:
                name = name_of(text, runs[0])
                if name is not None and name.kind != "place":
                    return Designator("name", name.start, name.end, name=replace(name, kind="org"))
        before = [run for run in runs_in(text, tokens[:index]) if run[-1] is tokens[index - 1]]
        if index > 0 and before and not before[0][-1].possessive:
            name = name_of(text, before[0])
            if name is not None and name.kind != "place":
                return Designator("name", name.start, name.end, name=replace(name, kind="org"))
        return None
    return None


def subject_before(text: str, start: int, end: int) -> Designator | None:
    """The speaker named by the words before a verb of saying (`_subject_before`), the
    organisation a spokesperson there speaks for, or the author of a text there."""
    found = _subject_before(text, start, end)
    if found is None or found.kind in ("unknown", "role"):
        return _spokesperson(text, start, end) or _document_source(text, start, end) or found
    return found


def _document_source(text: str, start: int, end: int) -> Designator | None:
    """Who a text that is the subject of a verb of saying speaks for: its owner ("His report
    to the committee said" -> he, "Its own account posted" -> it, "Brightloop's statement"),
    its sender ("a statement from Brightloop", "a briefing sent by the agency"), or for "the
    email" alone, a document designator its author is looked up for."""
    tokens = tokens_in(text, start, end)[-16:]
    heads = [i for i, token in enumerate(tokens) if token.lower in _DOCUMENTS]
    if not heads:
        return None
    head = heads[0]
    before = [t for t in tokens[max(0, head - 3) : head] if t.lower != "own"]
    owner = before[-1] if before else None
    if owner is not None and owner.lower in _DOCUMENT_POSSESSIVES:
        pronoun = _DOCUMENT_POSSESSIVES[owner.lower]
        return Designator("pronoun", owner.start, owner.end, words=(pronoun,))
    if owner is not None and owner.possessive:
        runs = [run for run in runs_in(text, tokens[:head]) if run[-1] is owner]
        name = name_of(text, runs[0]) if runs else None
        if name is not None:
            return Designator("name", name.start, name.end, name=name)
    for index in range(head + 1, min(len(tokens), head + 4)):
        if tokens[index].lower in ("from", "by"):
            found = _subject_after(text, tokens[index].end, end)
            return found if found is not None and found.kind != "unknown" else None
    if head == len(tokens) - 1 and head > 0 and tokens[head - 1].lower == "the":
        token = tokens[head]
        return Designator("document", tokens[head - 1].start, token.end, words=(token.lower,))
    return None


def subject_after(text: str, start: int, end: int) -> Designator | None:
    """The speaker named by the words after a verb of saying (`_subject_after`), or the
    organisation a spokesperson there speaks for."""
    found = _subject_after(text, start, end)
    if found is None or found.kind in ("unknown", "role"):
        return _spokesperson(text, start, min(end, start + 120)) or found
    return found


def _subject_before(text: str, start: int, end: int) -> Designator | None:
    """The speaker named by the words before a verb of saying: "Jane Doe", "he",
    "a UN relief adviser, Jan Egeland,", "the minister", "In a statement, the ministry";
    an unknown designator when the subject names nobody ("a spokeswoman"), None when there is
    no subject."""
    tokens = tokens_in(text, start, end)[-30:]
    while tokens and (
        tokens[-1].lower in AUX_WORDS
        or (tokens[-1].lower.endswith("ly") and tokens[-1].text.islower())
    ):
        tokens.pop()
    if not tokens:
        return None
    start = max(start, tokens[0].start)
    pieces = [tokens_in(text, a, b) for a, b in segments(text, start, tokens[-1].end)]
    # What lies between the subject and the verb, aside from "later", "has": a comma means an
    # apposition or an aside ("Jane Doe, a spokeswoman, said"; "went further, accusing").
    between = text[tokens[-1].end : end]
    final = _main_subject(text, pieces[-1])
    if not any(mark in between for mark in (",", "\u2014", "\u2013", ")")) and final:
        # Nothing between the subject and the verb: the last segment is the subject.
        if _descriptive(final):
            found = _trailing_person(text, final) or _role(final)
        else:
            found = _pick(text, final, last=True)
        return found or _unknown(final)
    # "Jane Doe, a spokeswoman, said": the name among the apposition's segments, a name
    # standing alone first, then one ending a description ("the economist Rafael Ortiz").
    for piece in reversed(pieces):
        if piece and not _descriptive(piece):
            found = _pick(text, piece, last=True)
            if found is not None and found.kind != "role":
                return found
    for piece in reversed(pieces):
        if piece and _descriptive(piece):
            found = _trailing_person(text, piece) or _given_name(text, piece)
            if found is not None:
                return found
    for piece in pieces:
        role = _role(piece)
        if role is not None:
            return role
    return _unknown(tokens)


def _main_subject(text: str, tokens: list[Token]) -> list[Token]:
    """The words of a subject without what opens the sentence before it: a live blog's time
    ("21:40 The county office"), a phrase of time or place ("At the time the company", "On
    Monday Jane Doe")."""
    while len(tokens) > 1 and tokens[0].text.isdigit() and not tokens[-1].text.isdigit():
        tokens = tokens[1:]
    if len(tokens) < 3 or not tokens[0].capitalised or tokens[0].lower not in _OPENERS:
        return tokens
    runs = runs_in(text, tokens[1:])
    starts = [i for i, token in enumerate(tokens) if i > 0 and token.lower == "the"]
    starts += [tokens.index(run[0]) for run in runs]
    return tokens[max(starts) :] if starts else tokens


def _leading_person(text: str, tokens: list[Token]) -> Designator | None:
    """The person named right after a lowercase descriptor: "said councillor Dana Whitfield
    at the depot"."""
    if len(tokens) < 3 or tokens[0].capitalised or tokens[0].lower in _PREPOSITIONS | _ROLE_STOP:
        return None
    runs = runs_in(text, tokens[1:])
    if not runs or runs[0][0] is not tokens[1]:
        return None
    name = name_of(text, runs[0])
    if name is None or name.kind != "person":
        return None
    return Designator("name", name.start, name.end, name=name)


def _subject_after(text: str, start: int, end: int) -> Designator | None:
    """The speaker named by the words after a verb of saying: "Jane Doe, a spokeswoman",
    "a UN relief adviser, Jan Egeland", "the minister", "he"."""
    pieces = [tokens_in(text, a, b) for a, b in segments(text, start, end)[:4]]
    for piece in pieces:
        if piece and not _descriptive(piece):
            return _pick(text, piece, last=False) or _unknown(piece)
    for piece in pieces:
        role = _role(piece)
        if role is not None:
            return role
    for piece in pieces:
        if piece:
            return _trailing_person(text, piece) or _leading_person(text, piece) or _unknown(piece)
    return None


def _speech_verb(token: Token) -> bool:
    return token.text.islower() and token.lower in SPEECH_VERBS


def _text_verb(tokens: list[Token], index: int) -> bool:
    """A verb a text speaks with right after it: "the letter read"."""
    return (
        index > 0
        and tokens[index].text.islower()
        and tokens[index].lower in _DOCUMENT_VERBS
        and tokens[index - 1].lower in _DOCUMENTS
    )


def designator_after_quote(
    text: str, start: int, end: int, *, quote_ended: bool = False
) -> Designator | None:
    """The speaker in the clause right after a quotation: "said Jane Doe", "he added",
    "a UN relief adviser, Jan Egeland, said", "according to the ministry". `quote_ended`: the
    quotation ends with a full stop (or ! or ?)."""
    tokens = tokens_in(text, start, end)[:40]
    if not tokens:
        return None
    if len(tokens) >= 2 and tokens[0].lower == "according" and tokens[1].lower == "to":
        return subject_after(text, tokens[1].end, end)
    index = 0
    while index < min(2, len(tokens) - 1) and tokens[index].lower in AUX_WORDS:
        index += 1
    if _speech_verb(tokens[index]):
        return subject_after(text, tokens[index].end, end)
    # A clause starting a new sentence after a quotation ending in a full stop is its
    # attribution only when short: '"We will win." Smith said.', not '"...". Doe did not say
    # what figure the campaign would accept.'
    new_sentence = quote_ended and tokens[0].capitalised and tokens[0].lower not in ("he", "she")
    for position, token in enumerate(tokens[:25]):
        if _speech_verb(token) or _text_verb(tokens, position):
            if new_sentence and (position > 4 or len(tokens) > 10):
                return None
            return subject_before(text, start, token.start)
    return None


def designator_before_quote(text: str, start: int, end: int) -> Designator | None:
    """The speaker in the clause leading into a quotation: "Jane Doe said:", "He told
    reporters the plan was", "According to the ministry,", and a clause that introduces the
    quotation with a colon and names someone ("Dawson: ...", "As Dunmore put it:")."""
    tokens = tokens_in(text, start, end)[-40:]
    unknown = None
    for index, token in enumerate(tokens[:-1]):
        # "According to X," and "In the words of X,".
        words_of = (
            token.lower == "words"
            and index >= 2
            and tokens[index - 1].lower == "the"
            and tokens[index - 2].lower == "in"
            and tokens[index + 1].lower == "of"
        )
        if words_of or (token.lower == "according" and tokens[index + 1].lower == "to"):
            if any(_speech_verb(later) for later in tokens[index + 2 :]):
                # "..., according to its publisher, X, a figure its editor, Y, describes
                # as '...'": the verb nearer the quotation introduces it.
                continue
            found = subject_after(text, tokens[index + 1].end, end)
            if found is not None and found.kind != "unknown":
                return found
            # "..., said in an interview, according to an agency translation:" names nobody
            # after "according to": the speaker is the subject of "said".
            unknown = unknown or found
    # The verb nearest the quotation introduces it: "Kaye told the jury that Ashcroft-Bell had
    # once said to her: '...'" quotes Ashcroft-Bell; when its subject is someone unnamed
    # ("When Hennessy announced the result, a man shouted"), the speaker is unknown. A verb
    # whose subject is no subject at all ("Kell called the remark") gives way to the one
    # before.
    nearest = True
    for index, token in enumerate(reversed(tokens)):
        if _speech_verb(token) and token.lower in _FINDING_VERBS:
            # "The tribunal found that the flat was '...'" quotes the tribunal; "Whitfield
            # said they found '...'" quotes Whitfield: a finding speaks only for a name or a
            # role, never for a pronoun.
            found = subject_before(text, start, token.start)
            if found is not None and found.kind in ("name", "role"):
                return found
            continue
        if _speech_verb(token):
            if nearest:
                nearest = False
                reported = _reported_subject(text, tokens, len(tokens) - 1 - index)
                if reported is not None:
                    return reported
            found = subject_before(text, start, token.start)
            if found is not None and found.kind != "unknown":
                return found
            if found is not None and text[found.start : found.end].split()[0].lower() in (
                _INDEFINITE
            ):
                return found
            unknown = unknown or found
    if unknown is None and text[start:end].rstrip().endswith(":"):
        # "Her verdict:", "His answer:": the person the pronoun stands for.
        if (
            2 <= len(tokens) <= 3
            and tokens[0].lower in ("his", "her")
            and tokens[1].lower in (_VERDICTS)
        ):
            pronoun = "he" if tokens[0].lower == "his" else "she"
            return Designator("pronoun", tokens[0].start, tokens[0].end, words=(pronoun,))
        # "The referee disagreed:": a role, someone unnamed if nobody was introduced so.
        return subject_of_sentence(text, start, end) or _role(tokens[:4])
    return unknown


def _reported_subject(text: str, tokens: list[Token], verb: int) -> Designator | None:
    """The subject of reported speech whose verb introduces the quotation: "Kerr said Moss had
    stood up and told them: '...'" quotes Moss, "She said one neighbour had shouted: '...'"
    someone unnamed (an unknown designator, not the one who reported it). None when no
    earlier verb of saying reports the clause, or its subject is no plain one."""
    outer = next(
        (
            i
            for i in range(verb - 1, -1, -1)
            if _speech_verb(tokens[i]) and tokens[i].lower in _REPORTING
        ),
        None,
    )
    if outer is None:
        return None
    conjunction = tokens[verb - 1] if verb > outer + 1 else None
    # "Madsen said the numbers could fall, but warned that": a comma before the conjunction
    # joins the verb to the reporting one, not to the reported clause.
    if (
        conjunction is not None
        and conjunction.lower in ("and", "but")
        and "," in text[tokens[verb - 2].end : conjunction.start]
    ):
        return None
    first = outer + 1
    if tokens[outer].lower in ("told", "tells", "tell"):
        # "told the jury that ...": the subject comes after "that".
        that = next(
            (i for i in range(first, min(verb, first + 5)) if tokens[i].lower == "that"), None
        )
        if that is None:
            return None
        first = that + 1
    elif first < verb and tokens[first].lower == "that":
        first += 1
    phrase: list[Token] = []
    for token in tokens[first:verb]:
        if token.lower in AUX_WORDS or token.lower in _RELATIVES:
            break
        phrase.append(token)
    if not phrase or len(phrase) > 6 or len(phrase) == verb - first:
        return None  # no verb of its own before the one that introduces the quotation
    if (
        conjunction is not None
        and conjunction.lower in ("and", "but")
        and tokens[first + len(phrase)].lower in _COPULAS
    ):
        return None  # "Berg said Watt was wrong and insisted": Berg insisted
    head = phrase[0]
    if head.possessive and all(not t.capitalised for t in phrase[1:]) and len(phrase) > 1:
        return Designator("unknown", head.start, phrase[-1].end)  # "Watt's deputy had written"
    if len(phrase) == 1 and head.lower in ("he", "she"):
        return Designator("pronoun", head.start, head.end, words=(head.lower,))
    if head.lower in _UNNAMED_DETERMINERS and all(not t.capitalised for t in phrase[1:]):
        if head.lower == "the":
            role = _role(phrase)
            if role is not None:
                return role
        return Designator("unknown", head.start, phrase[-1].end)
    runs = runs_in(text, phrase)
    if runs and runs[0][0] is head and runs[0][-1] is phrase[-1]:
        name = name_of(text, runs[0])
        if name is not None and name.kind in ("person", "single", "org"):
            return Designator("name", name.start, name.end, name=name)
    return None


def subject_of_sentence(text: str, start: int, end: int) -> Designator | None:
    """The first person a sentence names or refers to ("She laughs.", "Asked about it, she
    did not hesitate.", "Solberg is not sentimental."), in its first dozen words."""
    tokens = tokens_in(text, start, end)[:12]
    if not tokens:
        return None
    comma = text.find(",", start, min(end, start + 120))
    if comma > 0 and (tokens[0].lower in _OPENING_PARTICIPLES or tokens[0].lower.endswith("ing")):
        # "Asked whether Millbrook could be saved, Calloway paused": the subject follows the
        # opening clause.
        tokens = tokens_in(text, comma, end)[:12]
    runs = {run[0].start: run for run in runs_in(text, tokens)}
    for token in tokens:
        if token.lower in ("he", "she"):
            return Designator("pronoun", token.start, token.end, words=(token.lower,))
        run = runs.get(token.start)
        if run is not None and not run[-1].possessive:
            name = name_of(text, run)
            if (
                name is not None
                and name.kind in ("person", "single")
                and not _demonym(tokens, name)
                and not (name.kind == "single" and name.words[0] in AUX_WORDS)  # "Will it?"
            ):
                return Designator("name", name.start, name.end, name=name)
    return None


@dataclass
class Entity:
    """Someone (or some organisation) the text names, with what is known of them so far."""

    name: str
    kind: Literal["person", "org", "place", "single"]
    gender: Gender | None
    roles: set[str] = field(default_factory=set)
    words: frozenset[str] = frozenset()
    spoke: bool = False  # a single word that was named as a speaker: a person, most likely


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

    def scan(self, start: int, end: int) -> None:
        """Register the names of `text[start:end]` (a passage outside quotations; passages are
        scanned in text order), with the roles an apposition gives and the gender the first
        following pronoun gives."""
        tokens = tokens_in(self.text, start, end)
        last_person: Entity | None = None
        since = 0
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
                if entity is not None and name is not None and entity.kind == "single":
                    self._first_name_given(entity, name)
                if entity is not None and name is not None:
                    entity.roles |= self._apposition(name, start, end)
                    if entity.gender is None and entity.kind in ("person", "single"):
                        entity.gender = _role_gender(entity.roles)
                last_person = entity if entity and entity.kind == "person" else None
                if run[-1].possessive:
                    last_person = None
                since = 0
                run = next(runs, None)
                continue
            since += 1
            if last_person is not None and last_person.gender is None and since <= 12:
                if token.lower in HE:
                    last_person.gender = "m"
                elif token.lower in SHE:
                    last_person.gender = "f"

    def _first_name_given(self, entity: Entity, name: Name) -> None:
        """A single name someone gave for themselves ("who gave his name only as Yonas", "a
        woman named Ines") is a person, of the gender the phrase gives."""
        given = _NAME_GIVEN.search(self.text, max(0, name.start - 60), name.start)
        if given is None:
            return
        entity.kind = "person"
        possessive = (given.group(1) or "").lower()
        if entity.gender is None and possessive in ("his", "her"):
            entity.gender = "m" if possessive == "his" else "f"

    def _apposition(self, name: Name, start: int, end: int) -> set[str]:
        """The role words around a name: an apposition ("Ruth Alvarez, a virologist at the
        Pasteur Institute" gives virologist, not the institute's words), the age ("Doris
        Keane, 81," gives 81-year-old, as "the 81-year-old said" refers back to her) and a
        lowercase word right before the name ("defendant Mark Ellis")."""
        after = _APPOSITIVE_AFTER.match(self.text[name.end : min(end, name.end + 100)])
        before = _APPOSITIVE_BEFORE.search(self.text[max(start, name.start - 100) : name.start])
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
        if entity.gender is None:
            entity.gender = name.gender
        entity.roles |= name.roles
        self._first.setdefault(id(entity), name.start)
        self._starts.append(name.start)
        self._entities.append(entity)
        self._subjects.append(subject)
        return entity

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
        return found[-1]

    def person_named_after(self, word: str, *, after: int) -> Entity | None:
        """The first person of that surname (or first name) mentioned after `after`: a
        headline's "Dawson: ..." is Kieran Dawson of the article below."""
        for start, entity in self._by_word.get(word, []):
            if start > after:
                return entity
        return None

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
        return None

    def _document_author(self, head: str, at: int) -> Resolved | None:
        """Who wrote "the letter" (or email, statement): the latest text of that kind
        mentioned before with its author, "an email from the chief executive, Jo Lamb", "a
        letter that a resident, Ann Dee, sent", "Lamb's email"."""
        window = self.text[max(0, at - ROLE_WINDOW) : at]
        offset = max(0, at - ROLE_WINDOW)
        found: Designator | None = None
        for match in _document_mentions(head).finditer(window):
            author = next((group for group in ("sent", "owner") if match.group(group)), None)
            if author:
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

    def _resolve_name(self, name: Name) -> Resolved | None:
        if len(name.words) >= 2 and name.words[0] in _PARTICLES:
            surnamed = self.person_named(" ".join(name.words), before=name.start)
            if surnamed is not None:
                return Resolved(surnamed.name, RESOLVED_SURNAME, "surname")
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
        entity = self._by_name.get(name.text.lower())
        if entity is not None:
            entity.spoke = True
        return Resolved(name.text, NAMED_SINGLE, "named")

    def _resolve_pronoun(
        self, pronoun: str, at: int, since: int, passage_end: int, paragraph: tuple[int, int]
    ) -> Resolved | None:
        if pronoun == "they" and _UNNAMED_GROUP.search(self.text, since, passage_end):
            return None  # "A group of students ... they said"
        if pronoun in ("they", "it"):
            for entity in self.recent(at, THEY_WINDOW):
                if entity.kind == "org":
                    return Resolved(entity.name, RESOLVED_THEY, "pronoun")
            return None
        gender: Gender | None = "m" if pronoun == "he" else "f" if pronoun == "she" else None
        if gender is None:
            return None
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
        unnamed = _UNNAMED.search(self.text, since, passage_end)
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
                if entity.gender == gender:
                    return Resolved(entity.name, RESOLVED, "pronoun")
                if entity.gender is None and (weak or entity.kind == "person"):
                    entity.gender = gender
                    return Resolved(entity.name, RESOLVED_WEAK, "pronoun")
        return None

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
        return None


@lru_cache(maxsize=64)
def _document_mentions(head: str) -> re.Pattern[str]:
    """A text of that kind mentioned with its author: "an email from X" / "a letter by X"
    (the author after the match), "a letter that X sent" (group `sent`), "X's letter"
    (group `owner`)."""
    word = re.escape(head) + r"s?"
    return re.compile(
        rf"\b{word}\s+(?:(?:sent|written|issued|signed)\s+)?(?:from|by)\s+"
        rf"|\b{word}\s+(?:that|which)\s+(?P<sent>[^.;:!?]{{1,80}}?)\s+(?:had\s+)?"
        r"(?:sent|wrote|written|posted|issued|signed)\b"
        rf"|(?P<owner>\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)['’]s\s+(?:\w+\s+)?{word}\b"
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

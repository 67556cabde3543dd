"""Names in running text: word tokens, the capitalised runs that make a name, what a name says.

A run of capitalised words ("Health Minister Sajid Javid") is a `Name`: titles are stripped and
kept as roles; an organisation word makes it an organisation, a place word a place, otherwise a
person whose gender a title or a first-name list may tell. Used by `clauses` and `registry`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from annotations.core.suggestions.names import (
    AUX_WORDS,
    DOTTED_TITLES,
    FEMALE_NAMES,
    FEMALE_ROLES,
    FEMALE_TITLES,
    MALE_NAMES,
    MALE_ROLES,
    MALE_TITLES,
    NOT_NAMES,
    OFFICE_WORDS,
    ORG_WORDS,
    PLACE_WORDS,
    POST_NOMINALS,
    TITLES,
    wordset,
)

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'’]\w+)*")
# Name particles written in lowercase inside a name: "Ursula von der Leyen", "Bashar al-Assad".
_PARTICLES = wordset(
    "de da di du del della der den des van von la le bin bint ibn al el dos das y ter ten ap ab zu"
)
_PARTICLE_TOKEN = re.compile(r"(?:al|el|ad|as|ash|at|az|bin|ibn|abu|ben)-[^\W\d_]")
# Capitalised words that never continue a name ("Smith The", "Jones He").
_NEVER_INSIDE = wordset("the a an i he she they we it and but or in on at")
_ROLE_STOP = wordset("a an the of for at in on and to with from by")
_ORG_ACRONYMS = wordset("ap afp bbc cnn nhs un eu who nato")
_RELATIVES = wordset("who which whom whose that")
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
    if between == " & " and left.capitalised and right.capitalised:
        return True  # a firm's partners: "Holt & Varga Paper", "Marks & Spencer"
    if between.startswith(".") and between[1:] in (" ", "\u00a0"):
        return len(left.text) == 1 or left.lower in DOTTED_TITLES
    return False


def _name_token(token: Token, inside: bool) -> bool:
    if not token.capitalised:
        return inside and bool(_PARTICLE_TOKEN.match(token.text))
    if inside:
        return token.lower not in _NEVER_INSIDE
    return token.lower not in NOT_NAMES or token.lower in TITLES


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 40) : at].rstrip(" \t\u00a0\"“”‘’'")
    return not before or before[-1] in ".!?:\n" or "\n" in text[max(0, at - 3) : at]


def _capitalised_by_position(text: str, token: Token) -> bool:
    """A word capitalised only because it opens a sentence, though a name list may hold it:
    a modal opening a question ("Will Castelli stay?", "May Lind speak?") or a sentence adverb
    before its comma ("Privately, one official..."). Nobody is named by either; a first name
    the lists know ("Emily, who...") still is."""
    if not _sentence_start(text, token.start):
        return False
    if token.lower in AUX_WORDS:
        ends = [text.find(mark, token.end, token.end + 160) for mark in ".!?"]
        found = [end for end in ends if end >= 0]
        return bool(found) and text[min(found)] == "?"
    return (
        token.lower.endswith("ly")
        and text.startswith(",", token.end)
        and _first_name_gender(token.lower) is None
    )


def runs_in(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Capitalised runs of tokens that may be names, with the connectors a name can hold
    ("Ministry of Health", "Ursula von der Leyen", "Department of Health and Social Care")."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for index, token in enumerate(tokens):
        joined = bool(current) and _joinable(text, current[-1], token)
        if not joined and token.capitalised and _capitalised_by_position(text, token):
            if current:
                runs.append(current)
            current = []
            continue
        if _name_token(token, inside=joined):
            if not joined:
                if current:
                    runs.append(current)
                current = []
            current.append(token)
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if token.possessive and not (
                # "the Information Commissioner's Office": a possessive inside a name.
                following is not None
                and following.capitalised
                and following.lower in ORG_WORDS
                and text[token.end : following.start] == " "
            ):
                runs.append(current)
                current = []
            continue
        if (
            joined
            and _connector(token.lower, current, tokens[index + 1 : index + 3])
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


def _connector(word: str, run: list[Token], following: list[Token]) -> bool:
    if word == "of" or word in _PARTICLES:
        return True
    if word == "the":
        return run[-1].lower == "of"
    if run[-1].lower in _PARTICLES:
        return word in _PARTICLES
    if word in ("for", "and"):
        # "Department of Health and Social Care", "HM Revenue and Customs", "Severn Vale Fire
        # and Rescue Service" (the organisation word one word on); never two people.
        return any(token.lower in ORG_WORDS for token in run) or any(
            token.capitalised and token.lower in ORG_WORDS for token in following
        )
    return False


def _bare(token: Token) -> str:
    return token.text[:-2] if token.possessive else token.text


def name_of(text: str, run: list[Token]) -> Name | None:
    """What a capitalised run names, titles stripped ("Health Minister Sajid Javid" -> the
    person "Sajid Javid" with the roles health and minister); None for a bare title."""
    while len(run) > 1 and _bare(run[-1]).lower() in POST_NOMINALS:
        run = run[:-1]
    if len(run) == 1 and len(_bare(run[0])) == 1:
        return None  # a transcript's "Q:" or "A:", a grade, an initial on its own: nobody
    if any(token.possessive for token in run[:-1]):
        # "Information Commissioner's Office": a possessive inside a run (`runs_in` keeps one
        # only before an organisation word) names the organisation, titles and all.
        start, end = run[0].start, run[-1].end - (2 if run[-1].possessive else 0)
        org_words = tuple(_bare(token).lower() for token in run)
        return Name(text[start:end], start, end, "org", None, frozenset(), org_words)
    words = [_bare(token).lower() for token in run]
    last_title = max((i for i, word in enumerate(words) if word in TITLES), default=-1)
    if 0 < last_title < len(words) - 1 and words[0] not in TITLES and words[-1] in ORG_WORDS:
        last_title = -1  # "Kelstow General Hospital": a title inside an organisation's name
    if last_title < 0 and _occupation_title(words):
        last_title = 0  # "Shopkeeper Farida Bhatti": the occupation is a title
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
    elif (
        _organisation(tail)
        or _acronym(tail[-1].text)
        or " & " in text[tail[0].start : tail[-1].end]  # "Fenlon & Hart": a firm
    ):
        # "AP", "Reform UK": a name ending in an acronym is an organisation's.
        kind = "org"
    elif len(tail) >= 2 and _first_name_gender(tail_words[0]) is not None:
        kind = "person"  # "Lena Park", "Kanye West": a first name before a place word
    elif lowered & PLACE_WORDS or {w[:-1] for w in lowered if w.endswith("s")} & PLACE_WORDS:
        # "Salt Roads" (an album), "Kestrel Islands": a plural place word makes a place too.
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


# Endings of an occupation written as a title before a full name ("Councilmember Priya
# Raman-Delgado", "Grandmaster Tomasz Wiśniewski-Hart", "Fisherman Joaquim Alves"). Compounds
# that no first name ends with are enough; an agent noun's ending ("Shopkeeper", "Teacher",
# "Librarian") only before a first name the lists know, since first names end so too ("Jasper",
# "Tyler").
_OCCUPATION_COMPOUNDS = (
    "member",
    "master",
    "keeper",
    "man",
    "woman",
    "worker",
    "maker",
    "lord",
    "lady",
)
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant")


def _occupation_title(words: list[str]) -> bool:
    """Whether the first of at least three capitalised words is an occupation used as a title:
    one word, not itself a first name, ending like an occupation, before a person's name."""
    if len(words) < 3 or "of" in words or _first_name_gender(words[0]) is not None:
        return False
    role = words[0]
    if len(role) < 6 or "-" in role or role in ORG_WORDS | PLACE_WORDS:
        return False
    if role.endswith(_OCCUPATION_COMPOUNDS):
        return not set(words[1:]) & (ORG_WORDS | PLACE_WORDS)
    return role.endswith(_AGENT_ENDINGS) and _first_name_gender(words[1]) is not None


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

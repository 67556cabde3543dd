"""The speaker a run of words names before or after a verb of saying: a name, a pronoun, a role
("the minister"), a spokesperson's organisation or a text's author, as a `Designator`."""

from __future__ import annotations

import re
from dataclasses import (
    dataclass,
    replace,
)
from typing import (
    Literal,
)

from annotations.core.suggestions.names import (
    AUX_WORDS,
    DESCRIPTION_STARTS,
    GENERIC_ORGS,
    ORG_WORDS,
    POST_NOMINALS,
    ROLE_HEADS,
    ROLE_SYNONYMS,
    SUBJECT_PRONOUNS,
    SUBJECT_STARTS,
    TITLES,
    UNNAMED_PEOPLE,
    wordset,
)
from annotations.core.suggestions.speakers.mentions import (
    _PREPOSITIONS,
    _ROLE_STOP,
    _TOKEN,
    Name,
    Token,
    name_of,
    runs_in,
    tokens_in,
)

_SEGMENT_BREAK = re.compile(r"[,;()\[\]\u2014\u2013]|\s-\s")
# Someone giving only a first name: "who gave his name only as Yonas", "a woman named Ines".
_NAME_GIVEN = re.compile(
    r"\b(?:gave|giving|gives|give)\s+(his|her|their)\s+(?:first\s+)?name\s+(?:only\s+)?as\s+$"
    r"|\b(?:known|identified)\s+only\s+as\s+$"
    # "who asked to be named only as Jess", "who goes only by Benji"
    r"|\bnamed\s+only\s+as\s+$|\bgo(?:es)?\s+(?:only\s+)?by\s+$"
    r"|\b(?:" + "|".join(sorted(UNNAMED_PEOPLE)) + r")\s+(?:named|called)\s+$"
)
# A single name given in apposition to a person: "who gave only her first name, Keisha,",
# "Her neighbour, Magnus,", "Another picketer, Keisha,".
_NAMED_IN_APPOSITION = re.compile(
    r"\bgave\s+only\s+(his|her|their)\s+first\s+name,\s*$"
    r"|(?:^|[.;:!?]\s+|\n)(?:[Hh]is|[Hh]er|[Tt]heir|[Aa]nother|[Oo]ne)\s+(?:[a-z-]+\s+){0,2}(?:"
    + "|".join(sorted(UNNAMED_PEOPLE))
    + r"),\s*$"
)
# Heads of a definite subject that stand for a text, not a person ("the letter read").
_NOT_ROLES = wordset("letter statement report document email post message note notice sign")
# Texts that speak for whoever wrote them: "His report said", "a statement from Brightloop
# said", "the letter read".
_DOCUMENTS = wordset(
    "letter letters statement statements report document email emails post posts message "
    "messages note memo briefing account filing tweet blog website submission leaflet "
    "newsletter bulletin circular notice survey assessment ruling"
)
_DOCUMENT_POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
# "the Dutchman", "the Spaniard", "the Brazilian": a nationality, not a name. The shape also
# fits surnames and first names (Merriman, Richard, Brian): only after an article is it one.
_DEMONYM = re.compile(
    r"[A-Z][a-z]+(?:man|woman|ian|ard|ese|ish)|Scot|Briton|Swede|Dane|Finn|Pole|Turk|Greek|Thai"
)
_ARTICLES = wordset("the a an")
_SPOKESPEOPLE = wordset("spokesperson spokesman spokeswoman spokespeople representative")
# A spokesperson given an organisation, which "the spokesperson" this far on still speaks for.
_SPOKESPERSON_FOR = re.compile(r"\b(?:spokes(?:person|man|woman)|representative)\s+(?:for|at)\s")
SPOKESPERSON_REACH = 600
# Verbs that report a clause ("said Moss had ..."), the one a nested quotation sits in.
# Words opening a clause of its own after a comma: its subject, if any, follows them.
_CLAUSE_OPENERS = wordset("though although while whereas but and because which who")
# A nationality as an adjective: "the Polish defender", "the Italian", "the French rider".
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ish|ian|ese|an|ch|ic|i)")
# Words opening a phrase of time or place before a subject ("At the time the company said").
_OPENERS = wordset("at on in after before during since by from earlier later last this")


@dataclass(frozen=True)
class Designator:
    """Words of an attribution clause that point at the speaker."""

    # unknown: "a spokeswoman said"; document: "the letter said" (its author is the speaker)
    kind: Literal["name", "pronoun", "role", "unknown", "document"]
    start: int
    end: int
    name: Name | None = None
    words: tuple[str, ...] = ()  # the pronoun, or the role's words ("health", "minister")


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
    ending = _names(text, tokens, at_end=last)
    names = [
        name
        for name in ending
        if not (name.kind == "place" and _before_title(text, name))
        and not _demonym(tokens, name)
        and not (last and name.kind == "single" and _after_preposition(text, tokens, name))
    ]
    people = [name for name in names if name.kind in ("person", "single")]
    if last and ending and not people and _after_preposition(text, tokens, ending[-1]):
        # "Prof Martin Lowe of the Scottish Association for Marine Science, ... said": the
        # organisation after "of" is where the person before it works; "Dr Ingrid Lindqvist
        # of the Northern Marine Institute in Aberdeen," ends on the town it is in.
        people = [
            name
            for name in _names(text, tokens, at_end=False)
            if name.kind == "person" and name.end < ending[-1].start
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


def _spokesperson(text: str, start: int, end: int, *, earlier: bool = True) -> Designator | None:
    """The organisation a spokesperson speaks for, when the text names it: "a spokesperson for
    Northway Rail", "a Network Rail spokeswoman" (the set's rule: the organisation is the
    speaker), "a spokesperson for the trust" (a role: the organisation introduced with it),
    "the spokesperson" (the one the text gave an organisation shortly before, if `earlier`);
    None for "a government spokesman" or "a spokesman for the upper house"."""
    tokens = tokens_in(text, start, end)
    for index, token in enumerate(tokens):
        if token.lower not in _SPOKESPEOPLE or token.capitalised:
            continue
        if index + 1 < len(tokens) and tokens[index + 1].lower in ("for", "at"):
            after = tokens[index + 2 :]
            definite = bool(after) and after[0].lower == "the"
            while after and after[0].lower == "the":
                after = after[1:]
            runs = runs_in(text, after)
            if runs and after and runs[0][0] is after[0]:
                name = name_of(text, runs[0])
                if name is not None and name.kind != "place":
                    return Designator("name", name.start, name.end, name=replace(name, kind="org"))
            if definite and after and after[0].lower in GENERIC_ORGS | ORG_WORDS:
                # "a spokesperson for the trust": whichever trust the text introduced.
                return Designator("role", after[0].start, after[0].end, words=(after[0].lower,))
        if earlier and index > 0 and tokens[index - 1].lower == "the":
            # "the spokesperson said": the organisation of the spokesperson met before.
            window = max(0, token.start - SPOKESPERSON_REACH)
            given = [m for m in _SPOKESPERSON_FOR.finditer(text, window, token.start)]
            if given:
                found = _spokesperson(text, given[-1].start(), given[-1].end() + 80, earlier=False)
                if found is not None:
                    return found
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
    if pieces[-1] and pieces[-1][0].lower in _CLAUSE_OPENERS:
        opener, rest = pieces[-1][0], pieces[-1][1:]
        if rest:
            # "..., though she stressed", "..., which Vesely called": the clause's own subject
            # ("because the consultants' report" is no subject: a text's owner is read as is).
            if not any(
                token.possessive or text[token.end : token.end + 1] in ("'", "’") for token in rest
            ):
                pieces[-1] = rest
        elif opener.lower in ("which", "who") and len(pieces) >= 2:
            # "..., the Arktis Institute, which said", "Maureen Hatch, who told an
            # interviewer": the organisation or the person the clause hangs on.
            return _antecedent(text, pieces[-2], person=opener.lower == "who")
        elif opener.lower in ("and", "but") and len(pieces) >= 2:
            # "The institute holds the patents, and said": the sentence's subject.
            return _sentence_subject(text, pieces[0])
        else:
            return None
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
        if found is not None or len(pieces) < 2 or not _predicate(final):
            return found or _unknown(final)
        # "The regional president, Álvaro Cendejas, visited the town and promised": a segment
        # that opens with a verb has its subject in the segments before it.
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


def _predicate(tokens: list[Token]) -> bool:
    """Whether a segment opens with a verb in the past tense, no subject of its own ("visited
    the town and"): a lowercase first word ending in -ed, or a common irregular past."""
    first = tokens[0]
    if any(token.lower in _SUBORDINATORS for token in tokens):
        return False  # "showed no reaction as the jury foreman answered": a clause's own subject
    return first.text.islower() and (
        (first.lower.endswith("ed") and len(first.lower) > 4) or first.lower in _PAST_IRREGULAR
    )


_SUBORDINATORS = wordset(
    "as when while after before because since if until though although whereas once where"
)


_PAST_IRREGULAR = wordset(
    "went came made took gave met left spent kept brought bought sent wrote spoke stood sat "
    "led held ran won lost began became"
)


def _antecedent(text: str, tokens: list[Token], *, person: bool) -> Designator | None:
    """The organisation a segment ends with, before "which" ("the Arktis Institute, which"),
    or the person, before "who" ("Maureen Hatch, who")."""
    runs = runs_in(text, tokens)
    if not runs or runs[-1][-1] is not tokens[-1]:
        return None
    name = name_of(text, runs[-1])
    kinds = ("person", "single") if person else ("org",)
    if name is None or name.kind not in kinds:
        return None
    return Designator("name", name.start, name.end, name=name)


def _sentence_subject(text: str, tokens: list[Token]) -> Designator | None:
    """The name or pronoun that opens a sentence's first segment, when it opens it: "Brisa
    Home recalled the heaters, and said"; None for "On Monday the firm..."."""
    tokens = _main_subject(text, tokens)
    if not tokens:
        return None
    if tokens[0].lower in ("he", "she", "it", "they"):
        return Designator("pronoun", tokens[0].start, tokens[0].end, words=(tokens[0].lower,))
    subject = tokens[1:] if tokens[0].lower == "the" else tokens
    runs = runs_in(text, subject)
    if not runs or runs[0][0] is not subject[0]:
        return None
    name = name_of(text, runs[0])
    if name is None or name.kind == "place" or runs[0][-1].possessive:
        return None
    return Designator("name", name.start, name.end, name=name)


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

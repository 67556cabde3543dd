"""The attribution clause next to a quotation, and the words in it that point at the speaker.

"..., said Jane Doe." / "Jane Doe said: ..." gives a `Designator` (`subjects`): a name, a
pronoun, a definite description ("the minister"), a spokesperson or a document ("the report
said"); reported speech ("Kerr said Moss had told them: ...") quotes the reported subject. Which
person or organisation it stands for is the `registry`'s job.
"""

from __future__ import annotations

import re

from annotations.core.suggestions.names import (
    AUX_WORDS,
    GENERIC_ORGS,
    ROLE_HEADS,
    SPEECH_VERBS,
    UNNAMED_PEOPLE,
    wordset,
)
from annotations.core.suggestions.speakers.mentions import (
    _RELATIVES,
    Token,
    name_of,
    runs_in,
    tokens_in,
)
from annotations.core.suggestions.speakers.subjects import (
    _CLAUSE_OPENERS,
    _DOCUMENTS,
    Designator,
    _demonym,
    _role,
    _sentence_subject,
    subject_after,
    subject_before,
)

# "as Desmond put it," / "as she liked to put it," right before a quotation.
_READ_ALOUD = re.compile(r"\bread(?:s|ing)?\s+(?:\w+\s+)?(?:out|aloud)\b", re.IGNORECASE)
_LABEL_BRACKETS = re.compile(r"\s*\([^()\n]{1,60}\)\s*:\s*$")
_PUT_IT = re.compile(
    r"\b(?P<as>[Aa]s)\s+[^,;:.!?]{1,60}?\s+"
    r"(?P<verb>(?:(?:liked|likes|used|loved|loves)\s+to\s+)?(?:put|puts))\s+it\s*[,:]?\s*$"
)
# A transcript's speaker label is at most this many words ("Flight controller Dr Katrien de
# Smet:").
LABEL_WORDS = 7
# Verbs a text speaks with besides those of saying: "the letter read", "the note stated".
_DOCUMENT_VERBS = wordset("read reads")
# An unnamed subject: "a man in the gallery", "one woman", "another resident".
_INDEFINITE = wordset("a an one another")
_REPORTING = wordset(
    "said says say added claimed insisted explained recalled wrote alleged argued admitted "
    "testified told tells tell"
)
_COPULAS = wordset("is was were are be been")
# What someone's words are called before a colon: "Her verdict: '...'".
_VERDICTS = wordset(
    "verdict answer reply response message advice view conclusion words warning explanation "
    "retort plea"
)
# Participles opening a sentence before its subject ("Asked about the fire, Calloway paused").
_OPENING_PARTICIPLES = wordset("asked pressed challenged questioned told shown")
# Verbs of finding: they quote the finder only when it is named ("the tribunal found").
_FINDING_VERBS = wordset("found finds ruled rules")
# Determiners of a subject that names nobody in reported speech ("her uncle", "one delegate").
_UNNAMED_DETERMINERS = wordset("a an one another the her his their my our its some")


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
                contact = _contact_clause_subject(text, tokens, len(tokens) - 1 - index)
                if contact is not None:
                    return contact
                participle = _participle_subject(text, start, token)
                if participle is not None:
                    return participle
            found = subject_before(text, start, token.start)
            if found is not None and found.kind != "unknown":
                return found
            if found is not None and text[found.start : found.end].split()[0].lower() in (
                _INDEFINITE
            ):
                return found
            unknown = unknown or found
    put = _PUT_IT.search(text, start, end)
    if unknown is None and put is not None:
        # "But, as Desmond put it, '...'": the subject of "put it", whatever the mark after.
        found = subject_before(text, put.end("as"), put.start("verb"))
        if found is not None and found.kind != "unknown":
            return found
    if unknown is None and text[start:end].rstrip().endswith(":"):
        # "Gail (Northfield):": a phone-in's or a hearing's label names where the speaker is
        # from, or their party, in brackets after the name; the name is the label.
        # "A listener sent a text that Delaney read out in full:": words read aloud are their
        # writer's, not the reader's.
        read = _READ_ALOUD.search(text, start, end)
        if read is not None:
            return Designator("unknown", read.start(), read.end())
        where = _LABEL_BRACKETS.search(text, start, end)
        label_tokens = tokens if where is None else tokens_in(text, start, where.start())
        label = _speaker_label(text, start, label_tokens)
        if label is not None:
            return label
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


def _participle_subject(text: str, start: int, verb: Token) -> Designator | None:
    """The subject of a sentence a participle of saying hangs on after a comma: "She turned
    down an MBE in 1992, telling a reporter that '...'" (she); None when a verb of saying comes
    before it."""
    before = text[start : verb.start].rstrip()
    if not verb.lower.endswith("ing") or not before.endswith(","):
        return None
    tokens = tokens_in(text, start, start + len(before) - 1)
    if any(map(_speech_verb, tokens)):
        return None  # "..., the union said, describing its members as": the verb's subject
    found = _sentence_subject(text, tokens)
    return found if found is not None and found.kind in ("name", "pronoun", "role") else None


def _contact_clause_subject(text: str, tokens: list[Token], verb: int) -> Designator | None:
    """The subject of a relative clause with no relative pronoun, right after its noun: "the
    crossing she called '...'" (she), "an accusation the authority called '...'" (the
    authority). None unless a lowercase noun stands, spaces only between, before he, she or
    they, or before "the" and a role ("who organised it, said" is no such clause)."""
    if verb >= 2 and tokens[verb - 1].lower in ("he", "she", "they"):
        first = verb - 2
    elif (
        verb >= 3
        and tokens[verb - 2].lower == "the"
        and tokens[verb - 1].text.islower()
        and tokens[verb - 1].lower in ROLE_HEADS | GENERIC_ORGS
    ):
        first = verb - 3
    else:
        return None
    if not _noun_like(tokens[first]) or any(
        text[tokens[i].end : tokens[i + 1].start] != " " for i in range(first, verb)
    ):
        return None
    subject = tokens[verb - 1]
    if subject.lower in ("he", "she", "they"):
        return Designator("pronoun", subject.start, subject.end, words=(subject.lower,))
    return Designator("role", tokens[verb - 2].start, subject.end, words=(subject.lower,))


def _noun_like(token: Token) -> bool:
    """A lowercase word that may end a noun phrase: no preposition, conjunction, auxiliary,
    relative or verb of saying."""
    return (
        token.text.islower()
        and token.lower not in _NOT_NOUNS
        and token.lower not in AUX_WORDS
        and token.lower not in SPEECH_VERBS
        and not token.lower.endswith(("ly", "ed"))
    )


_NOT_NOUNS = wordset(
    "a an the of for at in on and to with from by as than that which who whom whose because "
    "though although while when whenever if unless since after before until or but so nor "
    "what how why where whether what"
)


def _speaker_label(text: str, start: int, tokens: list[Token]) -> Designator | None:
    """A transcript's label opening its paragraph: a role and a name ("Launch director Callum
    Shearer: '...'", "Flight controller Dr Katrien de Smet: '...'") names the person; a role
    alone ("Range safety officer: '...'") is whoever was introduced with it, else unknown. None
    unless the label is a capitalised description of at most LABEL_WORDS words, no verb of
    saying in it, ending on the name or on a role word."""
    if not tokens or len(tokens) > LABEL_WORDS or not tokens[0].capitalised:
        return None
    if text[max(0, start - 1) : start] not in ("", "\n") or any(map(_speech_verb, tokens)):
        return None
    runs = runs_in(text, tokens)
    last = runs[-1] if runs else []
    if last and last[-1] is tokens[-1] and last[0] is not tokens[0]:
        # "Launch director Callum Shearer": the description before the name is lowercase.
        if all(token.text.islower() for token in tokens[1 : tokens.index(last[0])]):
            name = name_of(text, last)
            if name is not None and name.kind != "place":
                return Designator("name", name.start, name.end, name=name)
        return None
    if (
        len(tokens) >= 2
        and all(token.text.islower() for token in tokens[1:])
        and tokens[-1].lower in ROLE_HEADS | UNNAMED_PEOPLE
    ):
        return Designator(
            "role", tokens[0].start, tokens[-1].end, words=tuple(t.lower for t in tokens)
        )
    return None


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
    # "Marek said the virus had come from abroad, though she stressed that": a clause of its
    # own after a comma, whose subject is the verb's, not the reported clause's.
    if any(
        tokens[i].lower in _CLAUSE_OPENERS and "," in text[tokens[i - 1].end : tokens[i].start]
        for i in range(outer + 2, verb)
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
    for index, token in enumerate(tokens):
        if token.lower in ("he", "she"):
            return Designator("pronoun", token.start, token.end, words=(token.lower,))
        run = runs.get(token.start)
        if index > 0 and tokens[index - 1].lower in _PLACE_PREPOSITIONS:
            # "two students from Glasgow were caught": a name after a preposition is no subject.
            continue
        if run is not None and not run[-1].possessive:
            name = name_of(text, run)
            if (
                name is not None
                and name.kind in ("person", "single")
                and not _demonym(tokens, name)
                and not (name.kind == "single" and name.words[0] in AUX_WORDS)  # "Will it?"
                and not _modifier(tokens, run)
            ):
                return Designator("name", name.start, name.end, name=name)
    return None


_PLACE_PREPOSITIONS = frozenset({"from", "in", "at", "on", "near", "into", "across"})


def _modifier(tokens: list[Token], run: list[Token]) -> bool:
    """Whether a single capitalised word qualifies the noun after it, after "a" or "one":
    "one Green official", "a Labour councillor" name a party, not a person."""
    if len(run) != 1:
        return False
    index = tokens.index(run[0])
    return (
        index > 0
        and tokens[index - 1].lower in _INDEFINITE
        and index + 1 < len(tokens)
        and not tokens[index + 1].capitalised
    )

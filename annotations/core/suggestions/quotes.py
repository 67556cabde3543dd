"""Quotations in a text, their exact spans (without the marks) and who said them.

Marks. Straight and curly double quotes ("...", “...”, „...“), guillemets in either direction
(« ... », » ... «), single quotes (‘...’, '...', ‚...‘) and single guillemets. Each mark is an
opening or a closing one by its direction (curly marks, guillemets) or by what lies on each side
(straight marks: after a space or at the start of a paragraph it opens, before a space or
punctuation it closes). A single quote is only a quotation when it is unambiguous: an apostrophe
inside a word (don't), an elision ('90s, 'n', 'tis) or a plural possessive followed by its noun
(the Joneses' car, when a later mark can close the quote) never opens or closes one.

Nesting. Marks are matched on a stack, so a quote inside a quote stays inside it: only the
outermost quotation is returned. A quotation never crosses a paragraph break, with one exception,
the English convention for a quotation over several paragraphs (each paragraph opens with a
mark and only the last closes): each paragraph's piece is returned as a quotation of its own,
sharing the speaker. An unbalanced mark gives no quotation (the complete quotations inside an
unclosed one are kept); nothing raises.

Spans. `start`/`end` are code-point offsets of exactly what lies between the two marks, without
the whitespace around it: `text == source[start:end]` always. A comma or full stop typed inside
the marks ("It works," he said) stays in the span: the span is what the marks enclose.

Speakers. The attribution clause is the text between the quotation and the next one (or the end
of the paragraph), up to its first sentence end, for "..., said Jane Doe." / "..., Doe told AFP."
/ "..., the minister said", and the text since the last sentence end for "Jane Doe said: ..."
(sentences from `core.sentences`, computed only on such clauses: the whole article would cost
the time budget). The names, pronouns and roles found there are resolved by `speakers`. Then:
the second part of a split quotation ("A," he said. "B.") and the other pieces of a quotation
over paragraphs take the same speaker; an unattributed quotation opening the paragraph after a
quoted speaker carries that speaker over, with less confidence; failing that, a quotation that
starts a sentence of its own takes the person the sentence before it is about ("She shrugs.
'...'"), with the least confidence. A clause that names no one ("a spokeswoman said",
"officials said") gives an unknown speaker, never the previous one. A headline's quotation
whose speaker the article names only further down stays unknown (unless a surname introduces
it: "Dawson: '...'"). English only: in another language the quotations are found and the speaker is
unknown unless the English patterns happen to apply.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from annotations.core.sentences import sentences_split
from annotations.core.suggestions.names import SPEECH_VERBS
from annotations.core.suggestions.speakers import (
    Designator,
    Registry,
    Resolved,
    designator_after_quote,
    designator_before_quote,
    subject_of_sentence,
)
from annotations.core.suggestions.speakers.registry import RESOLVED

Attribution = Literal[
    "named",
    "surname",
    "pronoun",
    "role",
    "split",
    "continued",
    "carried",
    "context",
    "echo",
    "ranked",  # the speaker ranker chose another speaker than the rules (speaker_ranker)
    "none",
]

# Confidence that a speaker taken from another piece of the same quotation is right, at most.
SPLIT_AT_MOST = 0.9  # "A," he said. "B."
CONTINUED_AT_MOST = 0.8  # the pieces of a quotation over several paragraphs
CARRIED = 0.6  # an unattributed quotation opening the paragraph after a quoted speaker
CONTEXT = 0.6  # an unattributed quotation after a sentence about someone ("She laughs. '...'")
# A quotation inside a sentence no clause attributes, given to the sentence's subject: shown
# as unsure (under the speaker ranker's SPEAKER_SURE).
SUBJECT_GUESS = 0.45
ECHO = 0.75  # a headline's quotation repeating words an attributed quotation below says
INTERVIEW = 0.7  # an answer of a question-and-answer interview, the interviewee's
# An interview printed as questions and answers: at least this many of the writer's questions
# (a paragraph ending in "?") each followed by a paragraph that is a quotation and nothing else.
INTERVIEW_ANSWERS = 2
# Quotations that may echo another: those of the first ECHO_PARAGRAPHS paragraphs (the headline
# and the lede, which quote someone the article names only further down), at least ECHO_WORDS
# words long, at most ECHO_AT_MOST of them (a bound on the work on a long text).
ECHO_PARAGRAPHS = 3
ECHO_WORDS = 3
ECHO_AT_MOST = 20
# Confidence that the marks enclose a quotation (rather than a title or scare quotes).
QUOTE_ATTRIBUTED = 0.95
QUOTE_UNATTRIBUTED = 0.8
QUOTE_SHORT = 0.5  # fewer than SHORT_WORDS words and no speaker: "so-called", a title
SHORT_WORDS = 4
SINGLE_MARKS_LESS = 0.05  # single quotes are likelier to be something else
OPEN_PIECE_LESS = 0.1  # a piece no mark closes (a quotation over paragraphs)
# A question of the writer's an unattributed answer may follow, at most this long (words).
QUESTION_WORDS = 12
# A line of dialogue: its quotation and an attribution of at most this many words.
DIALOGUE_ATTRIBUTION_WORDS = 6
# A first paragraph of at most this many words is a headline; the article's opening, where
# a headline's role is looked up, is this many characters after it.
HEADLINE_WORDS = 25
HEADLINE_REACH = 600
HEADLINE_ROLE_BEFORE = 4  # words before the quotation a role may stand in
# The clause next to a quotation is read at most this far (characters).
CLAUSE_REACH = 300


@dataclass(frozen=True)
class Quote:
    """`text == source[start:end]`, the quoted words without their quote marks."""

    start: int
    end: int
    text: str
    confidence: float  # that this is a quotation, 0 to 1
    speaker: str | None  # None: unknown (never a guess)
    speaker_confidence: float  # 0 when the speaker is unknown
    # Where the words naming the speaker lie ("Jane Doe", "he", "the minister"), if in the
    # clause next to this quotation.
    speaker_start: int | None = None
    speaker_end: int | None = None
    attribution: Attribution = "none"  # how the speaker was found


_MARK = re.compile("[\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a]")
_PARAGRAPH_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")
_QUOTE_CHARACTERS = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"
_BEFORE_OPENING = "([{<\u2014\u2013-\u2010/:;,\u2026" + _QUOTE_CHARACTERS
_AFTER_CLOSING = ".,;:!?)]}>\u2014\u2013-\u2010/\u2026*" + _QUOTE_CHARACTERS
# What each opening mark is closed by ("," and "“" close a straight opening, as sloppy copy
# mixes them; „ is closed by “ in German).
_CLOSERS = {
    '"': '"”“',
    "“": '”"“',
    "‟": '”"“',
    "„": '“”"',
    "”": '”"',
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‘": "’'‘",
    "‛": "’'‘",
    "'": "'’",
    "‚": "‘’",
}
_FAMILY = {
    '"': "double",
    "“": "double",
    "”": "double",
    "„": "double",
    "‟": "double",
    "«": "guillemet",
    "»": "guillemet",
    "‹": "single-guillemet",
    "›": "single-guillemet",
    "'": "single",
    "‘": "single",
    "’": "single",
    "‚": "single",
    "‛": "single",
}
_PARAGRAPH_OPENERS = {
    "double": '"“„”',
    "guillemet": "«»",
    "single-guillemet": "‹›",
    "single": "'‘",
}
# After a single opening mark, these are elisions, not quotations: '90s, 'n', 'tis, 'em.
_ELISION = re.compile(r"(?:\d\ds?\b|\d0s|(?:tis|twas|em|n|cause|cos|til|bout|ere)\b)", re.I)
_SENTENCE_INSIDE = re.compile(r"[.!?\u2026][\"'”’)\]]*\s+\S")
_TERMINAL = ".!?\u2026"
# A sentence whose subject is a description of someone unnamed: "Her deputy disagreed.", "A
# man in the crowd shouted back."
_UNNAMED_SUBJECT = re.compile(r"(?:His|Her|Their|A|An|One|Another|Some)\s+[a-z]")


@dataclass
class _Open:
    opener: str
    mark: int  # offset of the opening mark
    children: list[_Piece] = field(default_factory=list)


@dataclass
class _Piece:
    """A top-level quotation of one paragraph: the marks at `mark` and `close` (None: no mark
    closes it before the paragraph ends), what lies between them."""

    mark: int
    close: int | None
    family: str
    paragraph: int
    continues: bool = False  # the previous paragraph's open piece continues here
    resolved: Resolved | None = None
    designated: tuple[int, int] | None = None
    explicit: bool = False  # an attribution clause names a speaker (known or not)
    designated_unknown: bool = False  # that clause names nobody ("a spokeswoman said")
    answer: bool = False  # an interview's answer, given to the interviewee (`_interview`)
    attribution: Attribution = "none"
    speaker: str | None = None
    speaker_confidence: float = 0.0

    def inner(self, paragraph_end: int) -> tuple[int, int]:
        return self.mark + 1, self.close if self.close is not None else paragraph_end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _context(text: str, at: int, start: int, end: int) -> tuple[bool, bool]:
    """Whether the mark at `at` stands where a quotation opens, and where one closes."""
    left = text[at - 1] if at > start else None
    right = text[at + 1] if at + 1 < end else None
    left_open = left is None or left.isspace() or left in _BEFORE_OPENING
    right_word = right is not None and not right.isspace()
    opening = left_open and right_word
    closing = (
        left is not None
        and not left.isspace()
        and (right is None or right.isspace() or right in _AFTER_CLOSING)
    )
    return opening, closing


class _Marks:
    """The quotation marks of one paragraph, matched on a stack."""

    def __init__(self, text: str, start: int, end: int, index: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.index = index
        self.stack: list[_Open] = []
        self.done: list[_Piece] = []
        self._single_closers: list[int] | None = None

    def _pending(self, mark: str) -> int | None:
        for position in range(len(self.stack) - 1, -1, -1):
            if mark in _CLOSERS[self.stack[position].opener]:
                return position
        return None

    def _open(self, mark: str, at: int) -> None:
        self.stack.append(_Open(mark, at))

    def _close(self, position: int, at: int) -> None:
        # Marks opened inside and never closed were not quotations: their complete quotations
        # stay with the one being closed (and so inside it).
        opened = self.stack[position]
        del self.stack[position:]
        piece = _Piece(opened.mark, at, _FAMILY[opened.opener], self.index)
        if self.stack:
            self.stack[-1].children.append(piece)
        else:
            self.done.append(piece)

    def _drop(self, position: int) -> None:
        """Forget the unclosed marks from `position` up; the complete quotations inside them
        move down a level."""
        for dropped in reversed(self.stack[position:]):
            del self.stack[-1]
            if self.stack:
                self.stack[-1].children.extend(dropped.children)
            else:
                self.done.extend(dropped.children)

    def _word_inside(self, at: int) -> bool:
        left = self.text[at - 1] if at > self.start else ""
        right = self.text[at + 1] if at + 1 < self.end else ""
        return left.isalnum() and right.isalnum()

    def _elision(self, at: int) -> bool:
        return bool(_ELISION.match(self.text, at + 1, min(self.end, at + 8)))

    def _later_single_closer(self, at: int) -> bool:
        if self._single_closers is None:
            self._single_closers = [
                m.start()
                for m in re.finditer("['’]", self.text[self.start : self.end])
                if _context(self.text, self.start + m.start(), self.start, self.end)[1]
            ]
            self._single_closers = [self.start + p for p in self._single_closers]
        index = bisect_right(self._single_closers, at)
        return index < len(self._single_closers)

    def _possessive(self, at: int) -> bool:
        """A plural possessive (the Joneses' car) rather than a closing single mark: an s before
        it, a lowercase word after it that is no verb of saying, and a later mark to close."""
        if self.text[at - 1] not in "sS" or at + 2 >= self.end or self.text[at + 1] != " ":
            return False
        following = re.match(r"[^\W\d_]+", self.text[at + 2 : min(self.end, at + 40)])
        if following is None or not following.group().islower():
            return False
        word = following.group()
        if word in SPEECH_VERBS or word in ("he", "she", "they", "i", "we", "it", "and", "or"):
            return False
        return self._later_single_closer(at)

    def feed(self, mark: str, at: int) -> None:
        opening, closing = _context(self.text, at, self.start, self.end)
        pending = self._pending(mark)
        if mark == '"':
            if pending is None:
                if opening or not closing:
                    self._open(mark, at)
            elif opening and not closing:
                # A new quotation opens while one is unclosed ("A, he said. "B."): the first
                # one was never closed.
                self._drop(pending)
                self._open(mark, at)
            else:
                self._close(pending, at)
        elif mark in "“‟":
            if pending is not None and self.stack[pending].opener == "„":
                if not (opening and not closing):
                    self._close(pending, at)
                    return
            elif pending is not None and closing and not opening:
                self._close(pending, at)
                return
            if not (closing and not opening):
                self._open(mark, at)
        elif mark == "”":
            if pending is not None:
                self._close(pending, at)
            elif opening and not closing:
                self._open(mark, at)  # Swedish and Finnish: ”...”
        elif mark == "„":
            if opening or not closing:
                self._open(mark, at)
        elif mark in "«»‹›":
            if pending is not None:
                self._close(pending, at)
            elif mark in "«‹" or (at + 1 < self.end and not self.text[at + 1].isspace()):
                self._open(mark, at)
        elif mark == "‚":
            if opening:
                self._open(mark, at)
        elif mark in "‘‛":
            if pending is not None and self.stack[pending].opener == "‚":
                if not (opening and not closing):
                    self._close(pending, at)
                    return
            elif pending is not None and closing and not opening:
                self._close(pending, at)
                return
            if opening and not self._elision(at):
                self._open(mark, at)
        else:  # ' and ’
            if self._word_inside(at):
                return
            if pending is not None and closing and not self._possessive(at):
                self._close(pending, at)
            elif mark == "'" and opening and not self._elision(at):
                self._open(mark, at)

    def finish(self, next_opener: str | None) -> list[_Piece]:
        """The paragraph's top-level quotations; an unclosed outer one is kept as an open
        piece when the next paragraph opens with a mark of its kind (a quotation over
        paragraphs), otherwise dropped."""
        if self.stack:
            outer = self.stack[0]
            family = _FAMILY[outer.opener]
            if next_opener is not None and next_opener in _PARAGRAPH_OPENERS[family]:
                self.done.append(_Piece(outer.mark, None, family, self.index))
                self.stack.clear()
            else:
                self._drop(0)
        return sorted(self.done, key=lambda piece: piece.mark)


@lru_cache(maxsize=2048)
def _clause_sentences(clause: str, language: str) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in sentences_split(clause, language=language))


def _sentences(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """The sentences of a short clause (offsets in `text`); the splitter runs only when a
    sentence may end inside it."""
    clause = text[start:end]
    if not _SENTENCE_INSIDE.search(clause.rstrip()):
        return [(start, end)]
    found = [(start + a, start + b) for a, b in _clause_sentences(clause, language)]
    return found or [(start, end)]


def _first_sentence(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    return _sentences(text, start, min(end, start + CLAUSE_REACH), language)[0]


def _last_sentence(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    return _sentences(text, max(start, end - CLAUSE_REACH), end, language)[-1]


def _sentence_across(text: str, start: int, end: int, language: str) -> int | None:
    """Where the sentence that ends at `end` starts, read across the quotations before it in
    its paragraph; None when a quotation ending a sentence lies between (then the clause
    before `end` is a sentence of its own)."""
    sentence_start = _last_sentence(text, start, end, language)[0]
    inside = text[sentence_start:end]
    if any(mark in inside for mark in (".\u201d", "?\u201d", "!\u201d", '."', '?"', '!"')):
        return None
    return sentence_start


def _last_character(text: str, start: int, end: int) -> str:
    stripped = text[start:end].rstrip()
    return stripped[-1] if stripped else ""


def _attribute(
    text: str, pieces: list[_Piece], paragraph: tuple[int, int], registry: Registry, language: str
) -> None:
    """The speakers named in the clauses around each quotation of one paragraph."""
    paragraph_start, paragraph_end = paragraph
    for index, piece in enumerate(pieces):
        found = None
        previous = pieces[index - 1] if index > 0 else None
        gap_start = (
            previous.close + 1
            if previous is not None and previous.close is not None
            else paragraph_start
        )
        # The passage a pronoun is read against: the sentence before the quotation.
        since = gap_start
        if text[gap_start : piece.mark].strip():
            since = _last_sentence(text, gap_start, piece.mark, language)[0]
        # A clause introducing the quotation with a colon ("De la Croix said: '...' Others
        # agreed.") names its speaker before anything after it does.
        introduced = None
        if (previous is None or previous.close is not None) and _last_character(
            text, gap_start, piece.mark
        ) == ":":
            start, end = _last_sentence(text, gap_start, piece.mark, language)
            introduced = designator_before_quote(text, start, end)
            if introduced is not None and introduced.kind != "unknown":
                found = introduced
        # After: "..., said Jane Doe." unless that clause leads into the next quotation
        # ('"A." Jane Doe said: "B."').
        # '"...", and she conceded the point': a clause joined by "and" or "but" is the next
        # thing that happened, not who said the quotation.
        if (
            found is None
            and piece.close is not None
            and not _COORDINATED.match(text, piece.close + 1)
        ):
            after_start = piece.close + 1
            following = pieces[index + 1] if index + 1 < len(pieces) else None
            after_end = following.mark if following is not None else paragraph_end
            if text[after_start:after_end].strip():
                start, end = _first_sentence(text, after_start, after_end, language)
                inner_end = _last_character(text, piece.mark + 1, piece.close)
                leads_on = (
                    following is not None
                    and end >= after_end - 1
                    and (
                        _last_character(text, start, end) == ":"
                        or text[start:end].rstrip()[-1:].isalnum()
                    )
                    and inner_end not in ",\u2014\u2013-"
                )
                if not leads_on:
                    found = designator_after_quote(
                        text, start, end, quote_ended=inner_end in _TERMINAL
                    )
        # Before: "Jane Doe said: ..." / "He told reporters the plan was ...".
        if (
            found is None
            and (previous is None or previous.close is not None)
            and text[gap_start : piece.mark].strip()
        ):
            start, end = _last_sentence(text, gap_start, piece.mark, language)
            if _last_character(text, start, end) not in _TERMINAL:
                found = designator_before_quote(text, start, end)
                if (found is None or found.kind == "unknown") and start == gap_start:
                    # "The inspectorate, which rated the firm 'good' in 2021, said it was
                    # '...'": a short quotation inside the clause cuts it; read the clause
                    # from its sentence's start, the earlier quotation's words included.
                    whole = _sentence_across(text, paragraph_start, piece.mark, language)
                    across = (
                        designator_before_quote(text, whole, end)
                        if whole is not None and whole < start
                        else None
                    )
                    if across is not None and across.kind == "name":
                        found = across
        if found is not None:
            piece.explicit = True
            piece.designated_unknown = found.kind == "unknown"
            piece.designated = (found.start, found.end)
            resolved = _same_speaker(found, previous, registry, gap_start, piece.mark)
            if resolved is None:
                resolved = registry.resolve(
                    found,
                    since=since,
                    paragraph_end=paragraph_end,
                    paragraph_start=paragraph_start,
                    quote_start=piece.mark,
                )
            if resolved is not None:
                piece.speaker = resolved.speaker
                piece.speaker_confidence = resolved.confidence
                piece.attribution = resolved.how


def _same_speaker(
    found: Designator, previous: _Piece | None, registry: Registry, gap_start: int, mark: int
) -> Resolved | None:
    """'"A," Jess said. "B," she said.': a he or she right after a quotation of the same
    paragraph, with no one named in between, is that quotation's speaker when the gender
    agrees (or nothing told it); None otherwise, and the registry decides."""
    if (
        found.kind != "pronoun"
        or found.words[0] not in ("he", "she")
        or previous is None
        or previous.speaker is None
        or previous.attribution not in _CONTINUED_FROM
        or next(registry.mentions(gap_start, mark), None) is not None
    ):
        return None
    gender = registry.gender_of(previous.speaker)
    if gender == ("m" if found.words[0] == "he" else "f") or gender is None:
        return Resolved(previous.speaker, RESOLVED, "pronoun")
    return None


def _sentence_subject(
    text: str,
    paragraphs: list[list[_Piece]],
    spans: list[tuple[int, int]],
    registry: Registry,
    language: str,
) -> None:
    """A quotation inside a sentence that no clause attributes ("In the same interview she
    described herself as '...'", "he went back and wrote that he had been '...'") is, at a
    guess, the words of the person the sentence is about: its subject, shown as unsure."""
    for number, pieces in enumerate(paragraphs):
        paragraph_start, paragraph_end = spans[number]
        for index, piece in enumerate(pieces):
            if piece.speaker is not None or piece.explicit or piece.continues:
                continue
            gap_start = paragraph_start
            if index > 0:
                close = pieces[index - 1].close
                if close is None:
                    continue
                gap_start = close + 1
            if not text[gap_start : piece.mark].strip():
                continue
            if _last_character(text, gap_start, piece.mark) in _TERMINAL + ":":
                continue  # a quotation of its own after a sentence: `_from_context`'s
            start = _last_sentence(text, gap_start, piece.mark, language)[0]
            if _NEW_CLAUSE.search(text, start, piece.mark):
                continue  # "Dorset showed no emotion as the clerk read out '...'"
            designator = subject_of_sentence(text, start, piece.mark)
            if designator is None:
                continue
            resolved = registry.resolve(
                designator, since=start, paragraph_end=paragraph_end, quote_start=piece.mark
            )
            # A person's, not a capitalised word's ("Placards read '...'").
            if resolved is not None and registry.is_person(resolved.speaker):
                piece.speaker = resolved.speaker
                piece.speaker_confidence = min(resolved.confidence, SUBJECT_GUESS)
                piece.attribution = "context"


def _word_count(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _carry(
    text: str,
    paragraphs: list[list[_Piece]],
    spans: list[tuple[int, int]],
    registry: Registry,
    language: str,
) -> None:
    """Speakers for quotations no clause attributes: the other pieces of a quotation over
    paragraphs, the second half of a split quotation, the quotation opening the paragraph
    after a quoted speaker, a quotation following a sentence about someone."""
    chain: list[_Piece] = []
    chains: list[list[_Piece]] = []
    for pieces in paragraphs:
        for piece in pieces:
            if piece.continues and chain:
                chain.append(piece)
            else:
                if len(chain) > 1:
                    chains.append(chain)
                chain = [piece]
    if len(chain) > 1:
        chains.append(chain)
    for linked in chains:
        source = next((p for p in linked if p.speaker is not None and p.explicit), None)
        if source is None:
            continue
        for piece in linked:
            if not piece.explicit:
                piece.speaker = source.speaker
                piece.speaker_confidence = min(source.speaker_confidence, CONTINUED_AT_MOST)
                piece.attribution = "continued"

    # Carrying a speaker over and reading one from the sentence before are guesses about
    # English newswire: another language keeps only what its marks and clauses say.
    english = language.split("-")[0].lower() == "en"
    previous_speaker: _Piece | None = None
    for number, pieces in enumerate(paragraphs):
        paragraph_start, paragraph_end = spans[number]
        for index, piece in enumerate(pieces):
            if piece.explicit or piece.speaker is not None:
                continue
            before = pieces[index - 1] if index > 0 else None
            after = pieces[index + 1] if index + 1 < len(pieces) else None
            if piece.continues and previous_speaker is not None and previous_speaker.close is None:
                _take(piece, previous_speaker, CONTINUED_AT_MOST, "continued")
            elif (
                before is not None
                # its clause named nobody, or someone nobody can be found for ('said a pupil
                # who did not want to be named. "B."'; '"A," she said. "B."' after one).
                and (before.designated_unknown or (before.explicit and before.speaker is None))
                and before.close is not None
                and not _SENTENCE_INSIDE.search(text[before.close + 1 : piece.mark].strip())
            ):
                # '"A," said a teacher, who asked not to be named. "B."': the second half is
                # the same unnamed speaker's, not whoever the clause mentions in passing.
                continue
            elif before is not None and before.speaker is not None and before.close is not None:
                # '"A," she said. He disagreed. "B."': a sentence about someone else between
                # the two halves hands the quotation to that one.
                between = text[before.close + 1 : piece.mark].strip()
                if english and _SENTENCE_INSIDE.search(between):
                    _from_context(text, piece, before, spans, paragraphs, registry, language)
                    # '"A," she said. Her deputy disagreed. "B."': someone unnamed.
                    if piece.speaker is None and _UNNAMED_SUBJECT.match(
                        _last_sentence_text(text, before.close + 1, piece.mark, language)
                    ):
                        continue
                if piece.speaker is None:
                    _take(piece, before, SPLIT_AT_MOST, "split")
            elif (
                after is not None
                and after.speaker is not None
                and piece.close is not None
                and not text[piece.close + 1 : after.mark].strip(" \u00a0,.;:\u2014\u2013-")
            ):
                _take(piece, after, SPLIT_AT_MOST, "split")
            elif (
                english
                and index == 0
                and previous_speaker is not None
                and previous_speaker.paragraph == number - 1
                and _opens_or_answers(text, paragraph_start, piece.mark)
                and not any(p.explicit for p in pieces)
                and _word_count(text, *piece.inner(paragraph_end)) >= SHORT_WORDS - 1
            ):
                other = _dialogue_other(text, paragraphs, spans, number)
                if other is not None:
                    _take(piece, other, CARRIED, "carried")
                else:
                    _take(piece, previous_speaker, CARRIED, "carried")
            elif english and _word_count(text, *piece.inner(paragraph_end)) >= SHORT_WORDS - 1:
                _from_context(text, piece, before, spans, paragraphs, registry, language)
        for piece in reversed(pieces):
            if piece.speaker is not None:
                previous_speaker = piece
                break


def _last_sentence_text(text: str, start: int, end: int, language: str) -> str:
    return text[slice(*_last_sentence(text, start, end, language))].strip()


def _opens_or_answers(text: str, start: int, mark: int) -> bool:
    """Whether a quotation opens its paragraph, or follows only the writer's short question
    ("And a second novel? 'Maybe.'": the interviewee's answer)."""
    before = text[start:mark].strip()
    if not before:
        return True
    return (
        before.endswith("?")
        and not _SENTENCE_INSIDE.search(before[:-1])
        and len(before.split()) <= QUESTION_WORDS
        and not any(quote_mark in before for quote_mark in _QUOTE_CHARACTERS)
    )


def _dialogue_other(
    text: str, paragraphs: list[list[_Piece]], spans: list[tuple[int, int]], number: int
) -> _Piece | None:
    """In an exchange of one-line paragraphs ('"I've had two," he replied.' / '"You've had
    three," she said.'), the speaker before the last: an unattributed line answers the last
    speaker. None unless the two paragraphs before are such lines with different speakers."""
    if number < 2:
        return None
    lines = []
    for before in (number - 2, number - 1):
        pieces = paragraphs[before]
        start, end = spans[before]
        if not pieces or text[start : pieces[0].mark].strip() or pieces[-1].speaker is None:
            return None
        outside = text[pieces[-1].close + 1 : end] if pieces[-1].close is not None else ""
        if len(outside.split()) > DIALOGUE_ATTRIBUTION_WORDS:
            return None
        lines.append(pieces[-1])
    first, second = lines
    return first if first.speaker != second.speaker else None


def _from_context(
    text: str,
    piece: _Piece,
    before: _Piece | None,
    spans: list[tuple[int, int]],
    paragraphs: list[list[_Piece]],
    registry: Registry,
    language: str,
) -> None:
    """The person the sentence before a quotation is about, when the quotation starts a
    sentence of its own ("She shrugs. 'Numbers don't speak.'"), in its paragraph or at the end
    of the paragraph before."""
    number = piece.paragraph
    paragraph_start, paragraph_end = spans[number]
    if before is not None and before.close is not None:
        gap = (before.close + 1, piece.mark)
    elif before is None and text[paragraph_start : piece.mark].strip():
        gap = (paragraph_start, piece.mark)
    elif before is None and number > 0 and not piece.continues:
        previous_start, previous_end = spans[number - 1]
        last = paragraphs[number - 1][-1] if paragraphs[number - 1] else None
        if last is not None and last.close is None:
            return
        gap = (
            last.close + 1 if last is not None and last.close is not None else previous_start,
            previous_end,
        )
    else:
        return
    if not text[gap[0] : gap[1]].strip() or _last_character(text, *gap) not in _TERMINAL:
        return
    start, end = _last_sentence(text, gap[0], gap[1], language)
    designator = subject_of_sentence(text, start, end)
    if designator is None:
        return
    resolved = registry.resolve(designator, since=start, paragraph_end=paragraph_end)
    if resolved is not None:
        piece.speaker = resolved.speaker
        piece.speaker_confidence = min(resolved.confidence, CONTEXT)
        piece.attribution = "context"


_WORD = re.compile(r"\w+")


def _words_key(text: str, start: int, end: int) -> str:
    """The quotation's words, lowercased, each between spaces: a quotation repeated with other
    punctuation or capitals (a headline's 'nobody is being left behind' and the body's "Nobody
    is being left behind,") has the same key, or one inside the other's."""
    return " " + " ".join(m.group().lower() for m in _WORD.finditer(text, start, end)) + " "


def _echo(text: str, paragraphs: list[list[_Piece]], spans: list[tuple[int, int]]) -> None:
    """A quotation of the headline or the lede with no speaker takes the speaker of an
    attributed quotation that repeats its words: headlines quote someone the article names
    only below ("'It's like living next to a landfill': anger grows ..." and then Janet Moss
    said: "It's like living next to a landfill. ..."). A clause that names nobody ("a
    spokeswoman said") keeps its quotation unknown."""
    candidates = [
        piece
        for pieces in paragraphs[:ECHO_PARAGRAPHS]
        for piece in pieces
        if piece.speaker is None
        and not (piece.explicit and piece.designated_unknown)
        and _word_count(text, *piece.inner(spans[piece.paragraph][1])) >= ECHO_WORDS
    ][:ECHO_AT_MOST]
    if not candidates:
        return
    sources = [
        (piece, _words_key(text, *piece.inner(spans[piece.paragraph][1])))
        for pieces in paragraphs
        for piece in pieces
        if piece.speaker is not None and (piece.attribution in _ECHO_SOURCES or piece.answer)
    ]
    for piece in candidates:
        key = _words_key(text, *piece.inner(spans[piece.paragraph][1]))
        source = next((s for s, words in sources if s is not piece and key in words), None)
        if source is not None:
            _take(piece, source, ECHO, "echo")


def _quotation_alone(text: str, pieces: list[_Piece], span: tuple[int, int]) -> bool:
    """Whether a paragraph is quotations and nothing else, no clause naming anyone."""
    if not pieces or any(piece.explicit for piece in pieces):
        return False
    cursor = span[0]
    for piece in pieces:
        if text[cursor : piece.mark].strip(_BESIDE_ALONE):
            return False
        cursor = piece.close + 1 if piece.close is not None else span[1]
    return not text[cursor : span[1]].strip(_BESIDE_ALONE)


_BESIDE_ALONE = " \t\n\u00a0.,;:\u2014\u2013-"


def _interview(
    text: str, paragraphs: list[list[_Piece]], spans: list[tuple[int, int]], registry: Registry
) -> None:
    """A question-and-answer interview ("Why take the job?" / "'Because somebody has to fix
    it.'"): every paragraph that is an unattributed quotation alone, from the first answer on,
    is the interviewee's, the first person the introduction names (after the headline, before
    the first answer). Only when at least INTERVIEW_ANSWERS answers follow a question: a
    feature's one rhetorical question is no interview."""
    alone = [
        number
        for number, pieces in enumerate(paragraphs)
        if number > 0 and _quotation_alone(text, pieces, spans[number])
    ]
    answers = [
        number
        for number in alone
        if not paragraphs[number][0].continues
        and text[spans[number - 1][0] : spans[number - 1][1]].rstrip().endswith("?")
    ]
    if len(answers) < INTERVIEW_ANSWERS:
        return
    first = answers[0]
    interviewee = next(
        (e for e in registry.between(spans[1][0], spans[first][0]) if e.kind == "person"),
        None,
    )
    if interviewee is None:
        return
    for number in alone:
        if number < first:
            continue
        for piece in paragraphs[number]:
            piece.speaker = interviewee.name
            piece.speaker_confidence = INTERVIEW
            piece.attribution = "carried"
            piece.answer = True


def _headline(
    text: str, paragraphs: list[list[_Piece]], spans: list[tuple[int, int]], registry: Registry
) -> None:
    """A headline's quotation still without a speaker, when the headline names its speaker by
    a role the article's opening gives one name: "Passengers wait months as airline blames
    'unprecedented volumes'" and then "the budget airline SkyHop"."""
    if len(spans) < 2 or not paragraphs[0]:
        return
    # Headlines drop articles: "as regulator calls" names no one only as "a regulator" would.
    pieces = [p for p in paragraphs[0] if p.speaker is None]
    if not pieces or len(paragraphs[0]) > 1:
        return
    headline = spans[0]
    if len(text[headline[0] : headline[1]].split()) > HEADLINE_WORDS:
        return
    piece = pieces[0]
    end = piece.inner(headline[1])[1]
    # The role stands right before the quotation ("as airline blames") or anywhere after it
    # ("'...': an interview with the region's fire chief").
    after = _WORD.findall(text, min(end + 1, headline[1]), headline[1])
    # The headline's first word is capitalised as such ("Coroner finds '...'"); a role right
    # before the quotation is its speaker before any word after it ("... on hospital ward").
    matches = list(_WORD.finditer(text, headline[0], piece.mark))[-HEADLINE_ROLE_BEFORE:]
    before = [
        m.group().lower() if not text[headline[0] : m.start()].strip() else m.group()
        for m in matches
    ]
    resolved = registry.headline_role(
        [word for word in before if word.islower()], headline[1], HEADLINE_REACH
    )
    if resolved is None:
        words = [word for word in before + after if word.islower()]
        resolved = registry.headline_role(words, headline[1], HEADLINE_REACH)
    if resolved is not None:
        piece.speaker = resolved.speaker
        piece.speaker_confidence = resolved.confidence
        piece.attribution = "role"


# A clause with a subject of its own inside a sentence: the sentence's subject may not be the
# quotation's speaker.
_NEW_CLAUSE = re.compile(
    r"\b(?:as|when|while|after|before|because|until|whereas|where|and|but)\s+"
    r"(?:the|a|an|his|her|their|its|[A-Z]\w+\s+(?:said|says|told|added|read))\b"
)
# A clause after a quotation joined by "and" or "but": what happened next, no attribution.
_COORDINATED = re.compile(r"[,;]?\s+(?:and|but)\s")
# The attributions a following "she said" may continue: a person the clause named.
_CONTINUED_FROM = frozenset({"named", "surname", "pronoun"})
# The attributions a headline's quotation may borrow: a speaker the text names next to its
# quotation, not one carried over from elsewhere.
_ECHO_SOURCES = frozenset({"named", "surname", "pronoun", "role", "split"})


def _take(piece: _Piece, source: _Piece, at_most: float, how: Attribution) -> None:
    piece.speaker = source.speaker
    piece.speaker_confidence = min(source.speaker_confidence, at_most)
    piece.attribution = how


def quotes_find(text: str, *, language: str = "en") -> list[Quote]:
    """Every quotation of the text, in order, with its speaker when the text says who it is.

    Linear in the text: each mark is looked at once, each attribution clause is at most
    CLAUSE_REACH characters, and pronouns and roles look back over a bounded window.
    """
    return quotes_and_registry(text, language=language)[0]


def quotes_and_registry(
    text: str, *, language: str = "en"
) -> tuple[list[Quote], Registry, list[tuple[int, int]]]:
    """`quotes_find`'s quotations, with the names it registered (outside quotations) and the
    paragraphs' spans: what the speaker ranker reads its candidates from, without scanning the
    text twice."""
    spans = _paragraphs(text)
    paragraphs: list[list[_Piece]] = []
    open_before = False
    for number, (start, end) in enumerate(spans):
        marks = _Marks(text, start, end, number)
        for match in _MARK.finditer(text, start, end):
            marks.feed(match.group(), match.start())
        next_opener = None
        if number + 1 < len(spans):
            following = text[spans[number + 1][0] : spans[number + 1][1]].lstrip()[:1]
            next_opener = following or None
        pieces = marks.finish(next_opener)
        if open_before and pieces and not text[start : pieces[0].mark].strip():
            pieces[0].continues = True
        open_before = bool(pieces) and pieces[-1].close is None
        paragraphs.append(pieces)

    registry = Registry(text)
    for number, pieces in enumerate(paragraphs):
        start, end = spans[number]
        cursor = start
        for piece in pieces:
            if piece.mark > cursor:
                registry.scan(cursor, piece.mark)
            cursor = piece.close + 1 if piece.close is not None else end
        if cursor < end:
            registry.scan(cursor, end)
        # Attribution reads the names registered so far, including this paragraph's.
    for number, pieces in enumerate(paragraphs):
        _attribute(text, pieces, spans[number], registry, language)
    _carry(text, paragraphs, spans, registry, language)
    if language.split("-")[0].lower() == "en":
        _interview(text, paragraphs, spans, registry)
    _echo(text, paragraphs, spans)
    _headline(text, paragraphs, spans, registry)
    _sentence_subject(text, paragraphs, spans, registry, language)

    quotes = []
    for number, pieces in enumerate(paragraphs):
        paragraph_end = spans[number][1]
        for piece in pieces:
            start, end = piece.inner(paragraph_end)
            raw = text[start:end]
            stripped = raw.strip()
            if not stripped:
                continue
            start += len(raw) - len(raw.lstrip())
            end = start + len(stripped)
            quotes.append(_quote(piece, start, end, stripped))
    return quotes, registry, spans


def _quote(piece: _Piece, start: int, end: int, quoted: str) -> Quote:
    if piece.speaker is not None or piece.explicit:
        confidence = QUOTE_ATTRIBUTED
    elif len(quoted.split()) < SHORT_WORDS:
        confidence = QUOTE_SHORT
    else:
        confidence = QUOTE_UNATTRIBUTED
    if piece.family == "single":
        confidence -= SINGLE_MARKS_LESS
    if piece.close is None:
        confidence -= OPEN_PIECE_LESS
    designated = (
        piece.designated if piece.attribution in ("named", "surname", "pronoun", "role") else None
    )
    return Quote(
        start,
        end,
        quoted,
        round(confidence, 4),
        piece.speaker,
        round(piece.speaker_confidence, 4) if piece.speaker is not None else 0.0,
        designated[0] if designated else None,
        designated[1] if designated else None,
        piece.attribution if piece.speaker is not None else "none",
    )

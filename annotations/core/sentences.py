"""An article's sentences, with the code-point offsets where each lies in its canonical text.

Boundaries come from pysbd (rule-based sentence boundary disambiguation: "Dr.", "U.S.",
"3.5%", quotes and ellipses do not end a sentence), run on each paragraph on its own, since a
sentence never crosses a paragraph break in the canonical text (`core.text`). pysbd returns
the sentences' text, not where they lie (its `char_span` option re-finds them with a regex and
misplaces repeated sentences), so the offsets are found here: each sentence is looked for
after the previous one, and only its end is kept as a boundary. Whatever pysbd returns, the
sentences below cover every non-blank character of the paragraph once, in order, and
`text[start:end] == sentence.text` holds exactly (a property test checks it on any input).

pysbd's boundaries are then corrected where its rules miss another language's punctuation
(`_ends_corrected`):
- a comma, colon or semicolon never ends a sentence (pysbd's Arabic rules end one at the
  Arabic comma "،" and at a colon: "قال الوزير،" would be a sentence);
- a sentence ends after the quotation marks and brackets that close it, French spacing
  included ("Non !\u00a0»"), not before them ("«ارتفع الدين؟" / "» ثم غادر.");
- "?", "!", the Arabic question mark "؟" and the Urdu full stop "۔" with their closing
  quotation marks, and a full stop with closing quotation marks, end a sentence where an
  upper-case or uncased letter follows (French's "« Non ! » Il est parti.", and Arabic-script
  languages pysbd has no rules for, Pashto or Kurdish, which otherwise get English rules that
  do not know "؟").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from annotations.core.text import split_paragraphs

# A paragraph longer than this is cut into pieces of about this size (at a space where there
# is one) before pysbd sees it: its rules are regular expressions whose time grows faster than
# the text on long runs without a sentence end.
MAX_PARAGRAPH = 5_000


@dataclass(frozen=True)
class Sentence:
    """One sentence: `text` is `source[start:end]` (code points, end exclusive), without the
    whitespace around it."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=4)
def _segmenter(language: str) -> pysbd.Segmenter:
    # clean=False: the text is segmented as it is (cleaning would change what the offsets
    # refer to).
    return pysbd.Segmenter(language=language, clean=False)


def _pieces(paragraph: str) -> list[tuple[int, str]]:
    """The paragraph in pieces of at most about MAX_PARAGRAPH code points, with their offsets."""
    pieces: list[tuple[int, str]] = []
    offset = 0
    while len(paragraph) - offset > MAX_PARAGRAPH:
        cut = paragraph.rfind(" ", offset + MAX_PARAGRAPH // 2, offset + MAX_PARAGRAPH)
        cut = cut + 1 if cut >= 0 else offset + MAX_PARAGRAPH
        pieces.append((offset, paragraph[offset:cut]))
        offset = cut
    pieces.append((offset, paragraph[offset:]))
    return pieces


_WHITESPACE_RUN = re.compile(r"\s*")


def _segments(segmenter: pysbd.Segmenter, piece: str) -> list[str]:
    """What `segmenter.segment(piece)` returns (clean=False, no char_span), without its cost.

    pysbd's `segment` re-finds each sentence it made in the text with a regular expression
    built from the sentence (`re.escape(sentence) + r"\\s*"`): one new pattern a sentence, which
    `re` compiles and caches. Those patterns push pysbd's own fixed ones (a few hundred, its
    rules and one or more per abbreviation) out of `re`'s cache of 512, so every paragraph
    compiled most of them again (about 460 compilations on a 20,000-character article, a fifth
    of the suggestions' CPU time). The same search is done here with `str.find`, keeping
    pysbd's choice exactly: the sentence's first non-overlapping occurrence, with the
    whitespace after it, that ends past the previous one (a property test compares the two).
    """
    if not piece:
        return []
    found: list[str] = []
    previous_end = 0
    for sentence in segmenter.processor(piece).process():
        if not sentence:
            # An empty sentence matches at every place: pysbd's search as it is (it moves the
            # previous end, which decides where the next sentence is looked for).
            for match in _WHITESPACE_RUN.finditer(piece):
                if match.end() > previous_end:
                    found.append(match.group())
                    previous_end = match.end()
                    break
            continue
        cursor = 0
        while (start := piece.find(sentence, cursor)) >= 0:
            end = start + len(sentence)
            while end < len(piece) and piece[end].isspace():  # `\s` is str.isspace in `re`
                end += 1
            if end > previous_end:
                found.append(piece[start:end])
                previous_end = end
                break
            cursor = end
    return found


def _boundaries(piece: str, segments: list[str]) -> list[int]:
    """Where each segment pysbd found ends in `piece`, in order; a segment that cannot be found
    after the previous one (pysbd altered it) gives no boundary, so its text joins the next."""
    ends: list[int] = []
    cursor = 0
    for segment in segments:
        wanted = segment.strip()
        if not wanted:
            continue
        found = piece.find(wanted, cursor)
        if found < 0:
            continue
        cursor = found + len(wanted)
        ends.append(cursor)
    ends.append(len(piece))
    return ends


# No sentence ends on these (pysbd's Arabic rules end one at "،" and ":").
_NOT_AN_END = frozenset(",:;،؛")
# What closes a sentence after its end mark: closing quotation marks and brackets, or a straight
# double quote directly after the mark. French sets "»" off by a space (no-break, thin, or a
# plain one in typed text); elsewhere only by a no-break or thin space, since German opens a
# quotation with "»".
_CLOSER = r'(?:[{spaces}]?»|[”’)\]"])'
_SPACES_BEFORE_GUILLEMET = {"fr": " \u00a0\u202f\u2009"}
_SPACES_TYPESET = "\u00a0\u202f\u2009"


@lru_cache(maxsize=8)
def _closers(code: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What closes a sentence, and an end mark pysbd may miss (or not see before a
    quotation's close) with its closers and the first letter after it, for a language."""
    closer = _CLOSER.format(spaces=_SPACES_BEFORE_GUILLEMET.get(code, _SPACES_TYPESET))
    return (
        re.compile(f"{closer}+"),
        re.compile(rf"(?:[?!؟۔]{closer}*|\.{closer}+)(?=\s+(\w))"),
    )


def _opens_a_sentence(character: str) -> bool:
    """An upper-case letter, or a letter of a script without case (Arabic, Hebrew, CJK)."""
    return character.isupper() or (character.isalpha() and not character.islower())


def _ends_corrected(piece: str, ends: list[int], code: str) -> list[int]:
    """pysbd's sentence ends in `piece`, corrected as the module docstring says; the last end
    is always len(piece)."""
    closers, end_mark = _closers(code)
    moved = set()
    for end in ends:
        closing = closers.match(piece, end)
        moved.add(closing.end() if closing else end)
    moved.update(
        match.end() for match in end_mark.finditer(piece) if _opens_a_sentence(match.group(1))
    )
    corrected = [
        end for end in sorted(moved) if end > 0 and piece[:end].rstrip()[-1:] not in _NOT_AN_END
    ]
    if not corrected or corrected[-1] != len(piece):
        corrected.append(len(piece))
    return corrected


def sentences_split(text: str, *, language: str = "en") -> list[Sentence]:
    """The sentences of a canonical text, in order, with their code-point offsets.

    `language` is an ISO 639-1 code pysbd knows ("en", "fr", "de", "es", ...); another one (or
    a regional tag such as "en-GB", read as "en") falls back to English rules.
    """
    code = language.split("-")[0].lower()
    segmenter = _segmenter(code if code in pysbd.languages.LANGUAGE_CODES else "en")
    sentences: list[Sentence] = []
    for paragraph in split_paragraphs(text):
        for piece_offset, piece in _pieces(paragraph.text):
            start = 0
            ends = _boundaries(piece, _segments(segmenter, piece))
            for end in _ends_corrected(piece, ends, code):
                chunk = piece[start:end]
                stripped = chunk.strip()
                if stripped:
                    first = (
                        paragraph.start + piece_offset + start + len(chunk) - len(chunk.lstrip())
                    )
                    sentences.append(Sentence(first, first + len(stripped), stripped))
                start = end
    return sentences

"""The canonical text of an article: pure functions, no Django import.

Every offset in factcheck counts Unicode code points of the canonical text, so the text must be
produced the same way whatever the source: Unicode NFC, "\\n" line ends, no control characters,
no trailing spaces, and paragraphs separated by exactly one blank line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PARAGRAPH_SEPARATOR = "\n\n"

# C0/C1 control characters other than tab and newline: PostgreSQL rejects NUL, and the rest are
# invisible in the page yet would shift offsets.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


@dataclass(frozen=True)
class Paragraph:
    start: int
    text: str


def canonical_text(raw: str) -> str:
    """Normalise pasted, uploaded or extracted text into the canonical form."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    text = _CONTROL_CHARACTERS.sub("", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_LINES.sub(PARAGRAPH_SEPARATOR, text)
    return text.strip()


# Letters and symbols that show nothing: the Hangul fillers and the blank Braille pattern.
_INVISIBLE_GRAPHIC_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_character(text: str) -> bool:
    """Whether the text shows anything: a character other than white space, a control, a
    format character (zero-width space, joiners, direction marks) or an invisible letter."""
    return any(
        not character.isspace()
        and unicodedata.category(character) not in {"Cc", "Cf", "Zs", "Zl", "Zp"}
        and character not in _INVISIBLE_GRAPHIC_CHARACTERS
        for character in text
    )


def paragraphs_from_lines(lines: str) -> str:
    """Text with one paragraph per line (as HTML extraction gives it) -> canonical paragraphs."""
    return canonical_text(PARAGRAPH_SEPARATOR.join(line for line in lines.split("\n")))


def paragraphs_guessed(raw: str) -> str:
    """The canonical text, with each line a paragraph when the text has line breaks but no
    blank line: one paragraph per line is how many sites and wire services deliver plain text,
    and read as one paragraph it would be a wall of text (a text with blank lines keeps them as
    its only paragraph breaks)."""
    text = canonical_text(raw)
    if PARAGRAPH_SEPARATOR not in text and "\n" in text:
        return paragraphs_from_lines(text)
    return text


# A first paragraph this long, or ending like a sentence, is not offered as the title.
HEADLINE_MAX_CHARACTERS = 200


def first_paragraph_split(text: str) -> tuple[str, str]:
    """(first paragraph, the rest) of a canonical text: the headline a pasted article often
    starts with, and the body without it. ("", text) when the text has a single paragraph."""
    first, separator, rest = text.partition(PARAGRAPH_SEPARATOR)
    if not separator:
        return "", text
    return first, rest


def looks_like_headline(text: str) -> bool:
    """Whether the text's first paragraph reads like a headline: short, on one line, and not
    ending as a sentence does."""
    first, rest = first_paragraph_split(text)
    return bool(
        first
        and rest
        and len(first) <= HEADLINE_MAX_CHARACTERS
        and "\n" not in first
        and not first.rstrip("\"'”’)").endswith((".", ":", ";", ","))
    )


def split_paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of a canonical text with the code-point offset where each starts."""
    paragraphs = []
    start = 0
    for chunk in text.split(PARAGRAPH_SEPARATOR):
        paragraphs.append(Paragraph(start=start, text=chunk))
        start += len(chunk) + len(PARAGRAPH_SEPARATOR)
    return paragraphs


# Characters of the article shown on each side of the passage, at most.
CONTEXT_CHARACTERS = 320


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool


def passage_in_context(
    text: str, start: int, end: int, *, around: int = CONTEXT_CHARACTERS
) -> list[list[Segment]]:
    """The passage with some of the article around it, as paragraphs of segments; the passage
    is the marked segment. The context stops at the passage's paragraphs, or at a word
    boundary `around` characters away, with an ellipsis."""
    paragraph_start = text.rfind("\n\n", 0, start)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
    paragraph_end = text.find("\n\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    begin, lead = max(paragraph_start, start - around), ""
    if begin > paragraph_start:
        space = text.find(" ", begin, start)
        begin, lead = (space + 1 if space >= 0 else begin), "… "
    finish, trail = min(paragraph_end, end + around), ""
    if finish < paragraph_end:
        space = text.rfind(" ", end, finish)
        finish, trail = (space if space >= 0 else finish), " …"
    paragraphs: list[list[Segment]] = [[]]
    for piece, marked in (
        (lead + text[begin:start], False),
        (text[start:end], True),
        (text[end:finish] + trail, False),
    ):
        for index, part in enumerate(piece.split("\n\n")):
            if index:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Segment(part, marked))
    return [paragraph for paragraph in paragraphs if paragraph]


_OPENING_QUOTES = "\"'“‘„‚«‹「『"
_CLOSING_QUOTES = "\"'”’»›」』"


# What a quotation's span ends with that the claim it states does not: the comma (semicolon,
# colon, dash; Arabic's comma and semicolon) before its attribution, as in “We will win,” she
# said; before the quotation's closing marks when the passage keeps them.
CLAIM_TRAILING_CHARACTERS = " \t\n\u00a0,;:\u060c\u061b-\u2010\u2011\u2012\u2013\u2014\u2015"
_CLAIM_TRAILING = re.compile(
    rf"[{re.escape(CLAIM_TRAILING_CHARACTERS)}]+(?=[{re.escape(_CLOSING_QUOTES)}]*$)"
)


def passage_as_claim(text: str) -> str:
    """A passage worded as a claim (what a verdict's "claim reviewed", a new claim's wording and
    "The claim" on the readers' page start from): without the spaces around it and the commas,
    semicolons, colons and dashes it ends with, inside its closing quote marks too ("We will
    win," -> "We will win"). A suggestion's or highlight's own span keeps them (the evaluation
    format and the anchors count them). A passage of nothing else is returned stripped."""
    text = text.strip()
    return _CLAIM_TRAILING.sub("", text) or text


def quote_marks_added(text: str) -> str:
    """The text in “ ”, unless it starts or ends with quote marks of its own (a passage that
    is itself a quotation): never ““ ””."""
    text = text.strip()
    if text[:1] in _OPENING_QUOTES or text[-1:] in _CLOSING_QUOTES:
        return text
    return f"\u201c{text}\u201d"


def first_letter_capitalised(text: str) -> str:
    """A claim as a title shows it: its first letter a capital ("crime fell by 30 percent" →
    "Crime fell by 30 percent"), after any opening quote marks or punctuation ("“we will…" →
    "“We will…", "¿qué…" → "¿Qué…"). Unchanged when it opens with a digit, a letter without
    case (Arabic) or a word written with a capital inside it (iPhone, eBay)."""
    start = next((i for i, character in enumerate(text) if character.isalnum()), None)
    if start is None or not text[start].islower():
        return text
    word = re.match(r"\w+", text[start:])
    if word and any(character.isupper() for character in word.group()[1:]):
        return text
    return text[:start] + text[start].title() + text[start + 1 :]


def phrases_marked(text: str, phrases: list[str]) -> list[Segment]:
    """The text as segments, each phrase's first occurrence (after the previous phrase's,
    when it has one there) marked: "219" and "Aleppo" in a passage that names both. A phrase
    not found is left unmarked."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for phrase in phrases:
        if not phrase:
            continue
        start = text.find(phrase, cursor)
        if start < 0:
            start = text.find(phrase)
        if start < 0 or any(start < end and start + len(phrase) > begin for begin, end in spans):
            continue
        spans.append((start, start + len(phrase)))
        cursor = start + len(phrase)
    segments, position = [], 0
    for begin, end in sorted(spans):
        if begin > position:
            segments.append(Segment(text[position:begin], False))
        segments.append(Segment(text[begin:end], True))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:], False))
    return segments


# --- Names people see (titles, bylines, speakers, token names, usernames) --------------------

# Format characters a name may keep: zero-width non-joiner and joiner shape Persian and Indic
# words and join emoji; tag characters spell subdivision flags (🏴 England). Every other
# format character (bidi embeddings, overrides, isolates and marks, zero-width spaces, BOM)
# is invisible and can make a name read differently from what it is.
_ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def _name_character_forbidden(character: str) -> bool:
    category = unicodedata.category(character)
    if category == "Cf":
        return character not in _ALLOWED_FORMAT_CHARACTERS and not (
            "\U000e0020" <= character <= "\U000e007f"
        )
    return category in {"Cc", "Cs", "Zl", "Zp"}


def name_forbidden_characters(value: str) -> list[str]:
    """The characters a user-visible name may not contain, in order of first appearance:
    controls (Cc), surrogates (Cs), line and paragraph separators (Zl, Zp), and format
    characters (Cf) such as bidi overrides U+202E and isolates U+2066-2069, except those in
    _ALLOWED_FORMAT_CHARACTERS and tag characters U+E0020-U+E007F."""
    found: list[str] = []
    for character in value:
        if character not in found and _name_character_forbidden(character):
            found.append(character)
    return found


def name_forbidden_codes(characters: list[str]) -> str:
    """The characters as their code points: "U+202E, U+2066"."""
    return ", ".join(f"U+{ord(character):04X}" for character in characters)


def name_clean(value: str) -> str:
    """A name from a source the user did not type (a fetched page's title): forbidden
    characters removed, whitespace collapsed."""
    collapsed = " ".join(value.split())  # tabs and newlines become spaces, not nothing
    forbidden = set(name_forbidden_characters(collapsed))
    return "".join(ch for ch in collapsed if ch not in forbidden).strip()


# --- Free text people write (rationales, explanations, notes, comments) ------------------------

# Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069) reorder the text after
# them, so a sentence reads otherwise than it is written: "RTL" shows as "LTR" (walk 19,
# finding 16; "Trojan Source", CVE-2021-42574). Names refuse them with every other format
# character (above). Free text refuses these and keeps what right-to-left and other writing
# types on purpose: the direction marks U+200E, U+200F and U+061C, which only place the neutral
# characters beside them, joiners, soft hyphens, line breaks and tabs.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def free_text_forbidden_characters(value: str) -> list[str]:
    """The characters free text may not contain (DIRECTION_CONTROLS), in order of first
    appearance."""
    return list(dict.fromkeys(character for character in value if character in DIRECTION_CONTROLS))

"""What changed between two texts, word by word, and between a highlighted passage and where it
lies now: pure, no Django."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch

from annotations.core.charts import ENGLISH, Words
from annotations.core.facts import facts_compare

# A diff that takes longer is cut short: still correct, only less minimal. Keeps a page of two
# long, very different texts from holding a worker.
DIFF_TIMEOUT_SECONDS = 1.0

PieceKind = Literal["equal", "insert", "delete"]
_KINDS: dict[int, PieceKind] = {
    diff_match_patch.DIFF_EQUAL: "equal",
    diff_match_patch.DIFF_INSERT: "insert",
    diff_match_patch.DIFF_DELETE: "delete",
}


@dataclass(frozen=True)
class DiffPiece:
    kind: PieceKind
    text: str


@dataclass(frozen=True)
class TextDiff:
    """The new text as pieces kept, inserted or deleted; counts in code points."""

    pieces: list[DiffPiece]
    inserted: int
    deleted: int

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.deleted)


def texts_diff(old: str, new: str) -> TextDiff:
    """What changed from `old` to `new`, word by word, for people to read.

    A character diff shows a corrected "12" → "14" as 1<del>2</del><ins>4</ins>; editors read
    words. So each word, run of spaces and punctuation mark becomes one character (the trick
    diff-match-patch uses for line diffs), the diff runs on those, and diff_cleanupSemantic
    merges the small equalities left between changes.
    """
    differ = diff_match_patch()
    differ.Diff_Timeout = DIFF_TIMEOUT_SECONDS
    vocabulary: dict[str, str] = {}
    words: list[str] = []
    old_codes = _words_encode(old, vocabulary, words)
    new_codes = _words_encode(new, vocabulary, words)
    coded = differ.diff_main(old_codes, new_codes, False)
    differ.diff_cleanupSemantic(coded)
    operations = [(op, "".join(words[_index(code)] for code in codes)) for op, codes in coded]
    # Back in characters, slide each edit to the most natural boundary (a blank line, a line
    # end, a space): "First.<ins>\n\nUpdate.</ins>" reads worse than "<ins>Update.\n\n</ins>".
    differ.diff_cleanupSemanticLossless(operations)
    pieces = [DiffPiece(kind=_KINDS[operation], text=text) for operation, text in operations]
    return TextDiff(
        pieces=pieces,
        inserted=sum(len(piece.text) for piece in pieces if piece.kind == "insert"),
        deleted=sum(len(piece.text) for piece in pieces if piece.kind == "delete"),
    )


# A passage change is told in at most this many characters.
CHANGE_SUMMARY_LENGTH = 120


def passage_change(old: str, new: str, words: Words = ENGLISH) -> str | None:
    """What changed from the passage a highlight was made on (`old`) to where it now lies
    (`new`), for the mark beside it: None when they are the same character for character;
    else the facts that differ ("219 → 224"), or failing those the words ("“killed” →
    “slain”"). The few words of its own ("removed", "spacing") are the caller's `words`."""
    if old == new:
        return None
    differences = facts_compare(old, new)
    if differences:
        summary = "; ".join(difference.told(words) for difference in differences)
    else:
        pieces = texts_diff(old, new).pieces
        gone = " ".join(p.text.strip() for p in pieces if p.kind == "delete" and p.text.strip())
        come = " ".join(p.text.strip() for p in pieces if p.kind == "insert" and p.text.strip())
        if gone and come:
            summary = f"“{gone}” → “{come}”"
        elif gone:
            summary = words.gettext("removed “%(words)s”") % {"words": gone}
        elif come:
            summary = words.gettext("added “%(words)s”") % {"words": come}
        else:
            summary = words.gettext("spacing")
    if len(summary) > CHANGE_SUMMARY_LENGTH:
        summary = summary[: CHANGE_SUMMARY_LENGTH - 1].rstrip() + "…"
    return summary


# Words, runs of white space, and single other characters: together, every character of a text.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_SURROGATES = 0xD800, 0xE000


def _words_encode(text: str, vocabulary: dict[str, str], words: list[str]) -> str:
    """The text with each token replaced by one character standing for it."""
    codes = []
    for token in _TOKEN.findall(text):
        code = vocabulary.get(token)
        if code is None:
            code = vocabulary[token] = _code(len(words))
            words.append(token)
        codes.append(code)
    return "".join(codes)


def _code(index: int) -> str:
    # Skips the surrogate range, which no str should carry through a diff.
    number = index + 1
    return chr(number if number < _SURROGATES[0] else number + _SURROGATES[1] - _SURROGATES[0])


def _index(code: str) -> int:
    number = ord(code)
    return (number if number < _SURROGATES[0] else number - (_SURROGATES[1] - _SURROGATES[0])) - 1

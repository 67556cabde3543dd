"""Re-anchor stored highlight targets from one revision of an article's text to the next.

One diff (diff-match-patch) of the old and new text carries every target's offsets through
the edit. A carried span that still spells the quote is the target ("carried", confidence
1.0), unless the quote occurs more than once and another copy's context fits better: a
character diff can align two similar sentences that swapped places. Every other target
falls back to ``find_quote`` (exact occurrences ranked by context, then fuzzy) with the
carried start as the expected position.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from annotations.core.anchoring.quotes import (
    ORPHAN_BELOW,
    Anchor,
    anchor,
    find_quote,
    fold_typography,
)

# The diff stops refining after this long and reports the rest of each changed block as
# one deletion plus one insertion: still a correct diff, only a coarse one, whose targets
# fall back to the quote search, as a rewrite's must anyway. diff-match-patch's default
# (1 s) would let a wholly rewritten article cost a second before any target is looked at;
# a realistic revision of a 20,000-character article diffs in tens of milliseconds.
DIFF_TIMEOUT_SECONDS = 0.1


@dataclass(frozen=True)
class StoredTarget:
    """A highlight's stored selectors on the old text (TextQuote- and TextPositionSelector)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


def reanchor(
    old_text: str,
    new_text: str,
    targets: Sequence[StoredTarget],
    *,
    min_confidence: float = ORPHAN_BELOW,
) -> list[Anchor | None]:
    """Where each target, stored on ``old_text``, lies in ``new_text``; None if orphaned.

    Returns one Anchor (or None, below ``min_confidence``) per target, in the targets' order.
    Identical texts anchor every target by its position. Otherwise the texts are diffed
    once and each target is carried through the diff, or else searched for by its quote
    near where it was carried to; see the module docstring.
    """
    if old_text == new_text:
        return [
            anchor(
                new_text,
                exact=target.exact,
                prefix=target.prefix,
                suffix=target.suffix,
                start=target.start,
                end=target.end,
                min_confidence=min_confidence,
            )
            for target in targets
        ]
    offsets = _OffsetMap(old_text, new_text)
    return [_carry(new_text, target, offsets, min_confidence) for target in targets]


def _carry(
    new_text: str, target: StoredTarget, offsets: _OffsetMap, min_confidence: float
) -> Anchor | None:
    """One target: its carried span if that still spells the quote, else the quote search."""
    if not target.exact:
        return None  # nothing to anchor; as anchor() does, rather than failing the batch
    start, end = offsets.start(target.start), offsets.end(target.end)
    size = len(target.exact)
    # An edit next to the quote that repeats its first or last characters can be aligned
    # inside it, as the diff is as short either way ("consumer confidence fell and " put
    # before "consumer prices rose" diffs as an insertion after "consumer "). So a
    # quote-long span ending at the carried end, or starting at the carried start, counts.
    spans = dict.fromkeys([(start, end), (end - size, end), (start, start + size)])
    spelled = [(s, e) for s, e in spans if s >= 0 and new_text[s:e] == target.exact]
    if len(spelled) == 1 and _only_occurrence(new_text, target.exact, spelled[0][0]):
        return Anchor(*spelled[0], "carried", 1.0)
    found = find_quote(
        new_text,
        exact=target.exact,
        prefix=target.prefix,
        suffix=target.suffix,
        expected=spelled[0][0] if spelled else start,
        min_confidence=min_confidence,
    )
    # A carried copy ranks with the full closeness bonus, so it loses only to a copy whose
    # context fits clearly better. If no copy clears min_confidence (context rewritten
    # around every one), the diff's alignment is still the best evidence there is.
    if spelled and found is None:
        return Anchor(*spelled[0], "carried", 1.0)
    if found is not None and (found.start, found.end) in spelled:
        return Anchor(found.start, found.end, "carried", 1.0)
    return found


def _only_occurrence(text: str, quote: str, start: int) -> bool:
    # Overlapping copies count: find() resumes one code point after the carried start.
    return text.find(quote) == start and text.find(quote, start + 1) == -1


class _OffsetMap:
    """Old-text offsets to new-text offsets, through the runs a diff kept unchanged.

    The texts are diffed with typography folded (one code point for one, so offsets are
    unchanged): a switch to curly quotes or no-break spaces throughout would otherwise be
    thousands of edits, a diff that runs into the timeout, and no target carried.

    Kept runs are stored sorted by old offset, so each offset is a binary search: building
    the map is one pass over the diff, and mapping n offsets costs O(n log runs), where
    diff_match_patch.diff_xIndex would walk the whole diff for every offset.
    """

    def __init__(self, old_text: str, new_text: str) -> None:
        differ = diff_match_patch()
        diffs = _line_then_character_diff(
            differ, fold_typography(old_text), fold_typography(new_text)
        )
        self._old_starts: list[int] = []
        self._new_starts: list[int] = []
        self._lengths: list[int] = []
        old = new = 0
        for operation, chunk in diffs:
            if operation == differ.DIFF_EQUAL:
                self._old_starts.append(old)
                self._new_starts.append(new)
                self._lengths.append(len(chunk))
            if operation != differ.DIFF_INSERT:
                old += len(chunk)
            if operation != differ.DIFF_DELETE:
                new += len(chunk)
        self._new_length = new

    def start(self, offset: int) -> int:
        """Where the first kept character at or after ``offset`` went.

        Text inserted right before a highlight stays outside it, as does text that replaced
        a deleted beginning (the quote search then finds the edited start).
        """
        run = bisect_right(self._old_starts, offset) - 1
        if run >= 0 and offset < self._old_starts[run] + self._lengths[run]:
            return self._new_starts[run] + offset - self._old_starts[run]
        if run + 1 < len(self._old_starts):
            return self._new_starts[run + 1]
        return self._new_length

    def end(self, offset: int) -> int:
        """Just after where the last kept character before ``offset`` went.

        Text inserted right after a highlight stays outside it.
        """
        run = bisect_right(self._old_starts, offset - 1) - 1
        if run < 0:
            return 0
        return self._new_starts[run] + min(offset - self._old_starts[run], self._lengths[run])


def _line_then_character_diff(
    differ: diff_match_patch, old: str, new: str
) -> list[tuple[int, str]]:
    """Diff the lines (paragraphs), then the characters of each changed block of lines.

    This is diff_main's own line mode minus its semantic cleanup, which merges the blank
    lines between paragraphs into the edits around them: a revision touching every
    paragraph (double spaces collapsed) then becomes one block of the whole text, whose
    character diff is O(length x edits) and runs into the timeout. Kept apart, each block
    is a paragraph or two. One deadline covers every block.
    """
    deadline = time.time() + DIFF_TIMEOUT_SECONDS  # diff_main checks it against time.time()
    old_lines, new_lines, lines = differ.diff_linesToChars(old, new)
    line_diffs = differ.diff_main(old_lines, new_lines, False, deadline)
    differ.diff_charsToLines(line_diffs, lines)
    diffs: list[tuple[int, str]] = []
    deleted = inserted = ""
    for operation, chunk in [*line_diffs, (differ.DIFF_EQUAL, "")]:
        if operation == differ.DIFF_DELETE:
            deleted += chunk
        elif operation == differ.DIFF_INSERT:
            inserted += chunk
        else:
            if deleted and inserted:
                diffs += differ.diff_main(deleted, inserted, False, deadline)
            elif deleted or inserted:
                diffs.append(
                    (differ.DIFF_DELETE, deleted) if deleted else (differ.DIFF_INSERT, inserted)
                )
            deleted = inserted = ""
            if chunk:
                diffs.append((operation, chunk))
    return diffs

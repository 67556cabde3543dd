"""Anchor stored highlight targets (W3C Web Annotation selectors) to one text.

A highlight is stored as a TextQuoteSelector (exact, prefix, suffix) plus a
TextPositionSelector (start, end). Offsets are Python ``str`` indices, i.e. Unicode code
points, end exclusive. Articles get edited after they are highlighted, so the stored
offsets can go stale; ``anchor`` finds where a target lies in the current text, trying
the cheapest and most certain method first:

1. position: the stored offsets still cover the exact quote -> confidence 1.0;
2. quote: every exact occurrence of the quote, ranked by how well the stored context
   matches around it (and, as a tie-breaker, by closeness to the stored start);
3. fuzzy (only when the quote no longer occurs verbatim): an approximate match of the
   quote (rapidfuzz), first in a window around the stored start, then in the whole text.

Steps 2 and 3 are ``find_quote``, which re-anchoring across revisions reuses with the
position carried through the diff as the expected start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

CONTEXT_LENGTH = 32
# Below this confidence a highlight is orphaned rather than placed: it waits on /reattach/ for
# a person. One knob for the first anchoring and for every revision's re-anchoring.
ORPHAN_BELOW = 0.75

# Confidence = quote similarity * (1 - CONTEXT_WEIGHT * (1 - context similarity)).
# The quote is what the reviewer judged, so it dominates; the context can only cost up
# to 20%, so a unique exact quote whose surroundings were rewritten still anchors (>= 0.8)
# while a fuzzy quote needs its context to agree to clear ORPHAN_BELOW.
CONTEXT_WEIGHT = 0.2
# Closeness to the stored start only ranks candidates; it never lowers confidence,
# because one insertion early in the article legitimately moves every later highlight.
# Even a whole-text position gap is worth only 0.02: ~6 characters of context mismatch.
POSITION_WEIGHT = 0.02
# When several exact occurrences have equally good context, only the stored position
# (or text order) chose between them, so the answer is less certain.
AMBIGUITY_FACTOR = 0.9
# A fuzzy anchor is never reported as certain as a verified one.
FUZZY_CEILING = 0.99
# Fuzzy search looks this many code points either side of the expected span first.
WINDOW_PADDING = 512

# Typographic variants editors swap freely (smart quotes, no-break spaces, dashes).
# Every replacement is one code point for one, so offsets in folded text stay valid.
_FOLD_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u00a0\u2007\u2009\u200a\u202f", " "),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
    # Arabic script: Arabic-Indic and Persian digits are the same figures; alef is written
    # with or without its hamza or madda. (The tatweel and vowel marks are left: dropping
    # them would shift offsets; the fuzzy search absorbs them as small edits.)
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
    **dict.fromkeys("\u0623\u0625\u0622\u0671", "\u0627"),
}
# A regex substitution only touches the few foldable characters; str.translate would
# look up every character of a non-ASCII article.
_FOLDABLE = re.compile("[" + "".join(_FOLD_MAP) + "]")


@dataclass(frozen=True)
class TextQuote:
    """A TextQuoteSelector: the quoted text and up to CONTEXT_LENGTH code points around it."""

    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Anchor:
    """Where a target lies in the text: ``text[start:end]``, how it was found, how sure."""

    start: int
    end: int
    method: str  # "position" | "carried" (see revisions.py) | "quote" | "fuzzy"
    confidence: float  # 0..1


def quote_around(
    text: str, start: int, end: int, context_length: int = CONTEXT_LENGTH
) -> TextQuote:
    """Build the quote selector for ``text[start:end]`` with its surrounding context.

    Raises ValueError for an empty or out-of-range span: a highlight must cover text.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"invalid span [{start}, {end}) for a text of length {len(text)}")
    if context_length < 0:
        raise ValueError("context_length must be >= 0")
    return TextQuote(
        exact=text[start:end],
        prefix=text[max(0, start - context_length) : start],
        suffix=text[end : end + context_length],
    )


def anchor(
    text: str,
    *,
    exact: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
    min_confidence: float = ORPHAN_BELOW,
) -> Anchor | None:
    """Find where a stored target lies in ``text``; None when it is orphaned.

    Tries the stored position, then exact occurrences of the quote, then (only if there
    are none) a fuzzy match; see the module docstring. Returns None below ``min_confidence``.
    An empty ``exact`` returns None rather than raising: there is nothing to anchor, and
    re-anchoring a page of stored highlights must not fail because one target is bad.
    If only one of ``start``/``end`` is given, the other is inferred from ``len(exact)``.
    """
    if not exact:
        return None
    if start is None and end is not None:
        start = end - len(exact)
    elif end is None and start is not None:
        end = start + len(exact)

    # The range check matters: a negative index would slice from the end of the text.
    if (
        start is not None
        and end is not None
        and 0 <= start < end <= len(text)
        and text[start:end] == exact
    ):
        return Anchor(start, end, "position", 1.0)
    return find_quote(
        text,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        expected=start,
        min_confidence=min_confidence,
    )


def find_quote(
    text: str,
    *,
    exact: str,
    prefix: str = "",
    suffix: str = "",
    expected: int | None = None,
    min_confidence: float = ORPHAN_BELOW,
) -> Anchor | None:
    """Search ``text`` for the quote alone: exact occurrences, else a fuzzy match.

    Occurrences are ranked by their context and then by closeness to ``expected`` (the
    start where the quote should be, if known); see the module docstring. Returns None
    below ``min_confidence`` or for an empty ``exact``.
    """
    if not exact:
        return None
    target = _Target(
        exact, fold_typography(exact), fold_typography(prefix), fold_typography(suffix), expected
    )
    # Fuzzy search only when the quote no longer occurs verbatim: it would re-find the
    # exact copies and score them without the ambiguity discount they were just given.
    found = _anchor_exact(text, target) or _anchor_fuzzy(text, target, min_confidence)
    return found if found is not None and found.confidence >= min_confidence else None


def utf16_to_code_point_offset(text: str, utf16_offset: int) -> int:
    """Convert a browser (UTF-16 code unit) offset into a Python str index.

    Astral characters (emoji) take two UTF-16 units but one code point. The C codec does
    the counting; strict decoding rejects an offset that splits a surrogate pair.
    """
    units = _utf16(text)
    if not 0 <= utf16_offset <= len(units) // 2:
        raise ValueError(f"UTF-16 offset {utf16_offset} is outside the text")
    try:
        return len(units[: 2 * utf16_offset].decode("utf-16-le"))
    except UnicodeDecodeError:
        raise ValueError(f"UTF-16 offset {utf16_offset} falls inside a surrogate pair") from None


def code_point_to_utf16_offset(text: str, code_point_offset: int) -> int:
    """Convert a Python str index into a browser (UTF-16 code unit) offset."""
    if not 0 <= code_point_offset <= len(text):
        raise ValueError(f"code point offset {code_point_offset} is outside the text")
    return len(_utf16(text[:code_point_offset])) // 2


def _utf16(text: str) -> bytes:
    try:
        return text.encode("utf-16-le")
    except UnicodeEncodeError:
        # A lone surrogate has no UTF-16 encoding, so no browser offset can refer to it.
        raise ValueError("text contains a lone surrogate") from None


@dataclass(frozen=True)
class _Target:
    """A stored target; quote and context folded once, as they are compared repeatedly."""

    exact: str
    quote: str  # folded exact
    prefix: str  # folded
    suffix: str  # folded
    expected: int | None  # stored start


def fold_typography(s: str) -> str:
    """``s`` with typographic variants (curly quotes, no-break spaces, dashes; Arabic-Indic
    digits, alef with hamza or madda) made plain.

    One code point for one, so an offset into the folded text is an offset into ``s``.
    """
    return _FOLDABLE.sub(lambda m: _FOLD_MAP[m.group()], s)


def _confidence(similarity: float, text: str, start: int, end: int, target: _Target) -> float:
    """Quote similarity discounted by how badly the stored context disagrees.

    Similarities are Levenshtein (1 - distance / longer length) on folded strings. Empty
    context means "not stored" (or the quote touched the text's edge): no evidence.
    """
    before = text[max(0, start - len(target.prefix)) : start]
    after = text[end : end + len(target.suffix)]
    pairs = [(target.prefix, before), (target.suffix, after)]
    scores = [Levenshtein.normalized_similarity(a, fold_typography(b)) for a, b in pairs if a]
    context = sum(scores) / len(scores) if scores else 1.0
    return similarity * (1.0 - CONTEXT_WEIGHT * (1.0 - context))


def _position_bonus(start: int, target: _Target, length: int) -> float:
    """Ranking bonus for being near the stored start, linear in distance over the text."""
    if target.expected is None:
        return 0.0
    return POSITION_WEIGHT * max(0.0, 1.0 - abs(start - target.expected) / max(length, 1))


def _anchor_exact(text: str, target: _Target) -> Anchor | None:
    """Rank every exact occurrence (str.find runs in C; overlaps included) by context."""
    size = len(target.exact)
    candidates: list[tuple[float, float, int]] = []  # (rank, confidence, start)
    i = text.find(target.exact)
    while i != -1:
        confidence = _confidence(1.0, text, i, i + size, target)
        candidates.append((confidence + _position_bonus(i, target, len(text)), confidence, i))
        i = text.find(target.exact, i + 1)
    if not candidates:
        return None
    # max() keeps the first of equal ranks, i.e. the earliest occurrence.
    _, confidence, start = max(candidates, key=lambda c: c[0])
    if sum(1 for c in candidates if c[1] >= confidence) > 1:
        confidence *= AMBIGUITY_FACTOR
    return Anchor(start, start + size, "quote", confidence)


def _anchor_fuzzy(text: str, target: _Target, min_confidence: float) -> Anchor | None:
    """Best approximate match: in a window around the stored start first, then everywhere.

    The window keeps the common case (small edits, stale offsets) cheap and prefers the
    copy near where the highlight was; the whole text is searched only if that fails.
    """
    size, regions = len(target.quote), []
    if target.expected is not None:  # the expected span, plus its length and padding
        lo = max(0, target.expected - WINDOW_PADDING - size)
        hi = min(len(text), target.expected + 2 * size + WINDOW_PADDING)
        if lo < hi:
            regions.append((lo, hi))
    if not regions or regions[0] != (0, len(text)):
        regions.append((0, len(text)))

    best: tuple[float, Anchor] | None = None
    for lo, hi in regions:
        for candidate in _fuzzy_candidates(text, lo, hi, target, min_confidence):
            if best is None or candidate[0] > best[0]:
                best = candidate
        if best is not None and best[1].confidence >= min_confidence:
            break
    return best[1] if best is not None else None


def _fuzzy_candidates(
    text: str, lo: int, hi: int, target: _Target, floor: float
) -> list[tuple[float, Anchor]]:
    """Up to two (rank, Anchor) candidates in ``text[lo:hi]``, if any could reach ``floor``.

    partial_ratio_alignment slides the needle over the region in C. Aligning the quote
    alone finds the most similar passage; aligning prefix + quote + suffix finds the
    passage whose surroundings match, which is what tells two similar passages apart.
    Both guesses have the needle's length, so their boundaries are then refined.
    """
    region, quote = fold_typography(text[lo:hi]), target.quote
    found = fuzz.partial_ratio_alignment(quote, region, score_cutoff=_cutoff(quote, region, floor))
    if found is None:
        return []  # nothing in this region is similar enough to the quote
    guesses = [(found.dest_start, found.dest_end)]
    if target.prefix or target.suffix:
        found = fuzz.partial_ratio_alignment(target.prefix + quote + target.suffix, region)
        assert found is not None  # without a score cutoff there is always an alignment
        # Where the quote starts if the aligned part of the needle sits at dest_start.
        start = found.dest_start + len(target.prefix) - found.src_start
        guesses.append((start, start + len(quote)))

    candidates = []
    for guess in dict.fromkeys(guesses):
        start, end = _refine(quote, region, *guess)
        if start >= end:
            continue
        similarity = Levenshtein.normalized_similarity(quote, region[start:end])
        start, end = start + lo, end + lo
        confidence = _confidence(similarity, text, start, end, target)
        rank = confidence + _position_bonus(start, target, len(text))
        candidates.append((rank, Anchor(start, end, "fuzzy", min(confidence, FUZZY_CEILING))))
    return candidates


def _cutoff(quote: str, region: str, floor: float) -> float:
    """partial_ratio score (0..100) below which no span can reach ``floor`` similarity.

    A span with Levenshtein distance d to the quote (length m) and similarity >= c has
    d <= m(1-c)/c; a quote-length window around it is within 3d Indel edits, so
    partial_ratio >= 1 - 3(1-c)/(2c). Skipping hopeless regions up front makes orphans
    cheap. (The bound needs windows as long as the quote, hence the length check.)
    """
    if floor <= 0 or len(region) < len(quote):
        return 0.0
    return max(0.0, 100.0 * (1.0 - 1.5 * (1.0 - floor) / floor))


def _refine(quote: str, region: str, start: int, end: int) -> tuple[int, int]:
    """Move each boundary of a guessed span to where the quote similarity peaks.

    Edits inside the quote change its length, so a needle-length window is off by a few
    characters at either end. Coordinate ascent over a small slack: each pass scores all
    shifts of one boundary in a single C call (process.extractOne) instead of a Python
    loop over every (start, end) pair.
    """
    slack = max(8, min(32, len(quote) // 4))
    # Nearest shifts first: extractOne keeps the first of equal scores, so ties leave
    # the boundary where the alignment put it. The narrow second pass lets each boundary
    # react to where the other one settled.
    wide = sorted(range(-slack, slack + 1), key=abs)
    start, end = max(start, 0), min(end, len(region))
    if start >= end:
        return start, end
    for shifts in (wide, wide[:7]):
        start, end = _most_similar(quote, region, [(start + d, end) for d in shifts])
        start, end = _most_similar(quote, region, [(start, end + d) for d in shifts])
    return start, end


def _most_similar(quote: str, region: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The first of the non-empty in-range spans most similar to the quote."""
    spans = [(s, e) for s, e in spans if 0 <= s < e <= len(region)]
    choices = [region[s:e] for s, e in spans]
    best = process.extractOne(quote, choices, scorer=Levenshtein.normalized_similarity)
    return spans[best[2]]

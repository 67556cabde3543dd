"""Which of the desk's claims a passage of an article states: the one rule the suggestions'
"Checked before", the recurrence scan ("Claims that appear again" in the review queue) and the
unit page's claim memory share (through `selectors.claim_matching`).

`claims_match` scores a text as a whole against each claim. A passage is often more than the
claim it states: a sentence reporting it ("The minister repeated on Tuesday that <claim>."), a
quotation with its attribution ("“<claim>,” she told parliament."). Scored whole, a sentence
that repeats a claim word for word scored about 0.6 ("possibly related"), while the quotation
inside it, scored alone, was "same claim": the places that matched different spans of the
same words disagreed. So a passage states a claim when any of these finds it:

1. the claim's words, normalised (`normalise`), are a run of the passage's normalised words, and
   at least `CONTAINED_MIN_WORDS` of them: score 1.0, stage "exact", same claim. A claim stated
   word for word states its own facts, so there is no fact check (as for the exact stage); a
   shorter claim ("Crime fell.") would be found inside too many sentences that say more;
2. the matcher on the passage as a whole;
3. the matcher on each quotation inside the passage of at least `QUOTED_MIN_WORDS` words (text
   between paired quotation marks: “ ”, „ “, « », ‹ ›, " ", ‘ ’ and ' '; the first
   `QUOTATIONS_MATCHED`).

A claim found several ways keeps its best match: "same claim" before any other, then the higher
score (less `DIFFERENCE_PENALTY` when facts differ, as `claims_match` ranks). The matches come
best first, as `claims_match` orders them.

Known limit: a sentence that denies a claim it quotes word for word ("It is not true that
<claim>.") states it in this sense too; the editor's confirmation of an appearance decides.
"""

from __future__ import annotations

import re

from annotations.core.claims.matching import (
    DEFAULT_LIMIT,
    DIFFERENCE_PENALTY,
    LOWER_THRESHOLD,
    UPPER_THRESHOLD,
    ClaimIndex,
    Match,
    claims_match,
)
from annotations.core.claims.normalise import normalise
from annotations.core.languages import languages_differ

CONTAINED_MIN_WORDS = 5
QUOTED_MIN_WORDS = 4
# A passage's first quotations only: a selection of several paragraphs would otherwise cost a
# matcher run (a lexical query, an embedding) per quotation.
QUOTATIONS_MATCHED = 10

# Paired quotation marks; an apostrophe inside a single-quoted quotation ("‘We don’t know’") is
# one followed by a letter.
_QUOTATION = re.compile(
    r"“([^“”]+)”"
    r"|„([^„“”]+)[“”]"
    r"|«([^«»]+)»"
    r"|‹([^‹›]+)›"
    r'|"([^"]+)"'
    r"|(?<!\w)‘((?:[^‘’]|’(?=\w))+)’(?!\w)"
    r"|(?<!\w)'((?:[^']|'(?=\w))+)'(?!\w)"
)


def quotations(text: str) -> list[str]:
    """The quotations inside `text` of at least QUOTED_MIN_WORDS words, in order, each once,
    without their marks and the spaces inside them."""
    found = []
    for match in _QUOTATION.finditer(text):
        quoted = next(group for group in match.groups() if group is not None).strip()
        if len(quoted.split()) >= QUOTED_MIN_WORDS and quoted not in found:
            found.append(quoted)
    return found


def _rank(match: Match) -> float:
    return match.score - (DIFFERENCE_PENALTY if match.differences else 0.0)


def claims_stated(
    passage: str,
    index: ClaimIndex,
    *,
    upper: float = UPPER_THRESHOLD,
    lower: float = LOWER_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    language: str = "",
) -> list[Match]:
    """The claims of `index` that `passage` may state, best first, at most `limit` (see the
    module docstring); the thresholds and `language` as for `claims_match`."""
    if not len(index) or limit < 1:
        return []
    best: dict[int, Match] = {}

    def keep(match: Match) -> None:
        held = best.get(match.claim_id)
        if held is None or (match.same_claim, _rank(match)) > (held.same_claim, _rank(held)):
            best[match.claim_id] = match

    for row in index.contained_rows(normalise(passage), CONTAINED_MIN_WORDS):
        if index.live(row):
            claim_language = index.languages[row]
            keep(
                Match(
                    index.ids[row],
                    index.texts[row],
                    1.0,
                    "exact",
                    True,
                    (),
                    claim_language,
                    languages_differ(claim_language, language),
                )
            )
    quoted = [q for q in quotations(passage) if q != passage.strip()][:QUOTATIONS_MATCHED]
    for text in [passage, *quoted]:
        for match in claims_match(
            text, index, upper=upper, lower=lower, limit=limit, language=language
        ):
            keep(match)
    return sorted(best.values(), key=lambda match: -_rank(match))[:limit]

"""How alike a lost highlight's passage and the passage a person re-attaches it to are.

The re-attach bar shows the figure and asks for a confirmation below `REATTACH_CONFIRM_BELOW`
(static/annotations/reattach-mode.js computes the same measure on the passage as it is
selected; the page reads the threshold from here, and tests/core/test_passage_similarity.py
holds the cases both must agree on).
"""

from __future__ import annotations

import re
from collections import Counter

from annotations.core.anchoring.quotes import fold_typography

# Below this share of words in common, re-attaching asks "is this really the same passage?":
# a rewording keeps some of its words ("unemployment", "2020"); "the UN's response" for "In
# many ways Plan B is that people starve." keeps none.
REATTACH_CONFIRM_BELOW = 0.3

_WORD = re.compile(r"\w+")


def passage_words(text: str) -> Counter[str]:
    """The passage's words, typography folded and lower-cased, with how often each occurs."""
    return Counter(_WORD.findall(fold_typography(text).casefold()))


def passage_similarity(old: str, new: str) -> float:
    """The Dice coefficient of the two passages' words (as multisets): 2·|A∩B| / (|A|+|B|),
    1.0 for the same words, 0.0 for none in common (or no word at all in either).

    Dice, L. R. (1945), "Measures of the amount of ecologic association between species",
    Ecology 26(3).
    """
    a, b = passage_words(old), passage_words(new)
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    return 2 * sum((a & b).values()) / total

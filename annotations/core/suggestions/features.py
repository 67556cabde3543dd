"""The features of one sentence (or clause) that make it worth checking, or not.

SCAFFOLD: a first, regex-only version so the layers above can be built; the real extraction
(quantulum3, dateparser, number-parser, comparatives, attributions, names, hedges) replaces it.
"""

from __future__ import annotations

import re

# The model's columns, in a fixed order; every name maps to a value in `sentence_features`.
FEATURE_NAMES: tuple[str, ...] = ("number", "percentage")

_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s*(%|per ?cent)")


def sentence_features(text: str, *, language: str = "en") -> dict[str, float]:
    """Every name of FEATURE_NAMES with its value (0 when absent) for this text."""
    return {
        "number": 1.0 if _NUMBER.search(text) else 0.0,
        "percentage": 1.0 if _PERCENT.search(text) else 0.0,
    }


def feature_labels(features: dict[str, float]) -> list[str]:
    """The names of the features present, as the page and the API show them."""
    return [name for name in FEATURE_NAMES if features.get(name)]

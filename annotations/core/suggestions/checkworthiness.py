"""Which statements of a text are worth checking: the candidates and the rules-only score.

SCAFFOLD: sentences only and a two-feature score; clauses and the full rules replace it.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.core.sentences import sentences_split
from annotations.core.suggestions.features import sentence_features


@dataclass(frozen=True)
class Candidate:
    """A sentence, or a clause of one: `text == source[start:end]` (code points)."""

    start: int
    end: int
    text: str
    features: dict[str, float]
    sentence_start: int  # the sentence it belongs to (its start), the unit of evaluation


def candidates_split(text: str, *, language: str = "en") -> list[Candidate]:
    """Every candidate statement of the text, in order."""
    return [
        Candidate(s.start, s.end, s.text, sentence_features(s.text, language=language), s.start)
        for s in sentences_split(text, language=language)
    ]


def rules_score(features: dict[str, float]) -> float:
    """How check-worthy, 0 to 1, from the features alone."""
    return min(1.0, 0.2 + 0.4 * features.get("number", 0) + 0.3 * features.get("percentage", 0))

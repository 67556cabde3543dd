"""Everything the desk suggests in one text: check-worthy claims and quotes with speakers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from annotations.core.suggestions.checkworthiness import candidates_split, rules_score
from annotations.core.suggestions.features import feature_labels
from annotations.core.suggestions.model import DeskModel, model_score
from annotations.core.suggestions.speaker_ranker import quotes_ranked, ranker_load

# A claim candidate scoring below this is not suggested (it still counts in the rankings the
# benchmark and the training runs measure).
CLAIM_SUGGESTED_AT = 0.5


@dataclass(frozen=True)
class Suggested:
    kind: Literal["claim", "quote"]
    start: int
    end: int
    exact: str
    score: float  # 0 to 1
    features: tuple[str, ...]
    speaker: str | None = None
    speaker_confidence: float | None = None


def claims_scored(
    text: str, *, language: str = "en", model: DeskModel | None = None
) -> list[Suggested]:
    """Every candidate statement with its score (rules, or the desk's model), in text order."""
    scored = []
    for candidate in candidates_split(text, language=language):
        score = model_score(model, candidate.features) if model else rules_score(candidate.features)
        scored.append(
            Suggested(
                "claim",
                candidate.start,
                candidate.end,
                candidate.text,
                round(score, 4),
                tuple(feature_labels(candidate.features)),
            )
        )
    return scored


def suggestions_compute(
    text: str, *, language: str = "en", model: DeskModel | None = None
) -> list[Suggested]:
    """The claims worth suggesting and every quote, in text order. Quotes' speakers are the
    speaker ranker's (`speaker_ranker.json`), or the rules' when that file is absent."""
    claims = [
        s
        for s in claims_scored(text, language=language, model=model)
        if s.score >= CLAIM_SUGGESTED_AT
    ]
    quotes = [
        Suggested(
            "quote",
            q.start,
            q.end,
            q.text,
            round(q.confidence, 4),
            (),
            q.speaker,
            q.speaker_confidence if q.speaker else None,
        )
        for q in quotes_ranked(text, language=language, ranker=ranker_load())
    ]
    return sorted(claims + quotes, key=lambda s: (s.start, s.end, s.kind))

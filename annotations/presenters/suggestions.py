"""Suggestions as the API and the article page's script read them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from annotations.models import Suggestion
from annotations.selectors.appearances import ClaimChecks
from annotations.selectors.suggestions import ArticleSuggestions


def _match_present(match: dict[str, Any], checks: ClaimChecks | None) -> dict[str, Any]:
    verdicts: list[dict[str, Any]] = []
    if checks is not None and checks.verdict is not None:
        verdicts.append({"by": "desk", "label": checks.verdict.label.name, "url": None})
    if checks is not None:
        verdicts.extend(
            {"by": check.publisher_name, "label": check.rating_text, "url": check.url}
            for check in checks.external
        )
    return {
        "claim": match["claim"],
        "score": match["score"],
        "relation": match["relation"],
        "claim_url": reverse("claim-detail", args=[match["claim"]]),
        "verdicts": verdicts,
    }


def suggestion_present(suggestion: Suggestion, checks: dict[int, ClaimChecks]) -> dict[str, Any]:
    return {
        "id": suggestion.pk,
        "kind": suggestion.kind,
        "target": {
            "exact": suggestion.exact,
            "prefix": suggestion.prefix,
            "suffix": suggestion.suffix,
            "start": suggestion.start,
            "end": suggestion.end,
        },
        "speaker": suggestion.speaker or None,
        "speaker_confidence": suggestion.speaker_confidence,
        "score": suggestion.score,
        "features": list(suggestion.features),
        # Only matches with something to show: a published desk verdict or another
        # fact-checker's review (the task stores no other, but a verdict can be unpublished since).
        "matches": [
            shown
            for match in suggestion.matches
            if (shown := _match_present(match, checks.get(match["claim"])))["verdicts"]
        ],
    }


def article_suggestions_present(found: ArticleSuggestions) -> dict[str, Any]:
    """The API's document: {"results": [...], "model": ..., "revision": n, "computed": bool}."""
    return {
        "revision": found.revision.number if found.revision else None,
        "computed": found.computed,
        "model": found.model,
        "results": [suggestion_present(s, found.checks) for s in found.suggestions],
    }

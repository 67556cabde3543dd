"""Suggestions as the API and the article page's script read them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from annotations.core.suggestions.speaker_ranker import SPEAKER_SURE
from annotations.models import Annotation, Suggestion
from annotations.presenters.numbers import numbers_shown
from annotations.selectors.appearances import ClaimChecks
from annotations.selectors.labels import label_name
from annotations.selectors.suggestions import ArticleSuggestions, KindFigures, SuggestionFigures


def _match_present(match: dict[str, Any], checks: ClaimChecks | None) -> dict[str, Any]:
    verdicts: list[dict[str, Any]] = []
    if checks is not None and checks.verdict is not None:
        verdicts.append({"by": "desk", "label": label_name(checks.verdict.label), "url": None})
    if checks is not None:
        verdicts.extend(
            {"by": check.publisher_name, "label": check.rating_text, "url": check.url}
            for check in checks.external
        )
    return {
        "claim": match["claim"],
        "score": match["score"],
        "relation": match["relation"],
        # Stored before languages were: not known, so not marked.
        "language": match.get("language", ""),
        "cross_language": match.get("cross_language", False),
        "claim_url": reverse("claim-detail", args=[match["claim"]]),
        "verdicts": verdicts,
    }


def speaker_sure(suggestion: Suggestion) -> bool:
    """Whether the page shows the suggested speaker as sure (else as a name to check): on
    writers it was never tuned on, the desk is right on about nine in ten of these."""
    confidence = suggestion.speaker_confidence or 0.0
    return bool(suggestion.speaker) and confidence >= SPEAKER_SURE


def speaker_kept_unsure(annotation: Annotation) -> bool:
    """Whether a quote's speaker is still the one its suggestion named without being sure of
    it (speaker_sure false): the reviewer accepted the suggestion and saved, or later kept, a
    name the desk asked them to check. The editor is told, since nothing else on record shows
    that nobody chose that name. Names compare without case or spacing differences; reads the
    suggestion (select it with the highlight for a list)."""
    suggestion = annotation.suggestion if annotation.suggestion_id else None
    if (
        suggestion is None
        or annotation.kind != Annotation.Kind.QUOTE
        or suggestion.kind != Suggestion.Kind.QUOTE
        or not suggestion.speaker
        or speaker_sure(suggestion)
    ):
        return False
    return _name_key(annotation.speaker) == _name_key(suggestion.speaker)


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


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
        "speaker_sure": speaker_sure(suggestion),
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


def article_suggestions_present(
    found: ArticleSuggestions, *, next_url: str | None = None
) -> dict[str, Any]:
    """The API's document: {"results": [...], "model": ..., "revision": n, "computed": bool,
    "count": n, "next": url or None}; `next_url` is the next page's address (the API's, when
    suggestions follow the page)."""
    return {
        "revision": found.revision.number if found.revision else None,
        "computed": found.computed,
        "model": found.model,
        "count": found.count,
        "next": next_url,
        "results": [suggestion_present(s, found.checks) for s in found.suggestions],
    }


def _share(rate: float | None) -> str:
    return numbers_shown().percent(rate) if rate is not None else "—"


def _kind_row(label: str, kind: KindFigures) -> dict[str, Any]:
    return {
        "label": label,
        "shown": kind.shown,
        "accepted": kind.accepted,
        "acceptance": _share(kind.acceptance_rate),
        "published": kind.published,
        "published_share": _share(kind.published_rate),
    }


def _figures_row(name: str, figures: Any) -> dict[str, Any] | None:
    if not isinstance(figures, dict) or not figures:
        return None
    return {
        "name": name,
        "recall_top": numbers_shown().decimal(figures.get("recall_top", 0)),
        "precision_at_k": numbers_shown().decimal(figures.get("precision_at_k", 0)),
        "articles": figures.get("articles", 0),
        "positives": figures.get("positives", 0),
    }


def suggestion_card_context(found: SuggestionFigures) -> dict[str, Any]:
    """The dashboard's suggestions card: acceptance per kind and the latest training run with
    the rules' and the model's held-out figures side by side."""
    rows = [
        _kind_row(label, found.by_kind.get(kind, KindFigures()))
        for kind, label in (("claim", _("Claims")), ("quote", _("Quotes")))
    ]
    rows.append(_kind_row(_("All"), found.total))
    run = found.latest_run
    training = None
    if run is not None:
        figures = run.figures if isinstance(run.figures, dict) else {}
        training = {
            "name": run.name,
            "created": run.created,
            "is_used": run.is_used,
            "had_too_little_data": run.had_too_little_data,
            "report": run.report,
            "articles": run.articles,
            "sentences": run.sentences,
            "positives": run.positives,
            "figures": [
                row
                for row in (
                    _figures_row(_("Rules"), figures.get("rules")),
                    _figures_row(_("Desk model"), figures.get("model")),
                )
                if row is not None
            ],
        }
    return {"rows": rows, "training": training}

"""Writes for suggestions: computing and storing an article revision's suggested claims and
quotes (core.suggestions), once per revision, by a task after the import or the new revision.

`revision_suggestions_compute` is safe to run twice (the task and the sweep, or a message
delivered again): it returns at once when the revision's `suggested_at` is set, and sets it
with a conditional update in the same transaction as the rows, so of two concurrent runs only
the first stores anything. The scores come from the desk's model in use when the revision is
computed (the newest SuggestionModelRun with is_used), else from the rules; suggestions stored
earlier are not rescored when a newer model is put to use (they name the model that scored
them).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from annotations.core.anchoring import quote_around
from annotations.core.suggestions.model import DeskModel
from annotations.core.suggestions.suggest import Suggested, suggestions_compute
from annotations.models import ArticleRevision, Suggestion, SuggestionModelRun
from annotations.selectors.appearances import any_claim_checked, claims_checked
from annotations.selectors.articles import revision_latest
from annotations.selectors.claim_matching import claims_match_many
from annotations.services.queueing import revisions_unfinished_resend, task_send_after_commit

logger = logging.getLogger(__name__)

RULES = "rules"
# Matches kept per suggested claim or quote, best first (only those whose claim was checked count).
MATCHES_PER_SUGGESTION = 3
# A "claim" longer than this is a list or a table rather than a statement: not matched (as
# recurrence's scan skips them; the similar-claims API refuses such texts too).
MAX_MATCHED_CHARACTERS = 2_000
# Field widths of Suggestion (a longer value from the core is cut rather than failing the run).
MAX_SPEAKER = 200
MAX_MODEL_NAME = 40


def desk_model_in_use() -> DeskModel | None:
    """The desk's trained model in use: the newest run that beat the rules; None for the
    rules. One query."""
    run = (
        SuggestionModelRun.objects.filter(is_used=True)
        .order_by("-created", "-id")
        .only("name", "weights")
        .first()
    )
    if run is None:
        return None
    stored = DeskModel.from_json(run.weights if isinstance(run.weights, dict) else {})
    return DeskModel(run.name, stored.weights, stored.intercept)


def _suggested_safely(text: str, language: str, model: DeskModel | None) -> list[Suggested]:
    """The core's suggestions, or none when it fails on this text: the core must not raise,
    but a revision's import never fails for its suggestions, and the revision is still marked
    computed (so the sweep does not send it again and again)."""
    try:
        found = suggestions_compute(text, language=language, model=model)
    except Exception:  # noqa: BLE001 — any bug in the core degrades to no suggestions
        logger.exception("Suggestions failed on a text of %d characters; none stored", len(text))
        return []
    # Spans the database would refuse (a core bug) are dropped, not the whole revision.
    return [s for s in found if 0 <= s.start < s.end <= len(text)]


def _claim_matches(texts: Sequence[str], language: str) -> list[list[dict[str, object]]]:
    """For each text (in `language`, its article's), the desk's claims it restates that have a
    published desk verdict or another fact-checker's review, as [{"claim", "score", "relation",
    "language", "cross_language"}], best first: the rule the recurrence scan and the unit page
    use too (selectors.claim_matching)."""
    empty: list[list[dict[str, object]]] = [[] for _ in texts]
    if not texts or not any_claim_checked():  # a new desk: no index to load
        return empty
    matchable = [i for i, text in enumerate(texts) if len(text) <= MAX_MATCHED_CHARACTERS]
    answers = claims_match_many(
        [texts[i] for i in matchable], limit=MATCHES_PER_SUGGESTION, language=language
    )
    checked = claims_checked(m.claim_id for matches in answers for m in matches)
    for i, matches in zip(matchable, answers, strict=True):
        empty[i] = [
            {
                "claim": m.claim_id,
                "score": round(m.score, 4),
                "relation": "same" if m.same_claim else "related",
                "language": m.language,
                "cross_language": m.cross_language,
            }
            for m in matches
            if m.claim_id in checked
        ]
    return empty


def _rows(revision: ArticleRevision, found: list[Suggested], model: str) -> list[Suggestion]:
    text = revision.text
    # Quotes are matched as claims are: a quotation restating a checked claim is "checked
    # before" too (and the scan finds it in its sentence).
    spans = list(dict.fromkeys((s.start, s.end) for s in found))
    matches = dict(
        zip(
            spans,
            _claim_matches([text[start:end] for start, end in spans], revision.article.language),
            strict=True,
        )
    )
    rows = []
    for s in found:
        context = quote_around(text, s.start, s.end)
        rows.append(
            Suggestion(
                article_id=revision.article_id,
                revision=revision,
                kind=s.kind,
                start=s.start,
                end=s.end,
                exact=context.exact,
                prefix=context.prefix,
                suffix=context.suffix,
                score=min(1.0, max(0.0, float(s.score))),
                features=list(s.features),
                speaker=(s.speaker or "")[:MAX_SPEAKER] if s.kind == "quote" else "",
                speaker_confidence=s.speaker_confidence if s.speaker else None,
                matches=matches.get((s.start, s.end), []),
                model=model[:MAX_MODEL_NAME],
            )
        )
    return rows


def revision_suggestions_compute(*, revision_id: int) -> int:
    """Compute and store the revision's suggested claims and quotes; the number stored (0 when
    the revision was computed already, is gone, or is no longer its article's latest: its
    text is no longer the article's, and it is marked computed without suggestions)."""
    revision = ArticleRevision.objects.select_related("article").filter(pk=revision_id).first()
    if revision is None or revision.suggested_at is not None:
        return 0
    latest = revision_latest(revision.article)
    model = desk_model_in_use()
    rows: list[Suggestion] = []
    if latest is not None and latest.pk == revision.pk:
        found = _suggested_safely(revision.text, revision.article.language or "en", model)
        rows = _rows(revision, found, model.name if model else RULES)
    with transaction.atomic():
        # Claim the revision: a concurrent run (the task and the sweep) waits on the row here,
        # then finds suggested_at set and stores nothing.
        claimed = ArticleRevision.objects.filter(pk=revision.pk, suggested_at__isnull=True).update(
            suggested_at=timezone.now()
        )
        if not claimed:
            return 0
        # ignore_conflicts: a row already on the span (the unique constraint) is kept as it is.
        Suggestion.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return len(rows)


def revision_suggestions_compute_after_commit(revision_id: int) -> None:
    """Have the revision's suggestions computed once the transaction that made it commits (a
    failed send is logged and left to the sweep)."""
    from annotations.tasks import revision_suggestions_task  # the task imports services

    task_send_after_commit(
        lambda: revision_suggestions_task.delay(revision_id),
        what=f"the suggestions of revision {revision_id}",
    )


def unsuggested_revisions_sweep(
    *, older_than: datetime.timedelta = datetime.timedelta(minutes=2)
) -> list[int]:
    """Send the suggestions of revisions still without them after a while again; their ids
    (computing a revision twice stores nothing more, see revision_suggestions_compute)."""
    from annotations.tasks import revision_suggestions_task

    return revisions_unfinished_resend(
        done_field="suggested_at",
        send=revision_suggestions_task.delay,
        what="the suggestions",
        older_than=older_than,
    )

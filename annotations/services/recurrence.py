"""Writes for recurrence: finding the sentences of an article that state a claim already
checked (by the desk or another fact-checker), and editors confirming or dismissing them.

The scan (`revision_claims_scan`, run by a task when an article is imported or a revision
added, and by the sweep for any revision left unscanned) splits the revision's text into
sentences (core.sentences), matches each against the desk's claims (the rule the suggestions
and the unit page use too: selectors.claim_matching) and keeps the "same claim"
matches (at least the desk's same-claim threshold, no fact differing) whose claim has a
published desk verdict or an external fact-check. Each becomes a pending SuggestedAppearance.

Safe to run twice: the database holds one appearance per revision, claim and span, and the
scan never touches one it finds there, so a dismissed appearance stays dismissed and a
confirmed one confirmed. A sentence already decided for that claim on the article (confirmed
or dismissed on an earlier revision, same wording) is not suggested again, nor one a unit
linked to the claim already covers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from annotations.core.claims.matching import Match
from annotations.core.sentences import Sentence
from annotations.core.suggestions.checkworthiness import candidates_split
from annotations.errors import DomainError
from annotations.models import (
    Annotation,
    ArticleRevision,
    ClaimLink,
    ClaimUnit,
    Notification,
    SuggestedAppearance,
)
from annotations.permissions import Permission, require
from annotations.selectors.appearances import any_claim_checked, claims_checked
from annotations.selectors.articles import revision_latest
from annotations.selectors.claim_matching import claims_match_many
from annotations.services.claims import claim_link
from annotations.services.notifications import notification_event_send
from annotations.services.queueing import revisions_unfinished_resend, task_send_after_commit

Status = SuggestedAppearance.Status
# Matches kept per sentence: the matcher's best few, of which only "same claim" ones count.
MATCHES_PER_SENTENCE = 3
# Sentences (and clauses) shorter than this many words ("Yes.", "He said so.") state no
# checkable claim and only give the lexical stage chance hits; longer than the similar-claims
# API accepts, they are a list or a table rather than a sentence.
MIN_SENTENCE_WORDS = 4
MAX_SENTENCE_CHARACTERS = 2_000


@dataclass(frozen=True)
class ScanHit:
    sentence: Sentence
    match: Match


def _matchable(span: Sentence) -> bool:
    return (
        len(span.text.split()) >= MIN_SENTENCE_WORDS and len(span.text) <= MAX_SENTENCE_CHARACTERS
    )


def _sentences_to_match(text: str, language: str) -> list[tuple[Sentence, list[Sentence]]]:
    """Each sentence worth matching with its clauses (none when it is a single statement):
    a long sentence that states a checked claim in one of its clauses ("The leader spoke for an
    hour in Leeds; since 2020, unemployment has doubled, she said.") does not read as the claim
    as a whole. The clauses are the suggestions' candidates (core.suggestions.checkworthiness)."""
    groups: dict[int, list[Sentence]] = {}
    for candidate in candidates_split(text, language=language):
        groups.setdefault(candidate.sentence_start, []).append(
            Sentence(candidate.start, candidate.end, candidate.text)
        )
    found = []
    for clauses in groups.values():
        start, end = clauses[0].start, clauses[-1].end
        sentence = Sentence(start, end, text[start:end])
        parts = [clause for clause in clauses if _matchable(clause)] if len(clauses) > 1 else []
        if _matchable(sentence) or parts:
            found.append((sentence, parts))
    return found


def _hits(revision: ArticleRevision) -> list[ScanHit]:
    """The revision's sentences that state a checked claim; a claim one of a sentence's
    clauses states is suggested on that clause (its best), the narrowest span that states it
    (the whole sentence may state it too: it holds the clause's words)."""
    if not any_claim_checked():  # a new desk: no sentence to split, no index to load
        return []
    sentences = _sentences_to_match(revision.text, revision.article.language)
    spans = [
        span
        for sentence, parts in sentences
        for span in ([sentence] if _matchable(sentence) else []) + parts
    ]
    answers = dict(
        zip(
            ((span.start, span.end) for span in spans),
            claims_match_many([span.text for span in spans], limit=MATCHES_PER_SENTENCE),
            strict=True,
        )
    )
    same: list[ScanHit] = []
    for sentence, parts in sentences:
        best: dict[int, ScanHit] = {}
        for part in parts:
            for match in answers[(part.start, part.end)]:
                if not match.same_claim:
                    continue
                if match.claim_id not in best or match.score > best[match.claim_id].match.score:
                    best[match.claim_id] = ScanHit(part, match)
        same.extend(best.values())
        whole = answers.get((sentence.start, sentence.end), [])
        same.extend(
            ScanHit(sentence, match)
            for match in whole
            if match.same_claim and match.claim_id not in best
        )
    checked = claims_checked(hit.match.claim_id for hit in same)
    return [hit for hit in same if hit.match.claim_id in checked]


def _already_decided(revision: ArticleRevision, claim_ids: set[int]) -> tuple[set, list]:
    """What the scan must not suggest again: (claim id, sentence) pairs an editor confirmed or
    dismissed on this article, and (claim id, start, end) of units on this revision linked
    to one of the claims (either relation: an editor already said what the passage states)."""
    decided = set(
        SuggestedAppearance.objects.filter(article_id=revision.article_id, claim_id__in=claim_ids)
        .exclude(status=Status.PENDING)
        .values_list("claim_id", "sentence")
    )
    linked = list(
        ClaimLink.objects.filter(unit__article_id=revision.article_id, claim_id__in=claim_ids)
        .filter(Q(unit__revision=revision) | Q(unit__revision__isnull=True))
        .values_list("claim_id", "unit__start", "unit__end")
    )
    return decided, linked


def revision_claims_scan(*, revision_id: int) -> int:
    """Suggest the revision's sentences that state a checked claim as appearances to review;
    the number of new appearances. A revision that is no longer its article's latest is
    marked scanned without matching (its sentences are no longer in the article); a revision
    deleted meanwhile is nothing to do."""
    revision = ArticleRevision.objects.select_related("article").filter(pk=revision_id).first()
    if revision is None:
        return 0
    latest = revision_latest(revision.article)
    hits = _hits(revision) if latest is not None and latest.pk == revision.pk else []
    claim_ids = {hit.match.claim_id for hit in hits}
    with transaction.atomic():
        # One scan of a revision at a time (the task and the sweep may both run it): the
        # second waits here, then sees the first one's rows and adds nothing.
        ArticleRevision.objects.select_for_update().filter(pk=revision.pk).first()
        existing = set(
            SuggestedAppearance.objects.filter(revision=revision).values_list(
                "claim_id", "start", "end"
            )
        )
        decided, linked = _already_decided(revision, claim_ids)
        rows: dict[tuple[int, int, int], SuggestedAppearance] = {}
        for hit in hits:
            claim_id, start, end = hit.match.claim_id, hit.sentence.start, hit.sentence.end
            key = (claim_id, start, end)
            if (
                key in existing
                or key in rows
                or (claim_id, hit.sentence.text) in decided
                or any(c == claim_id and s < end and e > start for c, s, e in linked)
            ):
                continue
            rows[key] = SuggestedAppearance(
                article_id=revision.article_id,
                revision=revision,
                claim_id=claim_id,
                start=start,
                end=end,
                sentence=hit.sentence.text,
                score=hit.match.score,
                stage=hit.match.stage,
            )
        bulk_create_with_history(list(rows.values()), SuggestedAppearance, batch_size=500)
        if rows:
            notification_event_send(kind=Notification.Kind.CLAIM_REAPPEARED, object_id=revision.pk)
        ArticleRevision.objects.filter(pk=revision.pk).update(claims_scanned_at=timezone.now())
    return len(rows)


def revision_claims_scan_after_commit(revision_id: int) -> None:
    """Have the revision scanned once the transaction that made it commits (a failed send is
    logged and left to the sweep)."""
    from annotations.tasks import revision_claims_scan_task  # the task imports services

    task_send_after_commit(
        lambda: revision_claims_scan_task.delay(revision_id),
        what=f"the claims scan of revision {revision_id}",
    )


def unscanned_revisions_sweep(
    *, older_than: datetime.timedelta = datetime.timedelta(minutes=2)
) -> list[int]:
    """Send the scan of revisions still unscanned after a while again; their ids (scanning a
    revision twice adds nothing, see revision_claims_scan)."""
    from annotations.tasks import revision_claims_scan_task

    return revisions_unfinished_resend(
        done_field="claims_scanned_at",
        send=revision_claims_scan_task.delay,
        what="the claims scan",
        older_than=older_than,
    )


def _pending_locked(appearance: SuggestedAppearance) -> SuggestedAppearance:
    locked = (
        SuggestedAppearance.objects.select_for_update()
        .select_related("claim", "revision")
        .filter(pk=appearance.pk)
        .first()
    )
    if locked is None:
        raise DomainError(
            gettext("This appearance no longer exists."), code="appearance_gone", status=404
        )
    if locked.status != Status.PENDING:
        raise DomainError(
            gettext("This appearance was already %(status)s.")
            % {"status": str(locked.get_status_display()).lower()},
            code="appearance_resolved",
            status=409,
        )
    return locked


def _resolve(appearance: SuggestedAppearance, status: str, editor: User) -> None:
    appearance.status, appearance.resolved_by, appearance.resolved_at = (
        status,
        editor,
        timezone.now(),
    )
    appearance._history_user = editor  # type: ignore[attr-defined]  # simple_history records the author
    appearance.save(update_fields=["status", "resolved_by", "resolved_at", "unit"])


def _unit_on_span(appearance: SuggestedAppearance, editor: User) -> ClaimUnit:
    """The claim unit that states the sentence: of the article's units on its revision, the
    one overlapping it most (not one rejected as not a checkable claim); else a new manual
    unit on exactly the sentence, as an editor's split makes one."""
    overlapping = (
        ClaimUnit.objects.filter(
            article_id=appearance.article_id,
            kind=Annotation.Kind.CLAIM,
            start__lt=appearance.end,
            end__gt=appearance.start,
        )
        .filter(Q(revision_id=appearance.revision_id) | Q(revision__isnull=True))
        .exclude(status=ClaimUnit.Status.REJECTED)
    )
    best = max(
        overlapping,
        key=lambda u: (min(u.end, appearance.end) - max(u.start, appearance.start), -u.pk),
        default=None,
    )
    if best is not None:
        return best
    unit = ClaimUnit(
        article_id=appearance.article_id,
        revision_id=appearance.revision_id,
        kind=Annotation.Kind.CLAIM,
        start=appearance.start,
        end=appearance.end,
        is_manual=True,
    )
    unit._history_user = editor  # type: ignore[attr-defined]  # simple_history records the author
    unit.save()
    return unit


def appearance_confirm(*, appearance: SuggestedAppearance, editor: User) -> SuggestedAppearance:
    """The sentence does state the claim: its unit (found on the span, or made) is linked
    "same" to the claim, so the article becomes one of the claim's appearances and shares its
    verdict. 409 if the appearance was resolved already, if the article has a newer revision
    since (its scan suggests the sentence again if it is still there), or if the unit on the
    span is linked to another claim (unlink it on its page first)."""
    require(editor, Permission.Appearance.REVIEW, appearance)
    with transaction.atomic():
        locked = _pending_locked(appearance)
        latest = revision_latest(locked.revision.article)
        if latest is None or latest.pk != locked.revision_id:
            raise DomainError(
                gettext(
                    "The article has a newer version since this was found: review the "
                    "appearances found on it instead."
                ),
                code="appearance_outdated",
                status=409,
            )
        unit = _unit_on_span(locked, editor)
        link = ClaimLink.objects.filter(unit=unit).first()
        if link is not None and link.claim_id != locked.claim_id:
            raise DomainError(
                gettext(
                    "The passage's unit is linked to another claim (C%(claim)s): unlink it "
                    "on the unit's page first, or dismiss this suggestion."
                )
                % {"claim": link.claim_id},
                code="unit_linked_elsewhere",
                status=409,
            )
        claim_link(unit=unit, claim=locked.claim, relation=ClaimLink.Relation.SAME, editor=editor)
        locked.unit = unit
        _resolve(locked, Status.CONFIRMED, editor)
    return locked


def appearance_dismiss(*, appearance: SuggestedAppearance, editor: User) -> SuggestedAppearance:
    """The sentence does not state the claim: the suggestion is closed, and a rescan of the
    article does not make it again (409 if it was resolved already)."""
    require(editor, Permission.Appearance.REVIEW, appearance)
    with transaction.atomic():
        locked = _pending_locked(appearance)
        _resolve(locked, Status.DISMISSED, editor)
    return locked

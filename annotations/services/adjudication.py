"""Writes for the review queue: deciding claim units, publishing and correcting verdicts,
merging, splitting, rejecting and sending back units.

Every change names the unit version the editor saw. The version check is a conditional UPDATE
(`... WHERE version = seen`): of two editors saving at once, PostgreSQL makes the second wait
for the first, then finds the version moved on and the second gets a 409 — nothing is lost or
silently overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from annotations.core.addresses import distinct_by_url
from annotations.core.languages import language_tag_clean, verdict_language
from annotations.errors import DomainError
from annotations.models import (
    Annotation,
    Claim,
    ClaimChange,
    ClaimLink,
    ClaimUnit,
    Comment,
    Correction,
    Notification,
    Source,
    Verdict,
    VerdictLabel,
    WebhookSubscription,
)
from annotations.permissions import Permission, require
from annotations.services.agreement import article_agreement_mark_changed
from annotations.services.claim_changes import (
    FLAGGED_STATUSES,
    claim_change_confirmable,
    claim_change_resolve,
)
from annotations.services.discussion import unit_note_post
from annotations.services.notifications import notification_event_send
from annotations.services.webhooks import webhook_event_record

Status = ClaimUnit.Status
Event = WebhookSubscription.Event
CLAIM_REVIEWED_RECOMMENDED = 75
WITHDRAWAL_NOTE_MAX = 5_000

# Which statuses each action starts from: the services enforce these, and pages ask
# unit_actions_allowed rather than repeating them.
ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    "start": (Status.NEEDS_REVIEW, Status.MORE_REVIEWS),
    "decide": (*ClaimUnit.OPEN_STATUSES, Status.DECIDED, Status.UNPUBLISHED),
    "publish": (Status.DECIDED, Status.UNPUBLISHED),
    "unpublish": (Status.PUBLISHED,),
    "correct": (Status.PUBLISHED,),
    "reject": ClaimUnit.OPEN_STATUSES,
    "send_back": ClaimUnit.OPEN_STATUSES,
    "merge": ClaimUnit.OPEN_STATUSES,
    "split": ClaimUnit.OPEN_STATUSES,
    "confirm_claim": FLAGGED_STATUSES,
}


def unit_actions_allowed(
    unit: ClaimUnit, *, has_verdict: bool, claim_changed: bool = False
) -> frozenset[str]:
    """The actions an editor may take on the unit now (publishing needs a verdict; confirming
    a changed claim needs one to confirm, and a changed claim is not published unconfirmed)."""
    allowed = {action for action, statuses in ALLOWED_FROM.items() if unit.status in statuses}
    if not has_verdict:
        allowed -= {"publish", "unpublish", "correct"}
    if claim_changed:
        allowed -= {"publish"}
    else:
        allowed -= {"confirm_claim"}
    return frozenset(allowed)


@dataclass(frozen=True)
class VerdictInput:
    label: VerdictLabel
    claim_reviewed: str
    explanation: str = ""
    claimant: str = ""
    source_ids: Sequence[int] = ()
    # Person or Organization (ClaimReview's itemReviewed.author); "": the desk's list says.
    claimant_type: str = ""
    # The language it is written in (a BCP 47 tag); "": detected from its text, else its
    # article's (verdict_language_of).
    language: str = ""


def unit_advance(
    unit: ClaimUnit,
    *,
    editor: User,
    seen_version: int,
    allowed: Sequence[str],
    status: str | None = None,
) -> ClaimUnit:
    """Move the unit to its next version (and status) if nobody changed it since `seen_version`.

    Must run inside a transaction; the caller's further writes commit with it.
    """
    changes: dict[str, object] = {"version": F("version") + 1, "modified": timezone.now()}
    if status is not None:
        changes["status"] = status
    advanced = ClaimUnit.objects.filter(
        pk=unit.pk, version=seen_version, status__in=allowed
    ).update(**changes)
    if not advanced:
        current = ClaimUnit.objects.filter(pk=unit.pk).values("version", "status").first()
        if current is None:
            raise DomainError(gettext("This unit no longer exists."), code="unit_gone", status=404)
        if current["version"] != seen_version:
            raise DomainError(
                gettext(
                    "Someone else changed this unit while you were working on it. "
                    "Reload to see their change; yours was not saved."
                ),
                code="version_conflict",
                status=409,
            )
        raise DomainError(
            gettext("This unit is %(status)s: that action is not possible now.")
            % {"status": str(ClaimUnit.Status(current["status"]).label).lower()},
            code="unit_status",
            status=409,
        )
    unit.refresh_from_db()
    _history_record(unit, editor)
    return unit


def _history_record(unit: ClaimUnit, editor: User | None) -> None:
    """Write the unit's history row for a change made with a conditional UPDATE (which the
    history's save signal does not see), attributed to the editor."""
    unit._history_user = editor  # type: ignore[attr-defined]  # simple_history records it as the author
    unit.save(update_fields=["modified"])


def verdict_language_of(unit: ClaimUnit, verdict: VerdictInput) -> str:
    """The language `verdict` is written in: the editor's, else the one its claim as reviewed
    and explanation say with confidence, else its article's (core.languages.verdict_language).
    A language that is not a BCP 47 tag is a 400."""
    if verdict.language.strip():
        tag = language_tag_clean(verdict.language)
        if not tag:
            raise DomainError(
                gettext('Not a language tag: give one such as "en", "fr", "ar" or "pt-BR".'),
                code="invalid_language",
                field="language",
            )
        return tag
    return verdict_language(
        claim_reviewed=verdict.claim_reviewed,
        explanation=verdict.explanation,
        inherited=unit.article.language,
    )


def _verdict_validate(unit: ClaimUnit, verdict: VerdictInput) -> list[Source]:
    if not verdict.claim_reviewed.strip():
        raise DomainError(
            gettext("Say what claim was checked."),
            code="claim_reviewed_empty",
            field="claim_reviewed",
        )
    sources = list(
        Source.objects.filter(pk__in=verdict.source_ids, annotation__unit=unit).distinct()
    )
    if len(sources) != len(set(verdict.source_ids)):
        raise DomainError(
            gettext("Cite only sources that this unit's reviewers gave."),
            code="source_not_in_unit",
            field="sources",
        )
    # Two reviewers citing the same page give two Source rows: the verdict cites the page once
    # (readers and feeds would see it twice), the row with a title if one has it.
    sources.sort(key=lambda source: (not source.title, source.pk))
    return distinct_by_url(sources, lambda source: source.url)


def unit_adjudication_start(*, unit: ClaimUnit, editor: User, seen_version: int) -> ClaimUnit:
    """An editor takes the unit: it shows as in adjudication to the other editors."""
    require(editor, Permission.Unit.ADJUDICATE, unit)
    with transaction.atomic():
        return unit_advance(
            unit,
            editor=editor,
            seen_version=seen_version,
            allowed=ALLOWED_FROM["start"],
            status=Status.IN_ADJUDICATION,
        )


def unit_decide(
    *, unit: ClaimUnit, editor: User, seen_version: int, verdict: VerdictInput
) -> Verdict:
    """Record the final verdict on an open or decided (not yet published) unit."""
    require(editor, Permission.Unit.ADJUDICATE, unit)
    sources = _verdict_validate(unit, verdict)
    language = verdict_language_of(unit, verdict)
    with transaction.atomic():
        unit_advance(
            unit,
            editor=editor,
            seen_version=seen_version,
            allowed=ALLOWED_FROM["decide"],
            status=Status.DECIDED,
        )
        decided, _ = Verdict.objects.update_or_create(
            unit=unit,
            defaults={
                "label": verdict.label,
                "claim_reviewed": verdict.claim_reviewed.strip(),
                "explanation": verdict.explanation,
                "language": language,
                "claimant": verdict.claimant.strip(),
                "claimant_type": verdict.claimant_type,
                "decided_by": editor,
                "decided_at": timezone.now(),
                "is_published": False,
            },
        )
        decided.sources.set(sources)
        if Annotation.objects.filter(unit=unit).exclude(verdict=verdict.label).exists():
            # Reviewers whose verdict differed hear of it (an agreed decision is no news).
            notification_event_send(kind=Notification.Kind.VERDICT_DIFFERED, object_id=unit.pk)
        # Deciding again on the passage as it now reads answers a changed claim.
        claim_change_resolve(unit=unit, editor=editor, resolution=ClaimChange.Resolution.CORRECTED)
        article_agreement_mark_changed(article_id=unit.article_id)
    return decided


def verdict_publish(*, verdict: Verdict, editor: User, seen_version: int) -> Verdict:
    """Publish a decided verdict: from now on the export API serves it. Not while its claim
    changed under it: the editor confirms or decides again first."""
    require(editor, Permission.Verdict.PUBLISH, verdict)
    with transaction.atomic():
        if ClaimChange.objects.filter(unit_id=verdict.unit_id, resolved_at__isnull=True).exists():
            raise DomainError(
                gettext(
                    "The article's passage changed since this verdict was given. Confirm the "
                    "verdict still holds, or decide again, before publishing."
                ),
                code="claim_changed",
                status=409,
            )
        unit_advance(
            verdict.unit,
            editor=editor,
            seen_version=seen_version,
            allowed=ALLOWED_FROM["publish"],
            status=Status.PUBLISHED,
        )
        now = timezone.now()
        verdict.is_published = True
        verdict.published_at = now
        verdict.first_published_at = verdict.first_published_at or now
        verdict.withdrawn_at = None
        verdict.withdrawal_note = ""
        verdict.save()
        webhook_event_record(event_type=Event.VERDICT_PUBLISHED, verdict_ids=[verdict.pk])
    return verdict


def verdict_unpublish(
    *, verdict: Verdict, editor: User, seen_version: int, note: str = ""
) -> Verdict:
    """Withdraw a published verdict; it stays decided and can be published again. Its public
    page then answers 410 with the date and `note`, the editor's word to readers (optional)."""
    require(editor, Permission.Verdict.PUBLISH, verdict)
    if len(note) > WITHDRAWAL_NOTE_MAX:
        raise DomainError(
            gettext("The note for readers is %(length)s characters long; at most %(limit)s fit.")
            % {"length": len(note), "limit": WITHDRAWAL_NOTE_MAX},
            code="note_too_long",
            field="note",
        )
    with transaction.atomic():
        unit_advance(
            verdict.unit,
            editor=editor,
            seen_version=seen_version,
            allowed=ALLOWED_FROM["unpublish"],
            status=Status.UNPUBLISHED,
        )
        verdict.is_published = False
        verdict.withdrawn_at = timezone.now()
        verdict.withdrawal_note = note.strip()
        verdict.save()
        claim_change_resolve(
            unit=verdict.unit, editor=editor, resolution=ClaimChange.Resolution.UNPUBLISHED
        )
        webhook_event_record(event_type=Event.VERDICT_WITHDRAWN, verdict_ids=[verdict.pk])
    return verdict


def _verdict_snapshot(verdict: Verdict) -> dict[str, object]:
    return {
        "label": verdict.label.slug,
        "claim_reviewed": verdict.claim_reviewed,
        "explanation": verdict.explanation,
        "language": verdict.language,
        "claimant": verdict.claimant,
        "claimant_type": verdict.claimant_type,
        "sources": sorted(verdict.sources.values_list("url", flat=True)),
        "published_at": verdict.published_at.isoformat() if verdict.published_at else None,
    }


def _correction_agrees_with_claim(verdict: Verdict, label: VerdictLabel) -> None:
    """A claim shows one desk verdict (docs/claims.md): a correction that would give a unit
    linked "same" another label than a published verdict of another of the claim's appearances
    is refused, naming the claim. The editor unlinks the unit, or relinks it "related", first.
    Only a change of label is checked: an earlier disagreement does not block other fixes."""
    if label.pk == verdict.label_id:
        return
    link = (
        ClaimLink.objects.filter(unit_id=verdict.unit_id, relation=ClaimLink.Relation.SAME)
        .select_related("claim")
        .first()
    )
    if link is None:
        return
    # Two corrections of two appearances at once: the second waits here for the first (as a
    # link does, services.claims) and then sees its label.
    list(Claim.objects.select_for_update().filter(pk=link.claim_id).values_list("pk"))
    other = (
        Verdict.objects.filter(
            is_published=True,
            unit__claim_link__claim_id=link.claim_id,
            unit__claim_link__relation=ClaimLink.Relation.SAME,
        )
        .exclude(unit_id=verdict.unit_id)
        .exclude(label_id=label.pk)
        .select_related("label")
        .first()
    )
    if other is None:
        return
    raise DomainError(
        gettext(
            "This unit states claim %(claim)s (“%(text)s”), whose other appearances were "
            "published as %(other_label)s: unlink the unit, or relink it as related, before "
            "correcting it to %(label)s."
        )
        % {
            "claim": link.claim_id,
            "text": link.claim.text[:80],
            "other_label": other.label.name,
            "label": label.name,
        },
        code="verdict_conflict",
        field="label",
        status=409,
    )


def verdict_correct(
    *,
    verdict: Verdict,
    editor: User,
    seen_version: int,
    note: str,
    changes: VerdictInput,
) -> Correction:
    """Correct a published verdict: keep the earlier version and a note readers can see."""
    require(editor, Permission.Verdict.CORRECT, verdict)
    if not note.strip():
        raise DomainError(
            gettext("A correction needs a note for readers."), code="note_empty", field="note"
        )
    sources = _verdict_validate(verdict.unit, changes)
    language = verdict_language_of(verdict.unit, changes)
    with transaction.atomic():
        unit_advance(
            verdict.unit, editor=editor, seen_version=seen_version, allowed=ALLOWED_FROM["correct"]
        )
        _correction_agrees_with_claim(verdict, changes.label)
        correction = Correction.objects.create(
            verdict=verdict,
            note=note.strip(),
            previous=_verdict_snapshot(verdict),
            corrected_by=editor,
        )
        verdict.label = changes.label
        verdict.claim_reviewed = changes.claim_reviewed.strip()
        verdict.explanation = changes.explanation
        verdict.language = language
        verdict.claimant = changes.claimant.strip()
        verdict.claimant_type = changes.claimant_type
        verdict.save()
        verdict.sources.set(sources)
        claim_change_resolve(
            unit=verdict.unit, editor=editor, resolution=ClaimChange.Resolution.CORRECTED
        )
        webhook_event_record(event_type=Event.VERDICT_CORRECTED, verdict_ids=[verdict.pk])
    return correction


def claim_change_confirm(*, unit: ClaimUnit, editor: User, seen_version: int) -> None:
    """The editor checked the changed passage: the verdict still holds as it is. Recorded in
    the claim change's history (who, when); the unit's version moves on like any action."""
    require(editor, Permission.Unit.ADJUDICATE, unit)
    with transaction.atomic():
        unit_advance(
            unit, editor=editor, seen_version=seen_version, allowed=ALLOWED_FROM["confirm_claim"]
        )
        claim_change_confirmable(unit=unit)
        resolved = claim_change_resolve(
            unit=unit, editor=editor, resolution=ClaimChange.Resolution.CONFIRMED
        )
        if not resolved:
            raise DomainError(
                gettext("This claim has no change waiting to be confirmed."),
                code="no_claim_change",
                status=409,
            )


def unit_reject(*, unit: ClaimUnit, editor: User, seen_version: int, note: str = "") -> ClaimUnit:
    """Not a checkable claim: the unit leaves the queue without a verdict. The editor's
    `note`, if any, lands in the unit's discussion thread."""
    require(editor, Permission.Unit.ADJUDICATE, unit)
    with transaction.atomic():
        unit = unit_advance(
            unit,
            editor=editor,
            seen_version=seen_version,
            allowed=ALLOWED_FROM["reject"],
            status=Status.REJECTED,
        )
        unit_note_post(editor=editor, unit=unit, note=note, note_of=Comment.Note.REJECT)
    return unit


def unit_send_back(
    *, unit: ClaimUnit, editor: User, seen_version: int, note: str = ""
) -> ClaimUnit:
    """Ask for more independent reviews before deciding. The editor's `note`, if any, lands
    in the unit's discussion thread; the unit's reviewers are notified."""
    require(editor, Permission.Unit.ADJUDICATE, unit)
    with transaction.atomic():
        unit = unit_advance(
            unit,
            editor=editor,
            seen_version=seen_version,
            allowed=ALLOWED_FROM["send_back"],
            status=Status.MORE_REVIEWS,
        )
        unit_note_post(editor=editor, unit=unit, note=note, note_of=Comment.Note.SEND_BACK)
        notification_event_send(
            kind=Notification.Kind.SEND_BACK, object_id=unit.pk, occurrence=f"v{unit.version}"
        )
    return unit


def units_merge(
    *,
    unit: ClaimUnit,
    other: ClaimUnit,
    editor: User,
    seen_version: int,
    other_seen_version: int,
) -> ClaimUnit:
    """Fold `other` into `unit` (the same claim, grouped apart). Both must still be open."""
    require(editor, Permission.Unit.ADJUDICATE, unit)
    if unit.pk == other.pk or unit.article_id != other.article_id:
        raise DomainError(
            gettext("Only two different units of the same article can be merged."),
            code="merge_invalid",
        )
    with transaction.atomic():
        unit_advance(unit, editor=editor, seen_version=seen_version, allowed=ALLOWED_FROM["merge"])
        unit_advance(
            other, editor=editor, seen_version=other_seen_version, allowed=ALLOWED_FROM["merge"]
        )
        reviewers = set(unit.annotations.values_list("reviewer_id", flat=True))
        if reviewers & set(other.annotations.values_list("reviewer_id", flat=True)):
            raise DomainError(
                gettext(
                    "A reviewer highlighted both: merged, the unit would count their vote twice."
                ),
                code="merge_same_reviewer",
                status=409,
            )
        Annotation.objects.filter(unit=other).update(unit=unit)
        ClaimUnit.objects.filter(pk=unit.pk).update(
            is_manual=True,
            start=min(unit.start, other.start),
            end=max(unit.end, other.end),
        )
        other._history_user = editor  # type: ignore[attr-defined]  # simple_history records it as the author
        other.delete()
        article_agreement_mark_changed(article_id=unit.article_id)
    unit.refresh_from_db()
    _history_record(unit, editor)
    return unit


def unit_split(
    *,
    unit: ClaimUnit,
    annotation_ids: Sequence[int],
    editor: User,
    seen_version: int,
) -> ClaimUnit:
    """Move some of the unit's highlights into a unit of their own; returns the new unit."""
    require(editor, Permission.Unit.ADJUDICATE, unit)
    members = {a.pk: a for a in unit.annotations.all()}
    moving = [members[pk] for pk in set(annotation_ids) if pk in members]
    if len(moving) != len(set(annotation_ids)) or not moving or len(moving) == len(members):
        raise DomainError(
            gettext("Choose some, but not all, of this unit's highlights to split off."),
            code="split_invalid",
            field="annotations",
        )
    with transaction.atomic():
        unit_advance(unit, editor=editor, seen_version=seen_version, allowed=ALLOWED_FROM["split"])
        new_unit = ClaimUnit(
            article_id=unit.article_id,
            revision_id=unit.revision_id,
            kind=moving[0].kind,
            start=min(a.start for a in moving),
            end=max(a.end for a in moving),
            is_manual=True,
        )
        new_unit._history_user = editor  # type: ignore[attr-defined]  # simple_history records it as the author
        new_unit.save()
        Annotation.objects.filter(pk__in=[a.pk for a in moving]).update(unit=new_unit)
        staying = [a for pk, a in members.items() if pk not in {m.pk for m in moving}]
        ClaimUnit.objects.filter(pk=unit.pk).update(
            is_manual=True,
            start=min(a.start for a in staying),
            end=max(a.end for a in staying),
        )
        unit.refresh_from_db()
        _history_record(unit, editor)
        article_agreement_mark_changed(article_id=unit.article_id)
    return new_unit

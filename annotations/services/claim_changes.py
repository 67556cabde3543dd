"""Writes for claim changes: flagging a unit whose passage changed in fact under its verdict
(a new revision said "224 civilians" where the verdict was given on "219"), and resolving
the flag when an editor confirms, corrects or unpublishes the verdict.

Editors confirm through adjudication.claim_change_confirm (version-checked like every unit
action); correcting, re-deciding and unpublishing resolve the flag on their way.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from annotations.core.facts import Difference, facts_compare, facts_still_stated
from annotations.errors import DomainError
from annotations.models import ArticleRevision, ClaimChange, ClaimUnit, Notification, Verdict
from annotations.services.notifications import notification_event_send
from annotations.text_lists import text_list

Status = ClaimUnit.Status
# Units that carry a verdict: what a changed passage can contradict. A unit in adjudication
# has none yet (its editor reads the new passage); a rejected one never will.
FLAGGED_STATUSES = (Status.DECIDED, Status.PUBLISHED, Status.UNPUBLISHED)


def claim_change_record(
    *, unit: ClaimUnit, revision: ArticleRevision, old_passage: str, new_passage: str
) -> ClaimChange | None:
    """Flag the unit if its passage on `revision` states other facts than the passage its
    verdict was given on; the open flag, or None. Runs inside the caller's transaction.

    The passage the verdict was given on is the open flag's old passage if there is one
    (a second revision is compared with what the verdict said, not with the first change),
    else `old_passage`. Safe to run twice for the same revision: it finds what it made, and
    a flag an editor resolved for this revision is not raised again.
    """
    if unit.status not in FLAGGED_STATUSES:
        return None
    open_change = ClaimChange.objects.filter(unit=unit, resolved_at__isnull=True).first()
    if open_change is not None and open_change.revision_id == revision.pk:
        return open_change
    if ClaimChange.objects.filter(unit=unit, revision=revision).exists():
        return None
    baseline = open_change.old_passage if open_change is not None else old_passage
    differences = facts_compare(baseline, new_passage)
    if open_change is not None:
        # Replaced by the comparison with this revision (or moot: the facts came back).
        _resolve(open_change, None, ClaimChange.Resolution.SUPERSEDED)
    if not differences:
        return None
    change = ClaimChange.objects.create(
        unit=unit,
        revision=revision,
        old_passage=baseline,
        new_passage=new_passage,
        differences=[difference.as_dict() for difference in differences],
    )
    # A new version: an editor who loaded the unit before the flag gets a 409 rather than
    # deciding on a passage they did not see, and cached copies (ETags) go stale.
    ClaimUnit.objects.filter(pk=unit.pk).update(version=F("version") + 1)
    if unit.status == Status.PUBLISHED:
        notification_event_send(kind=Notification.Kind.CLAIM_CHANGED, object_id=change.pk)
    return change


def claim_change_resolve(*, unit: ClaimUnit, editor: User | None, resolution: str) -> bool:
    """Resolve the unit's open flag, if any, recording who and how; whether there was one.
    Runs inside the caller's transaction (the editor's action on the unit)."""
    open_change = ClaimChange.objects.filter(unit=unit, resolved_at__isnull=True).first()
    if open_change is None:
        return False
    _resolve(open_change, editor, resolution)
    return True


def claim_change_confirmable(*, unit: ClaimUnit) -> None:
    """Refuse to confirm a verdict whose own claim still states a fact the article changed:
    readers would see "219 civilians" above a passage that now says 224. Correcting it is the
    way (its claim, and its rating if need be), and a correction is shown to readers."""
    change = ClaimChange.objects.filter(unit=unit, resolved_at__isnull=True).first()
    verdict = Verdict.objects.filter(unit=unit).first()
    if change is None or verdict is None:
        return
    stale = facts_still_stated(
        verdict.claim_reviewed, [Difference(**item) for item in change.differences]
    )
    if stale:
        said = text_list(
            gettext("“%(old)s” (now “%(new)s”)") % {"old": d.old, "new": d.new}
            if d.new
            else gettext("“%(old)s”") % {"old": d.old}
            for d in stale
        )
        raise DomainError(
            gettext(
                "The verdict's claim still says %(said)s: correct the verdict instead of "
                "confirming it, so that its claim matches the article and readers see the "
                "correction."
            )
            % {"said": said},
            code="claim_text_outdated",
            status=409,
        )


def _resolve(change: ClaimChange, editor: User | None, resolution: str) -> None:
    change.resolution = resolution
    change.resolved_at = timezone.now()
    change.resolved_by = editor
    change._history_user = editor  # type: ignore[attr-defined]  # simple_history records it as the author
    change.save(update_fields=["resolution", "resolved_at", "resolved_by"])

"""Writes for claims across articles: an editor links a claim unit to a known claim ("same
claim" or "related, different facts"), makes a new claim from a unit, unlinks it, or undoes
the last link change.

A link is an editorial change to the unit: it names the unit version the editor saw (when
given), moves the unit to its next version, and is refused on a unit rejected as not a
checkable claim. Every link, relink and unlink writes a ClaimLink history row attributed to
the editor; `claim_link_undo` puts back the state before the last of them.

"Same claim" shares the verdict rather than copying it: the claim's desk verdict is the
published verdict of its "same" units (selectors.claim_verdict), and a unit linked "same"
shows it. A unit whose own published verdict has another label than the claim's is refused
as "same" (link it as "related", or correct one of the verdicts first).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext

from annotations.core.claims.matching import matching_fields
from annotations.core.facts import facts_as_json
from annotations.core.languages import claim_language
from annotations.core.text import passage_as_claim
from annotations.errors import DomainError
from annotations.models import Claim, ClaimLink, ClaimUnit, Verdict
from annotations.permissions import Permission, require
from annotations.selectors.claims import claim_verdict
from annotations.selectors.units import unit_passage_as_checked

# The conditional version update every editorial change to a unit makes (409 on a stale
# version, 404 on a deleted unit, 409 on a status the change does not start from).
from annotations.services.adjudication import unit_advance

Relation = ClaimLink.Relation
# A unit rejected as not a checkable claim states no claim to link.
LINKABLE_STATUSES = tuple(s for s in ClaimUnit.Status if s != ClaimUnit.Status.REJECTED)


def _unit_version(unit: ClaimUnit, seen_version: int | None) -> int:
    """The version the change is checked against: the one the editor saw, or (none given)
    the unit's current one, read under a row lock so a concurrent change waits."""
    if seen_version is not None:
        return seen_version
    current = (
        ClaimUnit.objects.select_for_update().filter(pk=unit.pk).values_list("version", flat=True)
    )
    version = current.first()
    if version is None:
        raise DomainError(gettext("This unit no longer exists."), code="unit_gone", status=404)
    return version


def _claim_locked(claim: Claim) -> Claim:
    found = Claim.objects.select_for_update().filter(pk=claim.pk).first() if claim.pk else None
    if found is None:
        raise DomainError(gettext("There is no such claim."), code="claim_unknown", field="claim")
    return found


def _verdicts_agree(unit: ClaimUnit, claim: Claim) -> None:
    own = Verdict.objects.filter(unit=unit, is_published=True).select_related("label").first()
    theirs = claim_verdict(claim)
    if own is None or theirs is None or theirs.unit_id == unit.pk:
        return
    if own.label_id != theirs.label_id:
        raise DomainError(
            gettext(
                "This unit's published verdict (%(own)s) differs from the claim's "
                "(%(theirs)s): link it as related, or correct one of the verdicts first."
            )
            % {"own": own.label.name, "theirs": theirs.label.name},
            code="verdict_conflict",
            field="relation",
            status=409,
        )


def claim_matching_fields_fill(claims: Sequence[Claim], *, with_facts: bool = True) -> None:
    """Set on each claim (unsaved) what the matcher reads from it: its normal form, facts and
    embedding (docs/claims.md, "Matching at scale"). Every write of a claim's text goes through
    here, so the database's lexical index and each process's index see the text as it is.
    Facts cost ~10 ms a claim: a bulk import passes `with_facts=False` and they are extracted
    when a query first needs them."""
    fields = matching_fields([claim.text for claim in claims], with_facts=with_facts)
    for claim, stored in zip(claims, fields, strict=True):
        claim.normalised = stored.normalised
        claim.facts = facts_as_json(stored.facts) if stored.facts is not None else None
        claim.embedding = stored.vector


def _link_save(link: ClaimLink, editor: User) -> None:
    link._history_user = editor  # type: ignore[attr-defined]  # simple_history records the author
    link.save()


def claim_link(
    *,
    unit: ClaimUnit,
    claim: Claim,
    relation: str,
    editor: User,
    seen_version: int | None = None,
) -> ClaimLink:
    """Link `unit` to `claim` as the "same" claim (one of its appearances, sharing its verdict)
    or a "related" one; a unit already linked is relinked. Linking it again as it is changes
    nothing and moves no version."""
    require(editor, Permission.Claim.LINK, unit)
    if relation not in Relation.values:
        raise DomainError(
            gettext("Say whether the unit states the same claim or a related one."),
            code="relation_invalid",
            field="relation",
        )
    with transaction.atomic():
        claim = _claim_locked(claim)
        version = _unit_version(unit, seen_version)
        link = ClaimLink.objects.filter(unit=unit).first()
        if link is not None and (link.claim_id, link.relation) == (claim.pk, relation):
            return link
        if relation == Relation.SAME:
            _verdicts_agree(unit, claim)
        unit_advance(unit, editor=editor, seen_version=version, allowed=LINKABLE_STATUSES)
        link = link or ClaimLink(unit=unit)
        link.claim, link.relation, link.linked_by = claim, relation, editor
        link.linked_at = unit.modified
        _link_save(link, editor)
        return link


def claim_create_from_unit(
    *, unit: ClaimUnit, editor: User, text: str = "", seen_version: int | None = None
) -> Claim:
    """Keep the unit's claim as new: a claim worded as `text` (by default the unit's verdict's
    claim as checked, else its passage), with the unit linked as its first appearance."""
    require(editor, Permission.Claim.LINK, unit)
    verdict = Verdict.objects.filter(unit=unit).first()
    wording = (
        text.strip()
        or (verdict.claim_reviewed if verdict is not None else "")
        or passage_as_claim(unit_passage_as_checked(unit))
    )
    with transaction.atomic():
        claim = Claim(
            text=wording,
            language=claim_language(wording, inherited=unit.article.language),
            created_by=editor,
        )
        claim_matching_fields_fill([claim])
        claim._history_user = editor  # type: ignore[attr-defined]  # simple_history records the author
        claim.save()
        claim_link(
            unit=unit, claim=claim, relation=Relation.SAME, editor=editor, seen_version=seen_version
        )
    return claim


def claim_reword(*, claim: Claim, text: str, editor: User) -> Claim:
    """Change a claim's canonical wording (the matcher's stored fields with it). The claim keeps
    its links, appearances and verdict: rewording is for the same claim said better."""
    require(editor, Permission.Claim.LINK, claim)
    wording = text.strip()
    if not wording:
        raise DomainError(
            gettext("Give the claim's wording."), code="claim_text_empty", field="text"
        )
    with transaction.atomic():
        claim = _claim_locked(claim)
        if claim.text == wording:
            return claim
        claim.text = wording
        claim.language = claim_language(wording, inherited=claim.language)
        claim_matching_fields_fill([claim])
        claim._history_user = editor  # type: ignore[attr-defined]  # simple_history records the author
        claim.save()
    return claim


def claim_unlink(*, unit: ClaimUnit, editor: User, seen_version: int | None = None) -> None:
    """Take the unit out of its claim: it is no longer one of its appearances (or related)."""
    require(editor, Permission.Claim.LINK, unit)
    with transaction.atomic():
        version = _unit_version(unit, seen_version)
        link = ClaimLink.objects.select_for_update().filter(unit=unit).first()
        if link is None:
            raise DomainError(
                gettext("This unit is not linked to a claim."), code="not_linked", status=409
            )
        unit_advance(unit, editor=editor, seen_version=version, allowed=LINKABLE_STATUSES)
        link._history_user = editor  # type: ignore[attr-defined]  # simple_history records the author
        link.delete()


def claim_link_undo(
    *, unit: ClaimUnit, editor: User, seen_version: int | None = None
) -> ClaimLink | None:
    """Undo the unit's last link change, from the history: an unlink is linked again as it
    was, a first link is unlinked, a relink goes back to the claim and relation before it.
    Answers with the link as it now stands (None: unlinked)."""
    require(editor, Permission.Claim.LINK, unit)
    rows = list(ClaimLink.history.filter(unit_id=unit.pk).order_by("-history_id")[:2])
    if not rows:
        raise DomainError(
            gettext("This unit was never linked to a claim."), code="not_linked", status=409
        )
    last = rows[0]
    if last.history_type == "-":
        before = last
    elif last.history_type == "+":
        claim_unlink(unit=unit, editor=editor, seen_version=seen_version)
        return None
    else:
        before = rows[1]
    return claim_link(
        unit=unit,
        claim=Claim(pk=before.claim_id),
        relation=before.relation,
        editor=editor,
        seen_version=seen_version,
    )

"""Claim memory as the pages show it: the "Claim memory" section of a unit's adjudication page
(its link, or the claims its passage may state), and a claim's own page."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

from annotations.core.languages import claim_language
from annotations.models import ClaimLink, ClaimUnit, Source, Verdict
from annotations.permissions import Permission, can
from annotations.selectors.articles import User
from annotations.selectors.claim_matching import SimilarClaim, claims_similar
from annotations.selectors.claims import (
    claim_verdict,
    unit_claim_link,
    unit_link_changed_ever,
    verdicts_sources,
)

# What the matcher is asked at most: the similar endpoint's limit on `text`.
MATCH_TEXT_LIMIT = 2000
MATCHES_SHOWN = 5
# The matcher's stages (core/claims/matching.py STAGES), as the pages name them.
STAGE_NAMES = {
    "exact": pgettext_lazy("claim match stage", "exact"),
    "lexical": pgettext_lazy("claim match stage", "lexical"),
    "semantic": pgettext_lazy("claim match stage", "semantic"),
}


def match_stage_shown(stage: str) -> str:
    """The stage that found a match, in the reader's language (an unknown one as it is)."""
    return str(STAGE_NAMES.get(stage, stage))


@dataclass(frozen=True)
class ClaimMatchShown:
    """A claim the unit's passage may state, with its desk verdict's sources."""

    similar: SimilarClaim
    sources: list[Source]

    @property
    def claim(self) -> int:
        return self.similar.match.claim_id

    @property
    def stage(self) -> str:
        return match_stage_shown(self.similar.match.stage)


@dataclass(frozen=True)
class UnitClaimMemory:
    """The unit's place in the claim memory: its link (then the claim's verdict it shares when
    "same"), or else the claims its passage may state; and what the editor may do."""

    link: ClaimLink | None
    claim_verdict: Verdict | None
    matches: list[ClaimMatchShown]
    can_link: bool  # Permission.Claim.LINK, on a unit that states a claim (not rejected)
    can_undo: bool  # the unit has a link change to undo
    language: str = ""  # the passage's: its article's, unless its own words say another


def unit_claim_memory(user: User, unit: ClaimUnit, passage: str) -> UnitClaimMemory:
    """The unit page's "Claim memory" section. Its queries do not grow with the claims or the
    matches: the link, the history check, and the matcher's constant few (selectors)."""
    link = unit_claim_link(unit.pk)
    can_link = can(user, Permission.Claim.LINK, unit) and unit.status != ClaimUnit.Status.REJECTED
    shared = None
    matches: list[ClaimMatchShown] = []
    language = ""
    if link is not None:
        if link.relation == ClaimLink.Relation.SAME:
            shared = claim_verdict(link.claim)
    elif passage.strip():
        language = claim_language(passage, inherited=unit.article.language)
        similar = claims_similar(
            user, passage[:MATCH_TEXT_LIMIT], limit=MATCHES_SHOWN, language=language
        )
        sources = verdicts_sources([s.verdict.pk for s in similar if s.verdict is not None])
        matches = [
            ClaimMatchShown(s, sources.get(s.verdict.pk, []) if s.verdict else []) for s in similar
        ]
    can_undo = can_link and unit_link_changed_ever(unit.pk)
    return UnitClaimMemory(link, shared, matches, can_link, can_undo, language)

"""Which of the desk's claims state a text: the pure matcher (`core/claims/`) over an index of
the claims, held in this process.

The database is the source of truth. Each web process and worker keeps its own index, built on
its first query and brought up to date on later ones from the claims' history: new claims are
added to it; an edited or deleted claim rebuilds it. The check costs one query per call.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F

from annotations.core.claims.matching import (
    DEFAULT_LIMIT,
    LOWER_THRESHOLD,
    UPPER_THRESHOLD,
    ClaimIndex,
    Match,
)
from annotations.core.claims.matching import claims_match as core_claims_match
from annotations.models import Claim, ClaimLink, ExternalFactCheck, Verdict
from annotations.permissions import Permission, can
from annotations.selectors.articles import User


@dataclass
class _Held:
    index: ClaimIndex
    seen: tuple[int, datetime] | None  # the last Claim history row the index reflects
    last_id: int  # the highest claim id in the index


_held: _Held | None = None
_lock = threading.Lock()


def _claims_from(after_id: int = 0) -> list[tuple[int, str]]:
    return list(Claim.objects.filter(pk__gt=after_id).order_by("pk").values_list("pk", "text"))


def _only_added_since(seen: tuple[int, datetime] | None) -> bool:
    """Whether the claims changed since `seen` only by new claims: the row seen is still there
    (the history was not rewound, as a rolled-back test or a restored backup does) and no later
    row is an edit or a deletion."""
    if seen is None:
        return not Claim.history.exclude(history_type="+").exists()
    history_id, history_date = seen
    return (
        Claim.history.filter(history_id=history_id, history_date=history_date).exists()
        and not Claim.history.filter(history_id__gt=history_id).exclude(history_type="+").exists()
    )


def claim_index() -> ClaimIndex:
    """This process's index of the desk's claims, brought up to date with the database."""
    global _held
    latest = Claim.history.order_by("-history_id").values_list("history_id", "history_date").first()
    with _lock:
        held = _held
        if held is not None and held.seen == latest:
            return held.index
        if held is not None and _only_added_since(held.seen):
            added = _claims_from(held.last_id)
            if added:
                held.index.add(added)
                held.last_id = added[-1][0]
            held.seen = latest
            return held.index
        claims = _claims_from()
        _held = _Held(ClaimIndex.build(claims), latest, claims[-1][0] if claims else 0)
        return _held.index


@dataclass(frozen=True)
class SimilarClaim:
    """A claim that may state the text: the matcher's verdict on it, and what the desk and
    other fact-checkers said of it."""

    match: Match
    verdict: Verdict | None
    external: list[ExternalFactCheck]


def claims_similar(user: User, text: str, *, limit: int = DEFAULT_LIMIT) -> list[SimilarClaim]:
    """The claims the user may read that may state `text`, best first; three queries whatever
    the number of claims or results. Only published verdicts and imported fact-checks are shown
    (a reviewer never sees another reviewer's unsubmitted work through a claim)."""
    if not can(user, Permission.Claim.READ):
        return []
    matches = core_claims_match(
        text, claim_index(), upper=UPPER_THRESHOLD, lower=LOWER_THRESHOLD, limit=limit
    )
    ids = [match.claim_id for match in matches]
    verdicts: dict[int, Verdict] = {}
    published = (
        Verdict.objects.filter(
            is_published=True,
            unit__claim_link__claim_id__in=ids,
            unit__claim_link__relation=ClaimLink.Relation.SAME,
        )
        .select_related("label")
        .annotate(claim_id=F("unit__claim_link__claim_id"))
        .order_by(F("published_at").asc(nulls_first=True), "id")
    )
    for verdict in published:
        verdicts[verdict.claim_id] = verdict  # ordered: the latest published wins
    external: dict[int, list[ExternalFactCheck]] = defaultdict(list)
    for check in ExternalFactCheck.objects.filter(claim_id__in=ids).order_by("-date_published"):
        assert check.claim_id is not None
        external[check.claim_id].append(check)
    return [
        SimilarClaim(match, verdicts.get(match.claim_id), external[match.claim_id])
        for match in matches
    ]


def claims_match_many(
    texts: Sequence[str], *, upper: float, lower: float, limit: int = DEFAULT_LIMIT
) -> list[list[Match]]:
    """For each of `texts`, the matcher's answer against all the desk's claims (no permission
    and no verdicts: what a task reads on no one's behalf, e.g. an article's sentences); one
    query to bring the index up to date, whatever the number of texts."""
    index = claim_index()
    return [core_claims_match(text, index, upper=upper, lower=lower, limit=limit) for text in texts]

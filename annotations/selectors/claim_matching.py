"""Which of the desk's claims state a text: the pure matcher (`core/claims/`) over an index of
the claims held in this process, with the database's lexical index proposing the lexical
candidates.

The database is the source of truth. Each web process and worker keeps its own index (the
exact stage's dictionary, the embeddings, the texts), built on its first query from what each
claim stores (normal form, embedding: nothing recomputed) and brought up to date on later ones
from the claims' history: claims added, edited or deleted since are read again (an edited or
deleted claim is discarded from the index first); a history that went back (a rolled-back test,
a restored backup) rebuilds it. The lexical stage asks the database's full-text index (GIN on
PostgreSQL, FTS5 on SQLite: migration 0016) for the claims holding the query's rarest words and
scores only those; the facts
of the candidates are read from the claims (extracted only when not stored).

Every place that asks which claims a passage states (the suggestions, the recurrence scan, the
unit page's claim memory, the similar-claims API) asks `claims_similar_many` or
`claims_match_many`: one rule (`core.claims.stated.claims_stated`: the passage whole, a claim
written word for word inside it, its quotations) at the desk's thresholds, read here.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import F

from annotations.core.claims.matching import (
    DEFAULT_LIMIT,
    LOWER_THRESHOLD,
    UPPER_THRESHOLD,
    ClaimIndex,
    Match,
    StoredClaim,
)
from annotations.core.claims.stated import claims_stated
from annotations.core.facts import Facts, facts_from_json
from annotations.models import Claim, ClaimLink, DeskSettings, ExternalFactCheck, Verdict
from annotations.permissions import Permission, can
from annotations.selectors.articles import User

FTS_TABLE = "annotations_claim_fts"
# Ids read per statement (within every database's limit on parameters).
BATCH = 500


@dataclass
class _Held:
    index: ClaimIndex
    seen: tuple[int, datetime] | None  # the last Claim history row the index reflects


_held: _Held | None = None
_lock = threading.Lock()


def _stored(pks: Sequence[int] | None = None) -> list[StoredClaim]:
    """The claims (all, or those of `pks` that still exist) as stored for matching."""
    fields = ("pk", "text", "normalised", "embedding", "language")
    if pks is None:
        rows: Iterable[tuple[int, str, str, object, str]] = (
            Claim.objects.order_by("pk").values_list(*fields).iterator(chunk_size=2000)
        )
    else:
        rows = [
            row
            for start in range(0, len(pks), BATCH)
            for row in Claim.objects.filter(pk__in=pks[start : start + BATCH])
            .order_by("pk")
            .values_list(*fields)
        ]
    return [
        StoredClaim(
            pk,
            text,
            normalised,
            bytes(vector) if vector is not None else None,  # type: ignore[call-overload]
            language,
        )
        for pk, text, normalised, vector, language in rows
    ]


def lexical_candidates(words: Sequence[str], count: int) -> list[int]:
    """The ids of claims holding any of `words`, at most `count`, from the database's
    full-text index: GIN over the `simple` configuration on PostgreSQL (migration 0016), the
    FTS5 table on SQLite. The matcher passes a query's rarest words, held by at most a few
    thousand claims (`ClaimIndex.rare_words`), and ranks what comes back itself: the database
    only looks the words up, so its work does not grow with the claims (on PostgreSQL the words
    are a stored, generated column: no text is parsed again). Each word is passed as
    a value: nothing typed reaches the query syntax. One query."""
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = " || ".join(["plainto_tsquery('simple', %s)"] * len(words))
            cursor.execute(
                "SELECT id FROM annotations_claim "  # noqa: S608  # placeholders only
                f"WHERE normalised_words @@ ({query}) LIMIT %s",
                [*words, count],
            )
        elif connection.vendor == "sqlite":
            expression = " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s",  # noqa: S608  # a constant
                [expression, count],
            )
        else:  # pragma: no cover - the desk runs on PostgreSQL or SQLite
            return []
        return [row[0] for row in cursor.fetchall()]


def stored_facts(pks: Sequence[int]) -> Mapping[int, Facts]:
    """The facts stored with those of the claims `pks` that have them. One query."""
    rows = Claim.objects.filter(pk__in=pks, facts__isnull=False).values_list("pk", "facts")
    return {pk: facts_from_json(facts) for pk, facts in rows if facts is not None}


def claim_index_load() -> ClaimIndex:
    """A new index of every claim, from what the claims store, asking the database for its
    lexical candidates and stored facts."""
    index = ClaimIndex.empty()
    index.lexical_source = lexical_candidates
    index.facts_source = stored_facts
    index.add_stored(_stored())
    return index


def _changed_since(seen: tuple[int, datetime] | None) -> list[int] | None:
    """The ids of the claims added, edited or deleted since the history row `seen`, or None when
    that row is gone (the history was rewound, as a rolled-back test or a restored backup
    does): then only a rebuild is safe."""
    if seen is None:
        later = Claim.history.all()
    else:
        history_id, history_date = seen
        if not Claim.history.filter(history_id=history_id, history_date=history_date).exists():
            return None
        later = Claim.history.filter(history_id__gt=history_id)
    return list(later.order_by("id").values_list("id", flat=True).distinct())


def claim_index() -> ClaimIndex:
    """This process's index of the desk's claims, brought up to date with the database."""
    global _held
    latest = Claim.history.order_by("-history_id").values_list("history_id", "history_date").first()
    with _lock:
        held = _held
        if held is not None and held.seen == latest:
            return held.index
        changed = _changed_since(held.seen) if held is not None else None
        if held is None or changed is None:
            _held = _Held(claim_index_load(), latest)
            return _held.index
        held.index.discard(changed)
        held.index.add_stored(_stored(changed))
        held.seen = latest
        return held.index


def match_thresholds() -> tuple[float, float]:
    """The desk's (same claim, possibly related) thresholds (DeskSettings, edited in the
    admin), or the shipped ones when the desk has not saved its settings. One query."""
    row = (
        DeskSettings.objects.filter(pk=1)
        .values_list("match_same_threshold", "match_related_threshold")
        .first()
    )
    return row if row is not None else (UPPER_THRESHOLD, LOWER_THRESHOLD)


@dataclass(frozen=True)
class SimilarClaim:
    """A claim that may state the text: the matcher's verdict on it, and what the desk and
    other fact-checkers said of it."""

    match: Match
    verdict: Verdict | None
    external: list[ExternalFactCheck]


def claims_similar(
    user: User, text: str, *, limit: int = DEFAULT_LIMIT, language: str = ""
) -> list[SimilarClaim]:
    """The claims the user may read that may state `text`, best first, at the desk's
    thresholds; a fixed number of queries whatever the number of claims or results (see
    `claims_similar_many`). Only published verdicts and imported fact-checks are shown (a
    reviewer never sees another reviewer's unsubmitted work through a claim). `language` is
    the text's ("" when not known): a match in another language is marked `cross_language`."""
    return claims_similar_many(user, [text], limit=limit, language=language)[0]


def claims_similar_many(
    user: User, texts: Sequence[str], *, limit: int = DEFAULT_LIMIT, language: str = ""
) -> list[list[SimilarClaim]]:
    """`claims_similar` for each of `texts` (the sentences of an article), in their order. The
    index check, the thresholds, the verdicts and the external fact-checks are read once for
    all texts (four queries); each text then costs its lexical query and, when it has
    candidates whose facts are not known to this process yet, one query for their facts."""
    if not can(user, Permission.Claim.READ):
        return [[] for _ in texts]
    found = claims_match_many(texts, limit=limit, language=language)
    ids = {match.claim_id for matches in found for match in matches}
    if not ids:
        return [[] for _ in texts]
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
        [
            SimilarClaim(match, verdicts.get(match.claim_id), external[match.claim_id])
            for match in matches
        ]
        for matches in found
    ]


def claims_match_many(
    texts: Sequence[str], *, limit: int = DEFAULT_LIMIT, language: str = ""
) -> list[list[Match]]:
    """For each of `texts`, the claims it states (`claims_stated`) among all the desk's claims,
    at the desk's thresholds (no permission and no verdicts: what a task reads on no one's
    behalf, e.g. an article's sentences); two queries to bring the index up to date and read
    the thresholds, whatever the number of texts. `language` is the texts' (their article's),
    for `Match.cross_language`."""
    index = claim_index()
    upper, lower = match_thresholds()
    return [
        claims_stated(text, index, upper=upper, lower=lower, limit=limit, language=language)
        for text in texts
    ]

"""Find the earlier claims that state a text: the stages and their scores.

`claims_match(query, index, upper=..., lower=..., limit=...)` runs, on an in-memory `ClaimIndex`:

1. exact: the normalised texts are equal (`normalise`: Unicode, typography, case, punctuation,
   number formats); score 1.0, and no fact check (the texts differ in form only);
2. lexical: rapidfuzz's `token_sort_ratio` on the normalised texts (word order aside, the
   edit distance as a share of the length), scaled to 0..1;
3. semantic: the cosine similarity of the texts' sentence embeddings (`embedding.py`);
4. the fact-consistency check (`consistency.py`) on the best candidates.

A candidate's score is the highest of its stages' scores, and `stage` names the stage that gave
it. A match scoring at least `upper` whose facts agree is "same claim"; one whose facts differ
never is, whatever its score, and its `differences` say what differed. Matches scoring below
`lower` are not returned. Among the candidates, one whose facts differ ranks as if it scored
`DIFFERENCE_PENALTY` less, so a claim that states the query's facts comes before one that only
keeps its wording.

The default thresholds were chosen on the training half of tests/data/claims-eval/ (the
held-out half's figures are in docs/claims.md): `python manage.py bench_claims --tune`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from annotations.core.claims.consistency import MatchDifference, claims_differences
from annotations.core.claims.embedding import Embedder, Vectors, embedder
from annotations.core.claims.normalise import normalise, numbers_normalised
from annotations.core.facts import Facts, facts_extract

# Chosen on the training split (see the module docstring).
UPPER_THRESHOLD = 0.75
LOWER_THRESHOLD = 0.60
DEFAULT_LIMIT = 5
STAGES = ("exact", "lexical", "semantic")
DIFFERENCE_PENALTY = 0.15
# How many candidates each stage proposes (at least; `limit` times this factor when larger).
CANDIDATES_PER_STAGE = 20
CANDIDATE_FACTOR = 4
FACT_CHECKED_EXTRA = 3


@dataclass(frozen=True)
class Match:
    claim_id: int
    text: str
    score: float
    stage: str  # "exact", "lexical" or "semantic"
    same_claim: bool
    differences: tuple[MatchDifference, ...]


@dataclass
class ClaimIndex:
    """Claims held for matching: their ids and texts, normalised texts, unit embeddings (one row
    per claim) and, filled as queries need them, their facts. Built once, queried many times;
    `add` appends claims."""

    ids: list[int]
    texts: list[str]
    normalised: list[str]
    vectors: Vectors
    model: Embedder
    _exact: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _facts: dict[int, tuple[str, Facts]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls, claims: Iterable[tuple[int, str]], *, model: Embedder | None = None
    ) -> ClaimIndex:
        model = model or embedder()
        index = cls([], [], [], np.zeros((0, model.dimensions), dtype=np.float32), model)
        index.add(claims)
        return index

    def add(self, claims: Iterable[tuple[int, str]]) -> None:
        pairs = list(claims)
        start = len(self.ids)
        for offset, (claim_id, text) in enumerate(pairs):
            form = normalise(text)
            self.ids.append(claim_id)
            self.texts.append(text)
            self.normalised.append(form)
            self._exact.setdefault(form, []).append(start + offset)
        new = self.model.embed_claims([text for _, text in pairs])
        self.vectors = np.ascontiguousarray(np.vstack([self.vectors, new]), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.ids)

    def exact_rows(self, form: str) -> list[int]:
        """The rows of the claims whose normalised text is `form` (a `normalise` result)."""
        return self._exact.get(form, [])

    def exact_ids(self, text: str) -> list[int]:
        """The ids of the claims that state `text` word for word, once normalised."""
        return [self.ids[row] for row in self.exact_rows(normalise(text))]

    def facts_of(self, row: int) -> tuple[str, Facts]:
        """The claim's text in `numbers_normalised` form and its facts (extracted once)."""
        if row not in self._facts:
            form = numbers_normalised(self.texts[row])
            self._facts[row] = (form, facts_extract(form))
        return self._facts[row]


def _top(scores: npt.NDArray[np.float32], count: int) -> list[int]:
    if len(scores) <= count:
        return [int(i) for i in np.argsort(-scores)]
    best = np.argpartition(-scores, count)[:count]
    return [int(i) for i in best[np.argsort(-scores[best])]]


def claims_match(
    query: str,
    index: ClaimIndex,
    *,
    upper: float = UPPER_THRESHOLD,
    lower: float = LOWER_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    stages: tuple[str, ...] = STAGES,
    check_facts: bool = True,
) -> list[Match]:
    """The claims of `index` that may state `query`, best first, at most `limit` (see the
    module docstring for the stages, the score and "same claim"). `stages` and `check_facts`
    leave stages out, for the benchmark's one-stage reference figures only."""
    if not len(index) or limit < 1:
        return []
    form = normalise(query)
    width = max(CANDIDATES_PER_STAGE, limit * CANDIDATE_FACTOR)
    scored: dict[int, tuple[float, str]] = {}

    def offer(row: int, score: float, stage: str) -> None:
        if score > scored.get(row, (-1.0, ""))[0]:
            scored[row] = (score, stage)

    if "exact" in stages:
        for row in index.exact_rows(form):
            offer(row, 1.0, "exact")
    if "lexical" in stages:
        ratios = process.cdist([form], index.normalised, scorer=fuzz.token_sort_ratio)[0]
        for row in _top(ratios, width):
            offer(row, float(ratios[row]) / 100.0, "lexical")
    if "semantic" in stages:
        cosines = index.vectors @ index.model.embed_claims([query])[0]
        for row in _top(cosines, width):
            offer(row, float(cosines[row]), "semantic")

    # The fact check costs milliseconds a claim (its facts are extracted once per index): it
    # runs on the candidates that can be shown, and a few more that may move up.
    candidates = sorted(
        (row for row, (score, _) in scored.items() if score >= lower),
        key=lambda row: -scored[row][0],
    )[: limit + FACT_CHECKED_EXTRA]
    query_form = numbers_normalised(query)
    query_facts = facts_extract(query_form) if candidates and check_facts else None
    matches = []
    for row in candidates:
        score, stage = scored[row]
        differences: tuple[MatchDifference, ...] = ()
        # Texts equal once normalised differ only in form, so their facts agree by definition
        # (the check itself would stumble on form: facts.py reads "14 JULY" as no date).
        if query_facts is not None and stage != "exact":
            claim_form, claim_facts = index.facts_of(row)
            differences = tuple(
                claims_differences(
                    claim_form, query_form, old_facts=claim_facts, new_facts=query_facts
                )
            )
        same = score >= upper and not differences
        matches.append(
            Match(index.ids[row], index.texts[row], round(score, 4), stage, same, differences)
        )
    matches.sort(key=lambda m: -(m.score - (DIFFERENCE_PENALTY if m.differences else 0.0)))
    return matches[:limit]

"""Find the earlier claims that state a text: the stages and their scores.

`claims_match(query, index, upper=..., lower=..., limit=...)` runs, on an in-memory `ClaimIndex`:

1. exact: the normalised texts are equal (`normalise`: Unicode, typography, case, punctuation,
   number formats); score 1.0, and no fact check (the texts differ in form only);
2. lexical: rapidfuzz's `token_sort_ratio` on the normalised texts (word order aside, the
   edit distance as a share of the length), scaled to 0..1: of every claim, or, when the index
   has a `lexical_source` (the database's full-text index), of the claims holding the query's
   rarest words (`ClaimIndex.rare_words`: at most `LEXICAL_BUDGET` claims hold them, so neither
   the database's work nor the scoring grows with the claims);
3. semantic: the cosine similarity of the texts' sentence embeddings (`embedding.py`); past
   `COARSE_FROM` claims, a shortlist is first taken on the vectors' first `COARSE_DIMS`
   dimensions (the model's vectors are trained so that a prefix is itself an embedding), then
   scored in full;
4. the fact-consistency check (`consistency.py`) on the best candidates.

Languages: each claim keeps its language (`StoredClaim.language`) and a query may give its own;
a match between two known, different languages is marked `cross_language`. The stages cannot
find many: the embedding (WordLlama's `l2_supercat`) is trained on English, and a sentence and
its translation score 0.0 to 0.3 (an unrelated pair scores about the same), far below
`LOWER_THRESHOLD`; what crosses is a claim with the same words in both (a quoted slogan, names
and figures), or a review in another language an editor linked to the claim.

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

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from annotations.core.claims.consistency import MatchDifference, claims_differences
from annotations.core.claims.embedding import Embedder, Vectors, embedder
from annotations.core.claims.normalise import normalise, numbers_normalised
from annotations.core.facts import Facts, facts_extract
from annotations.core.languages import languages_differ

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
# The lexical stage asks the database for claims holding the query's rarest words, adding words
# while the claims holding them stay under this budget (the database ranks at most that many).
LEXICAL_BUDGET = 1_000
# Past this many claims, the semantic stage shortlists on a prefix of the vectors (a quarter of
# the memory read per query) and scores the shortlist in full.
COARSE_FROM = 20_000
COARSE_DIMS = 64
COARSE_SHORTLIST = 1_000
_WORD = re.compile(r"\w+")


def lexical_words(form: str) -> list[str]:
    """The words of a normal form, once each, in order: what the full-text indexes hold
    (letters and digits; "3.5%" is "3" and "5")."""
    return list(dict.fromkeys(_WORD.findall(form)))


@dataclass(frozen=True)
class Match:
    claim_id: int
    text: str
    score: float
    stage: str  # "exact", "lexical" or "semantic"
    same_claim: bool
    differences: tuple[MatchDifference, ...]
    language: str = ""  # the matched claim's ("" when not known)
    cross_language: bool = False  # the claim's and the query's languages are known and differ


# Facts extracted on demand are kept for this many claims at most (then forgotten, to bound
# the memory of a long-running process; stored facts make extraction rare anyway).
FACTS_CACHE = 20_000

# (the query's rarest words, at most how many) -> the ids of the claims holding any of them:
# the database's full-text index (selectors/claim_matching.py); the stage ranks them itself.
LexicalSource = Callable[[Sequence[str], int], Sequence[int]]
# claim ids -> the facts stored with those claims that have them.
FactsSource = Callable[[Sequence[int]], Mapping[int, Facts]]


@dataclass(frozen=True)
class StoredClaim:
    """A claim as stored for matching: `normalised` ("" when not stored) and `vector` (the
    float32 bytes of its embedding, None when not stored) spare the index recomputing them."""

    id: int
    text: str
    normalised: str = ""
    vector: bytes | None = None
    language: str = ""


@dataclass(frozen=True)
class MatchingFields:
    """What a claim stores so that no process recomputes it: its normal form, its facts (read
    on its text in `numbers_normalised` form) and its embedding as float32 bytes."""

    normalised: str
    facts: Facts | None
    vector: bytes


def matching_fields(
    texts: Sequence[str], *, with_facts: bool = True, model: Embedder | None = None
) -> list[MatchingFields]:
    """The stored matching fields of each text (embeddings in one batch). Facts cost ~10 ms a
    text (quantulum3): `with_facts=False` leaves them to be extracted when first needed."""
    model = model or embedder()
    vectors = model.embed_claims(list(texts))
    return [
        MatchingFields(
            normalise(text),
            facts_extract(numbers_normalised(text)) if with_facts else None,
            vector.tobytes(),
        )
        for text, vector in zip(texts, vectors, strict=True)
    ]


@dataclass
class ClaimIndex:
    """Claims held for matching: their ids and texts, normalised texts, unit embeddings (one row
    per claim) and, filled as queries need them, their facts. Built once, queried many times;
    `add` appends claims, `discard` takes claims out (an edited claim is discarded and added
    again).

    `lexical_source`, when set, proposes the lexical candidates (a database index) so that only
    those are scored, instead of every claim; `facts_source` reads the facts stored with the
    candidates instead of extracting them."""

    ids: list[int]
    texts: list[str]
    normalised: list[str]
    vectors: Vectors
    model: Embedder
    lexical_source: LexicalSource | None = None
    facts_source: FactsSource | None = None
    languages: list[str] = field(default_factory=list)  # one per row, "" when not known
    _exact: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _facts: dict[int, tuple[str, Facts]] = field(default_factory=dict, repr=False)
    _rows: dict[int, int] = field(default_factory=dict, repr=False)
    # How many live claims hold each word (for the rarest words of a query).
    _claims_with: Counter[str] = field(default_factory=Counter, repr=False)
    # The vectors' first COARSE_DIMS dimensions scaled to unit length (the semantic shortlist).
    _coarse: Vectors | None = field(default=None, repr=False)
    # By first word of the normal form, how many live claims have each length in words: the
    # runs of a text `contained_rows` looks up.
    _starts: dict[str, Counter[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls, claims: Iterable[tuple[int, str]], *, model: Embedder | None = None
    ) -> ClaimIndex:
        index = cls.empty(model=model)
        index.add(claims)
        return index

    @classmethod
    def empty(cls, *, model: Embedder | None = None) -> ClaimIndex:
        model = model or embedder()
        return cls([], [], [], np.zeros((0, model.dimensions), dtype=np.float32), model)

    def add(self, claims: Iterable[tuple[int, str]]) -> None:
        self.add_stored(StoredClaim(claim_id, text) for claim_id, text in claims)

    def add_stored(self, claims: Iterable[StoredClaim]) -> None:
        """Add claims, using their stored normal form and embedding where they have them."""
        rows = list(claims)
        start = len(self.ids)
        vectors = np.zeros((len(rows), self.model.dimensions), dtype=np.float32)
        missing = []
        for offset, claim in enumerate(rows):
            form = claim.normalised or normalise(claim.text)
            self._claims_with.update(lexical_words(form))
            if words := form.split():
                self._starts.setdefault(words[0], Counter())[len(words)] += 1
            self.ids.append(claim.id)
            self.texts.append(claim.text)
            self.normalised.append(form)
            self.languages.append(claim.language)
            self._exact.setdefault(form, []).append(start + offset)
            self._rows[claim.id] = start + offset
            if claim.vector is not None and len(claim.vector) == vectors.shape[1] * 4:
                vectors[offset] = np.frombuffer(claim.vector, dtype=np.float32)
            else:
                missing.append(offset)
        if missing:
            vectors[missing] = self.model.embed_claims([rows[i].text for i in missing])
        self.vectors = np.ascontiguousarray(np.vstack([self.vectors, vectors]), dtype=np.float32)
        self._coarse = None  # made again when a query needs it

    @property
    def coarse(self) -> Vectors:
        if self._coarse is None or len(self._coarse) != len(self.vectors):
            prefix = self.vectors[:, :COARSE_DIMS]
            norms = np.linalg.norm(prefix, axis=1, keepdims=True)
            self._coarse = np.ascontiguousarray(prefix / np.maximum(norms, 1e-12), np.float32)
        return self._coarse

    def rare_words(self, form: str, budget: int = LEXICAL_BUDGET) -> list[str]:
        """The words of `form` held by fewest claims, rarest first, as many as keep the claims
        holding any of them within `budget` (none when even the rarest is commoner). Words no
        claim holds are left out: they find nothing."""
        held = sorted(
            (count, word)
            for word in lexical_words(form)
            if (count := self._claims_with.get(word, 0)) > 0
        )
        words, total = [], 0
        for count, word in held:
            if total + count > budget:
                break
            words.append(word)
            total += count
        return words

    def discard(self, claim_ids: Iterable[int]) -> None:
        """Take claims out: their rows stay (the arrays are not copied) but match nothing."""
        for claim_id in claim_ids:
            row = self._rows.pop(claim_id, None)
            if row is None:
                continue
            self._exact[self.normalised[row]].remove(row)
            self._claims_with.subtract(lexical_words(self.normalised[row]))
            if words := self.normalised[row].split():
                self._starts[words[0]][len(words)] -= 1
            self.vectors[row] = 0.0
            if self._coarse is not None:
                self._coarse[row] = 0.0
            self._facts.pop(row, None)

    def __len__(self) -> int:
        return len(self._rows)

    def live(self, row: int) -> bool:
        return self._rows.get(self.ids[row]) == row

    def row_of(self, claim_id: int) -> int | None:
        return self._rows.get(claim_id)

    def exact_rows(self, form: str) -> list[int]:
        """The rows of the claims whose normalised text is `form` (a `normalise` result)."""
        return self._exact.get(form, [])

    def contained_rows(self, form: str, min_words: int) -> list[int]:
        """The rows of the claims of at least `min_words` words whose normal form is a run of
        the words of `form` (a `normalise` result): the claims a longer text states word for
        word. One dictionary look-up per run that starts with a claim's first word and has that
        claim's length."""
        words = form.split()
        found: list[int] = []
        for at, word in enumerate(words):
            for n, count in self._starts.get(word, {}).items():
                if count > 0 and n >= min_words and at + n <= len(words):
                    found.extend(self._exact.get(" ".join(words[at : at + n]), ()))
        return found

    def exact_ids(self, text: str) -> list[int]:
        """The ids of the claims that state `text` word for word, once normalised."""
        return [self.ids[row] for row in self.exact_rows(normalise(text))]

    def facts_load(self, rows: Sequence[int]) -> None:
        """Read the stored facts of those of `rows` not known yet (one call of `facts_source`)."""
        wanted = [self.ids[row] for row in rows if row not in self._facts]
        if self.facts_source is None or not wanted:
            return
        stored = self.facts_source(wanted)
        for claim_id, facts in stored.items():
            row = self._rows.get(claim_id)
            if row is not None:
                self._remember(row, (numbers_normalised(self.texts[row]), facts))

    def facts_of(self, row: int) -> tuple[str, Facts]:
        """The claim's text in `numbers_normalised` form and its facts (extracted once)."""
        if row not in self._facts:
            form = numbers_normalised(self.texts[row])
            self._remember(row, (form, facts_extract(form)))
        return self._facts[row]

    def facts_known(self) -> dict[int, Facts]:
        """The facts this index holds, by claim id (extracted or read since it was built)."""
        return {self.ids[row]: facts for row, (_, facts) in self._facts.items() if self.live(row)}

    def facts_forget(self) -> None:
        self._facts.clear()

    def _remember(self, row: int, facts: tuple[str, Facts]) -> None:
        if len(self._facts) >= FACTS_CACHE:
            self._facts.clear()
        self._facts[row] = facts


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
    language: str = "",
) -> list[Match]:
    """The claims of `index` that may state `query`, best first, at most `limit` (see the
    module docstring for the stages, the score and "same claim"); `language` is the query's
    ("" when not known), for `Match.cross_language`. `stages` and `check_facts` leave stages
    out, for the benchmark's one-stage reference figures only."""
    if not len(index) or limit < 1:
        return []
    form = normalise(query)
    width = max(CANDIDATES_PER_STAGE, limit * CANDIDATE_FACTOR)
    scored: dict[int, tuple[float, str]] = {}

    def offer(row: int, score: float, stage: str) -> None:
        if index.live(row) and score > scored.get(row, (-1.0, ""))[0]:
            scored[row] = (score, stage)

    if "exact" in stages:
        for row in index.exact_rows(form):
            offer(row, 1.0, "exact")
    if "lexical" in stages:
        if index.lexical_source is None:
            rows = list(range(len(index.ids)))
        else:  # only the claims the database proposes are scored, the same way
            words = index.rare_words(form)
            proposed = index.lexical_source(words, LEXICAL_BUDGET) if words else []
            rows = [row for row in map(index.row_of, proposed) if row is not None]
        texts = [index.normalised[row] for row in rows]
        ratios = process.cdist([form], texts, scorer=fuzz.token_sort_ratio)[0]
        for at in _top(ratios, width):
            offer(rows[at], float(ratios[at]) / 100.0, "lexical")
    if "semantic" in stages:
        vector = index.model.embed_claims([query])[0]
        if len(index.ids) > COARSE_FROM:
            prefix = vector[:COARSE_DIMS] / max(float(np.linalg.norm(vector[:COARSE_DIMS])), 1e-12)
            shortlist = _top(index.coarse @ prefix, COARSE_SHORTLIST)
            cosines = index.vectors[shortlist] @ vector
            for at in _top(cosines, width):
                offer(shortlist[at], float(cosines[at]), "semantic")
        else:
            cosines = index.vectors @ vector
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
    if query_facts is not None:
        index.facts_load([row for row in candidates if scored[row][1] != "exact"])
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
        claim_language = index.languages[row]
        matches.append(
            Match(
                index.ids[row],
                index.texts[row],
                round(score, 4),
                stage,
                same,
                differences,
                claim_language,
                languages_differ(claim_language, language),
            )
        )
    matches.sort(key=lambda m: -(m.score - (DIFFERENCE_PENALTY if m.differences else 0.0)))
    return matches[:limit]

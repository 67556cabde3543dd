"""Claim matching, pure: which earlier claims state a text (docs/claims.md, "Matching").

- `normalise.py`: the normal form (typography, case, number formats) the exact and lexical
  stages compare;
- `embedding.py`: sentence vectors from the weights the `wordllama` wheel ships, read from its
  package directory (no download);
- `consistency.py`: the fact-consistency check (numbers, dates, names, directions, a replaced
  term) on top of `annotations.core.facts`;
- `matching.py`: `ClaimIndex` and `claims_match` (the stages, the scores, "same claim");
- `evaluation.py`: the figures `bench_claims` prints and the threshold rule.
"""

"""The claim matcher: normalisation, each stage, the fact-consistency check, the loader of the
shipped embedding model (no network), and the evaluation set's shape."""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import Sequence
from functools import cache
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.core.claims.consistency import MatchDifference, claims_differences
from annotations.core.claims.embedding import Embedder, embedder, model_directory
from annotations.core.claims.evaluation import eval_load, figures
from annotations.core.claims.matching import (
    LEXICAL_BUDGET,
    ClaimIndex,
    Match,
    StoredClaim,
    claims_match,
    matching_fields,
)
from annotations.core.claims.normalise import normalise, numbers_normalised
from annotations.core.facts import Facts, facts_as_json, facts_extract, facts_from_json
from annotations.models import Claim

EVAL = Path(__file__).resolve().parents[1] / "data" / "claims-eval"

CLAIMS = [
    (1, "Unemployment fell to 3.5% in March, the Office for National Statistics said."),
    (2, "Police in Lyon arrested 219 people after protests on 14 July."),
    (3, "Wind power supplied 31% of Portugal's electricity in 2022."),
    (4, "Arsenal won the final against Ajax on 3 May."),
    (5, "The museum reopened its east wing after a renovation."),
]


@cache
def index() -> ClaimIndex:
    return ClaimIndex.build(CLAIMS)


def differences(old: str, new: str) -> list[MatchDifference]:
    return claims_differences(numbers_normalised(old), numbers_normalised(new))


# --- normalisation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "Unemployment fell to 3,5 % in March",
        "unemployment fell to 3.5 percent in March",
        "UNEMPLOYMENT FELL TO 3.5 PER CENT IN MARCH",
        "Unemployment fell to three point five per cent in March.",
        "Unemployment\u00a0fell to 3.5\u202f% in \u201cMarch\u201d",
    ],
)
def test_number_formats_typography_and_case_normalise_alike(variant: str) -> None:
    assert normalise(variant) == "unemployment fell to 3.5% in march"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It cost $3bn", "It cost 3000000000 dollars"),
        ("It cost 3 billion dollars", "It cost 3000000000 dollars"),
        ("It cost three billion dollars", "It cost 3000000000 dollars"),
        ("1,200,000 people", "1200000 people"),
        ("two hundred and nineteen civilians", "219 civilians"),
        ("twenty-five cars", "25 cars"),
        ("106 cents a litre", "106 cents per litre"),
        ("one of the largest", "one of the largest"),
        ("a 5m wall", "a 5m wall"),
    ],
)
def test_numbers_normalised_writes_each_number_one_way(text: str, expected: str) -> None:
    assert numbers_normalised(text) == expected


def test_normalise_composes_unicode() -> None:
    assert normalise("Cafe\u0301 prices") == normalise("Caf\u00e9 prices")


# --- the stages -------------------------------------------------------------------------------


def test_the_exact_stage_finds_a_differently_formatted_copy_as_same_claim() -> None:
    [best, *_] = claims_match("unemployment fell to 3,5 % in march, the office for national "
                              "statistics said", index())  # fmt: skip
    assert (best.claim_id, best.stage, best.score, best.same_claim) == (1, "exact", 1.0, True)


def test_the_lexical_stage_finds_a_near_copy() -> None:
    matches = claims_match(
        "Police in Lyon arrested 219 people after the protests on 14 July", index(),
        stages=("lexical",),
    )  # fmt: skip
    assert matches[0].claim_id == 2
    assert matches[0].stage == "lexical"
    assert 0.9 < matches[0].score < 1.0


def test_the_semantic_stage_finds_a_passive_rewording() -> None:
    matches = claims_match(
        "On 14 July, 219 people were arrested by police in Lyon following protests", index(),
        stages=("semantic",),
    )  # fmt: skip
    assert matches[0].claim_id == 2
    assert matches[0].stage == "semantic"
    assert matches[0].same_claim


def test_below_the_lower_threshold_nothing_is_returned() -> None:
    assert claims_match("A cat slept on a warm windowsill all afternoon", index()) == []


def test_between_the_thresholds_a_match_is_possibly_related_not_same() -> None:
    query = "Police in Lyon arrested 219 people after protests on 14 July."
    [match, *_] = claims_match(query, index(), upper=1.01, lower=0.5)
    assert match.claim_id == 2 and not match.same_claim


def test_the_limit_caps_the_matches() -> None:
    assert (
        len(claims_match("Portugal wind power electricity 2022", index(), lower=-1, limit=2)) == 2
    )


def test_an_empty_index_matches_nothing() -> None:
    assert claims_match("anything", ClaimIndex.build([])) == []


def test_a_claim_added_later_is_found() -> None:
    grown = ClaimIndex.build(CLAIMS[:2])
    grown.add([(9, "Road deaths in Chile fell to 1,480 in 2021.")])
    [best, *_] = claims_match("Road deaths in Chile fell to 1480 in 2021", grown)
    assert (best.claim_id, best.same_claim) == (9, True)


# --- the fact-consistency check ---------------------------------------------------------------


def test_the_issues_example_is_never_the_same_claim() -> None:
    local = ClaimIndex.build([(1, "Unemployment fell to 3.5% in March.")])
    [match] = claims_match("Inflation fell to 3.5% in March.", local, upper=0.0, lower=0.0)
    assert not match.same_claim
    assert match.differences == (MatchDifference("term", "unemployment", "inflation"),)


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("Police in Lyon arrested 319 people after protests on 14 July.", "number"),
        ("Police in Lyon arrested 219 people after protests on 15 July.", "date"),
        ("Police in Lyon released 219 people after protests on 14 July.", "term"),
        ("Wind power supplied 31% of Spain's electricity in 2022.", "name"),
        ("In 2022, wind power supplied 31% of the electricity of Spain.", "name"),
        ("Arsenal lost the final against Ajax on 3 May.", "direction"),
        ("On 3 May, Chelsea won the final against Ajax.", "name"),
    ],
)
def test_a_changed_fact_is_never_same_claim_whatever_the_score(query: str, kind: str) -> None:
    matches = claims_match(query, index(), upper=0.0, lower=0.3)
    assert matches and not any(m.same_claim for m in matches)
    assert kind in {d.kind for d in matches[0].differences}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Unemployment fell to 3.5%, the ONS said.",
         "Unemployment fell to 3.5 per cent, the Office for National Statistics said."),
        ("Portugal's wind farms supplied 31% of its power.",
         "Wind farms in Portugal supplied 31%."),
        ("The jobless rate rose to 5%.", "The jobless rate increased to 5%."),
        ("Unemployment rose to 5%.", "Joblessness rose to 5%."),
        ("A Gallup poll puts support at 23%.", "According to Gallup, support is at 23%."),
    ],
)  # fmt: skip
def test_rewording_abbreviations_and_synonyms_are_no_difference(old: str, new: str) -> None:
    assert differences(old, new) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("Exports rose 4% in May.", "Exports fell 4% in May.", ("direction", "rose", "fell")),
        ("Germany sends tanks.", "Germany receives tanks.", ("direction", "sends", "receives")),
        ("The WHO said 40 died.", "UNICEF said 40 died.", ("name", "WHO", "UNICEF")),
        (
            "In March, 40 cases were recorded.",
            "40 cases were recorded in May.",
            ("date", "March", "May"),
        ),
    ],
)
def test_what_differed_is_reported(old: str, new: str, expected: tuple[str, str, str]) -> None:
    assert differences(old, new) == [MatchDifference(*expected)]  # type: ignore[arg-type]  # str is a DifferenceKind here


_CLAIM_TEXTS = st.sampled_from([text for _, text in CLAIMS[:4]])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_CLAIM_TEXTS, suffix=st.sampled_from(["", " ", ".", "  "]), upper=st.booleans())
def test_a_claim_always_matches_itself_as_the_same_claim(
    text: str, suffix: str, upper: bool
) -> None:
    query = (text.upper() if upper else text) + suffix
    [best, *_] = claims_match(query, index())
    assert best.text == text and best.same_claim and best.differences == ()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_CLAIM_TEXTS, data=st.data())
def test_changing_any_number_makes_a_claim_not_the_same(text: str, data: st.DataObject) -> None:
    numbers = list(re.finditer(r"\d+(?:\.\d+)?", text))
    chosen = data.draw(st.sampled_from(numbers))
    replacement = data.draw(
        st.integers(min_value=1, max_value=10_000).filter(lambda n: str(n) != chosen.group(0))
    )
    changed = text[: chosen.start()] + str(replacement) + text[chosen.end() :]
    matches = claims_match(changed, index(), upper=0.0, lower=0.0)
    assert not any(m.same_claim for m in matches)


# --- the embedding model ----------------------------------------------------------------------


def test_loading_the_model_and_embedding_touch_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was touched")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    model = Embedder.from_directory(model_directory())
    vectors = model.embed(["Unemployment fell to 3.5%", "Joblessness dropped to 3.5%"])
    assert vectors.shape == (2, 256)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_the_vectors_are_wordllamas_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: pytest.fail("network"))
    # Importing wordllama calls logging.basicConfig; the desk's logging stays as configured.
    monkeypatch.setattr(logging, "basicConfig", lambda **kwargs: None)
    from wordllama import WordLlama

    reference = WordLlama.load(cache_dir=model_directory(), disable_download=True)
    texts = ["Police arrested 219 people in Lyon", "The museum reopened"]
    assert np.allclose(reference.embed(texts, norm=True), embedder().embed(texts), atol=1e-5)


def test_a_missing_model_file_is_an_error_not_a_download(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Embedder.from_directory(tmp_path)


# --- the evaluation set and the benchmark -----------------------------------------------------


def test_the_evaluation_set_has_the_promised_size_and_a_fixed_split() -> None:
    claims, queries = eval_load(EVAL)
    kinds = [q.kind for q in queries]
    assert len(claims) >= 300
    assert kinds.count("paraphrase") >= 300 and kinds.count("hard_negative") >= 300
    assert kinds.count("unrelated") >= 50
    split_of = {c.id: c.split for c in claims}
    assert all(q.split == split_of[q.claim] for q in queries if q.claim is not None)
    changed = {q.changed for q in queries if q.kind == "hard_negative"}
    assert {"figure", "date", "place", "person", "organisation", "direction"} <= changed
    texts = {c.text for c in claims}
    assert not any(q.query in texts for q in queries if q.kind == "hard_negative")


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    import runpy

    module = runpy.run_path(str(EVAL / "generate.py"))
    module["HERE"] = tmp_path
    module["main"].__globals__["HERE"] = tmp_path
    module["main"]()
    for name in ("claims.jsonl", "queries.jsonl"):
        assert (tmp_path / name).read_text() == (EVAL / name).read_text()


def test_figures_count_recall_and_false_same_claims() -> None:
    from annotations.core.claims.evaluation import EvalQuery

    queries = [
        EvalQuery("p", 1, "paraphrase", None, "test"),
        EvalQuery("n", 1, "hard_negative", "figure", "test"),
        EvalQuery("u", None, "unrelated", None, "test"),
    ]
    raw = [
        [Match(2, "", 0.9, "semantic", True, ()), Match(1, "", 0.8, "semantic", True, ())],
        [Match(1, "", 0.95, "lexical", False, (MatchDifference("number", "1", "2"),))],
        [Match(5, "", 0.7, "semantic", True, ())],
    ]
    result = figures(queries, raw, upper=0.75, lower=0.6)
    assert (result.recall_at_1, result.recall_at_5, result.same_recall) == (0.0, 1.0, 1.0)
    assert (result.false_same_hard, result.false_same_unrelated) == (0.0, 0.0)
    assert figures(queries, raw, upper=0.6, lower=0.6).false_same_unrelated == 1.0


@pytest.mark.django_db
def test_bench_claims_prints_the_figures_beside_its_references() -> None:
    output = StringIO()
    call_command("bench_claims", "--sizes", "400,500", "--queries", "5", stdout=output)
    text = output.getvalue()
    for expected in ("matcher (shipped)", "lexical in memory", "rapidfuzz alone",
                     "embeddings alone", "Targets", "400 claims stored in", "500 claims stored in",
                     "index loaded in", "serving, facts extracted on first need",
                     "serving, facts stored with the claims", "matcher alone", "median", "p95",
                     "Peak resident memory"):  # fmt: skip
        assert expected in text
    shipped = next(line for line in text.splitlines() if line.startswith("matcher (shipped)"))
    recall_at_5, false_hard = shipped.split()[5], shipped.split()[7]
    assert float(recall_at_5) >= 0.95 and float(false_hard.rstrip("%")) <= 2.0
    assert not Claim.objects.exists()  # the stored claims were rolled back


@pytest.mark.django_db
def test_bench_claims_refuses_sizes_it_cannot_read() -> None:
    with pytest.raises(CommandError, match="--sizes"):
        call_command("bench_claims", "--sizes", "10k", stdout=StringIO())


def test_the_committed_data_is_json_lines() -> None:
    for name in ("claims.jsonl", "queries.jsonl"):
        lines = (EVAL / name).read_text(encoding="utf-8").splitlines()
        assert lines
        assert all(isinstance(json.loads(line), dict) for line in lines)


# --- stored fields and candidate sources ---------------------------------------------------------


@pytest.mark.parametrize("text", [text for _, text in CLAIMS])
def test_stored_facts_read_back_as_extracted(text: str) -> None:
    facts = facts_extract(numbers_normalised(text))

    assert facts_from_json(json.loads(json.dumps(facts_as_json(facts)))) == facts


def test_an_index_from_stored_fields_matches_as_one_computing_them() -> None:
    computed = ClaimIndex.build(CLAIMS)
    fields = matching_fields([text for _, text in CLAIMS])
    stored = ClaimIndex.empty()
    stored.add_stored(
        StoredClaim(claim_id, text, f.normalised, f.vector)
        for (claim_id, text), f in zip(CLAIMS, fields, strict=True)
    )
    query = "Joblessness fell to 3.5 per cent in March, said the ONS."

    assert np.array_equal(stored.vectors, computed.vectors)
    assert claims_match(query, stored) == claims_match(query, computed)


def test_a_lexical_source_limits_the_lexical_stage_to_its_candidates() -> None:
    asked: list[tuple[list[str], int]] = []

    def source(words: Sequence[str], count: int) -> list[int]:
        asked.append((list(words), count))
        return [2, 999]  # 999: not in the index (created after it was read), passed over

    lexical = ClaimIndex.build(CLAIMS)
    lexical.lexical_source = source
    query = "Police in Lyon arrested 219 people after the protests of 14 July."
    matches = claims_match(query, lexical, stages=("lexical",), lower=0.0)

    assert asked == [(lexical.rare_words(normalise(query)), LEXICAL_BUDGET)]
    assert [m.claim_id for m in matches] == [2]


def test_the_rarest_words_come_first_and_stay_within_the_budget() -> None:
    index = ClaimIndex.build(
        [
            (1, "Bus fares in Eastford doubled in 2024."),
            (2, "Bus fares in Westbrook fell in 2023."),
            (3, "Tram fares in Eastford rose in 2022."),
        ]
    )
    form = normalise("Bus fares in Eastford doubled in 2024, said the mayor.")

    # "doubled" and "2024": 1 claim each; "bus", "eastford": 2; "fares", "in": 3; the
    # mayor's words: none (they would find nothing).
    assert index.rare_words(form, budget=100) == [
        "2024",
        "doubled",
        "bus",
        "eastford",
        "fares",
        "in",
    ]
    assert index.rare_words(form, budget=4) == ["2024", "doubled", "bus"]
    assert index.rare_words(form, budget=0) == []

    index.discard([1])  # no claim holds "doubled" or "2024" any more
    assert index.rare_words(form, budget=100)[:2] == ["bus", "eastford"]


def test_a_large_index_shortlists_on_the_vectors_prefix_and_finds_the_same_claim(
    monkeypatch,
) -> None:
    """Past COARSE_FROM claims, the semantic stage scores a shortlist taken on the vectors'
    first dimensions: the paraphrase is still found."""
    from annotations.core.claims import matching

    fillers = [
        (100 + n, f"The harbour of town {n} handled {n * 7} ships in {1900 + n % 100}.")
        for n in range(300)
    ]
    index = ClaimIndex.build([*CLAIMS, *fillers])
    query = "219 people were arrested by police in Lyon after the 14 July protests."
    full = [m.claim_id for m in claims_match(query, index, stages=("semantic",), lower=0.0)]
    monkeypatch.setattr(matching, "COARSE_FROM", 10)
    monkeypatch.setattr(matching, "COARSE_SHORTLIST", 50)
    coarse = [m.claim_id for m in claims_match(query, index, stages=("semantic",), lower=0.0)]

    assert full[0] == 2 and coarse[0] == 2


def test_stored_facts_are_read_once_instead_of_extracted() -> None:
    calls: list[list[int]] = []
    fake = facts_extract("Police in Lyon arrested 300 people after protests on 14 July.")

    def source(ids: Sequence[int]) -> dict[int, Facts]:
        calls.append(list(ids))
        return {2: fake}

    stored = ClaimIndex.build(CLAIMS)
    stored.facts_source = source
    query = "Police in Lyon arrested 219 people after protests on 14 July 2023."
    first = claims_match(query, stored)
    claims_match(query, stored)

    assert first[0].claim_id == 2
    assert MatchDifference("number", "300", "219") in first[0].differences  # the stored facts
    assert len(calls) == 1


def test_a_discarded_claim_matches_nothing_and_can_come_back_reworded() -> None:
    changing = ClaimIndex.build(CLAIMS)
    changing.discard([2])

    assert changing.exact_ids(CLAIMS[1][1]) == []
    assert all(m.claim_id != 2 for m in claims_match(CLAIMS[1][1], changing, lower=0.0))
    assert len(changing) == 4

    changing.add([(2, "Tram fares went up twice in one year.")])
    assert claims_match("Tram fares went up twice in one year.", changing)[0].claim_id == 2

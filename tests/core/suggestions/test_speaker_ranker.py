"""The speaker ranker (annotations.core.suggestions.speaker_ranker): its candidates' features,
its JSON, its scores, its threshold, its training and its leave-one-writer-out figures."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from annotations.core.suggestions.evaluation import (
    BLIND_WEIGHT,
    markup_parse,
    ranker_examples,
    rules_when_blind,
    speaker_cross_validation,
    speaker_quotes,
)
from annotations.core.suggestions.quotes import quotes_and_registry, quotes_find
from annotations.core.suggestions.speaker_ranker import (
    RANKER_FILE,
    REGULARISATION_C,
    SPEAKER_FEATURES,
    Candidate,
    SpeakerExample,
    SpeakerRanker,
    candidate_score,
    quotes_ranked,
    ranker_load,
    ranker_train,
    speaker_candidates,
    speaker_choose,
)
from annotations.core.suggestions.suggest import suggestions_compute

EVAL = Path(__file__).resolve().parents[2] / "data" / "suggestions-eval"


def candidates_of(text: str) -> list[dict[str, dict[str, float]]]:
    """Each quotation's candidates as {speaker: features}."""
    quotes, registry, spans = quotes_and_registry(text)
    return [
        {c.speaker: c.features for c in found}
        for found in speaker_candidates(text, quotes, registry, spans)
    ]


# --- features ------------------------------------------------------------------------------------


def test_a_name_after_the_quotation_with_a_verb_between_is_the_rules_named_pick() -> None:
    text = "Budget vote\n\n“We will not back down,” said Maria Lopez, the finance minister."

    (only,) = candidates_of(text)

    lopez = only["Maria Lopez"]
    assert lopez["after_same_sentence"] == 1.0
    assert lopez["after_verb_between"] == 1.0
    assert lopez["after_verb_next"] == 1.0
    assert lopez["rules_pick"] == 1.0 and lopez["rules_named"] == 1.0
    assert lopez["rules_confidence"] == pytest.approx(0.95)
    assert lopez["kind_person"] == 1.0
    assert lopez["rules_unknown"] == 0.0
    assert "before_same_sentence" not in lopez


def test_a_subject_introducing_the_quotation_with_a_colon() -> None:
    text = "Title\n\nJane Doe said: “The plan is late and over budget.”"

    (only,) = candidates_of(text)

    doe = only["Jane Doe"]
    assert doe["before_same_sentence"] == 1.0
    assert doe["before_subject"] == 1.0
    assert doe["before_colon"] == 1.0
    assert doe["before_verb_between"] == 1.0
    assert doe["paragraph_first"] == 1.0
    assert "after_same_sentence" not in doe


def test_a_name_of_the_paragraph_before_a_pronoun_and_the_previous_speaker() -> None:
    text = (
        "Title\n\nThe mayor, Tom Hale, opened the meeting. Sara Long, a councillor, spoke next."
        "\n\n“The road will close in May,” he said. “It cannot wait,” she added."
    )

    first, second = candidates_of(text)

    assert first["Tom Hale"]["before_previous_paragraph"] == 1.0
    assert first["Tom Hale"]["pronoun_match"] == 1.0  # "he", a man's first name
    assert first["Sara Long"].get("pronoun_clash") == 1.0  # Sara: "he" is not her
    assert second["Sara Long"]["pronoun_match"] == 1.0
    speaker_of_first = next(name for name, f in first.items() if f.get("rules_pick"))
    assert second[speaker_of_first]["previous_speaker"] == 1.0
    assert second[speaker_of_first]["previous_speaker_paragraph"] == 1.0


def test_an_organisation_and_an_unattributed_short_quotation() -> None:
    text = (
        "Title\n\nThe Ministry of Health said the figures were wrong.\n\n"
        "Critics called the plan a “fiasco”."
    )

    (only,) = candidates_of(text)

    ministry = only["Ministry of Health"]
    assert ministry["kind_org"] == 1.0
    assert ministry["before_previous_paragraph"] == 1.0
    assert ministry["rules_unknown"] == 1.0 and ministry["quote_short"] == 1.0
    assert "rules_pick" not in ministry


def test_a_headlines_quotation_reads_candidates_from_the_story_below_its_lede() -> None:
    text = (
        "Ferry firm cuts routes as its boss warns of 'a hard year'\n\n"
        "Tarrant Ferries will close two routes from March, the company said on Monday.\n\n"
        "The firm carried 1.2 million passengers last year, down from 1.5 million.\n\n"
        'Its chief executive, Helen Marsh, told staff the company faced "a hard year".'
    )
    headline, body = candidates_of(text)
    assert "Helen Marsh" in headline  # three paragraphs down: beyond a body quotation's reach
    assert "Helen Marsh" in body


def test_a_body_quotation_reads_no_further_than_the_paragraph_after() -> None:
    text = (
        "Budget row in Lowmoor\n\n"
        'The mayor was blunt. "We cannot pay," she said.\n\n'
        "The budget is short by 4 million.\n\n"
        "Officials met on Friday.\n\n"
        "Nadia Sorel, the treasurer, disagreed."
    )
    (only,) = candidates_of(text)
    assert "Nadia Sorel" not in only


def test_a_name_that_is_part_of_another_is_a_fragment_and_the_full_name_holds_it() -> None:
    text = (
        "Title\n\nStation manager Dean Okoro, of the fire service, spoke on Monday.\n\n"
        "“It goes off like a firework,” Okoro said."
    )
    quotes, registry, spans = quotes_and_registry(text)
    # As if the rules had cut the name short, as rules not yet tuned on a writer do.
    cut = [replace(quotes[0], speaker="Okoro", attribution="surname")]

    (found,) = speaker_candidates(text, cut, registry, spans)

    features = {c.speaker: c.features for c in found}
    assert features["Okoro"]["fragment"] == 1.0
    assert features["Dean Okoro"]["holds_rules_pick"] == 1.0
    assert "fragment" not in features["Dean Okoro"]
    assert "holds_rules_pick" not in features["Okoro"]


def test_a_he_or_she_beside_the_quotation_calls_for_a_person_not_a_place() -> None:
    text = (
        "Title\n\nRosie Akande qualified for the European Championships in Glasgow.\n\n"
        "“My coach sent me a screenshot,” she said."
    )

    (only,) = candidates_of(text)

    assert only["Rosie Akande"]["pronoun_person"] == 1.0
    assert "pronoun_thing" not in only["Rosie Akande"]
    assert only["European Championships"]["pronoun_thing"] == 1.0  # an event: a place
    assert "pronoun_thing" not in only["Glasgow"]  # one word: maybe a first name


def test_a_statement_beside_the_quotation_calls_for_an_organisation() -> None:
    text = (
        "Title\n\nVoltrane Bikes, whose manager Tom Hale resigned, recalled 4,000 bikes.\n\n"
        "“The safety of our riders comes first,” the company said in a statement."
    )

    (only,) = candidates_of(text)

    assert only["Voltrane Bikes"]["document_org"] == 1.0
    assert only["Tom Hale"]["document_person"] == 1.0
    assert "document_person" not in only["Voltrane Bikes"]


def test_no_document_word_beside_the_quotation_gives_no_document_feature() -> None:
    text = "Title\n\nVoltrane Bikes hired Tom Hale.\n\n“We are growing,” Hale said."

    (only,) = candidates_of(text)

    assert not any(k.startswith("document_") for f in only.values() for k in f)


def test_the_subject_of_the_quotations_own_sentence_and_a_quotation_inside_it() -> None:
    text = (
        "Title\n\nMaria Lopez met Tom Hale. Hale called the cull “an insult” on Monday.\n\n"
        "Lopez agreed. “We will not back down,” she said."
    )

    inside, opening = candidates_of(text)

    assert inside["Tom Hale"]["sentence_subject"] == 1.0
    assert inside["Tom Hale"]["sentence_subject_inside"] == 1.0
    assert "sentence_subject" not in inside["Maria Lopez"]  # the sentence before's subject
    assert opening["Maria Lopez"].get("sentence_subject") is None  # "Lopez agreed." ended


def test_a_headlines_quotation_marks_the_first_subject_of_the_story() -> None:
    text = (
        "‘Not a choice we make’, says water boss\n\n"
        "Gareth Pryce, the chief executive of Severnmoor Water, told MPs on Wednesday that "
        "spills had fallen. Rosalind Achebe, the committee's chair, disagreed."
    )

    (headline,) = candidates_of(text)

    assert headline["Gareth Pryce"]["headline_first_subject"] == 1.0
    assert headline["Rosalind Achebe"]["headline_first_subject"] == 0.0
    assert headline["Gareth Pryce"]["headline_mentions"] == headline["Gareth Pryce"]["mentions"]


def test_a_text_without_names_gives_no_candidates_and_an_unknown_speaker() -> None:
    text = "“Nobody knows,” a resident said."
    quotes, registry, spans = quotes_and_registry(text)

    assert speaker_candidates(text, quotes, registry, spans) == [[]]
    ranker = SpeakerRanker("r", {"rules_pick": 5.0}, 0.0, 0.5)
    assert quotes_ranked(text, ranker=ranker)[0].speaker is None


# --- the stored ranker ---------------------------------------------------------------------------


def synthetic(seed: int, n: int = 300) -> list[SpeakerExample]:
    """Quotations with three candidates; the speaker is usually the one with a verb next to its
    name in the same sentence, and nobody a fifth of the time."""
    rng = random.Random(seed)
    examples: list[SpeakerExample] = []
    for number in range(n):
        speaker_at = rng.randrange(3) if rng.random() < 0.8 else None
        candidates = []
        for index in range(3):
            right = index == speaker_at
            candidates.append(
                Candidate(
                    f"Person {number}-{index}",
                    {
                        "after_same_sentence": float(right and rng.random() < 0.9),
                        "after_verb_between": float(right and rng.random() < 0.8),
                        "before_previous_paragraph": float(not right and rng.random() < 0.6),
                        "mentions": rng.random(),
                        "kind_person": 1.0,
                    },
                )
            )
        examples.append(
            (candidates, None if speaker_at is None else f"Person {number}-{speaker_at}")
        )
    return examples


def test_the_stored_weights_reproduce_scikit_learns_probabilities() -> None:
    from sklearn.linear_model import LogisticRegression

    examples = synthetic(1)
    ranker = ranker_train(examples, name="speaker-ranker-test")
    rows = [[c.features.get(n, 0.0) for n in SPEAKER_FEATURES] for cs, _ in examples for c in cs]
    labels = [c.speaker == speaker for cs, speaker in examples for c in cs]
    reference = LogisticRegression(C=REGULARISATION_C, random_state=13, max_iter=2000)
    expected = reference.fit(rows, labels).predict_proba(rows)[:, 1]

    stored = SpeakerRanker.from_json(json.loads(json.dumps(ranker.to_json())))
    scores = [candidate_score(stored, c.features) for cs, _ in examples for c in cs]
    assert scores == pytest.approx(list(expected), abs=1e-12)
    assert stored.weights["after_verb_between"] > 1.0  # it learnt the pattern
    assert stored.weights["before_previous_paragraph"] < 0.0


def test_the_json_round_trips_and_malformed_values_fall_back() -> None:
    ranker = SpeakerRanker("speaker-ranker", {"rules_pick": 2.5, "mentions": -0.25}, -1.5, 0.35)

    data = json.loads(json.dumps(ranker.to_json()))

    assert data["features"] == list(SPEAKER_FEATURES)
    back = SpeakerRanker.from_json(data)
    assert back.threshold == 0.35 and back.intercept == -1.5 and back.name == "speaker-ranker"
    assert back.weights["rules_pick"] == 2.5 and back.weights["mentions"] == -0.25
    assert back.weights["kind_org"] == 0.0
    bad = SpeakerRanker.from_json({"weights": {"rules_pick": "x"}, "threshold": 7, "intercept": []})
    assert bad.weights == {"rules_pick": 0.0} and bad.threshold == 0.5 and bad.intercept == 0.0
    with pytest.raises(ValueError):
        SpeakerRanker.from_json(["not", "an", "object"])


def test_the_best_candidate_wins_only_above_the_threshold() -> None:
    # One weight: p = logistic(w * x). x=1 gives 0.3, x=0 gives 0.1 for the other candidate.
    import math

    weight = math.log(0.3 / 0.7) - math.log(0.1 / 0.9)
    ranker = SpeakerRanker("r", {"rules_pick": weight}, math.log(0.1 / 0.9), 0.35)
    candidates = [Candidate("Other", {}), Candidate("Ann Berg", {"rules_pick": 1.0})]

    speaker, probability = speaker_choose(ranker, candidates)
    assert speaker is None and probability == pytest.approx(0.3)
    lower = SpeakerRanker("r", ranker.weights, ranker.intercept, 0.25)
    assert speaker_choose(lower, candidates) == ("Ann Berg", pytest.approx(0.3))
    assert speaker_choose(lower, []) == (None, 0.0)


def test_training_is_deterministic_and_refuses_one_kind_of_candidate() -> None:
    examples = synthetic(2)

    first = json.dumps(ranker_train(examples, name="x").to_json(), sort_keys=True)
    second = json.dumps(ranker_train(examples, name="x").to_json(), sort_keys=True)

    assert first == second
    with pytest.raises(ValueError):
        ranker_train([([Candidate("A", {"kind_person": 1.0})], None)], name="x")


def test_without_a_ranker_file_the_rules_decide(tmp_path: Path) -> None:
    text = "Title\n\n“We will win,” said Maria Lopez. “Soon,” a man shouted."

    assert ranker_load(tmp_path / "absent.json") is None
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert ranker_load(tmp_path / "broken.json") is None
    assert quotes_ranked(text, ranker=None) == quotes_find(text)


def test_the_suggestions_use_the_shipped_ranker() -> None:
    shipped = ranker_load()
    assert shipped is not None and RANKER_FILE.is_file()
    assert 0 < shipped.threshold < 1
    text = "Title\n\n“We will not back down,” said Maria Lopez."

    (quote,) = [s for s in suggestions_compute(text) if s.kind == "quote"]

    assert quote.speaker == "Maria Lopez"
    (candidates,) = candidates_of(text)
    expected = candidate_score(shipped, candidates["Maria Lopez"])
    assert quote.speaker_confidence == pytest.approx(expected, abs=1e-4)


# --- the evaluation set, leave one writer out ----------------------------------------------------


@pytest.fixture(scope="module")
def set_quotes() -> list:
    # Only the a-l writers' files: the blind split (m) is never read here.
    articles = [
        markup_parse(path.read_text(encoding="utf-8"), name=path.name)
        for letter in "abcdefghijkl"
        for path in sorted(EVAL.glob(f"{letter}[0-9][0-9]-*.txt"))
    ]
    assert all(article.split != "blind" for article in articles)
    assert len(articles) == 122
    return speaker_quotes(articles, rules_when_blind(EVAL))


def test_a_quotation_counts_blind_weight_times_more_with_the_rules_of_before_its_writer() -> None:
    article = markup_parse(
        "split: train\nlanguage: en\n\nTitle\n\n"
        "\u201c{{We will not back down,|Maria Lopez}}\u201d Maria Lopez said on Monday.",
        name="x01-test.txt",
    )
    [shipped] = quotes_find(article.text)
    assert shipped.speaker == "Maria Lopez"
    same = {article.id: [(shipped.start, shipped.end, "Maria Lopez", shipped.speaker_confidence,
                          shipped.attribution)]}  # fmt: skip
    other = {article.id: [(shipped.start, shipped.end, None, 0.0, "none")]}

    # Rules of before that said something else: both readings, the older one BLIND_WEIGHT times.
    quotes = speaker_quotes([article], other)
    assert [(q.blind, q.twin, q.rules) for q in quotes] == [
        (False, False, "Maria Lopez"),
        (True, False, None),
    ]
    assert len(ranker_examples(quotes)) == 1 + BLIND_WEIGHT
    # A writer nobody has tuned on yet: the shipped rules are the rules of before, and the
    # quotation counts BLIND_WEIGHT times in all, not once more.
    quotes = speaker_quotes([article], same)
    assert [(q.blind, q.twin) for q in quotes] == [(False, False), (True, True)]
    assert len(ranker_examples(quotes)) == BLIND_WEIGHT


def test_the_shipped_ranker_is_the_one_training_on_the_set_gives(set_quotes: list) -> None:
    trained = ranker_train(ranker_examples(set_quotes), name="speaker-ranker")

    shipped = json.loads(RANKER_FILE.read_text(encoding="utf-8"))
    expected = trained.to_json()
    assert shipped["features"] == expected["features"]
    assert shipped["threshold"] == expected["threshold"]
    assert shipped["intercept"] == pytest.approx(expected["intercept"], abs=1e-9)
    assert shipped["weights"] == pytest.approx(expected["weights"], abs=1e-9)


def test_leave_one_writer_out_the_ranker_beats_the_rules_on_unseen_writers(
    set_quotes: list,
) -> None:
    """With the rules as they were before each writer was tuned on (what they say on a new
    writer), the ranker trained on the other writers is at least as right on every writer and
    better pooled. With the shipped rules, tuned on every writer here, the rules' figure is
    their training figure; the ranker stays within 0.03 of it pooled."""
    rows = speaker_cross_validation(set_quotes)
    blind = {row.writer: row for row in rows if row.blind}
    shipped = {row.writer: row for row in rows if not row.blind}

    assert set(blind) == {"c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "all"}
    assert blind["all"].quotes == 1602 and shipped["all"].quotes == 1844
    for row in blind.values():
        assert row.ranker >= row.rules, row
    assert blind["all"].ranker >= blind["all"].rules + 0.03
    # c-h alone: 0.826 before the features that hold across writers and the weight of the
    # blind rules, 0.848 after; i and j, the hardest writers, bring the pool to 0.815, and k
    # (after the round on i and j, 0.827) to 0.830, l to 0.823
    assert blind["all"].ranker >= 0.82
    assert blind["all"].rules == pytest.approx(0.766, abs=0.001)  # the ten blind rounds' rules
    assert shipped["all"].ranker >= shipped["all"].rules - 0.03


def test_bench_suggestions_prints_the_speaker_cross_validation(tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import call_command

    for name in ("a01-budget-vote.txt", "b01-budget-vote.txt", "c01-landlord-fire-trial.txt",
                 "d01-shelter-grant-cut.txt", "rules-when-blind.json"):  # fmt: skip
        (tmp_path / name).write_bytes((EVAL / name).read_bytes())
    before = RANKER_FILE.read_bytes()
    output = StringIO()

    call_command(
        "bench_suggestions", "--data", str(tmp_path), "--runs", "1", "--speaker-cv", stdout=output
    )

    lines = output.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Speaker ranker, leave"))
    rows = [line.split() for line in lines[start:] if line.startswith("    ")]
    # the shipped rules: a, b, c, d, all; the rules before tuning: c, d, all
    assert [row[0] for row in rows] == ["a", "b", "c", "d", "all", "c", "d", "all"]
    for row in rows:
        assert re.fullmatch(r"\d\.\d{3}", row[3]) and re.fullmatch(r"\d\.\d{3}", row[5])
    assert any(line.startswith("quotes_ranked (speaker ranker)") for line in lines)
    assert RANKER_FILE.read_bytes() == before  # only --train-speakers writes it

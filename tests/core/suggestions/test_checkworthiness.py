"""Candidates, sentence scores and the rules score (core.suggestions.checkworthiness)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.core.sentences import sentences_split
from annotations.core.suggestions.checkworthiness import (
    RULE_WEIGHTS,
    Candidate,
    candidates_split,
    headline_end,
    rules_score,
    sentence_scores,
)
from annotations.core.suggestions.features import FEATURE_NAMES, sentence_features


def clauses(text: str) -> list[str]:
    return [candidate.text for candidate in candidates_split(text)]


def score(text: str) -> float:
    return rules_score(sentence_features(text))


def test_a_sentence_of_one_statement_is_one_candidate() -> None:
    text = "Unemployment fell to 3.5% in May. Nobody expected it."
    candidates = candidates_split(text)
    assert [c.text for c in candidates] == [
        "Unemployment fell to 3.5% in May.",
        "Nobody expected it.",
    ]
    assert [c.sentence_start for c in candidates] == [0, 34]


def test_a_sentence_of_several_statements_is_cut_into_its_clauses() -> None:
    text = (
        "Exports rose 12% over the year, while imports fell for the third month running. "
        "Unemployment fell to its lowest level in decades; the minister said it would keep falling."
    )
    candidates = candidates_split(text)
    assert [c.text for c in candidates] == [
        "Exports rose 12% over the year",
        "imports fell for the third month running.",
        "Unemployment fell to its lowest level in decades",
        "the minister said it would keep falling.",
    ]
    assert [c.sentence_start for c in candidates] == [0, 0, 80, 80]


def test_and_with_a_new_subject_cuts_but_a_list_does_not() -> None:
    assert clauses(
        "The council closed four libraries last year, and the mayor promised to reopen two."
    ) == ["The council closed four libraries last year", "the mayor promised to reopen two."]
    assert clauses("The shop sells bread, milk, eggs, and cheese from local farms.") == [
        "The shop sells bread, milk, eggs, and cheese from local farms."
    ]


def test_short_sides_are_not_cut() -> None:
    assert clauses("Prices rose, but wages fell.") == ["Prices rose, but wages fell."]
    assert clauses("Prices rose; wages fell.") == ["Prices rose; wages fell."]


def test_one_spaced_dash_cuts_but_a_parenthesis_of_two_does_not() -> None:
    assert clauses(
        "The bridge cost 40 million euros to build — it was meant to cost half that."
    ) == ["The bridge cost 40 million euros to build", "it was meant to cost half that."]
    text = "The mayor — who was first elected in 2019 with a narrow majority — said nothing at all."
    assert clauses(text) == [text]


def test_nothing_is_cut_inside_a_quotation() -> None:
    text = '"Prices rose 12 per cent last year; wages fell for the second year running," she said.'
    assert clauses(text) == [text]


def test_offsets_are_exact_and_clauses_lie_in_order_within_their_sentence() -> None:
    text = (
        "Title of the piece\n\nThe budget passed by 312 votes to 287; fourteen members of the "
        "party abstained and three voted against. Fares have risen by 31% since 2019, while "
        "wages rose by only 12% over the same period.\n\n“Weakened? I’ve just passed a budget,” "
        "she said."
    )
    candidates = candidates_split(text)
    starts = {s.start: s for s in sentences_split(text)}
    for candidate in candidates:
        assert text[candidate.start : candidate.end] == candidate.text
        sentence = starts[candidate.sentence_start]
        assert sentence.start <= candidate.start < candidate.end <= sentence.end
        # The title's features are its text's, with `headline` on, and `continues` on the
        # sentence with figures that follows the vote's figures in the same paragraph.
        expected = sentence_features(candidate.text) | {
            "headline": float(candidate.start == 0),
            "continues": float(candidate.sentence_start == text.index("Fares")),
        }
        assert candidate.features == expected
    assert [c.start for c in candidates] == sorted(c.start for c in candidates)
    assert all(a.end <= b.start for a, b in zip(candidates, candidates[1:], strict=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Prices rose 12%",
                "; ",
                ", but ",
                ", and the ",
                " — ",
                "“",
                "”",
                '"',
                ". ",
                "\n\n",
                "wages fell for the third month running",
                "שלום",
                "?",
                "  ",
                "Dr. Smith said",
            ]
        ),
        max_size=30,
    )
)
def test_any_text_gives_exact_candidates(parts: list[str]) -> None:
    text = "".join(parts)
    for candidate in candidates_split(text):
        assert text[candidate.start : candidate.end] == candidate.text
        assert candidate.text == candidate.text.strip() and candidate.text


def test_a_sentence_scores_the_best_of_its_clauses() -> None:
    a = Candidate(0, 10, "a", {}, 0)
    b = Candidate(12, 20, "b", {}, 0)
    c = Candidate(22, 30, "c", {}, 22)
    assert sentence_scores([a, b, c], [0.2, 0.7, 0.4]) == {0: 0.7, 22: 0.4}
    assert sentence_scores([], []) == {}


def test_every_feature_has_a_rule_weight() -> None:
    assert set(RULE_WEIGHTS) == set(FEATURE_NAMES)


def test_the_rules_score_lies_between_0_and_1() -> None:
    nothing = dict.fromkeys(FEATURE_NAMES, 0.0)
    everything = dict.fromkeys(FEATURE_NAMES, 1.0)
    assert 0.0 < rules_score(nothing) < 0.5
    assert 0.0 <= rules_score(everything) <= 1.0
    assert rules_score({"number": 1e9}) == pytest.approx(1.0)
    assert rules_score({"question": 1e9}) == pytest.approx(0.0)
    assert rules_score({"unknown feature": 5.0}) == rules_score({})


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        # A claim with a figure and a date outranks an opinion.
        (
            "Unemployment fell to 3.5% in May 2023, according to official figures.",
            "This is the worst government in history, frankly.",
        ),
        # A hedge lowers.
        ("Prices rose by 4% last year.", "Prices could rise by 4% next year."),
        # An opinion lowers.
        (
            "The council cut the library budget by £2m.",
            "The council should cut the library budget by £2m.",
        ),
        # A question lowers.
        ("Crime has doubled since 2010.", "Has crime doubled since 2010?"),
        # A prediction lowers.
        ("The factory employed 400 people in 2020.", "The factory will employ 400 people in 2030."),
        # A record outranks the plain fact.
        ("Turnout was the lowest since 1945.", "Turnout was counted on Friday."),
        # A figure outranks a sentence with none.
        (
            "The scheme cost taxpayers 3 billion pounds.",
            "The scheme was launched with some fanfare.",
        ),
        # A figure in words counts as a figure.
        ("Fourteen members of the party abstained.", "Members of the party abstained."),
        # A comparison outranks the bare statement.
        ("Fares have risen faster than wages since 2019.", "Fares were discussed in 2019."),
        # Very short sentences hold no claim.
        ("Rents in the city rose by 9% in a year.", "Rents rose 9%."),
        # A count of people as the fact outranks a number in passing; an official source and a
        # change over time add to a figure.
        ("Fourteen members of the party abstained.", "He spoke for fourteen minutes at last."),
        (
            "Unemployment stood at 5.1%, the statistics office said.",
            "Unemployment stood at 5.1%, a neighbour said.",
        ),
        ("Unemployment stood at 5.1%, higher than last year.", "Unemployment stood at 5.1%."),
        # A reported figure outranks one's own feelings.
        (
            "The survey found that 62% of nurses worked unpaid overtime.",
            "I think we all feel the strain of it.",
        ),
    ],
)
def test_the_rules_rank_a_checkable_claim_above_its_weaker_twin(better: str, worse: str) -> None:
    assert score(better) > score(worse)


def test_the_first_person_counts_against_a_sentence_only_without_a_figure() -> None:
    figure = sentence_features("We have deployed 4,000 soldiers to the region.")
    assert figure["personal"] == 1.0  # still shown, but not held against it
    assert rules_score(figure) == rules_score(figure | {"personal": 0.0})
    opinion = sentence_features("We have deployed soldiers to the region.")
    assert rules_score(opinion) < rules_score(opinion | {"personal": 0.0})


def test_a_figure_in_words_does_not_lift_the_first_person_penalty() -> None:
    words = sentence_features("We counted four hundred birds on the island that spring.")
    assert words["spelled_number"] == 1.0 and words["number"] == 0.0
    assert rules_score(words) < rules_score(words | {"personal": 0.0})


def test_a_past_event_with_its_year_outranks_the_same_event_without_it() -> None:
    assert score("The licence was withdrawn in 2015.") > score("The licence was withdrawn.")


def test_a_sentence_with_a_figure_continues_the_figures_before_it_in_its_paragraph() -> None:
    text = (
        "The budget passed by 312 votes to 287. Fourteen members abstained. The mood was calm."
        "\n\nThree voted against it. Twelve others were absent."
    )
    continues = {c.text: c.features["continues"] for c in candidates_split(text)}
    assert continues == {
        "The budget passed by 312 votes to 287.": 0.0,  # nothing before it
        "Fourteen members abstained.": 1.0,
        "The mood was calm.": 0.0,  # no figure of its own
        "Three voted against it.": 0.0,  # a new paragraph
        "Twelve others were absent.": 1.0,
    }
    fourteen = next(c for c in candidates_split(text) if c.text.startswith("Fourteen"))
    assert rules_score(fourteen.features) > score("Fourteen members abstained.")


def test_claims_with_figures_are_suggested_and_opinions_are_not() -> None:
    # 0.5 is CLAIM_SUGGESTED_AT, the line for a suggestion (annotations.core.suggestions.suggest).
    assert score("Unemployment fell to 3.5% in May 2023, the lowest rate in 50 years.") > 0.5
    assert score("The scheme cost taxpayers 3 billion pounds last year.") > 0.5
    assert score("This is a terrible budget for families, frankly.") < 0.5
    assert score("Is this fair?") < 0.5
    assert score("He refused.") < 0.5


def article(sentences: int) -> str:
    pool = [
        "Unemployment fell to 3.5% in May 2023, the lowest rate in 50 years, according to the "
        "Office for National Statistics.",
        "“We have cut borrowing by £18 billion in two years,” Marsh told the chamber.",
        "This is the worst government in history, frankly; nobody believes a word of it anymore.",
        "Fares on regional lines have risen by 31% since 2019, almost twice the rate of inflation.",
        "Prices could rise again next year, and this government will have nothing left.",
        "The plant produced 3 million tonnes of steel and employed 4,000 people in the region.",
        "Is this fair to the families who depend on it?",
        "Three million people live there, about half of them children under the age of 15.",
    ]
    paragraphs = []
    for start in range(0, sentences, 4):
        paragraphs.append(" ".join(pool[(start + i) % len(pool)] for i in range(4)))
    return "\n\n".join(paragraphs)


def test_200000_characters_without_a_sentence_end_do_not_blow_up() -> None:
    text = ("prices rose 12 km and three million tonnes , but wages fell ; " * 3_200)[:200_000]
    started = time.process_time()
    candidates = candidates_split(text)
    assert time.process_time() - started < 10
    assert candidates and all(text[c.start : c.end] == c.text for c in candidates)


def test_right_to_left_and_mixed_scripts_give_candidates_without_failing() -> None:
    text = "ارتفعت الأسعار بنسبة 12% في عام 2023. The minister said «ça suffit» — שלום 5 ק״מ."
    candidates = candidates_split(text, language="ar")
    assert candidates and all(text[c.start : c.end] == c.text for c in candidates)
    assert candidates[0].features["percentage"] == 1.0


def test_a_title_line_is_a_headline_and_scores_below_the_same_words_in_the_body() -> None:
    text = "Inflation falls to 3.1% in March\n\nInflation fell to 3.1% in March."
    title, body = candidates_split(text)
    assert headline_end(text) == len("Inflation falls to 3.1% in March")
    assert title.features["headline"] == 1.0 and body.features["headline"] == 0.0
    assert rules_score(title.features) < rules_score(body.features)


@pytest.mark.parametrize(
    "text", ["Inflation fell to 3.1% in March.\n\nPrices rose.", "Prices rose?\n\nThey did.", ""]
)
def test_a_first_paragraph_with_a_sentence_end_is_no_headline(text: str) -> None:
    assert headline_end(text) == 0


def test_a_one_line_text_without_a_full_stop_is_all_headline() -> None:
    assert headline_end("Prices rise again") == len("Prices rise again")


def test_a_long_first_paragraph_without_a_full_stop_is_no_headline() -> None:
    lede = " ".join(["word"] * 40)
    assert headline_end(f"{lede}\n\nPrices rose.") == 0


def test_a_universal_claim_outranks_the_same_sentence_without_it() -> None:
    assert rules_score(sentence_features("No party has won the seat since 1978.")) > rules_score(
        sentence_features("The party won the seat in 1978.")
    )

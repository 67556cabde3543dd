"""Speakers of quotations in exchanges: interviews, dialogue and headlines
(annotations.core.suggestions.quotes, carrying speakers between paragraphs). Every sentence is
written for these tests."""

from __future__ import annotations

import pytest

from annotations.core.suggestions.quotes import quotes_find


def speakers(text: str) -> list[str | None]:
    return [quote.speaker for quote in quotes_find(text)]


def test_an_answer_after_the_writers_short_question_is_the_last_speakers() -> None:
    text = (
        "“I never planned to open a second shop,” said Hana Ruiz.\n\n"
        "And a third? “Not this year. The rent here is bad enough.”"
    )
    assert speakers(text) == ["Hana Ruiz", "Hana Ruiz"]


def test_a_long_passage_before_an_unattributed_quotation_carries_nobody() -> None:
    text = (
        "“I never planned to open a second shop,” said Hana Ruiz.\n\n"
        "The street has lost four cafés since 2020, and two more are for sale. Will it last? "
        "“Not this year. The rent here is bad enough.”"
    )
    assert speakers(text)[1] is None


# An exchange between two speakers, one line a paragraph, and the same speaker's lines alone.
_EXCHANGE = (
    "The referee, Gil Moreno, waved the captain away. Tom Ashe would not go.\n\n"
    "“That was never a foul,” Ashe said.\n\n"
    "“It was, and you know it,” Moreno replied.\n\n"
)
_MONOLOGUE = "“That was never a foul,” said Tom Ashe.\n\n“We were robbed twice,” Ashe added.\n\n"


@pytest.mark.parametrize(
    ("before", "expected"),
    [(_EXCHANGE, ["Tom Ashe", "Gil Moreno", "Tom Ashe"]), (_MONOLOGUE, ["Tom Ashe"] * 3)],
    ids=["answers the speaker before the last", "stays with the one speaker"],
)
def test_an_unattributed_line_after_lines_of_dialogue(before: str, expected: list[str]) -> None:
    assert speakers(before + "“Then we will see it on the replay tonight.”") == expected


def test_the_second_half_after_a_sentence_about_someone_unnamed_stays_unknown() -> None:
    text = (
        "The harbour master, Ines Vidal, counted the boats. “Eleven went out,” she said. "
        "Her deputy shook his head. “Twelve.”"
    )
    assert speakers(text) == ["Ines Vidal", None]


def test_a_headline_naming_its_speaker_by_a_role_takes_the_one_the_opening_gives_it() -> None:
    text = (
        "Anglers fume as regulator calls river ‘in recovery’\n\n"
        "Fishing clubs on the Teme say the regulator Riverwatch Wales has ignored three years "
        "of complaints about sewage."
    )
    assert speakers(text) == ["Riverwatch Wales"]


def test_a_headline_role_the_opening_gives_two_names_stays_unknown() -> None:
    text = (
        "Anglers fume as regulator calls river ‘in recovery’\n\n"
        "The regulator Riverwatch Wales and the regulator Aqua Cymru have both ignored "
        "complaints."
    )
    assert speakers(text) == [None]


def test_a_role_nobody_was_introduced_as_before_a_colon_takes_no_earlier_speaker() -> None:
    text = (
        "The Oakham manager, Joe Tull, said his side had been “robbed blind”. "
        "The linesman disagreed: “It was a clear penalty.”"
    )
    assert speakers(text) == ["Joe Tull", None]


def test_a_reflexive_between_the_name_and_the_verb_keeps_the_name() -> None:
    text = "The club kept its manager, Joe Tull. Tull himself said: “I am going nowhere.”"
    assert speakers(text) == ["Joe Tull"]


def test_a_headline_role_far_before_the_quotation_names_nobody() -> None:
    text = (
        "Anglers say the regulator knew of spills for years as they call the river ‘a sewer’\n\n"
        "Fishing clubs on the Teme say the regulator Riverwatch Wales ignored them."
    )
    assert speakers(text) == [None]


def test_a_question_and_answer_interviews_answers_are_the_interviewees() -> None:
    text = (
        "The new harbour master\n\n"
        "Rosa Vantongeren has run Kelby harbour since May. She met us on the quay; our "
        "questions are in plain text, her answers in quotation marks.\n\n"
        "Why come back?\n\n"
        "“Because the harbour is failing, and I know why.”\n\n"
        "Is the plan too expensive?\n\n"
        "“Every plan is expensive. Doing nothing costs more.”\n\n"
        "Tom Ardley, who fishes out of Kelby, says the fees will drive boats away.\n\n"
        "“He may be right. We will see in a year.”"
    )
    assert speakers(text) == ["Rosa Vantongeren"] * 3


def test_one_rhetorical_question_before_a_quotation_makes_no_interview() -> None:
    text = (
        "Rosa Vantongeren has run Kelby harbour since May.\n\n"
        "The fees rose again in June. Why does it matter?\n\n"
        "“The boats will go to Whitby if the fees rise again.”"
    )
    assert speakers(text) == [None]


def test_a_transcripts_label_names_the_speaker_after_the_role() -> None:
    text = (
        "The recording of the cockpit was released on Friday.\n\n"
        "First officer Dana Kowalczyk-Bryce: “Gear up. Flaps fifteen.”\n\n"
        "Captain Ivo Marten: “Bird strike, left engine.”\n\n"
        "Cabin crew member: “Brace, brace, brace.”"
    )
    assert speakers(text) == ["Dana Kowalczyk-Bryce", "Ivo Marten", None]


def test_a_headlines_role_before_the_quotation_comes_before_one_after_it() -> None:
    text = (
        "Coroner finds ‘missed chances’ on hospital ward\n\n"
        "The senior coroner, Ilse Marchetti-Vane, closed the inquest into a death at Ardwick "
        "General Hospital on Thursday."
    )
    assert speakers(text) == ["Ilse Marchetti-Vane"]

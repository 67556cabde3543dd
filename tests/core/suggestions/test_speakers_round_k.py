"""Speakers of quotations: the rules added after the eighth blind round (k) was made a training
round (annotations.core.suggestions.quotes and speakers). Every sentence is written for these
tests; none is taken from the evaluation set."""

from __future__ import annotations

from annotations.core.suggestions.quotes import quotes_find


def speakers(text: str) -> list[str | None]:
    return [quote.speaker for quote in quotes_find(text)]


def test_a_pronoun_right_after_a_quotation_continues_its_speaker() -> None:
    # "Bram Teller" is named before, and nothing tells his gender or hers.
    text = (
        "The ferry's engineer, Bram Teller, had warned of the fault twice. One of the deck "
        'crew, who asked to be named only as Lou, said she had "seen it coming for weeks". '
        '"You learn the sounds," she said. "That one was new."'
    )
    assert speakers(text) == ["Lou", "Lou", "Lou"]


def test_a_pronoun_of_the_other_gender_is_not_the_quotations_speaker() -> None:
    text = (
        'Marta Sole, the skipper, spoke first. "We turned back at noon," said Tom Brook. '
        '"It was the right call," she said.'
    )
    assert speakers(text) == ["Tom Brook", "Marta Sole"]


def test_a_phone_in_label_names_the_caller_not_the_place_in_brackets() -> None:
    text = (
        "The programme took calls all morning.\n\n"
        "Dina (Westford): “The bus never came. Not once this week.”\n\n"
        "Presenter: “Thank you, Dina.”"
    )
    assert speakers(text)[0] == "Dina"


def test_words_read_out_are_not_the_readers() -> None:
    text = (
        "Hal Brennan presented the show. A listener in Eastcombe sent a message that Brennan "
        "read out on air: “The surgery has no doctor on Fridays any more.”"
    )
    assert speakers(text) == [None]


def test_a_lone_name_followed_by_who_is_a_person_a_pronoun_can_stand_for() -> None:
    text = (
        "Nadia Kerr chaired the meeting. Younger members spoke next. Zosia, who rents a flat on "
        "the estate, said the list was too long. “There are 300 names on it,” she said."
    )
    assert speakers(text) == ["Zosia"]


def test_a_lone_name_described_by_a_trade_is_a_person() -> None:
    text = (
        "Griff, a forklift driver at the depot for ten years, said the shifts had changed. "
        "“We used to be four,” he said."
    )
    assert speakers(text) == ["Griff"]


def test_a_lone_name_after_goes_by_is_a_person() -> None:
    text = (
        "Rosa Vance runs the bakery. Her apprentice, who goes only by Kit, remembers the "
        "first winter. “We were cold and broke,” he says."
    )
    assert speakers(text) == ["Kit"]


def test_a_nationality_or_a_place_followed_by_who_stays_no_person() -> None:
    text = (
        "Paolo Renzi faced the press. The Portuguese, who joined in May, sat beside him. "
        "“I am staying,” he said.\n\n"
        "An analyst in Denver, who asked not to be named because he still works there, was "
        "blunt. “They cut the wrong team,” he said."
    )
    assert speakers(text) == ["Paolo Renzi", None]


def test_someone_is_no_name() -> None:
    text = "Someone at the back shouted, “You said that in May!”"
    assert speakers(text) == [None]


def test_a_clause_after_and_is_no_attribution() -> None:
    text = (
        "Ines Carr told the hall the roofs would be fixed by spring. A man at the back "
        "yelled, “You said that in May!”, and she conceded the point."
    )
    assert speakers(text) == [None]


def test_a_surname_alone_is_the_persons_before_a_firm_that_starts_with_it() -> None:
    text = (
        "Anjali Mehra, who runs Mehra Textiles, a family firm in Bolton, lost a lorry of cloth. "
        "“Nobody called us for a week,” Mehra said."
    )
    assert speakers(text) == ["Anjali Mehra"]


def test_an_age_is_no_person_a_pronoun_can_stand_for() -> None:
    text = (
        "Gwen Pole, a farmer, found the site in May. The finds were studied by Dr Inès Robert, "
        "a specialist in Iron Age pottery at the University of Lyon, who spent a week there. "
        "She was struck by one bowl. “I have never seen this glaze.”"
    )
    assert speakers(text) == ["Inès Robert"]


def test_an_operation_is_no_person() -> None:
    text = (
        "Detective Sergeant Carla Penn leads the inquiry, known as Operation Birchwood. She "
        "says the gang was careful. “They knew the codes.”"
    )
    assert speakers(text) == ["Carla Penn"]


def test_a_museum_speaks_for_itself() -> None:
    text = (
        "The Harcourt County Museum has said on its website that it will “keep the bowl on "
        "show for as long as the law allows”."
    )
    assert speakers(text) == ["Harcourt County Museum"]


# --- the round on l (the ninth blind round, made a training round) ----------------------------


def test_a_titled_name_after_from_is_a_person_and_an_employer_keeps_his_pronoun() -> None:
    text = (
        "Dr Colm Devane inspected the deck on Friday.\n\n"
        "We have more from Dr Anton Kessel, the chief engineer at Marsh Highways. He said the "
        "crack was new.\n\n"
        "“The joint moves in the heat,” he explained."
    )
    assert speakers(text) == ["Anton Kessel"]


def test_a_capitalised_preposition_or_contraction_is_no_name() -> None:
    text = (
        "Ruth Dale spoke first. Beside her, Gil Ware of Betline nodded.\n\n"
        "“Our customers are adults.”\n\n"
        "We’ve asked Betline for more. “No comment,” said Ware."
    )
    assert speakers(text) == ["Gil Ware", "Gil Ware"]


def test_a_firms_short_name_is_the_firm() -> None:
    text = (
        "Staff at Kestrel Airways voted to strike. Kestrel said in a statement that it was "
        '"saddened by the result".'
    )
    assert speakers(text) == ["Kestrel Airways"]


def test_a_capitalised_occupation_ending_in_lord_is_a_title() -> None:
    text = "Landlord Ed Voss said he would comply. “It’s one night a week,” he said."
    assert speakers(text) == ["Ed Voss"]


def test_a_foreign_institute_is_an_organisation() -> None:
    text = "The Institut Breton des Sols said in a statement that it had found «aucune fraude»."
    assert speakers(text) == ["Institut Breton des Sols"]


# --- a quotation inside a sentence no clause attributes -----------------------------------------


def test_a_quotation_no_clause_attributes_goes_unsure_to_the_sentences_subject() -> None:
    text = (
        "Vera Lind wrote eleven novels. In a late interview she settled on “a "
        "shed person, not a house person” as her motto."
    )
    [quote] = quotes_find(text)
    assert quote.speaker == "Vera Lind"
    assert quote.speaker_confidence < 0.5  # shown as unsure


def test_a_sentence_whose_subject_is_no_person_gives_no_speaker() -> None:
    text = "Tom Hale led the march. Placards carried the slogan “No farms, no food” all day."
    assert speakers(text) == [None]


def test_a_quotation_a_clause_attributes_keeps_its_speaker() -> None:
    text = 'Vera Lind met Ada Holt. Holt said the book was "a mess".'
    assert speakers(text) == ["Ada Holt"]

"""Who a name is: an organisation a description names, a surname whose full name is given
elsewhere, events and plural place words, a transcript's "Q:", first names newswire uses.
Each text is written for its pattern."""

from __future__ import annotations

from annotations.core.suggestions.quotes import quotes_find
from tests.core.suggestions.speaker_reading import last_speaker


def test_a_name_described_as_a_publisher_is_an_organisation_a_pronoun_skips() -> None:
    text = (
        "Nell Garrow wrote nine novels. Her publisher at the time, Quarry Lane, said only that "
        'she was "resting".\n\n'
        'She is frank about it now. "I had nothing left to say," she says.'
    )
    assert last_speaker(text) == "Nell Garrow"


def test_an_organisation_described_before_its_name_speaks_through_it() -> None:
    text = (
        'Her label, Tinder Box, announced the split on Monday. "We will miss her," it said in a '
        "statement."
    )
    assert last_speaker(text) == "Tinder Box"


def test_a_description_that_only_mentions_an_organisation_leaves_a_person() -> None:
    text = (
        "The treasurer of the charity in Lowford, Ama Quist, met donors on Friday. Tom Vell "
        'was there too. Quist was blunt. "We are short of money," she said.'
    )
    assert last_speaker(text) == "Ama Quist"


def test_a_person_described_by_an_organisations_post_stays_a_person() -> None:
    text = (
        '"Stocks are low," said Jola Mbeki, the agency\'s deputy director. Later, in another '
        'interview, Mbeki went further. "We have days, not weeks," she said.'
    )
    assert last_speaker(text) == "Jola Mbeki"


def test_a_surname_takes_the_full_name_given_only_inside_a_quotation() -> None:
    text = (
        '"Martin Okri," the returning officer read out.\n\n'
        '"I did not expect this," Okri said afterwards.'
    )
    assert last_speaker(text) == "Martin Okri"


def test_a_surname_takes_the_full_name_given_only_after_it() -> None:
    text = (
        'Justice Vasquez said the directions had been "plainly wrong". The ruling, signed '
        "Laura Vasquez, runs to 30 pages."
    )
    assert quotes_find(text)[0].speaker == "Laura Vasquez"


def test_a_surname_two_full_names_share_stays_a_surname() -> None:
    text = (
        'Martin Okri and Helen Okri both stood. "It was close," Okri said. '
        "Nobody else was named Okri."
    )
    assert last_speaker(text) != "Martin Okri"


def test_an_event_is_nobody_a_pronoun_stands_for() -> None:
    text = (
        "Nobody lost more than Dana Pike. She ran inside the standard for next summer's Nordic "
        'Championships.\n\nShe heard by text. "My coach sent me a photo," she said.'
    )
    assert last_speaker(text) == "Dana Pike"


def test_a_plural_place_word_makes_a_title_no_person() -> None:
    text = (
        "Kate Orme's first album went gold. Her second, Cold Rivers, did not.\n\n"
        'She is candid about why. "I stopped listening," she says.'
    )
    assert last_speaker(text) == "Kate Orme"


def test_a_transcripts_q_is_nobody() -> None:
    text = 'Q: "Is the water safe to drink?"\n\nLena Voigt: "Yes, today it is."'
    found = quotes_find(text)
    assert [q.speaker for q in found] == [None, "Lena Voigt"]


def test_an_organisation_joined_by_and_with_its_word_one_word_on() -> None:
    text = (
        "Station manager Dean Price, of Kent Fire and Rescue Service, said the blaze spread "
        'quickly. "It goes up in seconds," he said.'
    )
    assert last_speaker(text) == "Dean Price"


def test_common_first_names_give_a_gender_against_a_nearby_pronoun() -> None:
    text = (
        "Rosie Hart won the race. Her coach, Phil Mott, was struggling more than she was. "
        '"I have not slept," he said.'
    )
    assert last_speaker(text) == "Phil Mott"


def test_a_possessive_inside_an_organisations_name_keeps_it_whole() -> None:
    text = (
        "The Data Regulator's Office confirmed it was looking into the leak. "
        '"We are assessing what we were told," it said.'
    )
    assert last_speaker(text) == "Data Regulator's Office"


def test_a_place_after_a_preposition_is_not_what_the_sentence_before_is_about() -> None:
    text = (
        'Erin Vale leads the team. "Most call-outs are walkers," she says.\n\n'
        "In March two climbers from Dundee were caught by a slide.\n\n"
        '"We found them in an hour."'
    )
    assert last_speaker(text) != "Dundee"


def test_a_name_after_of_can_still_be_what_the_sentence_is_about() -> None:
    text = (
        "Above the town, the vines of Paul Ferrand, 58, had begun to fail.\n\n"
        '"Thirty years and never this," he said.'
    )
    assert last_speaker(text) == "Paul Ferrand"


def test_a_description_opening_a_paragraph_names_an_organisation() -> None:
    text = (
        "Tess Harlow has died at 79.\n\n"
        'Her publisher, Quarry Lane, announced the news on Monday. "She was a joy to work '
        'with," it said in a statement.'
    )
    assert last_speaker(text) == "Quarry Lane"


def test_an_occupation_written_as_a_title_is_no_part_of_the_name() -> None:
    text = (
        "Harbourmaster Odile Ferrand-Pike closed the slipway on Monday. "
        '"The wall will not take another storm," she said.'
    )
    assert last_speaker(text) == "Odile Ferrand-Pike"


def test_an_agent_noun_before_a_known_first_name_is_a_title() -> None:
    text = '"We sold out by nine," said Teacher Sarah Lindqvist, who runs the school stall.'
    assert last_speaker(text) == "Sarah Lindqvist"


def test_the_occupation_title_makes_a_role_the_person_is_found_by() -> None:
    text = (
        "Beekeeper Ruan Tillotson lost half his hives in the frost. Officials visited on Friday. "
        '"Nobody warned us," the beekeeper said.'
    )
    assert last_speaker(text) == "Ruan Tillotson"


def test_a_first_name_ending_like_an_occupation_stays_in_the_name() -> None:
    text = '"We will appeal," said Jasper Quinn Adeyemi, who runs the yard.'
    assert last_speaker(text) == "Jasper Quinn Adeyemi"


def test_a_place_named_just_before_a_pronoun_does_not_take_its_gender() -> None:
    text = (
        "Her uncle, Idris Ventham Oyelaran, 52, drove a bus in Kano Tudun until 2019. He "
        "still keeps the timetable. “I knew every stop,” he says."
    )
    assert last_speaker(text) == "Idris Ventham Oyelaran"


def test_a_village_of_a_name_is_a_place_a_pronoun_skips() -> None:
    text = (
        "Ruth Callery was born in 1941 in the fishing village of Kilbrannan Ardee. She left at "
        "sixteen.\n\n“I never went back,” she said."
    )
    assert last_speaker(text) == "Ruth Callery"


def test_a_state_after_a_town_is_no_person_for_a_known_first_name() -> None:
    text = (
        "Dana Ruelas said the firm had closed its plant in Dayton, Georgia, in 2020.\n\n"
        "“They promised the same there,” she said."
    )
    assert last_speaker(text) == "Dana Ruelas"


def test_a_name_after_a_town_and_a_comma_is_still_a_person() -> None:
    text = (
        "Now a nurse in Galway, Orla Feeney said on Monday that she remembers the night. "
        "“We sang all the way home,” she said."
    )
    assert last_speaker(text) == "Orla Feeney"


def test_a_description_before_a_titled_name_gives_its_role() -> None:
    text = (
        "Closing the hearing at Ardwick Coroner’s Court, the senior coroner, Dr Ilse "
        "Marchetti-Vane, recorded a narrative conclusion.\n\n"
        "“It is not for this court to apportion blame,” the coroner said."
    )
    assert last_speaker(text) == "Ilse Marchetti-Vane"


def test_a_relative_named_as_an_object_leaves_the_pronoun_to_the_subject() -> None:
    text = (
        "A farmer near Hoorn found a ring his grandmother lost. “It was in a potato,” Joost "
        "van Dalen told a radio station. The ring has been returned to his mother. “She "
        "cried,” he said."
    )
    assert last_speaker(text) == "Joost van Dalen"


def test_another_opening_a_clause_is_no_name() -> None:
    text = (
        "The post drew 4,000 replies.\n\n"
        "Another reply, from a student at Harlow Falls Community College, put it more "
        "briefly: “Cool. I’ll walk.”"
    )
    assert last_speaker(text) is None


def test_a_first_name_in_apposition_to_a_neighbour_is_the_person_a_pronoun_finds() -> None:
    text = (
        "Her neighbour, Torvald, who runs the island's only shop, was pleased. "
        "“Best week in years,” he said."
    )
    assert last_speaker(text) == "Torvald"


def test_a_first_name_given_only_is_the_person_a_pronoun_finds() -> None:
    text = (
        "“We are not moving,” said Danny Roux, a crane driver.\n\n"
        "Another picketer, who gave only her first name, Sunniva, said her shifts had been "
        "cut. “We have been flexible for two years,” she said."
    )
    assert last_speaker(text) == "Sunniva"


def test_a_neighbour_named_nowhere_keeps_the_pronoun_unknown() -> None:
    text = (
        "Ruth Callery runs the shop. Her neighbour, who asked not to be named, was less sure. "
        "“It will not last,” she said."
    )
    assert last_speaker(text) is None


def test_a_number_word_opens_no_name() -> None:
    text = (
        "Edith Carrow wrote a memoir, Twelve Harbours (2009). She never married. “I had the "
        "sea,” she said."
    )
    assert last_speaker(text) == "Edith Carrow"

"""Speakers of quotations inside a sentence, and words that only look like names
(annotations.core.suggestions.speakers). Every sentence is written for these tests."""

from __future__ import annotations

from annotations.core.suggestions.quotes import quotes_find
from tests.core.suggestions.speaker_reading import last_speaker

# Partial quotations whose speaker is a clause's own subject


def test_the_subject_after_which_is_the_speaker_of_what_it_called() -> None:
    text = (
        "Jana Riha, who farms near the river, lost her herd. The payment is low, which Riha "
        "called “a joke”."
    )
    assert last_speaker(text) == "Jana Riha"


def test_a_pronoun_after_though_is_the_speaker_not_the_reported_clauses_subject() -> None:
    text = (
        "Orla Kane is the chief vet. Kane said the disease had come from abroad, though she "
        "stressed that “nothing is proven yet”."
    )
    assert last_speaker(text) == "Orla Kane"


def test_a_clause_after_because_whose_subject_is_a_text_names_no_speaker() -> None:
    text = (
        "Beatrix Lund chairs the committee.\n\nLund said the figure was “unfair” because the "
        "auditors' report had also covered parking."
    )
    assert last_speaker(text) == "Beatrix Lund"


def test_accepting_that_introduces_a_partial_quotation() -> None:
    text = (
        "Tom Hale drove the bus. Pressed by the lawyer, Hale accepted that he had not stopped "
        "until the bus was “already on the bridge”."
    )
    assert last_speaker(text) == "Tom Hale"


def test_a_pronoun_in_a_sentence_its_own_subject_opens_is_that_subject() -> None:
    text = (
        "Pavel Kuras coaches the Riverside Falcons. He was angry about a foul on his captain, "
        "Ivo Marsh, which he called “a disgrace”."
    )
    assert last_speaker(text) == "Pavel Kuras"


# Words that only look like names


def test_a_modal_opening_a_question_is_no_first_name() -> None:
    text = "Per Holm coaches the Riverside Falcons. Will Holm stay? “Ask me in May,” he said."
    assert last_speaker(text) == "Per Holm"


def test_a_sentence_adverb_before_its_comma_is_no_name() -> None:
    text = (
        "Sara Vik spoke for the Greens on the stage. Privately, one official was less calm: "
        "“We will win,” she said."
    )
    assert last_speaker(text) is None


def test_a_party_before_an_unnamed_persons_noun_names_nobody() -> None:
    text = (
        "Sara Vik spoke for the Greens on the stage. Later one Green official was less calm: "
        "“We will win,” she said."
    )
    assert last_speaker(text) is None


def test_a_first_name_the_lists_know_still_names_someone_before_a_comma() -> None:
    text = "Emily, who runs the shop, was calm. “We will reopen,” she said."
    assert last_speaker(text) == "Emily"


def test_a_name_met_only_after_prepositions_is_not_taken_for_a_person_speaking() -> None:
    text = (
        "Bruno Lenz would not resign after his side lost 80-71 to Northgate Ravens on Sunday. "
        "It was a team like Northgate that beat them in May.\n\n"
        "“I am staying,” he said."
    )
    assert last_speaker(text) == "Bruno Lenz"


# Someone unnamed


def test_a_pupil_who_did_not_want_to_be_named_stays_unknown_in_both_halves() -> None:
    text = (
        "The head teacher, Dora Quist, defended the school. A year 9 pupil, who did not want "
        "to be named, was kinder. “It is fine,” she said. “The food is bad, though.”"
    )
    assert [quote.speaker for quote in quotes_find(text)] == [None, None]


def test_a_ledes_unnamed_accused_is_the_person_the_next_paragraph_names_with_an_age() -> None:
    text = (
        "A builder accused of forging planning letters told a jury that he had “never seen” "
        "them, a court heard.\n\n"
        "Dmitri Vale, 47, of Hull, denies nine counts of forgery."
    )
    assert last_speaker(text) == "Dmitri Vale"


def test_a_ledes_unnamed_speaker_stays_unknown_when_the_next_paragraph_names_no_age() -> None:
    text = (
        "A builder accused of forging planning letters told a jury that he had “never seen” "
        "them, a court heard.\n\n"
        "Dmitri Vale, the prosecutor, said the letters were forged."
    )
    assert last_speaker(text) is None


def test_the_person_before_who_is_the_speaker_of_the_relative_clause() -> None:
    text = (
        "Ruth Akers, who told an interviewer last month that the role was “the one I waited "
        "for”, is superb."
    )
    assert last_speaker(text) == "Ruth Akers"


def test_a_verb_of_saying_in_the_present_tense_introduces_a_line() -> None:
    text = (
        "Oskar Lind wants to sell the café his mother runs. Greta Lind refuses. “It is a "
        "shed,” Oskar shouts."
    )
    assert last_speaker(text) == "Oskar Lind"


def test_a_person_of_an_institute_in_a_town_is_the_subject_not_the_town() -> None:
    text = (
        "Its first author, Dr Petra Holm of the Baltic Fisheries Institute in Kiel, told "
        'reporters the decline was "steeper than anyone modelled".'
    )
    assert last_speaker(text) == "Petra Holm"


def test_a_second_verb_joined_by_and_has_the_sentences_named_subject() -> None:
    text = (
        "The county leader, Marta Ruiz, toured the flooded streets and pledged "
        '"whatever it takes" to rebuild.'
    )
    assert last_speaker(text) == "Marta Ruiz"


def test_a_clause_with_its_own_subject_after_as_is_not_the_sentences() -> None:
    text = 'Ian Dorset, 44, showed no emotion as the clerk read out "Not guilty".'
    assert last_speaker(text) != "Ian Dorset"


def test_a_short_quotation_inside_the_subjects_clause_does_not_hide_the_subject() -> None:
    text = (
        "The Water Quality Board, which rated the works “adequate” after a visit in 2022, said "
        "it was “looking closely” at the figures and would “act if needed”."
    )
    assert [q.speaker for q in quotes_find(text)][1:] == ["Water Quality Board"] * 2


def test_as_someone_put_it_before_a_quotation_names_them() -> None:
    text = (
        "Leonie Marchbank-Sato complained twice. It may not work. But, as Leonie put it, "
        "‘if nobody complains, they will do it again.’"
    )
    assert last_speaker(text) == "Leonie Marchbank-Sato"


def test_as_she_liked_to_put_it_is_the_pronouns_person() -> None:
    text = (
        "Edith Carrow never married. She is survived by two nieces and, as she liked to put "
        "it, “a thousand godchildren”."
    )
    assert last_speaker(text) == "Edith Carrow"


def test_the_people_of_a_question_put_to_someone_are_not_the_subject() -> None:
    text = (
        "Edith Carrow retired in 2002. Asked what she would tell a young woman going to sea, "
        "she said: “Learn the engine.”"
    )
    assert last_speaker(text) == "Edith Carrow"


def test_a_relative_clause_without_its_pronoun_quotes_its_subject() -> None:
    text = (
        "Edith Carrow, who in 1971 became the first woman to command a ferry and went on to "
        "spend thirty years on the crossing she called “the longest mile in Scotland”, has "
        "died at 88."
    )
    assert last_speaker(text) == "Edith Carrow"


def test_a_relative_clause_with_a_role_as_its_subject_quotes_the_role() -> None:
    text = (
        "The Brenmoor Water Authority raised its charges. Tenants wrote to the papers, an "
        "accusation the authority called “simply untrue”."
    )
    assert last_speaker(text) == "Brenmoor Water Authority"


def test_an_object_pronoun_before_the_verb_is_no_subject_of_it() -> None:
    text = (
        "Tenants on Mill Row hired a skip. Omar Haddad, who organised it, said: “It cost us £300.”"
    )
    assert last_speaker(text) == "Omar Haddad"


def test_a_participle_of_saying_after_a_comma_quotes_the_sentences_subject() -> None:
    text = (
        "Edith Carrow was given a medal in 1985. She turned down an MBE in 1992, telling a "
        "reporter at the time that “medals are for the crew”."
    )
    assert last_speaker(text) == "Edith Carrow"


def test_a_participle_after_a_verb_of_saying_keeps_that_verbs_subject() -> None:
    text = (
        "Crews fought 86 fires on Friday, the Union of Valley Firefighters said, describing "
        "its members as “at the end of their strength”."
    )
    assert last_speaker(text) == "Union of Valley Firefighters"

"""Organisations speaking through a statement, a report, their members or a spokesperson
(annotations.core.suggestions.speakers). Every sentence is written for these tests."""

from __future__ import annotations

from tests.core.suggestions.speaker_reading import last_speaker


def test_it_after_a_name_makes_the_name_a_firms_that_it_said_stands_for() -> None:
    text = (
        "Nordlys Home is recalling every fan it has sold. “We apologise,” it said in a statement."
    )
    assert last_speaker(text) == "Nordlys Home"


def test_the_company_stands_for_a_name_it_made_a_firms() -> None:
    text = (
        "Nordlys Home is recalling every fan it has sold. The company said the fans had a fuse, "
        "but that “some fuses failed”."
    )
    assert last_speaker(text) == "Nordlys Home"


def test_it_in_the_next_sentence_says_nothing_of_a_name() -> None:
    text = "Halden Okafor bought the van. It was old. “It was a wreck,” he said."
    assert last_speaker(text) == "Halden Okafor"


def test_members_speak_for_the_organisation_named_for_what_they_do() -> None:
    text = (
        "The report by the Schools Inspectorate was published on Monday. “Pupils are unsafe,” "
        "the inspectors wrote."
    )
    assert last_speaker(text) == "Schools Inspectorate"


def test_a_group_that_no_organisation_is_named_for_stays_unknown() -> None:
    text = 'Lena Berg chairs the Harbour Trust. "We will fight," the protesters shouted.'
    assert last_speaker(text) is None


def test_an_organisation_speaks_through_a_relative_clause() -> None:
    text = (
        "The patents belong to the Vantor Institute, which said in a statement that the work "
        "was “at an early stage”."
    )
    assert last_speaker(text) == "Vantor Institute"


def test_a_verb_after_and_has_the_sentences_subject() -> None:
    text = (
        "The Vantor Institute holds the patents, and said in a statement that the work was "
        "“at an early stage”."
    )
    assert last_speaker(text) == "Vantor Institute"


def test_an_ampersand_joins_a_firms_name() -> None:
    text = (
        "A spokesperson for Marsh & Tull Foods, which owns the plant, said the company "
        "“will not comment”."
    )
    assert last_speaker(text) == "Marsh & Tull Foods"


def test_a_firm_named_with_an_ampersand_is_no_person_a_pronoun_stands_for() -> None:
    text = (
        "Redundancies need notice, said Piotr Nowak, a lawyer at Fenlon & Hart in Dublin.\n\n"
        "“They cannot do it in a day,” he said."
    )
    assert last_speaker(text) == "Piotr Nowak"


def test_a_plural_possessive_with_a_straight_apostrophe_stays_in_a_cooperatives_name() -> None:
    text = "On its website, the Ravna Farmers' Cooperative wrote: “Bring a torch.”"
    assert last_speaker(text) == "Ravna Farmers' Cooperative"


def test_it_shows_a_firm_past_a_products_name_between() -> None:
    text = (
        "Nordlys Home is recalling every Breeze fan it has sold. “We apologise,” it said in a "
        "statement."
    )
    assert last_speaker(text) == "Nordlys Home"


def test_a_theatre_is_an_organisation_no_pronoun_stands_for() -> None:
    text = (
        "Tom Rusk died in 2001. Kestrel Theatre has revived his play. In a letter the Kestrel "
        "printed in its programme, he wrote: “They wanted a play about the future.”"
    )
    assert last_speaker(text) == "Tom Rusk"


def test_the_letter_an_organisation_set_out_its_case_in_speaks_for_it() -> None:
    text = (
        "The strongest objection came from Holme Valley Parish Council, which set out its case "
        'in a letter to the board. "The hill is not a blank space," the letter said.'
    )
    assert last_speaker(text) == "Holme Valley Parish Council"


def test_a_spokesperson_for_the_trust_speaks_for_the_trust_the_text_named() -> None:
    text = (
        "The Ashmoor Community Health Trust was criticised by the panel. A spokesperson for "
        "the trust said it “regrets the delays” and would publish a plan."
    )
    assert last_speaker(text) == "Ashmoor Community Health Trust"


def test_the_spokesperson_later_still_speaks_for_that_organisation() -> None:
    text = (
        "Lindqvist Freight was fined on Monday. A spokesperson for Lindqvist Freight said "
        "the firm would pay.\n\n"
        "Tomas Brennan, a driver, said nobody had told staff.\n\n"
        "“We are sorry,” the spokesperson said."
    )
    assert last_speaker(text) == "Lindqvist Freight"


def test_the_statement_said_after_a_name_said_in_a_statement_that() -> None:
    text = (
        "Corvane Minerals said in a statement that it was “surprised” by the decision. "
        "“We have followed every rule,” the statement said."
    )
    assert last_speaker(text) == "Corvane Minerals"


def test_the_ruling_said_after_in_a_ruling_the_office_said() -> None:
    text = (
        "The Danish Office of Consumer Data Protection fined Runwell on Monday. In a 40-page "
        "ruling, the office said Runwell had been careless. “These were private facts,” the "
        "ruling said."
    )
    assert last_speaker(text) == "Danish Office of Consumer Data Protection"


def test_a_title_inside_an_organisations_name_leaves_an_organisation() -> None:
    text = (
        "Brackley General Hospital says it is running on generators. “No patient has been "
        "affected,” it said in a post."
    )
    assert last_speaker(text) == "Brackley General Hospital"


def test_it_is_the_organisation_the_sentence_before_is_about() -> None:
    text = (
        "The Brenmoor Water Authority raised its charges on Monday. A reply from the Brenmoor "
        "Tenants Association was blunt.\n\n"
        "By noon the authority had withdrawn the notice. “We moved too fast,” it said."
    )
    assert last_speaker(text) == "Brenmoor Water Authority"


def test_it_after_a_person_opening_the_sentence_is_no_organisation_of_it() -> None:
    text = (
        "Corlan Bank cut its rates. Asha Verma of the Sandholm Savers Association said "
        "the bank had waited too long. “It is late,” it said."
    )
    assert last_speaker(text) == "Sandholm Savers Association"


def test_a_single_word_opening_a_sentence_it_follows_is_a_firm() -> None:
    text = (
        "The Danish Consumer Office fined Strydo on Monday.\n\n"
        "Strydo said in a statement that it would appeal. “We did nothing wrong,” the company "
        "said."
    )
    assert last_speaker(text) == "Strydo"


def test_the_company_is_the_one_the_sentence_before_is_about_of_two_named() -> None:
    text = (
        "Strydo sued the Danish Consumer Office in May.\n\n"
        "Strydo said on Friday that it would appeal the ruling. “We will win,” the company "
        "said."
    )
    assert last_speaker(text) == "Strydo"


def test_the_company_is_not_an_organisation_whose_name_says_another_kind() -> None:
    text = (
        "The Danish Consumer Office fined Strydo and Velmar Ltd in May.\n\n"
        "The Danish Consumer Office said on Friday that it would not reopen the case. “We will "
        "appeal,” the company said."
    )
    assert last_speaker(text) is None


def test_a_bare_spokesperson_speaks_for_the_one_organisation_of_the_paragraph() -> None:
    text = (
        "What went wrong? Norvale says a cable at its Wyke Road substation failed at 15:10. "
        "A spokesperson told us only that repairs were “under way”."
    )
    assert last_speaker(text) == "Norvale"


def test_a_bare_spokesperson_beside_two_organisations_stays_unknown() -> None:
    text = (
        "Norvale Energy Ltd blamed the Grid Safety Authority. A spokesperson told us only "
        "that repairs were “under way”."
    )
    assert last_speaker(text) is None


def test_a_word_the_text_also_writes_in_lowercase_is_no_firm_at_a_sentence_start() -> None:
    text = (
        "Shares in Dunmore Freight fell after the parcel carrier cut its forecast.\n\n"
        "Turnover rose by 2%. Parcel volumes were flat, the company said in its results "
        "statement, which blamed “softer consumer demand across our markets”."
    )
    assert last_speaker(text) is None


def test_an_acronym_in_brackets_after_a_name_is_that_names() -> None:
    text = (
        "The strike was called by the Ferry Crews Guild Association (FCGA) on Monday. The "
        "FCGA said it would name new dates “within days”."
    )
    assert last_speaker(text) == "Ferry Crews Guild Association"


def test_an_acronym_named_as_the_speaker_is_the_name_it_stands_for() -> None:
    text = (
        "The strike was called by the Ferry Crews Guild Association (FCGA) on Monday.\n\n"
        "“We have no choice,” the FCGA said."
    )
    assert last_speaker(text) == "Ferry Crews Guild Association"

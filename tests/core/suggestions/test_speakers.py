"""Speaker attribution rules that generalise beyond the tuned articles
(annotations.core.suggestions.speakers, read through quotes_find). Every sentence is written
for these tests."""

from __future__ import annotations

import pytest

from annotations.core.suggestions.quotes import quotes_find


def speakers(text: str) -> list[str | None]:
    return [quote.speaker for quote in quotes_find(text)]


def last_speaker(text: str) -> str | None:
    found = quotes_find(text)
    assert found, text
    return found[-1].speaker


# Headlines


def test_a_headline_quotation_takes_the_speaker_of_the_body_quotation_repeating_it() -> None:
    text = (
        "‘We are sinking, slowly’: harbour traders count the cost\n\n"
        "Traders met on Monday. Omar Haddad, who sells nets, said: “We are sinking, slowly. "
        "Nobody in the town hall listens.”"
    )
    found = quotes_find(text)
    assert (found[0].speaker, found[0].attribution) == ("Omar Haddad", "echo")
    assert found[0].speaker_confidence < found[1].speaker_confidence


def test_a_headline_quotation_nobody_repeats_stays_unknown() -> None:
    text = "‘We are sinking, slowly’: traders count the cost\n\nOmar Haddad said: “Sales halved.”"
    assert speakers(text)[0] is None


# Roles and descriptions


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Dr Ines Carvalho, a virologist at the Lisbon Institute, tracked the strain.\n\n"
            '"It mutates fast," the virologist said.',
            "Ines Carvalho",
        ),
        ('Bram Visser, 71, waited a year. "I gave up," the 71-year-old said.', "Bram Visser"),
        ('Rovers signed winger Kofi Asante. "I am home," the winger said.', "Kofi Asante"),
        (
            'Carla Nunes, a mother of three from Porto, waited. "I gave up," the mother of '
            "three said.",
            "Carla Nunes",
        ),
        (
            "Speaker Moira Quinn intervened. “Order!” the Speaker shouted.",
            "Moira Quinn",
        ),
        (
            'Lord Justice Piers Wren presided.\n\n"Nobody checked," the judge said.',
            "Piers Wren",
        ),
    ],
)
def test_a_role_finds_the_person_introduced_with_it(text: str, speaker: str) -> None:
    assert last_speaker(text) == speaker


def test_an_apposition_gives_its_role_not_the_words_of_the_organisation_after_it() -> None:
    text = (
        "Dr Ines Carvalho, a virologist at the Lisbon Institute, tracked the strain.\n\n"
        '"We publish on Friday," the institute said.'
    )
    assert last_speaker(text) == "Lisbon Institute"


def test_a_role_nobody_was_introduced_with_stays_unknown() -> None:
    text = 'Bram Visser waited a year. "I gave up," the pensioner said.'
    assert last_speaker(text) is None


def test_a_descriptor_before_a_surname_keeps_the_surname() -> None:
    text = 'Dr Lena Falk led the study with Prof Ola Brun. "It is alarming," co-author Brun added.'
    assert last_speaker(text) == "Ola Brun"


def test_a_title_with_of_and_an_organisation_keeps_only_the_name() -> None:
    text = '"It fell fast," said lead author Dr Mei Sato of Kobe University.'
    assert last_speaker(text) == "Mei Sato"


def test_a_nationality_is_no_name() -> None:
    text = 'Ajax sold Daan Vos. "I am happy," the Dutchman said. "Very happy."'
    assert speakers(text) == [None, None]


def test_a_constituency_before_mp_is_a_role_not_a_speaker() -> None:
    text = 'Labour MP Dawn Adeyemi stood. "Will he apologise?" the Brent East MP asked.'
    assert last_speaker(text) == "Dawn Adeyemi"


def test_a_name_after_a_preposition_in_a_description_is_not_the_speaker() -> None:
    text = (
        "One mother, collecting her son from Greenhill Primary, said she had "
        "“read too much online”."
    )
    assert last_speaker(text) is None


# Organisations


def test_a_spokesperson_for_a_named_organisation_speaks_for_it() -> None:
    assert last_speaker('"Trains run Monday," a spokesperson for Fellside Rail said.') == (
        "Fellside Rail"
    )
    assert last_speaker('"Trains run Monday," said a Fellside Rail spokeswoman.') == (
        "Fellside Rail"
    )


def test_a_spokesperson_for_an_organisation_the_text_does_not_name_is_unknown() -> None:
    assert last_speaker('"We will look at it," a government spokesman said.') is None
    assert last_speaker('"We will look at it," a spokesman for the upper house said.') is None


def test_a_generic_word_for_an_organisation_stands_for_the_only_one_named() -> None:
    text = 'Kessel Pottery Ltd went into administration. "It is a sad day," the company said.'
    assert last_speaker(text) == "Kessel Pottery Ltd"


def test_a_generic_word_for_an_organisation_with_two_named_stays_unknown() -> None:
    text = (
        "Kessel Pottery Ltd blamed the Energy Regulation Authority. "
        '"It is a sad day," the company said.'
    )
    assert last_speaker(text) is None


def test_a_name_after_the_is_a_thing_a_pronoun_never_stands_for() -> None:
    text = 'The Porth Eithin boat was launched at dawn. "We were ready," she said.'
    assert last_speaker(text) is None


# Names with particles, accents and genders


def test_a_surname_with_particles_finds_the_full_name() -> None:
    text = (
        "Guinea's negotiator, Jean de la Croix, walked out.\n\n"
        'De la Croix said: "We will not sign." Rhodri ap Gwilym agreed.\n\n'
        'Ap Gwilym: "Nor will we."'
    )
    assert speakers(text) == ["Jean de la Croix", "Rhodri ap Gwilym"]


def test_a_first_name_with_an_accent_gives_its_gender() -> None:
    text = (
        "The consultant Tomás Pereira and the nurse Ada Moreno ran the ward. "
        '"We had 19 in," he said. "Twenty," she corrected him.'
    )
    assert speakers(text) == ["Tomás Pereira", "Ada Moreno"]


def test_a_family_description_gives_a_gender() -> None:
    text = (
        'Aled Rees spoke first. His wife, Eirlys Rees, came in later. "He never listens," she said.'
    )
    assert last_speaker(text) == "Eirlys Rees"


def test_a_known_first_name_before_a_place_word_is_a_person() -> None:
    text = 'Lena Park chairs the panel. "It went well," she said.'
    assert last_speaker(text) == "Lena Park"


# Clauses


def test_the_verb_nearest_the_quotation_gives_nested_speech_its_speaker() -> None:
    text = (
        "Bernice Hale, a carer, told the jury that Lorna Pike had once said to her: "
        "‘Keep the paper tidy.’"
    )
    assert last_speaker(text) == "Lorna Pike"


def test_an_unnamed_subject_of_the_nearest_verb_leaves_the_speaker_unknown() -> None:
    text = "When Hale announced the vote, a man in the gallery shouted “Shame on you!”"
    assert last_speaker(text) is None


def test_a_participle_after_a_comma_shares_the_subject_before_it() -> None:
    text = 'The toll will rise, Ingrid Moe said, adding: "We have not seen the worst."'
    assert last_speaker(text) == "Ingrid Moe"


def test_a_noun_that_looks_like_a_verb_of_saying_does_not_take_the_quotation() -> None:
    text = "Darren Kell called the remark “insulting to every driver”."
    assert last_speaker(text) == "Darren Kell"


def test_according_to_a_translation_gives_way_to_the_subject_of_said() -> None:
    text = (
        "José Álvarez, who heads the fleet, said in an interview, according to an agency "
        'translation: "It is easy to blame Europe."'
    )
    assert last_speaker(text) == "José Álvarez"


def test_a_sentence_about_someone_else_between_two_halves_hands_the_second_over() -> None:
    text = (
        "Two passengers, Gordon Mears and Alice Fenn, shared a table. "
        "“By hour three we were sharing crisps,” she said. He disagreed. “Hour two.”"
    )
    assert speakers(text) == ["Alice Fenn", "Gordon Mears"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"It is a scandal," fumed councillor Bethan Rhys-Jones.', "Bethan Rhys-Jones"),
        ('Omar Lind was unmoved. "Whatever," he shrugged.', "Omar Lind"),
    ],
)
def test_more_verbs_of_saying_attribute(text: str, speaker: str) -> None:
    assert last_speaker(text) == speaker


def test_a_shared_surname_keeps_standing_for_the_one_it_stood_for() -> None:
    text = (
        "Rhodri ap Gwilym has led the crew for 19 years.\n\n"
        'Ap Gwilym: "The boats changed, mostly."\n\n'
        "His wife, Eleri ap Gwilym, joined us.\n\n"
        'Ap Gwilym: "The sea did not."'
    )
    assert speakers(text) == ["Rhodri ap Gwilym", "Rhodri ap Gwilym"]


@pytest.mark.parametrize("surname", ["Lockman", "Bernard", "Castellian"])
def test_a_surname_shaped_like_a_nationality_is_still_a_name(surname: str) -> None:
    text = f'The coach, Ivo {surname}, spoke after the game. "We were tired," {surname} said.'
    assert last_speaker(text) == f"Ivo {surname}"


def test_a_person_of_an_organisation_before_the_verb_is_the_speaker() -> None:
    text = (
        "Dr Hanne Moberg of the Norwegian Institute for Water Research, who was not part of "
        "the survey, said the samples were “far too few”."
    )
    assert last_speaker(text) == "Hanne Moberg"


# Unnamed people and groups


def test_a_pronoun_after_an_unnamed_person_looks_past_the_quotation_itself() -> None:
    text = (
        "Ilse Brandt opened her shop in 1990.\n\n"
        "Is she tired? “A little. I get asked that by a man every week,” she says."
    )
    assert last_speaker(text) == "Ilse Brandt"


def test_an_unnamed_person_named_right_after_the_quotation_is_the_speaker() -> None:
    text = (
        "Noor Aziz runs the depot.\n\n"
        "A driver who has worked there since 2004 disagreed. “The yard is a mess,” he said. "
        "The driver, Callum Reid, said he had complained twice."
    )
    assert last_speaker(text) == "Callum Reid"


def test_a_paragraph_about_someone_unnamed_takes_the_name_given_after_the_quotation() -> None:
    text = (
        "Hilde Sorensen retires in June.\n\n"
        "Her deputy was out on a call when we visited. By text, she wrote: “Big shoes.” "
        "The new chief, Agnes Lund, starts in July."
    )
    assert last_speaker(text) == "Agnes Lund"


def test_a_quotation_opening_a_paragraph_does_not_take_a_name_introduced_after_it() -> None:
    text = (
        "Hilde Sorensen retires in June.\n\n"
        "“Big shoes,” she said. The new chief, Agnes Lund, starts in July."
    )
    assert last_speaker(text) == "Hilde Sorensen"


def test_a_pronoun_after_an_unnamed_volunteer_named_nowhere_stays_unknown() -> None:
    text = (
        "Noor Aziz runs the depot. “We cope,” Aziz said.\n\n"
        "One volunteer, who did not give her name, was blunter. “We don’t cope,” she said."
    )
    assert last_speaker(text) is None


def test_they_after_an_unnamed_group_is_not_the_organisation_named_before() -> None:
    text = (
        "The Fenwick Youth Choir missed the concert. “We played to a carriage,” they said. "
        "A group of walkers nearby were less calm. “We paid for this,” they said."
    )
    assert speakers(text) == ["Fenwick Youth Choir", None]


def test_the_second_half_of_an_unnamed_speakers_quotation_stays_unknown() -> None:
    text = (
        "“The queue took four hours,” said a nurse in the Riverside district, who asked not "
        "to be named. “Nobody came to help.”"
    )
    assert speakers(text) == [None, None]


# Reported speech inside reported speech


def test_a_name_reported_as_saying_the_quotation_is_its_speaker() -> None:
    text = (
        "Tamsin Orr said Kofi Mensah had walked into the depot that morning and told the "
        "drivers: ‘Nobody leaves before six.’"
    )
    assert last_speaker(text) == "Kofi Mensah"


@pytest.mark.parametrize(
    "reported",
    [
        "her landlord had",
        "one of the drivers had",
        "the man who sold them the van had",
        "Mensah's deputy had written to them and",
    ],
)
def test_someone_unnamed_reported_as_saying_the_quotation_leaves_it_unknown(
    reported: str,
) -> None:
    text = f"Tamsin Orr said {reported} warned them: ‘The roof will hold.’"
    assert last_speaker(text) is None


def test_a_verb_after_a_reported_state_belongs_to_the_reporting_speaker() -> None:
    text = "Tamsin Orr said Kofi Mensah was mistaken and insisted: ‘The depot stays open.’"
    assert last_speaker(text) == "Tamsin Orr"


def test_a_verb_joined_to_the_reporting_one_by_a_comma_keeps_its_subject() -> None:
    text = (
        'Tamsin Orr said the queues could shorten by May, but warned that "the depot is '
        'still short of drivers".'
    )
    assert last_speaker(text) == "Tamsin Orr"


# People known by one name, people who gave none


def test_a_first_name_someone_gave_for_themselves_is_a_person_of_that_gender() -> None:
    text = (
        "Dr Ilse Marten treated the crew. A fisherman who gave his name only as Tiago sat "
        "apart from the others.\n\n"
        "“We had no radio,” he said."
    )
    assert last_speaker(text) == "Tiago"


def test_a_subject_who_gave_a_first_name_is_its_speaker() -> None:
    text = (
        "The driver, who gave her name as Moira but not her surname, said she had waited "
        "“since before the lights came on”."
    )
    assert last_speaker(text) == "Moira"


@pytest.mark.parametrize(
    "subject",
    [
        "A welder in Gdansk, who asked not to be named because he still works there,",
        "Her brother's lawyer, who sat behind her,",
    ],
)
def test_a_pronoun_after_someone_who_stays_anonymous_is_unknown(subject: str) -> None:
    text = (
        "Pavel Novak runs the yard. "
        f"{subject} said the orders had dried up. “We saw it coming,” he said."
    )
    assert last_speaker(text) is None


# Organisations that look like people


@pytest.mark.parametrize("organisation", ["Tallis Research", "Forward UK", "Ember Electric"])
def test_a_name_ending_in_an_organisation_word_or_an_acronym_is_no_person(
    organisation: str,
) -> None:
    text = (
        f"Greta Lund, a pollster, shared figures from {organisation}. "
        "“Turnout will be the story,” she said."
    )
    assert last_speaker(text) == "Greta Lund"


def test_a_single_word_of_unknown_gender_gives_way_to_a_person_of_the_pronouns_gender() -> None:
    text = (
        '"Growth has stalled," said Greta Lund, who has covered Quillwork since its '
        'launch. Sales rose 2%, she said, "which is not enough".'
    )
    assert last_speaker(text) == "Greta Lund"


# Texts speak for their authors


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A statement from Orlo Foods on Friday said:", "Orlo Foods"),
        ("Their own newsletter had stated:", "Orlo Foods"),
        ("Nadia Fenwick's memo to staff said:", "Nadia Fenwick"),
    ],
)
def test_a_text_that_says_something_speaks_for_its_owner_or_sender(
    sentence: str, speaker: str
) -> None:
    text = f"Orlo Foods closed its Leeds plant. {sentence} “Production moves to Hull.”"
    assert last_speaker(text) == speaker


def test_his_report_speaks_for_the_person_the_paragraph_named() -> None:
    text = (
        "The harbour engineer, Colm Tierney, had warned the board. His survey of the wall "
        "said that it was “unlikely to survive another winter”."
    )
    assert last_speaker(text) == "Colm Tierney"


@pytest.mark.parametrize(
    "introduction",
    [
        "in a letter from the head teacher, Joan Brisco,",
        "in a letter that the head teacher, Joan Brisco, had sent",
    ],
)
def test_the_letter_speaks_for_whoever_the_text_said_wrote_it(introduction: str) -> None:
    text = (
        f"Parents heard of the closure {introduction} on Monday.\n\n"
        "The letter said the school would shut “for the foreseeable future”. "
        "“Nobody asked us,” the letter read."
    )
    assert speakers(text) == ["Joan Brisco", "Joan Brisco"]


@pytest.mark.parametrize(
    "text",
    [
        "Joan Brisco is the head. The letter said the school would shut “for good”.",
        "Joan Brisco got a letter from 30 parents. The letter said it was “a scandal”.",
    ],
)
def test_a_letter_nobody_named_is_said_to_have_written_stays_unknown(text: str) -> None:
    assert last_speaker(text) is None


def test_a_description_after_a_relative_pronoun_gives_no_role() -> None:
    text = (
        "Dr Ilse Marten, a surgeon who advises the trust, spoke first. The Wenlow Health "
        "Trust was next. The trust said it had “no plans to close the ward”."
    )
    assert last_speaker(text) == "Wenlow Health Trust"


# Findings, openings and variations


def test_a_named_body_that_found_something_is_its_speaker() -> None:
    text = "The Coastal Licensing Panel found that the pier was “unsafe for any visitor”."
    assert last_speaker(text) == "Coastal Licensing Panel"


def test_a_pronoun_that_found_something_leaves_the_quotation_to_the_reporting_speaker() -> None:
    text = 'Ada Quist said they found "nothing but empty crates" at the unit.'
    assert last_speaker(text) == "Ada Quist"


@pytest.mark.parametrize(
    "sentence",
    [
        "09:15 The Marsh County Fire Service has just posted on X:",
        "At the time the fire service said:",
    ],
)
def test_a_time_or_a_phrase_opening_the_sentence_is_not_the_subject(sentence: str) -> None:
    text = f"The Marsh County Fire Service sent crews. {sentence} “Keep windows shut.”"
    assert last_speaker(text) == "Marsh County Fire Service"


def test_a_sentence_opening_with_a_question_put_to_someone_is_about_that_someone() -> None:
    text = (
        "Olu Bamidele runs the ferry. Asked whether Carrow Island would be cut off, Bamidele "
        "looked at the sky. “Ask the tide.”"
    )
    assert last_speaker(text) == "Olu Bamidele"


def test_a_name_after_a_lowercase_descriptor_after_the_verb_is_the_speaker() -> None:
    text = '"We were never asked," said farmer Ewan Rudd at the gate, where he stood all day.'
    assert last_speaker(text) == "Ewan Rudd"


def test_a_pronoun_after_a_spokesperson_speaks_for_the_organisation() -> None:
    text = (
        "A spokeswoman for Harlin Rail, the operator of the line, said trains would resume. "
        "“Tickets will be honoured,” she said."
    )
    assert last_speaker(text) == "Harlin Rail"


def test_a_role_prefers_the_organisation_whose_name_ends_with_it() -> None:
    text = (
        "Norbeck University will close its dance school, according to the Norbeck Staff "
        "Union. The university said the move was “regrettable but necessary”."
    )
    assert last_speaker(text) == "Norbeck University"


@pytest.mark.parametrize("role", ["the 31-year-old", "the Danish midfielder"])
def test_an_age_or_a_nationality_stands_for_the_person_the_paragraph_is_about(role: str) -> None:
    text = f'Sune Holm was dropped again. Holm trained alone. "I will be back," {role} said.'
    assert last_speaker(text) == "Sune Holm"


def test_a_kind_of_person_nobody_was_introduced_as_still_stays_unknown() -> None:
    text = 'Sune Holm was dropped again. "He will be back," the Danish fan said.'
    assert last_speaker(text) is None


def test_a_plural_possessive_inside_an_organisations_name_stays_in_it() -> None:
    text = "The Wexley Growers’ Association said the ban was “long overdue”."
    assert last_speaker(text) == "Wexley Growers’ Association"


def test_a_verb_after_according_to_introduces_the_quotation() -> None:
    text = (
        "Ticket sales doubled, according to its promoter, Vantage Live, a rise its founder, "
        "Mira Osei, calls “more than we dared to plan for”."
    )
    assert last_speaker(text) == "Mira Osei"


def test_in_the_words_of_names_the_speaker_as_according_to_does() -> None:
    text = "In the words of Petra Lind, the ferry is “a bus that floats”."
    assert last_speaker(text) == "Petra Lind"


def test_her_verdict_before_a_colon_is_the_paragraphs_woman() -> None:
    text = "Petra Lind has crossed twice a day since 1998. Her verdict: “Slower, not safer.”"
    assert last_speaker(text) == "Petra Lind"

"""Quotations and their speakers (annotations.core.suggestions.quotes)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.core.suggestions.quotes import Quote, quotes_find


def quoted(text: str) -> list[str]:
    return [quote.text for quote in quotes_find(text)]


def attributed(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in quotes_find(text)]


def only(text: str) -> Quote:
    found = quotes_find(text)
    assert len(found) == 1, found
    return found[0]


# Marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"It works," he said.', ["It works,"]),
        ("“It works,” he said.", ["It works,"]),
        ("«Ça marche», a-t-il dit.", ["Ça marche"]),
        ("« Ça marche », a-t-il dit.", ["Ça marche"]),
        ("»Det virker«, sagde han.", ["Det virker"]),
        ("„Es funktioniert“, sagte er.", ["Es funktioniert"]),
        ("”Det fungerar”, sa han.", ["Det fungerar"]),
        ("‘It works,’ he said.", ["It works,"]),
        ("'It works,' he said.", ["It works,"]),
        ("‹Ça marche›, dit-il.", ["Ça marche"]),
    ],
)
def test_each_kind_of_quotation_mark_is_found(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_the_span_is_exactly_what_the_marks_enclose_without_surrounding_spaces() -> None:
    text = 'She said: " It works, mostly. " Then she left.'
    quote = only(text)
    assert quote.text == "It works, mostly."
    assert text[quote.start : quote.end] == quote.text


def test_the_trailing_comma_inside_the_marks_stays_in_the_span() -> None:
    assert quoted('"It works," he said.') == ["It works,"]
    assert quoted('"It works." He left.') == ["It works."]


def test_offsets_are_code_points() -> None:
    text = 'Émile 🙂 said: "Zürich costs €3bn."'
    quote = only(text)
    assert (quote.start, quote.end) == (15, 33)
    assert text[quote.start : quote.end] == "Zürich costs €3bn."


def test_several_quotations_come_in_text_order() -> None:
    text = 'He said "one" and then "two", and finally “three”.'
    found = quotes_find(text)
    assert [q.text for q in found] == ["one", "two", "three"]
    assert [q.start for q in found] == sorted(q.start for q in found)


@pytest.mark.parametrize(
    "text",
    [
        "I don't think it's right.",
        "It was the '90s and rock 'n' roll was king.",
        "Jones' car and the Joneses' dog were there.",
        "’Tis the season, said nobody in the ’60s.",
        'The 12" pizza and the 6\' 2" man.',
    ],
)
def test_apostrophes_elisions_and_inches_are_not_quotations(text: str) -> None:
    assert quoted(text) == []


def test_apostrophes_inside_a_single_quoted_quotation_do_not_close_it() -> None:
    assert quoted("'I don't know, it's late,' she said.") == ["I don't know, it's late,"]


def test_a_plural_possessive_inside_single_quotes_does_not_close_them() -> None:
    assert quoted("'The Joneses' car was stolen,' she said.") == ["The Joneses' car was stolen,"]


def test_a_final_possessive_closes_single_quotes_when_nothing_else_does() -> None:
    assert quoted("He called it 'a win for the workers' and left.") == ["a win for the workers"]


def test_a_quotation_inside_a_quotation_stays_inside_it() -> None:
    text = "“He told me ‘never again’ and left,” she said."
    assert quoted(text) == ["He told me ‘never again’ and left,"]


def test_double_quotes_inside_single_quotes_stay_inside_them() -> None:
    assert quoted("'They called it \"a scandal\",' he said.") == ['They called it "a scandal",']


def test_a_quotation_split_by_its_attribution_gives_two_quotations() -> None:
    text = '"We will win," he said. "There is no doubt."'
    assert quoted(text) == ["We will win,", "There is no doubt."]


def test_a_quotation_split_by_a_comma_attribution_gives_two_quotations() -> None:
    assert quoted('"We will win," he said, "and soon."') == ["We will win,", "and soon."]


def test_a_quotation_never_crosses_a_paragraph_the_next_does_not_continue() -> None:
    text = '"This one is never closed.\n\nThe next paragraph is plain. "But this one is."'
    assert quoted(text) == ["But this one is."]


def test_a_quotation_over_paragraphs_gives_one_quotation_per_paragraph() -> None:
    text = (
        'Jane Doe said: "The first paragraph of what I say.\n\n'
        '"The second paragraph.\n\n'
        '"And the last one, which closes."'
    )
    found = quotes_find(text)
    assert [q.text for q in found] == [
        "The first paragraph of what I say.",
        "The second paragraph.",
        "And the last one, which closes.",
    ]
    assert {q.speaker for q in found} == {"Jane Doe"}
    assert found[0].confidence < found[2].confidence  # no mark closes the first two


@pytest.mark.parametrize(
    "text",
    [
        '"This quotation never closes.',
        "This one never opens.”",
        "“Curly but unbalanced, and «a guillemet too.",
        "'Single and unbalanced, he said.",
        '""',
        '" "',
        "«»",
    ],
)
def test_unbalanced_or_empty_marks_give_no_quotation(text: str) -> None:
    assert quoted(text) == []


def test_a_complete_quotation_inside_an_unclosed_one_is_still_found() -> None:
    assert quoted("“He said «stop» and then nothing more.") == ["stop"]


def test_a_new_straight_quote_after_an_unclosed_one_starts_a_new_quotation() -> None:
    assert quoted('"First part, he said. "Second part."') == ["Second part."]


def test_sloppy_mixed_marks_still_pair() -> None:
    assert quoted('“It works," he said.') == ["It works,"]


# Speakers in the clause next to the quotation


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The plan is dead," said Jane Doe.', "Jane Doe"),
        ('"The plan is dead," Jane Doe said.', "Jane Doe"),
        ('Jane Doe said: "The plan is dead."', "Jane Doe"),
        ('Jane Doe said "the plan is dead".', "Jane Doe"),
        ('"The plan is dead," according to Jane Doe.', "Jane Doe"),
        ('According to Jane Doe, "the plan is dead".', "Jane Doe"),
        ('"The plan is dead," Jane Doe told AFP.', "Jane Doe"),
        ('"The plan is dead," Jane Doe told The Associated Press.', "Jane Doe"),
        ('"The plan is dead," Jane Doe wrote on X.', "Jane Doe"),
        ('"The plan is dead," Jane Doe later added.', "Jane Doe"),
        ('"The plan is dead," Jane Doe was quoted as saying.', "Jane Doe"),
        ('Jane Doe tweeted: "The plan is dead."', "Jane Doe"),
        ('Jane Doe warned that "the plan is dead".', "Jane Doe"),
        ('Jane Doe described the plan as "dead on arrival".', "Jane Doe"),
        ('Jane Doe called it "dead on arrival".', "Jane Doe"),
        ('"Is the plan dead?" asked Jane Doe.', "Jane Doe"),
        ('"The plan is dead!" Jane Doe insisted.', "Jane Doe"),
        ('"The plan is dead" — Jane Doe said.', "Jane Doe"),
        ("‘The plan is dead,’ said Jane Doe.", "Jane Doe"),
        ("'The plan is dead,' said Jane Doe.", "Jane Doe"),
        ('In a statement on Monday, Jane Doe said: "The plan is dead."', "Jane Doe"),
        ('Asked about it, Jane Doe said: "The plan is dead."', "Jane Doe"),
        ('"The plan is dead," said Jane Doe on Monday.', "Jane Doe"),
        ('"The plan is dead," said Jane Doe in an interview with the BBC.', "Jane Doe"),
    ],
)
def test_the_named_person_in_the_attribution_clause_is_the_speaker(text: str, speaker: str) -> None:
    quote = only(text)
    assert quote.speaker == speaker
    assert quote.speaker_confidence == 0.95
    assert quote.attribution == "named"
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert text[quote.speaker_start : quote.speaker_end] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('A UN relief adviser, Jan Egeland, said: "The situation is dire."', "Jan Egeland"),
        ('"The situation is dire," said a UN relief adviser, Jan Egeland.', "Jan Egeland"),
        ('"It is dire," said Jan Egeland, a UN relief adviser.', "Jan Egeland"),
        ('Jan Egeland, a UN relief adviser, said: "It is dire."', "Jan Egeland"),
        (
            'Jan Egeland, who heads the Norwegian Refugee Council, said: "It is dire."',
            "Jan Egeland",
        ),
        ('Jan Egeland, 66, told Reuters: "It is dire."', "Jan Egeland"),
        ('The relief chief, Jan Egeland, said: "It is dire."', "Jan Egeland"),
        ('"It is dire," said the relief chief, Jan Egeland.', "Jan Egeland"),
        ('Britain\'s health minister Sajid Javid said: "We will act."', "Sajid Javid"),
        ('Jane Doe\'s lawyer, John Smith, said: "She is innocent."', "John Smith"),
        ('"It is dire," said Ministry of Health spokesman John Smith.', "John Smith"),
        ('Speaking on Monday, Jane Doe, the mayor, said: "We are ready."', "Jane Doe"),
    ],
)
def test_descriptions_stay_out_of_the_name(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Health Minister Sajid Javid said: "We will not hesitate."', "Sajid Javid"),
        ('"We will not hesitate," said Health Minister Sajid Javid.', "Sajid Javid"),
        ('Prime Minister Boris Johnson said: "We will get it done."', "Boris Johnson"),
        ('U.S. President Joe Biden said: "America is back."', "Joe Biden"),
        ('"Vaccines work," said Dr. Jane Doe.', "Jane Doe"),
        ('"Vaccines work," said Dr Jane Doe.', "Jane Doe"),
        ('"Vaccines work," says Prof Jane Doe, of the University of Oxford.', "Jane Doe"),
        ('Sen. Elizabeth Warren said: "Break them up."', "Elizabeth Warren"),
        ('Secretary of State Antony Blinken said: "We stand with Ukraine."', "Antony Blinken"),
        (
            'UN Secretary-General Antonio Guterres warned: "We are on a highway to climate hell."',
            "Antonio Guterres",
        ),
        ('Mrs Jane Doe said: "Thank you."', "Jane Doe"),
        ('"We are ready," said former President Donald Trump.', "Donald Trump"),
    ],
)
def test_titles_stay_out_of_the_name(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Ursula von der Leyen said: "Europe is united."', "Ursula von der Leyen"),
        ('Bashar al-Assad told state television: "We will fight."', "Bashar al-Assad"),
        ('"We will win," said Charles de Gaulle.', "Charles de Gaulle"),
        ('"It works," said J.K. Rowling.', "J.K. Rowling"),
        ('"It works," said Mary-Jane O\'Neill.', "Mary-Jane O'Neill"),
        ('"It works," said Émile Zola.', "Émile Zola"),
    ],
)
def test_names_keep_their_particles_hyphens_and_accents(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"We are investigating," the Ministry of Health said in a statement.',
            "Ministry of Health",
        ),
        ('"We are investigating," said the Ministry of Health.', "Ministry of Health"),
        ('"We are investigating," the White House said.', "White House"),
        ('"We are investigating," NATO said.', "NATO"),
        ('The Bank of England said: "Inflation will fall."', "Bank of England"),
        (
            '"We disagree," said the Department of Health and Social Care.',
            "Department of Health and Social Care",
        ),
    ],
)
def test_a_named_organisation_is_a_speaker(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


# Speakers resolved from a surname, a pronoun or a role


def test_a_surname_resolves_to_the_full_name_mentioned_earlier() -> None:
    quote = only('Jane Doe opened the plant. "It is great," Doe told AFP.')
    assert (quote.speaker, quote.speaker_confidence, quote.attribution) == (
        "Jane Doe",
        0.85,
        "surname",
    )


def test_a_titled_surname_resolves_to_the_full_name() -> None:
    text = 'Health Minister Sajid Javid visited. "It is great," said Mr Javid.'
    assert only(text).speaker == "Sajid Javid"


def test_a_surname_nobody_introduced_is_the_speaker_as_written() -> None:
    quote = only('"It is great," Doe told AFP.')
    assert (quote.speaker, quote.speaker_confidence) == ("Doe", 0.85)


def test_he_resolves_to_the_last_man_named() -> None:
    text = 'John Smith met Jane Doe on Monday. "It was fine," he said.'
    quote = only(text)
    assert (quote.speaker, quote.speaker_confidence, quote.attribution) == (
        "John Smith",
        0.8,
        "pronoun",
    )
    assert (quote.speaker_start, quote.speaker_end) == (
        text.index(" he ") + 1,
        text.index(" he ") + 3,
    )


def test_she_skips_a_more_recent_man() -> None:
    assert only('Jane Doe met John Smith on Monday. "It was fine," she said.').speaker == (
        "Jane Doe"
    )


def test_a_title_gives_the_gender() -> None:
    text = 'Ms Kowalczyk met Mr Nowak. "It was fine," she said.'
    assert only(text).speaker == "Kowalczyk"


def test_an_earlier_pronoun_ties_the_gender_to_the_person() -> None:
    text = (
        "Sasha Kowalczyk runs the bakery, and she opened a second one in May. "
        "Chris Nowak joined later. "
        '"We are busy," she said.'
    )
    assert only(text).speaker == "Sasha Kowalczyk"


def test_a_pronoun_for_a_person_of_unknown_gender_has_lower_confidence() -> None:
    quote = only('Wes Streeting visited a hospital. "It is broken," he said.')
    assert (quote.speaker, quote.speaker_confidence) == ("Wes Streeting", 0.7)


def test_a_pronoun_with_nobody_to_refer_to_is_unknown() -> None:
    quote = only('"It works," he said.')
    assert (quote.speaker, quote.speaker_confidence, quote.attribution) == (None, 0.0, "none")


def test_a_pronoun_does_not_reach_a_person_named_only_inside_a_quotation() -> None:
    assert only_speakers('"John Smith is wrong," she said.') == [None]


def only_speakers(text: str) -> list[str | None]:
    return [quote.speaker for quote in quotes_find(text)]


def test_a_pronoun_does_not_resolve_to_a_place() -> None:
    assert only_speakers('He flew to New York. "It was cold," he said.') == [None]


def test_they_resolves_to_an_organisation() -> None:
    text = 'Acme Corporation issued a statement. "We regret it," they said.'
    assert only_speakers(text) == ["Acme Corporation"]


def test_they_does_not_guess_a_person() -> None:
    assert only_speakers('John Smith was there. "We regret it," they said.') == [None]


def test_a_role_resolves_to_the_person_introduced_with_it() -> None:
    text = 'Health Minister Sajid Javid spoke on Monday. "We must act," the minister said.'
    quote = only(text)
    assert (quote.speaker, quote.speaker_confidence, quote.attribution) == (
        "Sajid Javid",
        0.8,
        "role",
    )


def test_a_role_from_an_apposition_resolves() -> None:
    text = (
        "Jane Doe, a spokeswoman for the council, spoke first. "
        '"We are ready," the spokeswoman said.'
    )
    assert only(text).speaker == "Jane Doe"


def test_a_role_nobody_introduced_is_unknown() -> None:
    assert only_speakers('"We must act," the minister said.') == [None]


def test_a_different_role_does_not_resolve() -> None:
    text = 'Health Minister Sajid Javid spoke. "We must act," the prime minister said.'
    assert only_speakers(text) == [None]


def test_an_organisation_role_resolves_to_the_named_organisation() -> None:
    text = 'The Ministry of Health published figures. "Cases are falling," the ministry said.'
    assert only_speakers(text) == ["Ministry of Health"]


@pytest.mark.parametrize(
    "text",
    [
        'Officials said: "No comment at all."',
        '"No comment at all," a spokeswoman said.',
        '"No comment at all," said one official, who asked not to be named.',
        '"No comment at all," police said.',
        'Critics said the plan was "a disaster for everyone".',
        '"No comment at all," I said.',
    ],
)
def test_an_unnamed_speaker_is_unknown(text: str) -> None:
    quote = only(text)
    assert (quote.speaker, quote.speaker_confidence) == (None, 0.0)


def test_an_unnamed_speaker_is_not_replaced_by_the_previous_one() -> None:
    text = 'Jane Doe said: "We are ready."\n\n"We are not," a spokeswoman for the union said.'
    assert only_speakers(text) == ["Jane Doe", None]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will appeal," said Anne Whitcombe KC.', "Anne Whitcombe"),
        ('Jane Doe MP said: "We will appeal."', "Jane Doe"),
        (
            'One of them, the deputy chief whip Rowan Ibbotson, said it was "a family row".',
            "Rowan Ibbotson",
        ),
        (
            'Opening the case, prosecutor Sarah Whitfield told the jury it was "simple".',
            "Sarah Whitfield",
        ),
        (
            'The leader, Naomi Burgess, went further, accusing them of "holding us to ransom".',
            "Naomi Burgess",
        ),
        ('Lena Hartley emails from Northgate: "The queue was out of the door."', "Lena Hartley"),
    ],
)
def test_post_nominals_descriptions_and_more_verbs_of_saying(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_a_name_introducing_a_quotation_with_a_colon_is_its_speaker() -> None:
    text = (
        "Dawson: 'We were robbed, and everyone knew it'\n\nKieran Dawson, the City captain, left."
    )
    quote = only(text)
    assert (quote.speaker, quote.attribution) == ("Kieran Dawson", "surname")
    assert quote.speaker_confidence == 0.7  # the full name comes after


def test_an_adjective_before_a_description_is_not_a_speaker() -> None:
    text = 'One European delegate, who asked not to be named, said: "Nobody expects a deal."'
    assert only_speakers(text) == [None]


def test_a_following_clause_with_no_subject_of_its_own_does_not_hide_the_speaker() -> None:
    text = 'The opposition leader, Tomasz Brenner, called the vote "a disgrace" and left the room.'
    assert only_speakers(text) == ["Tomasz Brenner"]


def test_it_resolves_to_the_organisation() -> None:
    text = 'The Confederation of Employers is unconvinced. "It is a tax on productivity," it said.'
    assert only_speakers(text) == ["Confederation of Employers"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Brackwater Police made an arrest. "A man is in custody," the force said.',
            "Brackwater Police",
        ),
        (
            'The Confederation of Trade Unions was angry. "We are worse off," the union body said.',
            "Confederation of Trade Unions",
        ),
        (
            'The company that makes it, Agrova, said little. "We will see," the company said.',
            "Agrova",
        ),
    ],
)
def test_an_organisation_is_found_again_by_what_it_is(text: str, speaker: str) -> None:
    assert only_speakers(text) == [speaker]


def test_a_role_may_be_named_later_in_the_same_paragraph() -> None:
    text = (
        'The finance ministry said that "the worst is behind us". '
        "The Ministry of Finance did not say more."
    )
    quote = only(text)
    assert (quote.speaker, quote.speaker_confidence) == ("Ministry of Finance", 0.7)


def test_a_pronoun_prefers_the_person_its_passage_is_about() -> None:
    text = (
        "Westbridge manager Alan Pryce was angry about the foul by Tom Healy. "
        '"It was never a foul," he said.'
    )
    assert only_speakers(text) == ["Alan Pryce"]


def test_a_name_before_a_title_or_in_a_possessive_is_not_the_subject() -> None:
    text = (
        "Inês Carvalho led the study. Carvalho's co-author, Søren Mikkelsen, said more. "
        '"Cities must prepare," he said.'
    )
    assert only_speakers(text) == ["Søren Mikkelsen"]
    text = 'Carlton Rovers won. Rovers manager Siobhan Kerr was honest. "We were poor," she said.'
    assert only_speakers(text) == ["Siobhan Kerr"]


def test_a_pronoun_after_an_unnamed_person_stays_unknown() -> None:
    text = (
        'Oliver Grant said: "He is innocent."\n\nOutside court, a man who gave no name '
        'shouted at reporters. "Ask him about the trucks!" he said.'
    )
    assert only_speakers(text) == ["Oliver Grant", None]


def test_a_quotation_after_a_sentence_about_someone_is_theirs_with_low_confidence() -> None:
    text = (
        "Hanne Solberg retires this month.\n\n"
        'She remembers the day the pace changed. "We lost 94 metres in a single summer."'
    )
    quote = only(text)
    assert (quote.speaker, quote.speaker_confidence, quote.attribution) == (
        "Hanne Solberg",
        0.6,
        "context",
    )


def test_a_scare_quote_after_a_sentence_about_someone_takes_no_speaker() -> None:
    assert only_speakers('Hanne Solberg left. The "savings" were gone.') == [None]


# Speakers taken from another piece


def test_the_second_half_of_a_split_quotation_has_the_same_speaker() -> None:
    found = quotes_find('Jane Doe arrived. "We will win," she said. "There is no doubt."')
    assert [(q.speaker, q.attribution) for q in found] == [
        ("Jane Doe", "pronoun"),
        ("Jane Doe", "split"),
    ]


def test_both_halves_around_a_comma_attribution_have_the_speaker() -> None:
    assert only_speakers('"We will win," said Jane Doe, "and soon."') == ["Jane Doe", "Jane Doe"]


def test_a_quotation_before_the_attributed_one_takes_its_speaker() -> None:
    assert only_speakers('"We will win." "There is no doubt," said Jane Doe.') == [
        "Jane Doe",
        "Jane Doe",
    ]


def test_a_clause_leading_into_the_next_quotation_is_not_the_previous_ones() -> None:
    text = '"We will win!" the crowd chanted. Jane Doe said: "No chance."'
    assert attributed(text) == [("We will win!", None), ("No chance.", "Jane Doe")]


def test_an_unattributed_paragraph_after_a_quoted_speaker_carries_the_speaker_over() -> None:
    text = 'Jane Doe said: "We are ready."\n\n"We have trained for years and we will win."'
    found = quotes_find(text)
    assert [(q.speaker, q.speaker_confidence, q.attribution) for q in found] == [
        ("Jane Doe", 0.95, "named"),
        ("Jane Doe", 0.6, "carried"),
    ]


def test_nothing_is_carried_over_a_paragraph_without_quotations() -> None:
    text = (
        'Jane Doe said: "We are ready."\n\nThe vote is on Friday.\n\n'
        '"We have trained for years and we will win."'
    )
    assert only_speakers(text) == ["Jane Doe", None]


def test_scare_quotes_take_no_speaker_and_little_confidence() -> None:
    quote = only('The so-called "peace plan" was rejected.')
    assert (quote.speaker, quote.confidence) == (None, 0.5)


def test_an_attributed_quotation_is_more_certain_than_an_unattributed_one() -> None:
    attributed_quote = only('"We have trained for years," said Jane Doe.')
    unattributed_quote = only('The banner read "we have trained for years".')
    assert attributed_quote.confidence > unattributed_quote.confidence


# A newswire article


ARTICLE = """LONDON (Reuters) - Britain's health service faces its worst winter in decades, \
Health Secretary Wes Streeting said on Monday, as hospitals reported record waiting times.

"The NHS is broken, but it is not beaten," Streeting told reporters in Leeds. "We will fix it."

Streeting, a Labour lawmaker, said the government would spend 2 billion pounds on beds. \
"This is the biggest investment in a decade," he added.

The opposition was unconvinced. "It is too little, too late," said Victoria Atkins, the \
Conservative health spokeswoman. She said the plan "does nothing for patients waiting today".

A spokesperson for the Royal College of Nursing said: "Nurses are exhausted."

According to the British Medical Association, "the situation is critical".

Dr. Sarah Jones, an emergency doctor in Manchester, described the scenes as "a war zone". \
"We had patients on trolleys for 40 hours," she said. "I have never seen anything like it.

"Every night we make impossible choices."

'It's the worst I've seen in my 30 years,' said Mr Brown, a porter. 'The staff are heroes.'

"We told them this would happen," the union said."""


def test_a_newswire_article_gives_each_quotation_its_speaker() -> None:
    assert attributed(ARTICLE) == [
        ("The NHS is broken, but it is not beaten,", "Wes Streeting"),
        ("We will fix it.", "Wes Streeting"),
        ("This is the biggest investment in a decade,", "Wes Streeting"),
        ("It is too little, too late,", "Victoria Atkins"),
        ("does nothing for patients waiting today", "Victoria Atkins"),
        # A spokesperson for a named organisation speaks for it (the evaluation set's rule).
        ("Nurses are exhausted.", "Royal College of Nursing"),
        ("the situation is critical", "British Medical Association"),
        ("a war zone", "Sarah Jones"),
        ("We had patients on trolleys for 40 hours,", "Sarah Jones"),
        ("I have never seen anything like it.", "Sarah Jones"),
        ("Every night we make impossible choices.", "Sarah Jones"),
        ("It's the worst I've seen in my 30 years,", "Brown"),
        ("The staff are heroes.", "Brown"),
        ("We told them this would happen,", None),
    ]


# Other languages, scripts and sizes


def test_another_language_finds_quotations_without_guessing_speakers() -> None:
    text = "«Nous avons gagné», a déclaré Jean Dupont. „Wir haben gewonnen“, sagte er."
    found = quotes_find(text, language="fr")
    assert [(q.text, q.speaker) for q in found] == [
        ("Nous avons gagné", None),
        ("Wir haben gewonnen", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "قال الوزير: «الوضع خطير» ثم غادر.",
        'אמר השר: "המצב חמור" ויצא.',
        'مرحبا "שלום עולם" said Jane Doe. 你好“世界”。',
        '\u202e"reversed" said \u202dJane Doe.',
    ],
)
def test_right_to_left_and_mixed_scripts_work(text: str) -> None:
    found = quotes_find(text)
    assert found
    assert all(text[q.start : q.end] == q.text for q in found)


def test_mixed_scripts_keep_an_english_attribution() -> None:
    assert only_speakers('مرحبا "שלום עולם" said Jane Doe.') == ["Jane Doe"]


def test_a_text_without_quotations_or_sentence_ends_gives_nothing() -> None:
    assert quotes_find("") == []
    assert quotes_find("no sentence ends here and no quotes either") == []


def test_200000_characters_of_articles_are_read_quickly() -> None:
    text = "\n\n".join([ARTICLE] * 110)[:200_000]
    started = time.process_time()
    found = quotes_find(text)
    assert time.process_time() - started < 5
    assert len(found) > 1_000
    assert all(text[q.start : q.end] == q.text for q in found)


@pytest.mark.parametrize(
    "text",
    [
        '"' * 200_000,
        "'" * 200_000,
        "“”«»‘’„‚" * 25_000,
        ('"a' + " b" * 50) * 1_900,
        ("He said. " * 20 + '"') * 1_000,
        ("x'" * 100_000),
        ('"A," said Mr ' + "Smith " * 30) * 500,
        "\n\n".join(['"open'] * 40_000),
    ],
)
def test_pathological_200000_character_inputs_do_not_blow_up(text: str) -> None:
    started = time.process_time()
    found = quotes_find(text)
    assert time.process_time() - started < 10
    assert all(text[q.start : q.end] == q.text for q in found)


# Any text

_ALPHABET = st.sampled_from(
    list("aA zZé.,:;!?-—()\n'\"“”‘’«»‹›„‚")
    + ["\n\n", " said ", " he ", " Jane Doe ", "ש", "م", "🙂"]
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_any_text_gives_valid_quotations(text: str) -> None:
    found = quotes_find(text)
    previous_end = -1
    for quote in found:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        assert quote.start >= previous_end  # in order, never overlapping
        previous_end = quote.end
        assert 0 < quote.confidence <= 1
        assert 0 <= quote.speaker_confidence <= 1
        assert (quote.speaker is None) == (quote.speaker_confidence == 0)
        if quote.speaker_start is not None:
            assert quote.speaker_end is not None
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text_gives_valid_quotations(text: str) -> None:
    for quote in quotes_find(text):
        assert text[quote.start : quote.end] == quote.text

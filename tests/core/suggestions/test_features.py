"""The features of a sentence (annotations.core.suggestions.features)."""

from __future__ import annotations

import pytest

from annotations.core.suggestions.features import (
    FEATURE_NAMES,
    NAMED_ENTITY_CAP,
    NUMBER_CAP,
    feature_labels,
    sentence_features,
)


def present(text: str, *, language: str = "en") -> set[str]:
    return {name for name, value in sentence_features(text, language=language).items() if value}


def test_every_feature_name_has_a_value_in_column_order() -> None:
    features = sentence_features("Prices rose.")
    assert tuple(features) == FEATURE_NAMES
    assert all(isinstance(value, float) for value in features.values())


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("Unemployment fell to 3.5% last month.", "percentage"),
        ("Unemployment fell by 2 per cent in a year.", "percentage"),
        ("The scheme cost £4.2bn to run.", "money"),
        ("The scheme cost 420 million dollars to run.", "money"),
        ("The plant produced 3 million tonnes of steel.", "quantity"),
        ("The river rose 2 metres overnight.", "quantity"),
        ("The temperature reached 40 degrees Celsius.", "quantity"),
        ("The bridge was opened in 1998 by the mayor.", "date"),
        ("The bridge was opened on 13 November by the mayor.", "date"),
        ("The bridge was opened last year by the mayor.", "date"),
        ("Three million people live in the region.", "spelled_number"),
        ("Almost half of the food we eat is imported.", "spelled_number"),
        ("Fares rose faster than wages over the decade.", "comparative"),
        ("Fares have doubled since the line opened.", "comparative"),
        ("More than 200 homes were flooded.", "comparative"),
        ("Unemployment is the lowest in 50 years.", "superlative"),
        ("It was the hottest summer on record.", "superlative"),
        ("The team won its first-ever title.", "superlative"),
        ("Crime fell, according to the police.", "attribution"),
        ("The minister told AFP that crime had fallen.", "attribution"),
        ("The report was published by the Office for National Statistics.", "named_entity"),
        ("The unemployment rate is unchanged.", "statistic"),
        ("GDP grew in the second quarter.", "statistic"),
        ("The flooding was caused by a burst main.", "causal"),
        ("Prices could rise again next year.", "hedge"),
        ("Prices may rise again next year.", "hedge"),
        ("I think this is the right decision for everyone.", "opinion"),
        ("The government should resign over this.", "opinion"),
        ("This is a terrible budget for families.", "opinion"),
        ("Is this really a fair outcome for the town?", "question"),
        ("We have cut borrowing in two years.", "personal"),
        ("He refused.", "short"),
        ("The council will publish its plans next month.", "future"),
        ("Eleven councillors voted against the plan.", "count"),
        ("The closure means 2,000 jobs will go.", "count"),
        ("Five of the seven judges dissented.", "count"),
        ("Aid arrived from 12 neighbouring countries.", "count"),
        ("Crime fell sharply, the interior ministry said.", "official"),
        ("The Department for Transport reported a fall in journeys.", "official"),
        ("Journeys fell, according to the national rail authority.", "official"),
        ("Official figures put the shortfall higher.", "official"),
        ("The club said in a statement that the player had left.", "official"),
        ("Sales were weaker than last year.", "time_comparison"),
        ("Bus fares have doubled since 2010.", "time_comparison"),
        ("Output fell 3% year on year.", "time_comparison"),
        ("Rents were 8% lower two years ago.", "time_comparison"),
        ("The share rose from 12% in 2019 to 15% in 2023.", "time_comparison"),
    ],
)
def test_a_sentence_shows_the_feature_a_fact_checker_would_name(text: str, feature: str) -> None:
    assert feature in present(text)


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("The bridge was opened in 1998 by the mayor.", "number"),  # a year is a date
        ("The minister gave an interest-free loan to the club.", "superlative"),
        ("He chose the bus rather than the train.", "comparative"),
        ("Jan Egeland visited the camp with his team.", "date"),  # Jan is a name here
        ("The report may be published in May.", "opinion"),
        ("Prices rose sharply across the region.", "question"),
        ("The agreement between the US and Canada was signed.", "personal"),  # "US" is a place
        ("One of the bridges was closed for repairs.", "spelled_number"),
        ("Weeks of talks came to nothing in the end.", "number"),
        # Spans of time, units, money and years are no counts of people or things.
        ("She was jailed for two years in the end.", "count"),
        ("The river rose 2 metres overnight.", "count"),
        ("In 2021 prices rose across the region.", "count"),
        ("A 24-year-old student was arrested.", "count"),
        ("Solano joined the brigade in 1996, does not hide it.", "count"),
        ("One of the bridges was closed for repairs.", "count"),
        # A bank or a ministry named is no official source unless it speaks.
        ("Every month the bank waits, firms suffer, said its chief economist.", "official"),
        ("He visited the ministry on Monday.", "official"),
        # A comparison, but not over time; a year, but no change.
        ("Fares rose faster than wages.", "time_comparison"),
        ("The bridge was opened in 2010 by the mayor.", "time_comparison"),
    ],
)
def test_a_sentence_lacks_a_feature_it_only_looks_like(text: str, feature: str) -> None:
    assert feature not in present(text)


def test_may_the_month_is_a_date_and_may_the_verb_a_hedge() -> None:
    assert present("The figures were published in May by the agency.") >= {"date"}
    assert "hedge" not in present("The figures were published in May by the agency.")
    assert "hedge" in present("The agency may publish the figures soon.")


def test_names_are_counted_without_the_capitalised_first_word() -> None:
    assert sentence_features("Officials met Maria Lopez in Brussels.")["named_entity"] == 2.0
    assert sentence_features("Officials met the new minister yesterday.")["named_entity"] == 0.0
    # A sentence opening with a two-word name, or a listed country, counts it.
    assert sentence_features("Jan Egeland said the camp was full.")["named_entity"] == 1.0
    assert sentence_features("France said the camp was full.")["named_entity"] == 1.0


def test_a_headline_in_capitals_or_title_case_does_not_count_every_word_as_a_name() -> None:
    assert sentence_features("UNEMPLOYMENT FALLS TO RECORD LOW")["named_entity"] == 0.0
    assert (
        sentence_features("Unemployment Falls To Record Low As Wages Rise")["named_entity"] == 0.0
    )


def test_counts_are_capped() -> None:
    features = sentence_features(
        "Anna Berg, Tom Reyes, Li Wei, Omar Haddad and Ruth Cole got 1, 2, 3, 4 and 5 votes."
    )
    assert features["number"] == NUMBER_CAP
    assert features["named_entity"] == NAMED_ENTITY_CAP


def test_another_language_gets_the_language_neutral_features_only() -> None:
    assert present("Le chômage a baissé de 3,5 % en 2023, selon l'Insee.", language="fr") == {
        "number",
        "percentage",
        "date",
    }
    assert present("البطالة انخفضت إلى 3.5% في عام 2023", language="ar") == {
        "number",
        "percentage",
        "date",
    }
    assert present("Le budget atteint 40 € par habitant.", language="fr") >= {"money"}
    assert present("Est-ce juste ?", language="fr") >= {"question", "short"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "???",
        "שלום עולם 2023 והמחיר עלה ב-5%",
        "Mixed ملاحظة text with 12 km and עברית",
        "数字は3.5%上昇した",
        "1" * 5_000,
        "a" * 5_000,
        "three " * 1_000,
        "12 km " * 1_000,
    ],
)
def test_odd_text_gives_features_without_failing(text: str) -> None:
    features = sentence_features(text)
    assert tuple(features) == FEATURE_NAMES


def test_labels_are_short_human_names_of_the_features_present_in_column_order() -> None:
    features = sentence_features(
        "Three million people, 12% more than in 2019, said they were poor."
    )
    labels = feature_labels(features)
    assert labels[:3] == ["number", "percentage", "date"]
    assert "number in words" in labels and "comparison" in labels and "attribution" in labels
    assert feature_labels(dict.fromkeys(FEATURE_NAMES, 0.0)) == []


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("It is the highest total since 2013.", "superlative"),
        ("Brackwater has never elected a woman as mayor.", "superlative"),
        ("Hartley has refereed more finals than any other official.", "comparative"),
        ("One in six beds was occupied by a patient with flu.", "spelled_number"),
    ],
)
def test_records_over_time_and_proportions_in_words_are_found(text: str, feature: str) -> None:
    assert feature in present(text)


@pytest.mark.parametrize(
    "text",
    [
        "No finance minister has lost a budget vote in decades.",
        "None of the patients was told.",
        "She was the first woman to lead the party.",
        "For the first time, exports fell.",
        "All 160 residents were evacuated.",
        "Child poverty has risen in each of the last four years.",
        "Prices fell for the third month running.",
        "It was the fifth consecutive defeat.",
    ],
)
def test_universal_and_first_claims_are_found(text: str) -> None:
    assert "universal" in present(text)


@pytest.mark.parametrize(
    "text", ["Nobody argued with the chief.", "The first day of the trial was quiet."]
)
def test_a_plain_first_or_nobody_is_no_universal_claim(text: str) -> None:
    assert "universal" not in present(text)


def test_a_fraction_is_a_number_and_an_ordinal_is_not() -> None:
    assert "spelled_number" in present("Bees pollinate about a third of the crops.")
    assert "spelled_number" in present("Two-thirds of voters agreed with the plan.")
    assert "spelled_number" not in present("The planes came on the third day of the fire.")


@pytest.mark.parametrize(
    "text",
    [
        "The 24-year-old student carried a tape measure up the hill.",
        "The bill passed after a 14-hour debate in the chamber.",
        "A three-year study followed the colonies in the field.",
    ],
)
def test_an_age_or_a_length_used_as_a_modifier_is_a_date_not_a_figure(text: str) -> None:
    features = sentence_features(text)
    assert features["number"] == 0.0 and features["spelled_number"] == 0.0
    assert features["date"] == 1.0


def test_a_span_stated_as_such_stays_a_figure() -> None:
    assert sentence_features("Teenagers sleep 62 minutes less a night.")["number"] == 1.0


@pytest.mark.parametrize(
    "text", ["21:45 The count in the east is under way.", "Polls closed at 10pm across the city."]
)
def test_a_time_of_day_is_a_date_not_a_figure(text: str) -> None:
    features = sentence_features(text)
    assert features["number"] == 0.0
    assert features["date"] == 1.0


def test_a_time_of_day_beside_a_real_figure_leaves_the_figure() -> None:
    assert sentence_features("At 9.30pm turnout stood at 41.2%.")["number"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "The fall in prices was driven by cheaper fuel.",
        "Delays were down to staff shortages at the port.",
        "Flights were cancelled because of the strike.",
    ],
)
def test_more_causal_claims_are_found(text: str) -> None:
    assert "causal" in present(text)


def test_the_new_features_have_readable_labels() -> None:
    features = dict.fromkeys(FEATURE_NAMES, 0.0) | {"universal": 1.0, "headline": 1.0}
    assert feature_labels(features) == ["universal claim", "headline"]


@pytest.mark.parametrize(
    "text",
    [
        "The chair, Ruth Okafor, 58, who has led the board since March, spoke first.",
        "He will retire at the end of the season, aged 61.",
        "The petition was handed in by Walter Dunne, 74.",
    ],
)
def test_an_age_given_after_a_name_is_a_date_not_a_figure(text: str) -> None:
    features = sentence_features(text)
    assert features["number"] == 0.0
    assert features["date"] == 1.0


def test_a_number_after_a_comma_that_is_no_age_stays_a_figure() -> None:
    assert sentence_features("In March, 40 people were evacuated.")["number"] == 1.0
    assert (
        sentence_features("The motion passed by 212 votes to 198, 14 abstaining.")["number"]
        == NUMBER_CAP
    )


@pytest.mark.parametrize(
    "text",
    [
        "The fire forced 3,500 people from their homes.",
        "Two children were taken to hospital after the crash.",
        "The trust has cut 140 staff from its wards.",
        "Floods drowned about 600 cattle on the plain.",
    ],
)
def test_a_count_of_plurals_without_an_s_is_a_count(text: str) -> None:
    assert "count" in present(text)


@pytest.mark.parametrize(
    "text",
    [
        "No inspector visited the mine before the collapse.",
        "No member of staff reported the leak.",
    ],
)
def test_nobody_doing_it_in_the_past_tense_is_a_universal_claim(text: str) -> None:
    assert "universal" in present(text)


@pytest.mark.parametrize(
    "text",
    [
        "The old permit is no longer needed for the stall.",
        "The building was no doubt damaged in the storm.",
    ],
)
def test_no_longer_and_no_doubt_are_no_universal_claims(text: str) -> None:
    assert "universal" not in present(text)


def test_only_alone_is_no_superlative_but_the_only_one_to_is_universal() -> None:
    assert "superlative" not in present("The inspectors only read the paperwork on their visits.")
    assert "universal" in present("It is the only county to have closed every library.")


def test_must_states_a_rule_rather_than_an_opinion() -> None:
    assert "opinion" not in present("Landlords must return a deposit within ten days of a request.")
    assert "opinion" in present("The landlord should return the deposit at once.")


@pytest.mark.parametrize(
    "text",
    [
        "The report was withdrawn in 2011.",
        "She wrote to the minister in March 2019 about the leak.",
        "The factory closed in early 2008, after the crash.",
        "Weather in 2021 was unusually wet.",
    ],
)
def test_a_past_event_in_a_given_year_is_a_dated_event(text: str) -> None:
    assert "dated_event" in present(text)


@pytest.mark.parametrize(
    "text",
    [
        "The next round opens in 2027.",  # no past tense
        "The loan was repaid last spring.",  # no year
        "Tom Berg, who trained as a nurse in 1994, said the ward was full.",  # background
    ],
)
def test_a_statement_without_a_past_event_in_a_year_is_no_dated_event(text: str) -> None:
    assert "dated_event" not in present(text)


def test_since_in_a_relative_clause_about_a_person_is_no_record_or_change() -> None:
    background = present("Ana Ruiz, who has led the union since 2012, said the talks had failed.")
    assert not background & {"superlative", "time_comparison"}
    assert "date" in background  # still a date
    claim = present("Membership of the union has fallen since 2012, Ana Ruiz said.")
    assert {"superlative", "time_comparison"} <= claim

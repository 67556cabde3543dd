"""The fact-consistency check: which rewordings keep a claim's facts, and which change them."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.core.facts import Difference, facts_compare, facts_extract

ISSUE_OLD = "Shelling killed 219 civilians in Aleppo on 13 November, the observatory said."
ISSUE_NEW = "Shelling killed 224 civilians in Aleppo on 13 November, the observatory said."


def test_the_issues_figure_change_is_a_number_difference() -> None:
    assert facts_compare(ISSUE_OLD, ISSUE_NEW) == [
        Difference(kind="number", old="219", new="224", old_value="219", new_value="224")
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("1,000 people were displaced", "1000 people were displaced"),
        ("1,000 people were displaced", "1\u00a0000 people were displaced"),
        ("on 13 November", "on Nov. 13"),
        ("on 13 November", "on November 13th"),
        ("on 13 November", "on 13 November 2023"),
        ("two million dollars", "2,000,000 dollars"),
        ("prices rose 3.5%", "prices rose 3.5 %"),
        ("219 civilians", "219 people"),
        ("it said \u201cfour\u201d died", 'it said "four" died'),
        ("the minister\u2019s 12\u202fkm convoy", "the minister's 12 km convoy"),
        ("The Syrian Observatory said 219", "The Observatory said 219"),
        ("Bashar al-Assad said 219", "Assad said 219"),
    ],
)
def test_rewording_that_keeps_the_facts_is_no_difference(old: str, new: str) -> None:
    assert facts_compare(old, new) == []


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("219 civilians", "224 civilians", "number"),
        ("prices rose 3.5%", "prices rose 4.5%", "number"),
        ("a convoy 12 km long", "a convoy 12 miles long", "number"),
        ("two million dollars", "three million dollars", "number"),
        ("the report of 2019", "the report of 2020", "number"),
        ("on 13 November", "on 14 November", "date"),
        ("on Nov. 13, 2022", "on 13 November 2023", "date"),
        ("in March 2021", "in April 2021", "date"),
        ("shelling in Aleppo", "shelling in Idlib", "name"),
    ],
)
def test_a_changed_fact_is_reported_with_its_kind(old: str, new: str, kind: str) -> None:
    differences = facts_compare(old, new)
    assert [difference.kind for difference in differences] == [kind]


def test_a_name_difference_names_both_sides() -> None:
    [difference] = facts_compare("shelling in Aleppo", "shelling in Idlib")
    assert (difference.old, difference.new) == ("Aleppo", "Idlib")
    assert difference.as_dict() == {
        "kind": "name",
        "old": "Aleppo",
        "new": "Idlib",
        "old_value": "aleppo",
        "new_value": "idlib",
    }


def test_a_number_added_is_a_difference_with_no_old_side() -> None:
    [difference] = facts_compare("219 civilians died", "219 civilians and 3 soldiers died")
    assert (difference.kind, difference.old, difference.new) == ("number", "", "3")


def test_dates_are_normalised_and_left_out_of_the_numbers() -> None:
    facts = facts_extract("On Nov. 13, 224 civilians fled")
    assert [(fact.text, fact.value) for fact in facts.dates] == [("Nov. 13", "????-11-13")]
    assert [fact.value for fact in facts.numbers] == ["224"]


def test_a_sentences_first_word_and_stop_words_are_not_names() -> None:
    facts = facts_extract("Officials in Idlib said so. On Monday the UN Security Council met.")
    assert [fact.text for fact in facts.names] == ["Idlib", "UN Security Council"]


def test_rose_and_fell_are_not_told_apart_yet() -> None:
    # Direction words are for the claim-memory check; this one compares facts only.
    assert facts_compare("exports rose 5%", "exports fell 5%") == []


WORDS = st.sampled_from(
    ["the", "army", "said", "civilians", "in", "Aleppo", "on", "13 November", "were", "killed"]
)
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**7).map(str),
    st.integers(min_value=1000, max_value=10**7).map(lambda n: f"{n:,}"),
    st.decimals(min_value=0, max_value=1000, places=2).map(str),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=200))
def test_any_text_compares_equal_to_itself(text: str) -> None:
    assert facts_compare(text, text) == []


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(WORDS, max_size=6),
    number=NUMBERS,
    after=st.lists(WORDS, max_size=6),
    data=st.data(),
)
def test_changing_any_digit_of_a_number_reports_a_number_difference(
    before: list[str], number: str, after: list[str], data: st.DataObject
) -> None:
    digits = [index for index, char in enumerate(number) if char.isdigit()]
    index = data.draw(st.sampled_from(digits))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != number[index]]))
    changed = number[:index] + digit + number[index + 1 :]
    old = " ".join([*before, number, "people", *after])
    new = " ".join([*before, changed, "people", *after])
    kinds = {difference.kind for difference in facts_compare(old, new)}
    # A four-digit number right after a day and month is that date's year ("13 November 1000
    # people"): changing it changes the date, which is reported as such.
    year = re.search(rf"November {re.escape(number)}\b", old) and len(number) == 4
    assert "number" in kinds or (year and "date" in kinds)


def test_a_year_after_a_day_and_month_is_a_date_difference() -> None:
    differences = facts_compare("13 November 1000 people", "13 November 2000 people")
    assert [d.kind for d in differences] == ["date"]


def test_each_changed_figure_pairs_with_its_new_form_not_with_what_stands_in_its_place() -> None:
    differences = facts_compare(
        "In 2024 the scheme cost 12 million euros.", "The scheme cost 14 million euros in 2025."
    )

    assert [str(d) for d in differences] == ["2024 → 2025", "12 million euros → 14 million euros"]


def test_a_year_is_never_paired_with_an_amount_while_another_year_changed() -> None:
    differences = facts_compare(
        "Ridership rose by 40 percent to 1.5 million trips in 2024.",
        "In 2023, ridership rose by 45 percent to 1.5 million trips.",
    )

    assert {(d.old, d.new) for d in differences} == {("40 percent", "45 percent"), ("2024", "2023")}


def test_a_figure_added_beside_a_changed_one_is_reported_alone() -> None:
    differences = facts_compare(
        "The scheme cost 14 million euros in 2024, more than twice the budget.",
        "The scheme cost 14 million euros, more than twice the 6 million euro budget of 2023.",
    )

    assert [(d.old, d.new) for d in differences] == [("2024", "2023"), ("", "6 million euro")]


def test_a_changed_date_pairs_with_the_date_closest_to_it() -> None:
    differences = facts_compare(
        "Talks began on 3 March 2021 and ended on 9 June 2023.",
        "Talks began on 1 January 2020 and ended on 9 June 2024.",
    )

    assert [str(d) for d in differences] == [
        "3 March 2021 → 1 January 2020",
        "9 June 2023 → 9 June 2024",
    ]

"""Figures as other languages write them (annotations.core.suggestions.numerals), and the
features they give a French, Spanish or Arabic sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.core.suggestions.features import sentence_features
from annotations.core.suggestions.numerals import figures_read

FIGURE_FEATURES = ("number", "percentage", "money", "date", "spelled_number")


def figures(text: str, language: str) -> dict[str, float]:
    features = sentence_features(text, language=language)
    return {name: features[name] for name in FIGURE_FEATURES}


@pytest.mark.parametrize(
    ("text", "language", "read"),
    [
        ("١٢٫٥ بالمئة في ٢٠٢٣", "ar", "12.5 بالمئة في 2023"),
        ("۱۲٫۵ درصد", "fa", "12.5 درصد"),
        ("١٬٢٠٠ شخص", "ar", "1,200 شخص"),
        ("بلغ 12،5 بالمئة", "ar", "بلغ 12.5 بالمئة"),
        ("1 200 personnes", "fr", "1,200 personnes"),
        ("1\u202f200\u202f000 euros", "fr", "1,200,000 euros"),
        ("12 000 000 de pesos", "es", "12,000,000 de pesos"),
        ("in 2019 200 people", "en", "in 2019 200 people"),
        ("1 200 people", "en", "1 200 people"),
        ("1\u00a0200 people", "en", "1,200 people"),
        ("en 2019 200 personnes", "fr", "en 2019 200 personnes"),
    ],
)
def test_figures_are_read_as_english_writes_them(text: str, language: str, read: str) -> None:
    assert figures_read(text, language=language) == read


@given(st.text(max_size=60), st.sampled_from(["ar", "fr", "en", "es", "fa"]))
def test_reading_figures_keeps_the_length_and_every_non_figure_character(
    text: str, language: str
) -> None:
    read = figures_read(text, language=language)
    assert len(read) == len(text)
    for original, new in zip(text, read, strict=True):
        assert original == new or original.isdecimal() or original in "٫٬، \u00a0\u202f\u2009"


# The same statement in English and in another language: its figures give the same features.
@pytest.mark.parametrize(
    ("english", "other", "language"),
    [
        (
            "Unemployment fell to 12.5% in 2023.",
            "Le chômage est tombé à 12,5 % en 2023.",
            "fr",
        ),
        (
            "Unemployment fell to 12.5 per cent in 2023.",
            "Le chômage est tombé à 12,5 pour cent en 2023.",
            "fr",
        ),
        ("The plan cost 3 million euros.", "Le plan a coûté 3 millions d'euros.", "fr"),
        ("It affects 1,200 people.", "Cela touche 1 200 personnes.", "fr"),
        (
            "Unemployment fell 12.5 per cent in 2023.",
            "El paro bajó un 12,5 por ciento en 2023.",
            "es",
        ),
        (
            "The debt reached 3 billion dollars.",
            "La deuda llegó a 3 mil millones de dólares.",
            "es",
        ),
        ("Three million people are out of work.", "Tres millones de personas están en paro.", "es"),
        (
            "Inflation rose to 12.5 per cent in 2023.",
            "ارتفع التضخم إلى ١٢٫٥ بالمئة في عام ٢٠٢٣.",
            "ar",
        ),
        ("The debt reached 3 billion dollars.", "بلغ الدين ٣ مليارات دولار.", "ar"),
        ("It affects 1,200 people.", "يطال ذلك ١٬٢٠٠ شخص.", "ar"),
        ("Millions of people were affected.", "تضرر ملايين الأشخاص.", "ar"),
    ],
)
def test_a_figure_in_another_language_gives_the_features_of_its_english_translation(
    english: str, other: str, language: str
) -> None:
    assert figures(other, language) == figures(english, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Una persona y un perro cruzaron la calle.", "es"),  # "una", "un": articles
        ("El paro bajó un 12,5 por ciento.", "es"),  # "ciento" of "por ciento"
        ("La dette atteint 3 millions d'euros.", "fr"),  # a figure in digits with its multiplier
    ],
)
def test_words_that_only_look_like_numbers_are_no_number_in_words(text: str, language: str) -> None:
    assert sentence_features(text, language=language)["spelled_number"] == 0


def test_a_year_in_arabic_indic_digits_is_a_date_not_a_figure() -> None:
    assert figures("انتهت الحرب في عام ١٩٩٠.", "ar") == {
        "number": 0.0,
        "percentage": 0.0,
        "money": 0.0,
        "date": 1.0,
        "spelled_number": 0.0,
    }

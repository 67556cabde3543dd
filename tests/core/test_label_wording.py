"""A label's name and description in a language: its translation there, else its own (English),
and the `lang` attribute each part needs in a page of the language asked."""

from __future__ import annotations

import pytest

from annotations.core.label_wording import LabelText, label_wording, language_candidates

OWN = LabelText("False", "Not accurate.")
TRANSLATIONS = {
    "fr": LabelText("Faux", "Inexact."),
    "ar": LabelText("خطأ", "غير دقيق."),
    "es": LabelText("Falso", ""),
    "pt-br": LabelText("Falso (Brasil)", "Não é exato."),
}


def worded(language: str):
    return label_wording(OWN, own_language="en", translations=TRANSLATIONS, language=language)


@pytest.mark.parametrize(
    ("tag", "candidates"),
    [
        ("fr", ["fr"]),
        ("FR", ["fr"]),
        ("fr-CA", ["fr-ca", "fr"]),
        ("pt_BR", ["pt-br", "pt"]),
        (" ar ", ["ar"]),
        ("", []),
    ],
)
def test_a_tag_is_tried_as_given_then_without_its_region(tag: str, candidates: list[str]):
    assert language_candidates(tag) == candidates


def test_a_translated_language_reads_its_translation_with_no_lang_attribute_needed():
    words = worded("ar")

    assert (words.name, words.description) == ("خطأ", "غير دقيق.")
    assert (words.name_language, words.description_language) == ("ar", "ar")
    assert (words.name_lang, words.description_lang) == ("", "")


def test_a_regional_tag_takes_its_languages_translation_and_needs_no_lang_attribute():
    words = worded("fr-CA")

    assert words.name == "Faux"
    assert words.name_language == "fr" and words.name_lang == ""


def test_a_regional_translation_wins_over_its_language_when_there_is_one():
    assert worded("pt-BR").name == "Falso (Brasil)"
    assert worded("pt").name == "False"  # "pt" alone has none: no guessing a region


def test_a_language_without_a_translation_reads_the_labels_own_marked_as_english():
    words = worded("de")

    assert (words.name, words.description) == ("False", "Not accurate.")
    assert (words.name_lang, words.description_lang) == ("en", "en")


def test_a_translation_without_a_description_borrows_the_labels_own_marked_as_english():
    words = worded("es")

    assert (words.name, words.name_lang) == ("Falso", "")
    assert (words.description, words.description_lang) == ("Not accurate.", "en")


def test_no_description_anywhere_stays_empty_in_the_translations_language():
    words = label_wording(
        LabelText("False"), own_language="en", translations=TRANSLATIONS, language="es"
    )

    assert (words.description, words.description_lang) == ("", "")


def test_the_desks_own_language_reads_the_labels_own_even_if_a_row_claims_it():
    words = label_wording(
        OWN, own_language="en", translations={"en": LabelText("Wrong")}, language="en-GB"
    )

    assert (words.name, words.name_lang) == ("False", "")


def test_no_language_reads_the_labels_own():
    words = worded("")

    assert words.name == "False" and words.name_language == "en"


def test_a_translation_with_an_empty_name_is_no_translation():
    words = label_wording(
        OWN, own_language="en", translations={"fr": LabelText("", "Inexact.")}, language="fr"
    )

    assert (words.name, words.description) == ("False", "Not accurate.")

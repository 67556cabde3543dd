"""The language a verdict is written in when its editor does not say (core.languages.
verdict_language): its explanation's with confidence, else its claim as reviewed and explanation
together, else its article's. The texts are written for these tests."""

from __future__ import annotations

from annotations.core.languages import verdict_language

SPANISH = (
    "Las cifras oficiales muestran que el desempleo subió un 12 % desde 2020, no que se "
    "duplicara como afirma el ministro."
)
ARABIC_CLAIM = "قال الوزير إن البطالة تضاعفت منذ عام 2020 في جميع أنحاء البلاد"
FRENCH_CLAIM = "Le chômage a doublé depuis 2020 selon le ministre du travail"


def test_a_spanish_explanation_of_an_arabic_article_is_spanish() -> None:
    assert (
        verdict_language(claim_reviewed=ARABIC_CLAIM, explanation=SPANISH, inherited="ar") == "es"
    )


def test_the_explanation_is_read_alone_before_the_claim_it_explains() -> None:
    # Read together, a long Arabic quote and a Spanish explanation would pull towards Arabic.
    long_quote = " ".join([ARABIC_CLAIM] * 3)

    assert verdict_language(claim_reviewed=long_quote, explanation=SPANISH, inherited="ar") == "es"


def test_a_three_word_explanation_keeps_the_articles_language() -> None:
    # Too short to judge alone; read with the quote it explains, the quote's language wins.
    assert (
        verdict_language(
            claim_reviewed=ARABIC_CLAIM, explanation="Falso, según INE.", inherited="ar"
        )
        == "ar"
    )


def test_a_short_explanation_leaves_the_claim_as_reviewed_to_say() -> None:
    assert (
        verdict_language(claim_reviewed=FRENCH_CLAIM, explanation="Faux.", inherited="en") == "fr"
    )


def test_a_verdict_in_its_articles_language_keeps_the_articles_tag_with_its_region() -> None:
    assert verdict_language(claim_reviewed="", explanation=SPANISH, inherited="es-MX") == "es-MX"


def test_nothing_to_judge_and_no_article_language_says_none() -> None:
    assert verdict_language(claim_reviewed="Crime fell", explanation="", inherited="") == ""

"""Refusals in the reader's language (issue 17): a service's DomainError says its message in the
request's language with the same code (the pages': tests/views/test_refusals_translated_pages.py);
English readers read what they always did."""

from __future__ import annotations

import pytest
from django.utils import translation

from annotations.errors import DomainError
from annotations.models import Annotation
from annotations.services.tokens import MAX_TOKENS_PER_USER, personal_token_create
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CLAIM = "prices fell by half."


def _wrong_prefix(article) -> dict:
    start = article.text.index(CLAIM)
    return {
        "article": article.pk,
        "kind": "claim",
        "target": {
            "exact": CLAIM,
            "prefix": "not what precedes",
            "start": start,
            "end": start + len(CLAIM),
        },
        "verdict": "false",
    }


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "prefix ne correspond pas au texte qui précède la citation."),
        ("ar", "لا تطابق قيمة prefix النص الذي يسبق الاقتباس."),
        ("es", "prefix no coincide con el texto anterior a la cita."),
        ("en", "prefix does not match the text before the quote."),
    ],
)
def test_a_refused_annotation_is_told_in_the_requests_language_with_the_same_code(
    api_as, alice, language, message
):
    article = ArticleFactory(text=f"Officials said {CLAIM}")

    response = api_as(alice).post(
        "/api/v1/annotations/",
        _wrong_prefix(article),
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 400
    assert response.json() == {"target": {"prefix": [message]}, "code": "target_prefix_mismatch"}
    assert not Annotation.objects.exists()


def test_without_accept_language_the_refusal_stays_english(api_as, alice):
    article = ArticleFactory(text=f"Officials said {CLAIM}")

    response = api_as(alice).post("/api/v1/annotations/", _wrong_prefix(article), format="json")

    assert response.json()["target"]["prefix"] == [
        "prefix does not match the text before the quote."
    ]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ["Le texte cité n’est pas à start..end", "(start {start}, end {end})"]),
        ("es", ["El texto citado no está en start..end", "(start {start}, end {end})"]),
        ("ar", ["النص المقتبس ليس في الموضع start..end", "(start {start}، end {end})"]),
        ("en", ["The offsets look like UTF-16 code units", "(start {start}, end {end})"]),
    ],
)
def test_a_refusal_with_figures_keeps_them_in_its_translation(api_as, alice, language, words):
    article = ArticleFactory(text=f"Emoji first 😀😀 then the claim: {CLAIM}")
    start = article.text.index(CLAIM)
    utf16 = len(article.text[:start].encode("utf-16-le")) // 2
    payload = {
        "article": article.pk,
        "target": {"exact": CLAIM, "start": utf16, "end": utf16 + len(CLAIM)},
        "verdict": "false",
    }

    response = api_as(alice).post(
        "/api/v1/annotations/", payload, format="json", HTTP_ACCEPT_LANGUAGE=language
    )

    body = response.json()
    assert response.status_code == 400 and body["code"] == "target_mismatch"
    message = body["target"]["exact"][0]
    for part in words:
        assert part.format(start=start, end=start + len(CLAIM)) in message, message


def test_a_refusal_made_outside_a_request_is_in_the_default_language(alice):
    # Celery tasks run with no request: the desk's default language, English.
    for number in range(MAX_TOKENS_PER_USER):
        personal_token_create(user=alice, name=f"script {number}")

    with translation.override(None), pytest.raises(DomainError) as refused:
        personal_token_create(user=alice, name="one more")
    assert refused.value.message == "You have 20 active tokens; revoke one first."
    assert refused.value.code == "too_many_tokens"


def _review(**fields) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checker.example/review/1",
        "claimReviewed": "Bus fares in Eastford have doubled.",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Checker"},
        **fields,
    }


@pytest.mark.parametrize(
    ("language", "reasons"),
    [
        ("fr", ["claimReviewed manquant", "claimReviewed est un objet, pas du texte"]),
        ("es", ["falta claimReviewed", "claimReviewed es un objeto, no texto"]),
        ("ar", ["claimReviewed مفقود", "claimReviewed هو كائن، لا نص"]),
        ("en", ["missing claimReviewed", "claimReviewed is an object, not text"]),
    ],
)
def test_claimreview_items_refused_are_told_why_in_the_requests_language(
    api_as, editor, language, reasons
):
    document = [_review(claimReviewed=None), _review(claimReviewed={"text": "one"})]
    document[1]["url"] = "https://checker.example/review/2"

    response = api_as(editor).post(
        "/api/v1/fact-checks/import/", document, format="json", HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 422
    assert [refusal["reason"] for refusal in response.json()["refusals"]] == reasons

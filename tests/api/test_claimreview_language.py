"""ClaimReview names a verdict's rating in the verdict's language: `inLanguage` is the
verdict's language (here its article's, which these verdicts stored directly take; one of its
own: tests/api/test_verdict_language.py) and `reviewRating.alternateName` the label's name in
it (the English name where the scale has no name in that language), in the API's feeds and on
the public page whatever the reader's language; the feed's queries do not grow with languages
or verdicts."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from annotations.models import VerdictLabelTranslation
from tests.factories import ArticleFactory, published_verdict

pytestmark = pytest.mark.django_db


def claimreviews(api_as) -> dict[str, dict]:
    """The ClaimReview feed's reviews by claim."""
    response = api_as(None).get("/api/v1/verdicts/claimreview/")
    assert response.status_code == 200
    return {review["claimReviewed"]: review for review in response.json()["@graph"]}


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("ar", "خطأ في معظمه"),
        ("fr", "Plutôt faux"),
        ("es", "Mayormente falso"),
        ("fr-CA", "Plutôt faux"),  # a region takes its language's name
        ("de", "Mostly false"),  # no German names: the label's own
        ("en", "Mostly false"),
        ("", "Mostly false"),
    ],
)
def test_the_rating_is_named_in_the_verdicts_language(api_as, language: str, name: str):
    published_verdict(ArticleFactory(language=language), label="mostly-false")

    (review,) = claimreviews(api_as).values()

    assert review["reviewRating"]["alternateName"] == name
    assert review.get("inLanguage", "") == language


def test_a_french_article_the_scale_has_no_french_name_for_gets_the_english_name(api_as):
    VerdictLabelTranslation.objects.filter(label__slug="unverifiable", language="fr").delete()
    published_verdict(ArticleFactory(language="fr"), label="unverifiable", claim_reviewed="A")
    published_verdict(ArticleFactory(language="fr"), label="true", claim_reviewed="B")

    reviews = claimreviews(api_as)

    assert reviews["A"]["reviewRating"]["alternateName"] == "Unverifiable"
    assert reviews["B"]["reviewRating"]["alternateName"] == "Vrai"


def test_the_fact_check_tools_export_takes_the_same_name(api_as):
    published_verdict(ArticleFactory(language="es"), label="false")

    response = api_as(None).get("/api/v1/verdicts/factchecktools/")

    assert response.status_code == 200
    assert '"textualRating": "Falso"' in json.dumps(response.json(), ensure_ascii=False)


def test_the_public_page_gives_the_verdicts_language_whatever_the_readers(client: Client):
    arabic = published_verdict(ArticleFactory(language="ar"), label="true")
    english = published_verdict(ArticleFactory(language="en"), label="true")

    def embedded(pk: int) -> dict:
        html = client.get(f"/verdicts/{pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert 'class="rating-badge__name">Vrai<' in html  # the page is the reader's
        found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert found is not None
        return json.loads(found.group(1))

    assert embedded(arabic.pk)["reviewRating"]["alternateName"] == "صحيح"
    assert embedded(arabic.pk)["inLanguage"] == "ar"
    assert embedded(english.pk)["reviewRating"]["alternateName"] == "True"


def test_the_feed_reads_as_many_queries_for_many_languages_as_for_one(api_as):
    def queries_for_feed() -> int:
        with CaptureQueriesContext(connection) as queries:
            claimreviews(api_as)
        return len(queries)

    published_verdict(ArticleFactory(language="fr"), label="false")
    one = queries_for_feed()
    for n, language in enumerate(["ar", "es", "de", "fr", "ar", "en"] * 2):
        labels = ["true", "mixed", "unverifiable"]
        published_verdict(ArticleFactory(language=language), label=labels[n % 3])

    assert queries_for_feed() == one

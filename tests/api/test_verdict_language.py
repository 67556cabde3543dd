"""A verdict's language through the API and the documents (issue 17): `language` read on
verdicts and written on decide/correct, ClaimReview's `inLanguage` and rating name, the W3C
bodies' `language`, the CSV and JSON Lines column, the public page's `lang`, the schema."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.test import Client

from annotations.models import Verdict
from tests.factories import ArticleFactory, published_verdict, unit_on_new_article

pytestmark = pytest.mark.django_db

SPANISH = (
    "Las cifras oficiales muestran que el desempleo subió un 12 % desde 2020, no que se "
    "duplicara como afirma el ministro."
)
ARABIC_CLAIM = "قال الوزير إن البطالة تضاعفت منذ عام 2020"


def _decide(client, unit, **fields):
    payload = {"version": unit.version, "label": "false", "claim_reviewed": ARABIC_CLAIM}
    return client.post(f"/api/v1/units/{unit.pk}/decide/", payload | fields, format="json")


def spanish_verdict_on_arabic_article() -> Verdict:
    return published_verdict(
        ArticleFactory(language="ar"),
        label="false",
        claim_reviewed=ARABIC_CLAIM,
        explanation=SPANISH,
        language="es",
    )


def test_deciding_through_the_api_detects_the_language_and_the_verdict_says_it(api_as, editor):
    response = _decide(api_as(editor), unit_on_new_article(language="ar"), explanation=SPANISH)

    assert response.status_code == 200, response.content
    verdict_id = response.json()["verdict"]["id"]
    assert api_as(editor).get(f"/api/v1/verdicts/{verdict_id}/").json()["language"] == "es"


def test_the_api_keeps_the_language_the_editor_gives(api_as, editor):
    response = _decide(
        api_as(editor), unit_on_new_article(language="ar"), explanation=SPANISH, language="fr"
    )

    assert response.status_code == 200, response.content
    assert Verdict.objects.get(pk=response.json()["verdict"]["id"]).language == "fr"


@pytest.mark.parametrize("bad", ["not a tag", 7, ["es"], "x" * 17])
def test_a_language_that_is_no_tag_is_a_400_naming_the_field(api_as, editor, bad):
    unit = unit_on_new_article(language="ar")

    response = _decide(api_as(editor), unit, language=bad)

    assert response.status_code == 400
    assert "language" in response.json()
    assert not Verdict.objects.filter(unit=unit).exists()


def test_claimreview_is_in_the_verdicts_language_not_the_articles(api_as):
    spanish_verdict_on_arabic_article()

    (review,) = api_as(None).get("/api/v1/verdicts/claimreview/").json()["@graph"]

    assert review["inLanguage"] == "es"
    assert review["reviewRating"]["alternateName"] == "Falso"


def test_the_w3c_verdict_gives_its_own_text_the_verdicts_language(api_as):
    published = spanish_verdict_on_arabic_article()

    document = api_as(None).get(f"/api/v1/verdicts/w3c/{published.pk}/").json()

    languages = {
        body.get("label", body["purpose"]): body.get("language")
        for body in document["body"]
        if body["type"] == "TextualBody"
    }
    assert languages["Claim reviewed"] == "es"
    assert languages["commenting"] == "es"  # the explanation
    assert languages["Claimant"] is None  # a name, in no language


def test_the_csv_and_json_lines_exports_carry_the_language(api_as):
    published = spanish_verdict_on_arabic_article()
    client = api_as(None)

    csv_body = b"".join(client.get("/api/v1/verdicts/export.csv").streaming_content).decode()
    jsonl_body = b"".join(client.get("/api/v1/verdicts/export.jsonl").streaming_content).decode()

    (row,) = csv.DictReader(io.StringIO(csv_body))
    assert (row["id"], row["language"]) == (str(published.pk), "es")
    assert csv_body.splitlines()[0].endswith(",corrections,language")
    assert json.loads(jsonl_body)["language"] == "es"


def test_the_public_page_marks_the_verdicts_text_and_the_articles_passage_apart(client: Client):
    published = spanish_verdict_on_arabic_article()

    html = client.get(f"/verdicts/{published.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert re.search(r'<h1 class="verdict-public__claim" dir="auto" lang="es">', html)
    assert re.search(r'class="verdict-public__explanation" dir="auto" lang="es"', html)
    assert re.search(r'class="verdict-public__passage" dir="auto" lang="ar"', html)


def test_the_public_index_marks_each_claim_in_its_verdicts_language(client: Client):
    spanish_verdict_on_arabic_article()

    html = client.get("/verdicts/").content.decode()

    assert 'class="public-row__claim" dir="auto" lang="es"' in html


def test_the_schema_reads_and_writes_the_language(client: Client):
    schema = client.get("/api/schema/?format=json").json()["components"]["schemas"]

    assert schema["Verdict"]["properties"]["language"]["readOnly"] is True
    for written in ("VerdictInputRequest", "CorrectionInputRequest"):
        assert schema[written]["properties"]["language"]["maxLength"] == 16
        assert "language" not in schema[written].get("required", [])

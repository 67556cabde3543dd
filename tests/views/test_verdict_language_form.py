"""The decision form's language (issue 17): a field that suggests the desk's languages and the
article's, left empty to detect it, the editor's choice kept when the unit page is shown
again; the back office's "Decide again" page writes it too."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import Verdict
from annotations.services.adjudication import VerdictInput, unit_decide
from tests.factories import UserFactory, unit_on_new_article, verdict
from tests.pages import logged_in
from tests.views.review_scenario import action_url

pytestmark = pytest.mark.django_db

SPANISH = (
    "Las cifras oficiales muestran que el desempleo subió un 12 % desde 2020, no que se "
    "duplicara como afirma el ministro."
)
ARABIC_CLAIM = "قال الوزير إن البطالة تضاعفت منذ عام 2020"


def posted(unit, **fields) -> dict:
    return {
        "version": unit.version,
        "label": "false",
        "claim_reviewed": ARABIC_CLAIM,
        "explanation": "",
        "language": "",
    } | fields


def language_value(html: str) -> str:
    field = re.search(r'<input[^>]*name="language"[^>]*>', html)
    assert field is not None
    value = re.search(r'value="([^"]*)"', field.group(0))
    return value.group(1) if value else ""


def test_the_form_suggests_the_desks_languages_and_the_articles_named_for_the_reader(editor):
    unit = unit_on_new_article(language="pt-BR")

    html = logged_in(editor).get(f"/review/units/{unit.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content
    html = html.decode()

    assert re.search(r'<input[^>]*name="language"[^>]*list="verdict-languages"', html)
    assert re.search(r'<input[^>]*name="language"[^>]*placeholder="pt-BR"', html)
    options = dict(re.findall(r'<option value="([^"]+)">([^<]+)</option>', html))
    assert {"en", "ar", "fr", "es", "pt-BR"} <= set(options)
    assert options["es"] == "Espagnol"  # in the reader's language
    assert language_value(html) == ""


def test_left_empty_a_spanish_explanation_on_an_arabic_article_is_spanish(editor):
    unit = unit_on_new_article(language="ar")

    response = logged_in(editor).post(action_url(unit, "decide"), posted(unit, explanation=SPANISH))

    assert response.status_code == 302
    assert Verdict.objects.get(unit=unit).language == "es"


def test_left_empty_a_three_word_explanation_takes_the_articles_language(editor):
    unit = unit_on_new_article(language="ar")

    logged_in(editor).post(
        action_url(unit, "decide"), posted(unit, explanation="Falso, según INE.")
    )

    assert Verdict.objects.get(unit=unit).language == "ar"


def test_the_editors_choice_is_kept_and_shown_again_on_the_unit_page(editor):
    unit = unit_on_new_article(language="ar")
    client = logged_in(editor)

    client.post(action_url(unit, "decide"), posted(unit, explanation=SPANISH, language="es-AR"))

    assert Verdict.objects.get(unit=unit).language == "es-AR"
    assert language_value(client.get(f"/review/units/{unit.pk}/").content.decode()) == "es-AR"


def test_a_detected_language_shows_the_field_empty_so_that_it_is_detected_again(editor):
    unit = unit_on_new_article(language="ar")
    unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=VerdictInput(
            label=verdict("false"), claim_reviewed=ARABIC_CLAIM, explanation=SPANISH
        ),
    )

    html = logged_in(editor).get(f"/review/units/{unit.pk}/").content.decode()

    assert Verdict.objects.get(unit=unit).language == "es"
    assert language_value(html) == ""


def test_a_language_that_is_no_tag_is_refused_on_its_field(editor):
    unit = unit_on_new_article(language="ar")

    response = logged_in(editor).post(
        action_url(unit, "decide"), posted(unit, language="Spanish!"), HTTP_ACCEPT_LANGUAGE="es"
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'id="id_language_error">\s*<li>No es un código de idioma', html)
    assert not Verdict.objects.filter(unit=unit).exists()


def test_the_back_office_decides_again_in_the_language_it_is_given(editor):
    unit = unit_on_new_article(language="ar")
    decided = unit_decide(
        unit=unit,
        editor=editor,
        seen_version=unit.version,
        verdict=VerdictInput(label=verdict("false"), claim_reviewed=ARABIC_CLAIM),
    )
    unit.refresh_from_db()

    root = Client()
    root.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    response = root.post(
        reverse("admin:annotations_verdict_revise", args=[decided.pk]),
        {
            "label": verdict("false").pk,
            "claim_reviewed": ARABIC_CLAIM,
            "language": "fr",
            "version": unit.version,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Verdict.objects.get(pk=decided.pk).language == "fr"

"""Strings the French and Arabic walk of issue 17 found still in English, because nothing marked
them for translation: the import form's language field, the assignment form, the Evidence
table's age bands, the kind of a claim unit in its history, and the Ready lane's refusal."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.utils import translation

from annotations.forms import UnitVersionsField
from annotations.presenters.history import _Formatter
from annotations.selectors.evidence import evidence_figures
from tests.views.test_desk_pages_translated import html_of, in_language

pytestmark = pytest.mark.django_db


def test_the_import_forms_language_field_reads_in_french(editor):
    html = html_of(editor, "fr", "/articles/import/")

    assert re.search(r'<label[^>]*for="id_language"[^>]*>Langue', html)
    assert "Une étiquette telle que en, ar, fr. Laissée vide, la langue est détectée" in html
    assert "A tag such as en" not in html


def test_the_assignment_form_reads_in_french_and_refuses_in_french(editor, article):
    html = html_of(editor, "fr", f"/articles/{article.pk}/")
    assert re.search(r'<label[^>]*for="id_due_on"[^>]*>À rendre le', html)
    assert "Due date" not in html

    client = in_language(editor, "fr")
    response = client.post(f"/articles/{article.pk}/assign/", {"due_on": ""}, follow=True)
    assert "Choisissez au moins un relecteur." in response.content.decode()


def test_the_evidence_age_bands_are_named_in_the_readers_language(editor):
    with translation.override("es"):
        spanish = [band.label for band in evidence_figures(editor).bands]
    with translation.override("ar"):
        arabic = [band.label for band in evidence_figures(editor).bands]

    assert spanish == ["Menos de un mes", "De 1 a 6 meses", "De 6 a 12 meses", "Más de un año"]
    assert arabic == ["أقل من شهر", "من شهر إلى 6 أشهر", "من 6 إلى 12 شهرًا", "أكثر من سنة"]


def test_a_units_history_names_its_kind_in_the_readers_language():
    # A unit's "created" entry tells its kind ("Type: quote" on the French page before).
    show = _Formatter(labels=[], sources=[], usernames={})
    with translation.override("fr"):
        assert (show("kind", "quote"), show("kind", "claim")) == ("Citation", "Affirmation")
    with translation.override("en"):
        assert show("kind", "quote") == "Quote"


def test_the_ready_lanes_refusal_of_a_malformed_claim_is_translated():
    with translation.override("fr"):
        with pytest.raises(forms.ValidationError) as refused:
            UnitVersionsField().clean(["12:x"])
        # The message is worded when read: read it in French.
        assert refused.value.messages == [
            "Rechargez la page : une affirmation a été envoyée sous une forme que la rédaction "
            "ne lit pas."
        ]

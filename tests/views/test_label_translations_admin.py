"""The back office edits a rating label's names in the other languages on the label's own page
(an inline): changes are saved, bad names are form errors (never a 500), and only the
interface's other languages are offered."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import VerdictLabel, VerdictLabelTranslation
from tests.factories import UserFactory
from tests.pages import label_admin_form, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    return logged_in(UserFactory(username="root", is_staff=True, is_superuser=True))


def change_url(label: VerdictLabel) -> str:
    return reverse("admin:annotations_verdictlabel_change", args=[label.pk])


def test_the_labels_page_shows_its_names_in_each_language(admin_client: Client):
    false = VerdictLabel.objects.get(slug="false")

    html = admin_client.get(change_url(false)).content.decode()

    assert 'name="translations-TOTAL_FORMS"' in html
    assert re.search(r'name="translations-\d-name"[^>]*value="Faux"', html)
    assert re.search(r'name="translations-\d-name"[^>]*value="خطأ"', html)
    languages = set(re.findall(r'<option value="(\w+)"', html))
    assert {"ar", "fr", "es"} <= languages and "en" not in languages


def test_an_admin_renames_a_label_in_spanish_from_its_page(admin_client: Client):
    false = VerdictLabel.objects.get(slug="false")
    form = label_admin_form(false)
    row = next(n for n in range(3) if form[f"translations-{n}-language"] == "es")
    form[f"translations-{row}-name"] = "Falso del todo"
    form[f"translations-{row}-description"] = "Completamente inexacto."

    response = admin_client.post(change_url(false), form)

    assert response.status_code == 302
    spanish = VerdictLabelTranslation.objects.get(label=false, language="es")
    assert (spanish.name, spanish.description) == ("Falso del todo", "Completamente inexacto.")


def test_an_admin_adds_the_missing_language_of_a_new_label(admin_client: Client):
    label = VerdictLabel.objects.create(
        slug="misleading", name="Misleading", position=9, is_ordinal=False
    )
    page = admin_client.get(change_url(label)).content.decode()
    form = label_admin_form(label)
    form |= {
        "translations-TOTAL_FORMS": 1,
        "translations-0-label": label.pk,
        "translations-0-language": "fr",
        "translations-0-name": "Trompeur",
        "translations-0-description": "",
    }

    response = admin_client.post(change_url(label), form)

    assert 'name="translations-2-name"' in page  # an empty row for each of the three
    assert response.status_code == 302
    assert label.translations.get().name == "Trompeur"


def test_a_name_another_label_has_in_that_language_is_a_form_error(admin_client: Client):
    mixed = VerdictLabel.objects.get(slug="mixed")
    form = label_admin_form(mixed)
    row = next(n for n in range(3) if form[f"translations-{n}-language"] == "fr")
    form[f"translations-{row}-name"] = "Vrai"

    response = admin_client.post(change_url(mixed), form)

    assert response.status_code == 200
    assert "Another label has this name in this language." in response.content.decode()
    assert VerdictLabelTranslation.objects.get(label=mixed, language="fr").name == "Mitigé"


def test_two_names_in_one_language_for_one_label_are_a_form_error(admin_client: Client):
    label = VerdictLabel.objects.create(slug="satire", name="Satire", position=9, is_ordinal=False)
    form = label_admin_form(label)
    form["translations-TOTAL_FORMS"] = 2
    for n, name in enumerate(["Satire", "Parodie"]):
        form |= {
            f"translations-{n}-label": label.pk,
            f"translations-{n}-language": "fr",
            f"translations-{n}-name": name,
            f"translations-{n}-description": "",
        }

    response = admin_client.post(change_url(label), form)

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not label.translations.exists()


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Satirical"), ("de", "Satire"), ("fr", "\u202eeritaS")]
)
def test_a_language_not_offered_or_an_invisible_character_is_a_form_error(
    admin_client: Client, language: str, name: str
):
    label = VerdictLabel.objects.create(slug="satire", name="Satire", position=9, is_ordinal=False)
    form = label_admin_form(label)
    form |= {
        "translations-TOTAL_FORMS": 1,
        "translations-0-label": label.pk,
        "translations-0-language": language,
        "translations-0-name": name,
        "translations-0-description": "",
    }

    response = admin_client.post(change_url(label), form)

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not label.translations.exists()

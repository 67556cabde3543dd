"""Claim memory's pages across languages: a match, or another fact-checker's review, in another
language than the passage's (or the claim's) is marked "in <language>"."""

from __future__ import annotations

import pytest

from annotations.models import Claim, ExternalFactCheck
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, unit_of
from tests.views.test_claim_memory_pages import CHECKED, claim_checked, unit_page

pytestmark = pytest.mark.django_db


def test_a_match_and_a_review_in_another_language_are_marked_on_the_unit_page(editor, disputed):
    checked = claim_checked(editor)
    Claim.objects.filter(pk=checked.pk).update(language="fr")
    ExternalFactCheck.objects.filter(claim=checked).update(language="es")

    html = unit_page(logged_in(editor), unit_of(disputed, CRIME))

    section = html[html.index('id="claim-memory"') :]
    assert f'data-claim-id="{checked.pk}"' in section
    assert "data-cross-language>in French</span>" in section
    assert "data-cross-language>in Spanish</span>" in section
    assert f'lang="fr" dir="auto">“{CHECKED}”' in section


def test_a_match_in_the_passages_language_is_not_marked(editor, disputed):
    checked = claim_checked(editor)
    Claim.objects.filter(pk=checked.pk).update(language="en-GB")
    ExternalFactCheck.objects.filter(claim=checked).update(language="en")

    html = unit_page(logged_in(editor), unit_of(disputed, CRIME))

    section = html[html.index('id="claim-memory"') :]
    assert f'data-claim-id="{checked.pk}"' in section
    assert "data-cross-language" not in section


def test_the_claim_page_marks_a_review_in_another_language_than_the_claims(editor, alice):
    checked = claim_checked(editor)
    Claim.objects.filter(pk=checked.pk).update(language="en")
    ExternalFactCheck.objects.create(
        publisher_name="Vérif",
        url="https://verif.example/crime",
        claim_text="La criminalité a baissé de 30 %",
        rating_text="Trompeur",
        language="fr-FR",
        claim=checked,
    )

    html = logged_in(alice).get(f"/claims/{checked.pk}/").content.decode()

    assert html.count("data-cross-language>") == 1
    assert "data-cross-language>in French</span>" in html

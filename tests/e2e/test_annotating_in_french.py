"""The annotation page in French (issue 17): a reviewer switches the interface from the header,
highlights a claim and deletes it, and every message the scripts write comes from the French
JavaScript catalogue."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Annotation
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, marks, panel, sidebar_item
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SENTENCE = (
    "The city council approved a budget of 12 million euros on Tuesday, "
    "the largest in the city's history."
)


def test_a_reviewer_annotates_in_french_and_the_scripts_speak_french(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    start = article.text.index(SENTENCE)
    login(page, "alice")
    page.locator("#language-switch").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    open_article(page, article.pk)

    drag_select(page, article.text, start, start + len(SENTENCE))
    page.get_by_role("button", name="Annoter").click()
    dialog = panel(page)
    expect(dialog.locator("#panel-title")).to_have_text("Nouveau surlignage")
    # The rationale's counter, written by char-limit.js, in French with French digit groups.
    expect(dialog.locator("#panel-rationale-count")).to_have_text(
        re.compile(r"^0 / 20\s000 caractères$")
    )
    dialog.get_by_role("radio", name="Plutôt faux", exact=True).check()
    dialog.get_by_label("Justification").fill("Le budget de 2009 était plus élevé.")
    dialog.locator('[data-name="url"]').fill("https://stats.example.org/budgets")
    # Each source row's remove button is named with its number, by source-rows.js.
    expect(dialog.get_by_role("button", name="Retirer la source 1", exact=True)).to_be_visible()
    dialog.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(dialog).to_be_hidden()
    annotation = Annotation.objects.get()
    expect(marks(page, annotation.pk).first).to_be_visible()
    expect(page.locator("#live-region")).to_have_text("Surlignage enregistré.")
    item = sidebar_item(page, annotation.pk)
    expect(item.locator(".annotation-item__kind")).to_have_text("Affirmation")
    expect(item.locator(".annotation-item__sources")).to_contain_text("1 source")
    expect(item.get_by_role("button", name=re.compile("^Modifier le surlignage"))).to_be_visible()

    item.get_by_role("button", name=re.compile("^Supprimer le surlignage")).click()
    confirm = page.locator("#confirm-dialog")
    expect(confirm.locator("#confirm-title")).to_have_text("Supprimer ce surlignage ?")
    expect(confirm.locator("#confirm-text")).to_contain_text("seront supprimés")
    confirm.get_by_role("button", name="Supprimer", exact=True).click()

    expect(page.locator("#live-region")).to_have_text("Surlignage supprimé.")
    expect(page.locator("#annotation-empty")).to_have_text("Aucun surlignage pour l’instant.")
    assert not Annotation.objects.exists()

"""The panel's field errors in French (issue 17): the API words them as what to do in the
reader's language (annotations/api/errors.py) and field-errors.js shows them as they come, where
it used to match DRF's English wording and so showed French readers the framework's own."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Annotation
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, panel
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLAIM = "Crime fell by 30% last year."
TEXT = f"Town hall\n\nThe mayor said: {CLAIM} Nobody checked."


def test_a_french_reviewer_is_told_what_to_do_in_french(page: Page, browser_problems) -> None:
    browser_problems.expect(r"status of 400")
    ReviewerFactory(username="alice")
    article = ArticleFactory(text=TEXT)
    login(page, "alice")
    page.locator("#language-switch").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    open_article(page, article.pk)
    start = TEXT.index(CLAIM)
    drag_select(page, TEXT, start, start + len(CLAIM))
    page.get_by_role("button", name="Annoter").click()

    dialog = panel(page)
    dialog.get_by_label("Justification").fill("x" * 20_001)
    dialog.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(dialog.locator('[data-errors-for="verdict"]')).to_have_text("Choisissez un verdict.")
    expect(dialog.locator('[data-errors-for="rationale"]')).to_have_text(
        re.compile(r"^Trop long : raccourcissez-le à 20\s000 caractères au plus\.$")
    )
    assert not Annotation.objects.exists()

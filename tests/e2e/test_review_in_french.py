"""The review pages in French in a real browser: an editor switches the interface to French from
the header, and the Ready lane's script speaks French too (strings from the JavaScript
catalogue: the select-all box's name, the count of ticked claims, the busy button)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Verdict
from annotations.services.reviews import review_submit
from tests.e2e.conftest import login
from tests.e2e.test_review_walkthrough import SCHOOLS, TAXES, TEXT, highlight
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_editor_confirms_agreed_claims_in_french(page: Page) -> None:
    article = ArticleFactory(title="Mayor defends record budget", text=TEXT)
    for name in ("alice", "bob"):
        reviewer = ReviewerFactory(username=name)
        for claim, slug in {TAXES: "mostly-false", SCHOOLS: "true"}.items():
            highlight(article, reviewer, claim, slug, f"{name} checked it.")
        review_submit(article=article, reviewer=reviewer)
    EditorFactory(username="editor")

    login(page, "editor")
    page.goto("/review/")
    page.locator("#language-switch").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.get_by_role("heading", name="File d’arbitrage")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "fr"

    page.locator("#ready-tab").click()
    page.wait_for_url(re.compile(r"/review/ready/$"))
    expect(page.get_by_role("heading", name="Prêtes à confirmer")).to_be_visible()
    expect(page.locator(".queue-summary")).to_contain_text("2 affirmations prêtes")
    publish = page.get_by_role("button", name="Confirmer et publier la sélection")
    expect(publish).to_be_disabled()

    page.get_by_label("Sélectionner toutes les affirmations de cette page").check()
    expect(page.locator("#ready-selected")).to_have_text("2 sélectionnées.")
    page.get_by_label(re.compile(re.escape(TAXES))).uncheck()
    expect(page.locator("#ready-selected")).to_have_text("1 sélectionnée.")
    publish.click()

    expect(page.locator("#ready-report")).to_contain_text("1 affirmation confirmée et publiée.")
    assert Verdict.objects.filter(is_published=True).count() == 1

"""Forms that say what to do (issue 15): the panel's and the decision form's messages, the
counters on long fields, and the decision form's first error brought into view and focused."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Annotation, ClaimUnit
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import panel, passage_annotated
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory, claims_reviewed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLAIM = "Crime fell by 30% last year."
TEXT = f"Town hall\n\nThe mayor said: {CLAIM} Nobody checked."


def test_saving_a_highlight_without_a_verdict_says_choose_a_verdict(
    page: Page, browser_problems
) -> None:
    browser_problems.expect(r"status of 400")
    ReviewerFactory(username="alice")
    article = ArticleFactory(text=TEXT)
    login(page, "alice")
    open_article(page, article.pk)
    passage_annotated(page, article.text, CLAIM)

    rationale = panel(page).get_by_label("Rationale")
    rationale.fill("Police figures show a 3% fall.")
    expect(panel(page).locator("#panel-rationale-count")).to_have_text("30 / 20,000 characters")
    panel(page).get_by_role("button", name="Save").click()

    expect(panel(page).locator('[data-errors-for="verdict"]')).to_have_text("Choose a verdict.")
    assert not Annotation.objects.exists()


def test_a_refused_decision_focuses_its_first_error(page: Page, browser_problems) -> None:
    browser_problems.expect(r"status of 400")  # the refused form comes back as a 400
    EditorFactory(username="eddie")
    article = ArticleFactory(text=TEXT)
    claims_reviewed(article, {CLAIM: "false"}, reviewer=ReviewerFactory(username="bob"))
    unit = ClaimUnit.objects.get(article=article)
    login(page, "eddie")
    page.goto(f"/review/units/{unit.pk}/")

    form = page.locator("#decide-form")
    form.get_by_label("Explanation").fill("Police figures show a 3% fall.")
    expect(form.locator("#id_explanation-count")).to_have_text("30 / 20,000 characters")
    form.get_by_label("Claim reviewed").fill("")
    form.get_by_role("button", name="Record decision").click()

    expect(form.get_by_text("Choose a verdict.")).to_be_visible()
    expect(form.get_by_role("radio").first).to_be_focused()
    expect(form.get_by_role("radio").first).to_be_in_viewport()
    assert axe_violations(page) == []

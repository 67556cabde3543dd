from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Annotation
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import panel, sidebar_item
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def tab_to(page: Page, element_id: str, limit: int = 20) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def test_reviewer_selects_with_the_keyboard_and_opens_the_panel_with_the_shortcut(
    page: Page,
) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    login(page, "alice")
    open_article(page, article.pk)
    expect(page.locator("#selection-hint")).to_contain_text("press A")

    tab_to(page, "article-text")
    for _ in range(4):
        page.keyboard.press("Control+Shift+ArrowRight")
    expect(page.locator("#annotate-button")).to_be_visible()
    page.keyboard.press("a")

    expect(panel(page)).to_be_visible()
    expected = "City council approves new"
    expect(panel(page).locator("#panel-quote")).to_have_text(expected)
    # The panel works from the keyboard alone: Tab to the verdicts, Space picks the first
    # (True), Tab to the rationale, Ctrl+Enter saves.
    expect(panel(page).get_by_role("radio", name="Claim")).to_be_focused()
    page.keyboard.press("Tab")
    expect(panel(page).get_by_role("radio", name="True", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(panel(page).get_by_label("Rationale")).to_be_focused()
    page.keyboard.type("The headline matches the council's vote.")
    page.keyboard.press("Control+Enter")

    expect(panel(page)).to_be_hidden()
    annotation = Annotation.objects.get()
    assert (annotation.start, annotation.end) == (0, len(expected))
    assert annotation.verdict.slug == "true"
    # Focus lands on the new highlight's entry in the sidebar.
    expect(sidebar_item(page, annotation.pk).locator(".annotation-item__main")).to_be_focused()


def test_escape_closes_the_panel_and_keeps_the_selection(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    login(page, "alice")
    open_article(page, article.pk)
    tab_to(page, "article-text")
    page.keyboard.press("Shift+End")
    page.keyboard.press("a")
    expect(panel(page)).to_be_visible()

    page.keyboard.press("Escape")

    expect(panel(page)).to_be_hidden()
    expect(page.locator("#article-text")).to_be_focused()
    assert (
        page.evaluate("() => window.getSelection().toString()")
        == "City council approves new budget"
    )
    assert not Annotation.objects.exists()


def test_enter_in_a_field_saves_with_the_verdict_chosen_never_another(page: Page) -> None:
    # The form's default button (what Enter in a field clicks) is a hidden "Save as" button,
    # the panel's first submit button: Enter must still save through Save, with the radio's verdict.
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    login(page, "alice")
    open_article(page, article.pk)
    tab_to(page, "article-text")
    page.keyboard.press("Shift+End")
    page.keyboard.press("a")
    panel(page).get_by_role("radio", name="Quote").check()
    panel(page).get_by_role("radio", name="Mixed", exact=True).check()

    panel(page).get_by_label("Speaker").fill("Ana Ruiz")
    page.keyboard.press("Enter")

    expect(panel(page)).to_be_hidden()
    annotation = Annotation.objects.get()
    assert (annotation.kind, annotation.speaker) == ("quote", "Ana Ruiz")
    assert annotation.verdict.slug == "mixed"

"""The article page's shortcuts on an Arabic keyboard (walk 19, finding 9): there the keys of
`]`, `[` and A type د, ج and ش, and still move through the suggestions and annotate. On a
French keyboard the key at A's US place types Q, and does not annotate."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import panel
from tests.e2e.test_suggestions import suggestion_item, suggestions_stored, switch
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def key_pressed(page: Page, key: str, code: str) -> None:
    """A keydown as the layout sends it: `key` the character typed, `code` the physical key."""
    page.evaluate(
        """([key, code]) => (document.activeElement || document.body).dispatchEvent(
          new KeyboardEvent("keydown", {key, code, bubbles: true, cancelable: true}))""",
        [key, code],
    )


def test_the_suggestion_keys_move_on_an_arabic_keyboard(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    found = suggestions_stored(article)
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()

    key_pressed(page, "د", "BracketRight")
    budget = suggestion_item(page, found["budget"]).locator(".suggestion-item__main")
    expect(budget).to_be_focused()
    key_pressed(page, "د", "BracketRight")
    quote = suggestion_item(page, found["quote"]).locator(".suggestion-item__main")
    expect(quote).to_be_focused()
    key_pressed(page, "ج", "BracketLeft")
    expect(budget).to_be_focused()


def _words_selected(page: Page) -> None:
    page.locator("#article-text").focus()
    for _ in range(4):
        page.keyboard.press("Control+Shift+ArrowRight")
    expect(page.locator("#annotate-button")).to_be_visible()


def test_the_annotate_key_opens_the_panel_on_an_arabic_keyboard(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    login(page, "alice")
    open_article(page, article.pk)
    _words_selected(page)

    key_pressed(page, "ش", "KeyA")

    expect(panel(page)).to_be_visible()
    expect(panel(page).locator("#panel-quote")).to_have_text("City council approves new")


def test_the_key_at_as_place_on_a_french_keyboard_does_not_annotate(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    login(page, "alice")
    open_article(page, article.pk)
    _words_selected(page)

    key_pressed(page, "q", "KeyA")
    page.wait_for_timeout(200)
    expect(panel(page)).to_be_hidden()
    key_pressed(page, "a", "KeyQ")
    expect(panel(page)).to_be_visible()

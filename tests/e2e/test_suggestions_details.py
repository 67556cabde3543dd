"""Suggestions on the article page, in Chromium, beyond the walkthrough in test_suggestions.py:
suggestions a highlight already covers are not offered; Enter pressed again after accepting
saves nothing, a verdict is chosen deliberately; `]` after accepting goes on from the accepted
suggestion; the "Enter accepts" hint only beside Accept buttons; the list item's styles shared
with the highlights' list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from annotations.models import Annotation, Review
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import panel
from tests.e2e.test_suggestions import (
    BUDGET,
    QUOTE,
    annotation_posted,
    save_as,
    save_as_group,
    suggestion_item,
    suggestion_marks,
    suggestions_shown,
    suggestions_stored,
    switch,
)
from tests.factories import AnnotationFactory, ArticleFactory, EditorFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STATIC = Path(__file__).resolve().parents[2] / "static" / "annotations"


def test_a_suggestion_a_highlight_mostly_covers_is_not_offered(page: Page) -> None:
    alice = ReviewerFactory(username="alice")
    article = ArticleFactory()
    found = suggestions_stored(article)
    # 54 of the budget claim's 65 characters (83%): found by hand already.
    AnnotationFactory(article=article, reviewer=alice, quote=BUDGET[:54])
    # 22 of the quote's 45 characters (49%): the quote is still worth a look.
    AnnotationFactory(
        article=article, reviewer=alice, quote=QUOTE[:22], kind="quote", speaker="Ana Ruiz"
    )
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()

    expect(page.locator("#article-text mark.highlight")).to_have_count(2)
    expect(suggestion_item(page, found["budget"])).to_have_count(0)
    expect(suggestion_marks(page, found["budget"])).to_have_count(0)
    expect(suggestion_item(page, found["quote"])).to_have_count(1)
    expect(suggestion_marks(page, found["quote"]).first).to_be_attached()
    expect(page.locator(".suggestion-item")).to_have_count(2)
    expect(page.locator("#suggestions-status")).to_have_text("2 suggestions, best first.")
    # Covered is not accepted: the note counts only suggestions taken into highlights.
    expect(page.locator("#suggestions-accepted")).to_be_hidden()


def test_an_editor_is_not_offered_what_a_reviewer_highlighted(page: Page) -> None:
    EditorFactory(username="edith")
    article = ArticleFactory()
    found = suggestions_stored(article)
    AnnotationFactory(article=article, quote=BUDGET)  # another reviewer's, the whole span
    login(page, "edith")
    open_article(page, article.pk)
    switch(page).check()

    expect(page.locator("#article-text mark.highlight")).to_have_count(1)
    expect(page.locator(".suggestion-item")).to_have_count(2)
    expect(suggestion_item(page, found["budget"])).to_have_count(0)


def test_enter_pressed_twice_after_accepting_saves_no_verdict(page: Page) -> None:
    ReviewerFactory(username="alice")
    article, found = suggestions_shown(page, "alice")
    suggestion_item(page, found["quote"]).locator(".suggestion-item__main").focus()

    page.keyboard.press("Enter")  # accepts
    expect(save_as_group(page)).to_be_focused()
    page.keyboard.press("Enter")  # the second Enter: on the group, it chooses nothing
    page.keyboard.press("Control+Enter")

    expect(panel(page)).to_be_visible()
    expect(save_as_group(page)).to_be_focused()
    expect(panel(page).locator("#panel-errors")).to_be_hidden()
    assert not Annotation.objects.exists()


def test_a_verdict_reached_with_the_arrows_saves_the_accepted_suggestion(page: Page) -> None:
    ReviewerFactory(username="alice")
    article, found = suggestions_shown(page, "alice")
    suggestion_item(page, found["quote"]).locator(".suggestion-item__main").focus()
    page.keyboard.press("Enter")

    page.keyboard.press("ArrowDown")
    expect(save_as(page, "True")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(save_as(page, "Mostly true")).to_be_focused()
    with page.expect_request(annotation_posted):
        page.keyboard.press("Enter")

    expect(panel(page)).to_be_hidden()
    annotation = Annotation.objects.get()
    assert (annotation.verdict.slug, annotation.suggestion_id) == ("mostly-true", found["quote"].pk)


def test_the_enter_accepts_hint_shows_while_there_are_accept_buttons(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    suggestions_stored(article)
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()

    expect(page.get_by_role("button", name="Accept").first).to_be_visible()
    hint = page.locator("#suggestions-keys-accept")
    expect(hint).to_be_visible()
    expect(hint).to_have_text("· Enter on a suggestion accepts it")


def test_a_submitted_review_shows_no_accept_buttons_and_no_enter_hint(page: Page) -> None:
    alice = ReviewerFactory(username="alice")
    article = ArticleFactory()
    suggestions_stored(article)
    Review.objects.create(
        article=article,
        reviewer=alice,
        status=Review.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()

    expect(page.locator(".suggestion-item")).to_have_count(3)
    expect(page.get_by_role("button", name="Accept")).to_have_count(0)
    expect(page.locator("#suggestions-keys")).to_be_visible()
    expect(page.locator("#suggestions-keys-accept")).to_be_hidden()


def test_on_a_narrow_screen_the_brackets_focus_the_underline_in_the_text(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory()
    found = suggestions_stored(article)
    page.set_viewport_size({"width": 760, "height": 800})
    login(page, "alice")
    open_article(page, article.pk)
    switch(page).check()
    page.locator("body").focus()

    # Text order: the budget claim, then the quote.
    page.keyboard.press("]")
    budget = suggestion_marks(page, found["budget"]).first
    expect(budget).to_be_focused()
    expect(budget).to_be_in_viewport()
    page.keyboard.press("]")
    quote = suggestion_marks(page, found["quote"]).first
    expect(quote).to_be_focused()
    expect(suggestion_item(page, found["quote"])).to_have_class(re.compile(r"\bis-selected\b"))
    page.keyboard.press("[")
    expect(budget).to_be_focused()

    # Enter on the underline accepts it, as on its item; Escape comes back to the underline.
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_visible()
    expect(panel(page).locator("#panel-quote")).to_have_text(BUDGET)
    page.keyboard.press("Escape")
    expect(budget).to_be_focused()


def test_on_a_wide_screen_the_brackets_still_focus_the_list_item(page: Page) -> None:
    ReviewerFactory(username="alice")
    article, found = suggestions_shown(page, "alice")

    page.keyboard.press("]")

    expect(suggestion_item(page, found["budget"]).locator(".suggestion-item__main")).to_be_focused()


def test_a_suggestion_item_button_takes_the_highlight_item_rule_with_its_own_padding(
    page: Page,
) -> None:
    ReviewerFactory(username="alice")
    article, found = suggestions_shown(page, "alice")

    main = suggestion_item(page, found["quote"]).locator(".suggestion-item__main")
    style = main.evaluate(
        """(button) => {
          const s = getComputedStyle(button);
          return [s.display, s.cursor, s.textAlign, s.backgroundColor, s.borderTopWidth,
                  s.rowGap, s.paddingTop, s.paddingLeft];
        }"""
    )
    # "start": the left in a left-to-right interface, the right in Arabic (logical CSS).
    assert style == ["grid", "pointer", "start", "rgba(0, 0, 0, 0)", "0px", "5px", "10px", "12px"]
    # width: 100% of the item (its dashed border aside).
    item_box = suggestion_item(page, found["quote"]).bounding_box()
    assert main.bounding_box()["width"] == pytest.approx(item_box["width"] - 2, abs=1)


def test_the_shared_item_button_rule_is_written_once() -> None:
    app = (STATIC / "app.css").read_text()
    suggestions = (STATIC / "suggestions.css").read_text()

    assert ".annotation-item__main,\n.suggestion-item__main {" in app
    own = suggestions[suggestions.index(".suggestion-item__main {") :]
    own = own[: own.index("}")]
    assert "cursor" not in own and "background" not in own and "text-align" not in own
    assert ".suggestion-item__main:focus-visible" not in suggestions


def test_after_accepting_a_suggestion_the_brackets_go_on_from_it_in_the_text(page: Page) -> None:
    ReviewerFactory(username="alice")
    article, found = suggestions_shown(page, "alice")
    # Text order: the budget claim, the quote, the unemployment claim. Accept the middle one.
    page.keyboard.press("]")
    page.keyboard.press("]")
    expect(suggestion_item(page, found["quote"]).locator(".suggestion-item__main")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    expect(save_as(page, "True")).to_be_focused()
    with page.expect_request(annotation_posted):
        page.keyboard.press("Enter")
    expect(panel(page)).to_be_hidden()
    expect(suggestion_item(page, found["quote"])).to_have_count(0)

    page.keyboard.press("]")
    after = suggestion_item(page, found["unemployment"]).locator(".suggestion-item__main")
    expect(after).to_be_focused()
    expect(page.locator("#live-region")).to_have_text("Suggestion 2 of 2: claim.")
    page.keyboard.press("[")
    before = suggestion_item(page, found["budget"]).locator(".suggestion-item__main")
    expect(before).to_be_focused()
    expect(page.locator("#live-region")).to_have_text("Suggestion 1 of 2: claim.")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_on_a_phone_the_panel_from_a_suggestion_shows_its_quote_and_the_verdicts(
    page: Page, language: str
) -> None:
    ReviewerFactory(username="alice")
    page.set_viewport_size({"width": 390, "height": 844})
    article, found = suggestions_shown(page, "alice")
    page.locator("#language-switch").select_option(language)
    page.locator(".language-switch button[type='submit']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.wait_for_selector("#article-page[data-ready='true']")
    expect(page.locator("#suggestions-switch")).to_be_checked()  # remembered, in any language

    page.keyboard.press("]")
    page.keyboard.press("]")
    # One column: the focus goes to the quote in the text, as the walker found it.
    expect(suggestion_marks(page, found["quote"]).first).to_be_focused()
    page.keyboard.press("Enter")
    options = panel(page).locator("#save-as-options")  # the "Save as" group, in any language
    expect(options).to_be_focused()

    body = panel(page).locator(".panel__body").bounding_box()
    quote = panel(page).locator(".panel__quote").bounding_box()
    group = options.bounding_box()
    assert body and quote and group
    assert quote["y"] >= body["y"], (quote, body)  # the quote is not cut under the header
    assert group["y"] + 48 <= body["y"] + body["height"], (group, body)  # the focus in sight

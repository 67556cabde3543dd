"""The small stumbles of issue 15's walk that show in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import character_box, drag_select, passage_annotated, sidebar_item
from tests.factories import AnnotationFactory, ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LONG = (
    "The council approved a budget of 12 million euros on Tuesday, the largest in the city's "
    "history, after a debate that lasted well into the night and ended with a narrow vote."
)


def test_the_delete_confirmation_marks_a_cut_quote_with_an_ellipsis(page: Page) -> None:
    alice = ReviewerFactory(username="alice")
    article = ArticleFactory(text=f"Budget\n\n{LONG}")
    annotation = AnnotationFactory(reviewer=alice, article=article, quote=LONG)
    login(page, "alice")
    open_article(page, article.pk)

    sidebar_item(page, annotation.pk).get_by_role("button", name="Delete").click()

    text = page.locator("#confirm-text")
    expect(text).to_contain_text("…” and its verdict, rationale and sources will be deleted.")
    expect(text).not_to_contain_text("narrow vote")


def test_at_820_pixels_the_sidebar_stays_beside_the_text(page: Page) -> None:
    alice = ReviewerFactory(username="alice")
    annotation = AnnotationFactory(reviewer=alice)
    page.set_viewport_size({"width": 820, "height": 1000})
    login(page, "alice")
    open_article(page, annotation.article_id)

    item = sidebar_item(page, annotation.pk)
    expect(item).to_be_in_viewport()
    text_box = page.locator("#article-text").bounding_box()
    item_box = item.bounding_box()
    assert text_box and item_box
    assert item_box["x"] >= text_box["x"] + text_box["width"]


def test_the_annotate_button_leaves_the_line_after_the_selection_uncovered(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory(text=f"Budget\n\n{LONG} {LONG}")
    login(page, "alice")
    open_article(page, article.pk)
    start = article.text.index(LONG) + len(LONG) + 1
    drag_select(page, article.text, start, start + len("The council approved a budget"))

    button = page.locator("#annotate-button")
    expect(button).to_be_visible()
    end = character_box(page, article.text, start + len("The council approved a budge"))
    box = button.bounding_box()
    assert box
    # Above the selection's line: the next line, below it, stays readable.
    assert box["y"] + box["height"] <= end["top"]


def test_a_very_long_highlight_is_warned_about_before_saving(page: Page) -> None:
    ReviewerFactory(username="alice")
    text = f"Budget\n\n{LONG}\n\n{LONG}\n\n{LONG}\n\n{LONG}\n\n{LONG}"
    article = ArticleFactory(text=text)
    login(page, "alice")
    open_article(page, article.pk)

    start = text.index(LONG)
    passage_annotated(page, text, text[start:])

    warning = page.locator("#panel-length-warning")
    expect(warning).to_be_visible()
    assert axe_violations(page) == []
    expect(warning).to_contain_text(f"This highlight is {len(text) - start:,} characters long")


def test_a_highlight_of_a_sentence_is_not_warned_about(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory(text=f"Budget\n\n{LONG}")
    login(page, "alice")
    open_article(page, article.pk)

    passage_annotated(page, article.text, LONG)

    expect(page.locator("#annotation-panel")).to_be_visible()
    expect(page.locator("#panel-length-warning")).to_be_hidden()

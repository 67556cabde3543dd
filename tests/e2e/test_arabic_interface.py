"""The interface in Arabic (issue 17): switching from the header turns the whole desk right to
left, its layout mirrors (the sidebar and the annotation panel on the left, the brand on the
right), an English article inside it still reads left to right, and the choice is remembered.
Screenshots go to FACTCHECK_SCREENSHOTS (a temporary folder by default)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, panel
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(
    os.environ.get("FACTCHECK_SCREENSHOTS") or Path(tempfile.gettempdir()) / "factcheck-screenshots"
)
TEXT = (
    "Council closes two libraries\n\n"
    "The council said on Tuesday that it would close two libraries after its budget fell by "
    "12 percent since 2023."
)


def _box(page: Page, selector: str) -> dict[str, float]:
    return page.locator(selector).first.evaluate(
        "(element) => { const r = element.getBoundingClientRect();"
        " return { left: r.left, right: r.right, width: r.width }; }"
    )


def _switch(page: Page, language: str) -> None:
    page.locator("#language-switch").select_option(language)
    page.locator(".language-switch button[type='submit']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_arabic_mirrors_the_desk_and_keeps_an_english_article_left_to_right(page: Page) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ReviewerFactory(username="alice")
    article = ArticleFactory(text=TEXT, title="Council closes two libraries", language="en")
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "alice")
    open_article(page, article.pk)
    english_sidebar = _box(page, ".sidebar")
    english_reader = _box(page, ".reader")
    assert english_sidebar["left"] > english_reader["left"]

    _switch(page, "ar")
    page.wait_for_selector("#article-page[data-ready='true']")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The article keeps its own direction inside the right-to-left desk.
    assert page.locator("#article-text").evaluate("(e) => getComputedStyle(e).direction") == "ltr"

    sidebar, reader = _box(page, ".sidebar"), _box(page, ".reader")
    assert sidebar["right"] < reader["left"] + 1, (sidebar, reader)
    assert abs(sidebar["width"] - english_sidebar["width"]) < 1
    brand, header = _box(page, ".brand"), _box(page, ".site-header__inner")
    assert header["right"] - brand["right"] < 40, (brand, header)
    page.screenshot(path=str(SCREENSHOTS / "arabic-interface-article.png"), full_page=True)

    start = article.text.index("close two libraries")
    drag_select(page, article.text, start, start + len("close two libraries"))
    page.locator(".annotate-button").click()
    expect(panel(page)).to_be_visible()
    expect(panel(page).locator("#panel-quote")).to_have_text("close two libraries")
    dialog = _box(page, "#annotation-panel")
    width = page.evaluate("window.innerWidth")
    assert dialog["left"] < 2 and dialog["right"] < width / 2 + 200, dialog
    page.screenshot(path=str(SCREENSHOTS / "arabic-interface-panel.png"))
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()

    # Remembered: a new visit, in another tab, opens in Arabic.
    other = page.context.new_page()
    other.goto("/")
    expect(other.locator("html")).to_have_attribute("dir", "rtl")
    expect(other.locator("#language-switch")).to_have_value("ar")
    other.close()

    _switch(page, "en")
    assert page.evaluate("document.documentElement.dir") == "ltr"

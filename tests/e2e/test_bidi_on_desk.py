"""Issue 17 in Chromium: an English claim in the Arabic review queue keeps its order (the
number stays at its start, not flung to the far end of the line by the Arabic around it), and
the header's language switcher in Spanish and French is wide enough to read each language's
name."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.models import ClaimUnit
from tests.e2e.conftest import login
from tests.factories import ArticleFactory, EditorFactory, claims_reviewed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLAIM = "2,000 nurses have been hired this year alone"
TEXT = f"Nurse figures\n\nThe minister said “{CLAIM}”, and the unions disagreed."


def _switch(page: Page, language: str) -> None:
    page.locator("#language-switch").select_option(language)
    page.locator(".language-switch button[type='submit']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def _word_box(page: Page, selector: str, word: str) -> dict[str, float]:
    """The bounding box of `word` inside the first element matching `selector`."""
    box = page.locator(selector).first.evaluate(
        """(element, word) => {
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(word);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            const r = range.getBoundingClientRect();
            return { left: r.left, right: r.right, top: r.top };
          }
          return null;
        }""",
        word,
    )
    assert box, f"{word!r} not found in {selector}"
    return box


def test_an_english_claim_keeps_its_number_first_in_the_arabic_queue(page: Page) -> None:
    EditorFactory(username="eddie")
    article = ArticleFactory(title="Nurse figures", text=TEXT)
    claims_reviewed(article, {CLAIM: "false"})
    claims_reviewed(article, {CLAIM: "mostly-false"})
    assert ClaimUnit.objects.filter(article=article).count() == 1
    login(page, "eddie")
    _switch(page, "ar")
    page.goto("/review/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    number = _word_box(page, ".queue-claim__link", "2,000")
    nurses = _word_box(page, ".queue-claim__link", "nurses")
    alone = _word_box(page, ".queue-claim__link", "alone")
    # Read left to right, as English: the number first, then "nurses", "alone" last.
    assert number["top"] == pytest.approx(nurses["top"], abs=2)
    assert number["right"] <= nurses["left"] + 1
    assert nurses["right"] <= alone["left"] + 1


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_language_switcher_shows_whole_names_in_a_crowded_header(
    page: Page, language: str
) -> None:
    EditorFactory(username="eddie")
    # The walk's width: an editor's nav in Spanish or French then fills the header.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "eddie")
    _switch(page, language)
    select = page.locator("#language-switch")
    width = select.evaluate("(element) => element.getBoundingClientRect().width")
    # Wide enough for "Français" / "Español" and the arrow; it was squeezed to 35-40 px.
    text_width = select.evaluate(
        """(element) => {
          const probe = document.createElement("span");
          probe.style.font = getComputedStyle(element).font;
          probe.style.position = "absolute";
          probe.textContent = element.selectedOptions[0].textContent;
          document.body.append(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          return width;
        }"""
    )
    assert width >= text_width + 8, (width, text_width)
    expect(select.locator("option:checked")).to_have_text(
        {"es": "Español", "fr": "Français"}[language]
    )
    expect(select.locator('option[value="en"]')).to_have_text("English")

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Annotation
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import drag_select, fill_claim, highlight_text, panel
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Astral characters (two UTF-16 units, one Python code point) before and inside the claim.
EMOJI_TEXT = (
    "Launch day 😀 at 𝕏 headquarters\n\n"
    "The company 𝕏 said revenue grew 😀😀 in the third quarter.\n\n"
    "The chief executive claimed 𝕏 now has 600 million daily users."
)
CLAIM = "The chief executive claimed 𝕏 now has 600 million daily users."


def test_an_article_with_emoji_round_trips_the_offsets_python_computes(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory(text=EMOJI_TEXT)
    start = article.text.index(CLAIM)
    end = start + len(CLAIM)
    assert start != len(article.text[:start].encode("utf-16-le")) // 2  # the test means something
    login(page, "alice")
    open_article(page, article.pk)

    drag_select(page, article.text, start, end)
    page.get_by_role("button", name="Annotate").click()
    expect(panel(page).locator("#panel-quote")).to_have_text(CLAIM)
    fill_claim(page, verdict="Mostly false", source_url="https://stats.example.org/users")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page)).to_be_hidden()

    annotation = Annotation.objects.get()
    assert (annotation.start, annotation.end) == (start, end)
    assert annotation.exact == CLAIM
    assert annotation.prefix == article.text[max(0, start - 32) : start]
    assert annotation.suffix == article.text[end : end + 32]

    page.reload()
    page.wait_for_selector("#article-page[data-ready='true']")
    assert highlight_text(page, annotation.pk) == CLAIM


def test_a_selection_starting_right_after_an_emoji_keeps_python_offsets(page: Page) -> None:
    ReviewerFactory(username="alice")
    article = ArticleFactory(text=EMOJI_TEXT)
    phrase = "in the third quarter"
    start = article.text.index(phrase)
    login(page, "alice")
    open_article(page, article.pk)

    drag_select(page, article.text, start, start + len(phrase))
    page.keyboard.press("a")
    fill_claim(page, verdict="Unverifiable")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page)).to_be_hidden()

    annotation = Annotation.objects.get()
    assert (annotation.start, annotation.end) == (start, start + len(phrase))
    assert highlight_text(page, annotation.pk) == phrase

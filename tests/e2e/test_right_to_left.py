"""Right-to-left articles on the annotation page (issue 17): an Arabic article reads right to
left, and selecting with the mouse or the keyboard, the floating button and the stored offsets
work as they do in English, also across bidirectional runs (English words and digits inside
Arabic). Offsets are code points of the canonical text, computed here by Python. The texts are
written for these tests."""

from __future__ import annotations

import unicodedata

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Annotation, Article
from tests.e2e.conftest import login, open_article
from tests.e2e.helpers import character_box, fill_claim, highlight_text, panel
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARABIC = (
    "البلدية تغلق مكتبتين\n\n"
    "قال رئيس البلدية يوم الثلاثاء إن المجلس قرر إغلاق مكتبتين بعد أن انخفضت الميزانية "
    "بنسبة 12 في المئة منذ عام 2023.\n\n"
    "وقالت شركة Northwind Books في بيان إن مبيعاتها ارتفعت إلى 4,500 نسخة في شهر مارس."
)
# A phrase inside a bidirectional run: Arabic, an English name, more Arabic, Western digits.
MIXED = "شركة Northwind Books في بيان إن مبيعاتها ارتفعت إلى 4,500 نسخة"
ARABIC_ONLY = "قرر إغلاق مكتبتين"


def _leading_edge(box: dict[str, float], char: str, *, last: bool) -> float:
    # Where the mouse goes: a character's logical start (or, for the last one, its logical
    # end) is its right edge in a right-to-left run, its left edge in a left-to-right one
    # (Latin letters and digits, even inside Arabic).
    rtl = unicodedata.bidirectional(char) in ("R", "AL")
    if rtl != last:
        return box["right"] - 1
    return box["left"] + 1


def drag_select_bidi(page: Page, text: str, start: int, end: int) -> None:
    first = character_box(page, text, start)
    final = character_box(page, text, end - 1)
    page.mouse.move(
        _leading_edge(first, text[start], last=False), (first["top"] + first["bottom"]) / 2
    )
    page.mouse.down()
    page.mouse.move(
        _leading_edge(final, text[end - 1], last=True),
        (final["top"] + final["bottom"]) / 2,
        steps=12,
    )
    page.mouse.up()


@pytest.fixture
def arabic_article(page: Page) -> Article:
    ReviewerFactory(username="alice")
    article = ArticleFactory(text=ARABIC, title="البلدية تغلق مكتبتين", language="ar")
    login(page, "alice")
    open_article(page, article.pk)
    return article


def _highlighted(page: Page, article: Article, phrase: str) -> Annotation:
    start = article.text.index(phrase)
    drag_select_bidi(page, article.text, start, start + len(phrase))
    button = page.get_by_role("button", name="Annotate")
    expect(button).to_be_visible()
    button.click()
    expect(panel(page).locator("#panel-quote")).to_have_text(phrase)
    fill_claim(page, verdict="Mostly false")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page)).to_be_hidden()
    return Annotation.objects.get()


def test_an_arabic_article_reads_right_to_left(page: Page, arabic_article: Article) -> None:
    text = page.locator("#article-text")

    expect(text).to_have_attribute("dir", "rtl")
    expect(text).to_have_attribute("lang", "ar")
    title = page.locator("#article-title")
    assert title.evaluate("(node) => getComputedStyle(node).direction") == "rtl"
    # The first paragraph's first character sits at the right of the column.
    first = character_box(page, arabic_article.text, 0)
    column = text.bounding_box()
    assert column is not None
    assert first["right"] > column["x"] + column["width"] * 0.8


@pytest.mark.parametrize("phrase", [ARABIC_ONLY, MIXED], ids=["arabic", "bidirectional"])
def test_a_mouse_selection_in_arabic_stores_python_code_point_offsets(
    page: Page,
    arabic_article: Article,
    phrase: str,
) -> None:
    annotation = _highlighted(page, arabic_article, phrase)

    start = arabic_article.text.index(phrase)
    assert (annotation.start, annotation.end) == (start, start + len(phrase))
    assert annotation.exact == phrase
    # The sidebar shows the passage right to left too, in an English interface.
    quote = page.locator(
        f'.annotation-item[data-annotation-id="{annotation.pk}"] .annotation-item__quote'
    )
    assert quote.evaluate("(node) => getComputedStyle(node).direction") == "rtl"
    page.reload()
    page.wait_for_selector("#article-page[data-ready='true']")
    assert highlight_text(page, annotation.pk) == phrase


def test_the_floating_button_stands_by_the_selection_in_arabic(
    page: Page,
    arabic_article: Article,
) -> None:
    start = arabic_article.text.index(ARABIC_ONLY)
    drag_select_bidi(page, arabic_article.text, start, start + len(ARABIC_ONLY))

    button = page.get_by_role("button", name="Annotate")
    expect(button).to_be_visible()
    box = button.bounding_box()
    selection = page.evaluate(
        "() => { const r = window.getSelection().getRangeAt(0).getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"
    )
    assert box is not None
    # Near the selection, within the viewport, and not over the selected words.
    viewport = page.viewport_size
    assert viewport is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert (
        abs(box["y"] - selection["bottom"]) < 80
        or abs(box["y"] + box["height"] - selection["top"]) < 80
    )
    overlaps = not (
        box["x"] + box["width"] <= selection["left"]
        or box["x"] >= selection["right"]
        or box["y"] + box["height"] <= selection["top"]
        or box["y"] >= selection["bottom"]
    )
    assert not overlaps


def test_the_keyboard_selects_arabic_words_in_reading_order(
    page: Page,
    arabic_article: Article,
) -> None:
    # In right-to-left text the left arrow moves forward: Ctrl+Shift+Left twice from the
    # start selects the first two words, as Ctrl+Shift+Right does in English.
    page.locator("#article-text").focus()
    for _ in range(2):
        page.keyboard.press("Control+Shift+ArrowLeft")
    expect(page.locator("#annotate-button")).to_be_visible()
    page.keyboard.press("a")

    expect(panel(page).locator("#panel-quote")).to_have_text("البلدية تغلق")

"""The agreement charts in the Arabic interface (issue 17), in a real browser. The charts are
SVG laid out left to right; inherited from the right-to-left page, their text anchors swapped
sides, so bar labels ran under the bars ("Tru", "Mo"), heat-map names into the cells ("al"),
and a negative value printed its minus sign last ("0.88−")."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import login
from tests.e2e.test_agreement_dashboard import reviews_submit
from tests.factories import EditorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(
    os.environ.get("FACTCHECK_SCREENSHOTS") or Path(tempfile.gettempdir()) / "factcheck-screenshots"
)

# Every <text> of a chart: its box and the svg's, in page coordinates, and its bar row's number
# (-1 outside one); for a text starting with a minus sign, where its first two characters are drawn.
TEXTS = """(svg) => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
  return [...svg.querySelectorAll("text")].map((text) => ({
    content: text.textContent,
    box: box(text),
    svg: box(svg),
    row: [...svg.querySelectorAll("g.bars__row")].indexOf(text.closest("g.bars__row")),
    minus: text.textContent.startsWith("\\u2212")
      ? [text.getExtentOfChar(0).x, text.getExtentOfChar(1).x] : null,
  }));
}"""


@pytest.fixture
def arabic_agreement(page: Page) -> Page:
    reviews_submit()
    EditorFactory(username="eddie")
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "eddie")
    page.goto("/agreement/")
    page.locator("#language-switch").select_option("ar")
    page.locator(".language-switch button[type='submit']").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    return page


def _charts(page: Page) -> list[list[dict]]:
    return [svg.evaluate(TEXTS) for svg in page.locator("svg.chart").all() if svg.is_visible()]


def test_in_arabic_every_chart_text_lies_inside_its_svg(arabic_agreement: Page) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    arabic_agreement.screenshot(path=str(SCREENSHOTS / "agreement-arabic.png"), full_page=True)
    charts = _charts(arabic_agreement)
    assert len(charts) >= 3  # the kappa heat map and the two label bar charts at least
    for texts in charts:
        for text in texts:
            box, svg = text["box"], text["svg"]
            assert box["left"] >= svg["left"] - 0.5, text
            assert box["right"] <= svg["right"] + 0.5, text


def test_in_arabic_a_bar_label_does_not_overlap_its_value(arabic_agreement: Page) -> None:
    rows = 0
    for texts in _charts(arabic_agreement):
        by_row: dict[int, list[dict]] = {}
        for text in texts:
            if text["row"] >= 0:
                by_row.setdefault(text["row"], []).append(text)
        for label, value, *_note in by_row.values():
            rows += 1
            assert label["box"]["right"] < value["box"]["left"], (label, value)
    assert rows >= 12  # six labels in each of the two bar charts


def test_in_arabic_a_negative_value_is_drawn_minus_sign_first(arabic_agreement: Page) -> None:
    negatives = [
        text["minus"] for texts in _charts(arabic_agreement) for text in texts if text["minus"]
    ]
    assert negatives, "the reviews give at least one negative kappa"
    for minus_x, digit_x in negatives:
        assert minus_x < digit_x


def test_in_arabic_the_heat_maps_reviewer_names_stand_clear_of_its_cells(
    arabic_agreement: Page,
) -> None:
    heatmap = next(svg for svg in arabic_agreement.locator("svg.heatmap").all() if svg.is_visible())
    names, cells_left = heatmap.evaluate(
        """(svg) => [
          [...svg.querySelectorAll(":scope > text[text-anchor='end']")]
            .map((t) => [t.textContent, t.getBoundingClientRect().right]),
          Math.min(...[...svg.querySelectorAll("g.heatmap__cell rect")]
            .map((r) => r.getBoundingClientRect().left)),
        ]"""
    )
    assert [name for name, _right in names] == ["alice", "bruno", "chen", "dana"]
    for name, right in names:
        assert right <= cells_left, name

"""Helpers for the browser tests: where text is on screen, and dragging the mouse over it.

Offsets here are computed independently of the page's JavaScript: Python finds the paragraph
and converts code points to the UTF-16 units the DOM uses.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

PARAGRAPH_SEPARATOR = "\n\n"

# The bounding box of one character: paragraph index and UTF-16 range within the paragraph.
CHARACTER_BOX = """
([index, from, to]) => {
  const paragraph = document.querySelectorAll("#article-text p.paragraph")[index];
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let seen = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (from < seen + node.data.length) {
      const range = document.createRange();
      range.setStart(node, from - seen);
      range.setEnd(node, to - seen);
      const rects = Array.from(range.getClientRects());
      const rect = rects.find((r) => r.width > 0) || range.getBoundingClientRect();
      return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
    }
    seen += node.data.length;
  }
  return null;
}
"""


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def character_position(text: str, offset: int) -> tuple[int, int, int]:
    """(paragraph index, UTF-16 start, UTF-16 end) of the character at code point `offset`."""
    start = 0
    for index, paragraph in enumerate(text.split(PARAGRAPH_SEPARATOR)):
        if start <= offset < start + len(paragraph):
            local = offset - start
            before = utf16_length(paragraph[:local])
            return index, before, before + utf16_length(paragraph[local])
        start += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    raise ValueError(f"offset {offset} is not inside a paragraph")


def character_box(page: Page, text: str, offset: int) -> dict[str, float]:
    box = page.evaluate(CHARACTER_BOX, list(character_position(text, offset)))
    assert box, f"no box for the character at {offset}"
    return box


def drag_select(page: Page, text: str, start: int, end: int) -> None:
    """Select text[start:end] with a real mouse drag, from the first character's left edge to
    the last character's right edge."""
    first = character_box(page, text, start)
    last = character_box(page, text, end - 1)
    page.mouse.move(first["left"] + 1, (first["top"] + first["bottom"]) / 2)
    page.mouse.down()
    page.mouse.move(last["right"] - 1, (last["top"] + last["bottom"]) / 2, steps=12)
    page.mouse.up()


def highlight_text(page: Page, annotation_id: int | str) -> str:
    """The text the page highlights for an annotation (its marks' text, joined)."""
    return page.evaluate(
        """(id) => {
          const marks = document.querySelectorAll(`mark.highlight[data-annotation-id="${id}"]`);
          const paragraphs = new Map();
          for (const mark of marks) {
            const paragraph = mark.closest("p.paragraph");
            paragraphs.set(paragraph, (paragraphs.get(paragraph) || "") + mark.textContent);
          }
          return Array.from(paragraphs.values()).join("\\n\\n");
        }""",
        str(annotation_id),
    )


def marks(page: Page, annotation_id: int | str) -> Locator:
    """The <mark> elements of one highlight."""
    return page.locator(f'mark.highlight[data-annotation-id="{annotation_id}"]')


def sidebar_item(page: Page, annotation_id: int | str) -> Locator:
    return page.locator(f'.annotation-item[data-annotation-id="{annotation_id}"]')


def panel(page: Page) -> Locator:
    return page.locator("#annotation-panel")


def fill_claim(
    page: Page,
    *,
    verdict: str,
    rationale: str = "",
    source_url: str = "",
    source_title: str = "",
    stance: str = "refutes",
) -> None:
    dialog = panel(page)
    dialog.get_by_role("radio", name=verdict, exact=True).check()
    if rationale:
        dialog.get_by_label("Rationale").fill(rationale)
    if source_url:
        row = dialog.locator(".source-row").last
        row.get_by_label("URL").fill(source_url)
        if source_title:
            row.get_by_label("Title").fill(source_title)
        row.get_by_label("Stance").select_option(stance)


def passage_annotated(page: Page, text: str, passage: str, *, occurrence_from: int = 0) -> None:
    """Select `passage` (its first occurrence in `text` from `occurrence_from`) with the mouse
    and open the annotation panel on it."""
    start = text.index(passage, occurrence_from)
    drag_select(page, text, start, start + len(passage))
    page.get_by_role("button", name="Annotate").click()

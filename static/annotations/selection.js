// Selection -> target: turns the reader's selection into the two W3C selectors the API
// stores (TextQuoteSelector exact/prefix/suffix and TextPositionSelector start/end), counted
// in code points of the canonical text.

import { canonicalCodePoints, offsetOfDomPoint, paragraphsOf } from "./offsets.js";

const CONTEXT_LENGTH = 32;
const WHITESPACE = /\s/u;
const canonicalCache = new WeakMap();

function canonicalOf(root) {
  // The article text never changes on the page; highlights only wrap it.
  if (!canonicalCache.has(root)) canonicalCache.set(root, canonicalCodePoints(root));
  return canonicalCache.get(root);
}

/**
 * Canonical offset of a selection boundary. A boundary between paragraphs (or before or
 * after the article) snaps to the nearest paragraph edge inside the selection; null when the
 * boundary has no paragraph on the selected side.
 */
function boundaryOffset(paragraphs, node, offset, side) {
  let previous = null;
  for (const paragraph of paragraphs) {
    const range = document.createRange();
    range.selectNodeContents(paragraph.element);
    const comparison = range.comparePoint(node, offset);
    if (comparison === 0) return offsetOfDomPoint(paragraph.element, node, offset);
    if (comparison < 0) {
      if (side === "start") return paragraph.start;
      return previous ? previous.end : null;
    }
    previous = paragraph;
  }
  return side === "end" && previous ? previous.end : null;
}

/** The selector pair for [start, end) of the canonical text, with whitespace trimmed. */
export function targetFromOffsets(root, start, end) {
  const text = canonicalOf(root);
  let from = Math.max(0, start);
  let to = Math.min(text.length, end);
  while (from < to && WHITESPACE.test(text[from])) from += 1;
  while (to > from && WHITESPACE.test(text[to - 1])) to -= 1;
  if (from >= to) return null;
  return {
    exact: text.slice(from, to).join(""),
    prefix: text.slice(Math.max(0, from - CONTEXT_LENGTH), from).join(""),
    suffix: text.slice(to, to + CONTEXT_LENGTH).join(""),
    start: from,
    end: to,
  };
}

/** The target for the current selection, or null when nothing in the article is selected. */
export function targetFromSelection(root, selection = window.getSelection()) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(root)) return null;
  const paragraphs = paragraphsOf(root);
  if (!paragraphs.length) return null;
  const start = boundaryOffset(paragraphs, range.startContainer, range.startOffset, "start");
  const end = boundaryOffset(paragraphs, range.endContainer, range.endOffset, "end");
  if (start === null || end === null || start >= end) return null;
  return targetFromOffsets(root, start, end);
}

/** Where to show the Annotate button: the last line box of the selection, or null. */
export function selectionEndRect(selection = window.getSelection()) {
  if (!selection || selection.rangeCount === 0) return null;
  const rects = Array.from(selection.getRangeAt(0).getClientRects()).filter((rect) => rect.width > 0);
  return rects.length ? rects[rects.length - 1] : null;
}

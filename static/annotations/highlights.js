// Highlights: wrap the text between two canonical offsets in <mark> elements, one per text
// node segment, and take them away again. Overlapping highlights nest.

import { codePointLength, codePointsToUtf16, paragraphsOf, textNodesOf } from "./offsets.js";

const FLASH_MILLISECONDS = 1400;

function marksOf(root, id) {
  return Array.from(root.querySelectorAll(`mark.highlight[data-annotation-id="${CSS.escape(String(id))}"]`));
}

function wrapSegment(node, startUnits, endUnits, makeElement) {
  let segment = node;
  if (endUnits < segment.data.length) segment.splitText(endUnits);
  if (startUnits > 0) segment = segment.splitText(startUnits);
  const wrapper = makeElement();
  segment.parentNode.insertBefore(wrapper, segment);
  wrapper.appendChild(segment);
  return wrapper;
}

/**
 * Wrap the text over [start, end) (code points of the canonical text) in elements made by
 * `makeElement`, one per text node segment. Returns them in document order. Highlights and
 * the suggestions' underlines share it, so both count offsets the same way.
 */
export function wrapRange(root, start, end, makeElement) {
  const wrappers = [];
  for (const paragraph of paragraphsOf(root)) {
    const from = Math.max(start, paragraph.start);
    const to = Math.min(end, paragraph.end);
    if (from >= to) continue;
    // Measure every node first: wrapping splits nodes and would shift later positions.
    let position = paragraph.start;
    const segments = [];
    for (const node of textNodesOf(paragraph.element)) {
      const length = codePointLength(node.data);
      const nodeStart = position;
      position += length;
      const a = Math.max(from - nodeStart, 0);
      const b = Math.min(to - nodeStart, length);
      if (a < b) {
        segments.push({ node, a: codePointsToUtf16(node.data, a), b: codePointsToUtf16(node.data, b) });
      }
    }
    for (const { node, a, b } of segments) wrappers.push(wrapSegment(node, a, b, makeElement));
  }
  return wrappers;
}

/** Take wrapping elements away again, keeping their content (and anything nested in them). */
export function unwrapAll(elements) {
  const parents = new Set();
  for (const wrapper of elements) {
    const parent = wrapper.parentNode;
    if (!parent) continue;
    while (wrapper.firstChild) parent.insertBefore(wrapper.firstChild, wrapper);
    wrapper.remove();
    parents.add(parent);
  }
  // Join the split text nodes again, so that offsets and selections stay simple.
  for (const parent of parents) parent.normalize();
}

/**
 * Draw a highlight over [start, end) (code points of the canonical text).
 * Returns the marks created, in document order.
 */
export function drawHighlight(root, { id, start, end, colour, className = "", title = "" }) {
  return wrapRange(root, start, end, () => {
    const mark = document.createElement("mark");
    mark.className = `highlight ${className}`.trim();
    mark.dataset.annotationId = String(id);
    if (colour) mark.style.setProperty("--verdict-colour", colour);
    if (title) mark.title = title;
    return mark;
  });
}

/** Remove a highlight's marks, keeping their content (and any nested highlights). */
export function removeHighlight(root, id) {
  unwrapAll(marksOf(root, id));
}

export function recolourHighlight(root, id, colour) {
  for (const mark of marksOf(root, id)) mark.style.setProperty("--verdict-colour", colour);
}

/** The innermost highlight id at an element, or null. */
export function highlightIdAt(element) {
  const mark = element instanceof Element ? element.closest("mark.highlight") : null;
  return mark ? mark.dataset.annotationId : null;
}

export function setSelectedHighlight(root, id) {
  for (const mark of root.querySelectorAll("mark.highlight.is-selected")) {
    mark.classList.remove("is-selected");
  }
  if (id !== null && id !== undefined) {
    for (const mark of marksOf(root, id)) mark.classList.add("is-selected");
  }
}

/** Scroll the highlight into view and flash it briefly. */
export function flashHighlight(root, id) {
  const marks = marksOf(root, id);
  if (!marks.length) return false;
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  marks[0].scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
  for (const mark of marks) {
    mark.classList.remove("is-flashing");
    // Restart the animation when the same highlight is flashed twice in a row.
    void mark.offsetWidth;
    mark.classList.add("is-flashing");
  }
  window.setTimeout(() => marks.forEach((mark) => mark.classList.remove("is-flashing")), FLASH_MILLISECONDS);
  return true;
}

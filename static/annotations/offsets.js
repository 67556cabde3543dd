// Offsets: the server counts Unicode code points of the canonical text (Python str indices);
// the DOM counts UTF-16 code units. This module converts between the two and between DOM
// points and canonical offsets. It never searches text: the paragraphs' data-start does that.

/** Number of code points in a string (astral characters such as emoji count once). */
export function codePointLength(text) {
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    length += 1;
  }
  return length;
}

/** UTF-16 index in `text` of the code point at `codePoints` (clamped to the string). */
export function codePointsToUtf16(text, codePoints) {
  let index = 0;
  for (let counted = 0; counted < codePoints && index < text.length; counted += 1) {
    const unit = text.charCodeAt(index);
    const isPair =
      unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length &&
      text.charCodeAt(index + 1) >= 0xdc00 && text.charCodeAt(index + 1) <= 0xdfff;
    index += isPair ? 2 : 1;
  }
  return index;
}

/** The paragraphs of the article, in document order, with their canonical start offsets. */
export function paragraphsOf(root) {
  return Array.from(root.querySelectorAll("p.paragraph[data-start]"), (element) => {
    const start = Number(element.dataset.start);
    return { element, start, end: start + codePointLength(element.textContent) };
  });
}

/** The canonical text rebuilt from the paragraphs, as an array of code points. */
export function canonicalCodePoints(root) {
  const codePoints = [];
  for (const paragraph of paragraphsOf(root)) {
    // Paragraphs are separated by "\n\n"; padding up to data-start keeps offsets exact.
    while (codePoints.length < paragraph.start) codePoints.push("\n");
    codePoints.push(...Array.from(paragraph.element.textContent));
  }
  return codePoints;
}

/**
 * Canonical offset of a DOM point (node, offset), or null when it is not inside a paragraph.
 * Marks split the text into several nodes; a Range from the paragraph's start measures the
 * text before the point whatever the nesting.
 */
export function offsetOfDomPoint(paragraphElement, node, offset) {
  if (!paragraphElement.contains(node)) return null;
  const range = document.createRange();
  range.setStart(paragraphElement, 0);
  range.setEnd(node, offset);
  return Number(paragraphElement.dataset.start) + codePointLength(range.toString());
}

/** The text nodes of an element, in document order. */
export function textNodesOf(element) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

/**
 * The DOM point for a code-point offset within one paragraph, as {node, offset} (UTF-16).
 * `preferEnd` chooses the end of a text node over the start of the next one at a boundary,
 * so that a highlight's end stays inside the mark it closes.
 */
export function domPointInParagraph(paragraph, offset, preferEnd = false) {
  let remaining = Math.max(0, offset - paragraph.start);
  const nodes = textNodesOf(paragraph.element);
  for (const node of nodes) {
    const length = codePointLength(node.data);
    if (remaining < length || (preferEnd && remaining === length)) {
      return { node, offset: codePointsToUtf16(node.data, remaining) };
    }
    remaining -= length;
  }
  const last = nodes[nodes.length - 1];
  if (last) return { node: last, offset: last.data.length };
  return { node: paragraph.element, offset: 0 };
}

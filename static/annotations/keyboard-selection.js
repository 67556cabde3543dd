// Keyboard selection in the article: browsers only let Shift+arrows extend a selection in
// static text when caret browsing is on, so the article region does it itself (arrows move a
// visible caret, Shift extends, Ctrl goes by word or paragraph) and keeps it inside the text.

// Left and right are visual ("left", not "backward"): in right-to-left text the left arrow
// moves on through the text, as a reader of Arabic expects.
const MOVES = {
  ArrowLeft: ["left", "character", "word"],
  ArrowRight: ["right", "character", "word"],
  ArrowUp: ["backward", "line", "paragraph"],
  ArrowDown: ["forward", "line", "paragraph"],
  Home: ["backward", "lineboundary", "lineboundary"],
  End: ["forward", "lineboundary", "lineboundary"],
};

function firstTextPoint(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  return walker.nextNode() ? walker.currentNode : null;
}

export function enableKeyboardSelection(root, caret) {
  let keyboardMode = false;

  function selectionInRoot() {
    const selection = window.getSelection();
    return selection.rangeCount > 0 && root.contains(selection.focusNode) && root.contains(selection.anchorNode);
  }

  function placeCaretAtStart() {
    const node = firstTextPoint(root);
    if (node) window.getSelection().collapse(node, 0);
  }

  function drawCaret() {
    const selection = window.getSelection();
    const show = keyboardMode && document.activeElement === root && selectionInRoot() && selection.isCollapsed;
    if (!show) {
      caret.hidden = true;
      return;
    }
    const range = selection.getRangeAt(0);
    const rect = Array.from(range.getClientRects())[0] || range.getBoundingClientRect();
    if (!rect || (!rect.height && !rect.top)) {
      caret.hidden = true;
      return;
    }
    caret.hidden = false;
    caret.style.setProperty("left", `${Math.round(window.scrollX + rect.left)}px`);
    caret.style.setProperty("top", `${Math.round(window.scrollY + rect.top)}px`);
    caret.style.setProperty("height", `${Math.round(rect.height)}px`);
    // Restart the blink so the caret is visible right after it moves.
    caret.classList.remove("is-blinking");
    void caret.offsetWidth;
    caret.classList.add("is-blinking");
  }

  function scrollFocusIntoView() {
    const selection = window.getSelection();
    const range = document.createRange();
    range.setStart(selection.focusNode, selection.focusOffset);
    const rect = range.getBoundingClientRect();
    const margin = 80;
    if (rect.top < margin) window.scrollBy(0, rect.top - margin);
    else if (rect.bottom > window.innerHeight - margin) window.scrollBy(0, rect.bottom - window.innerHeight + margin);
  }

  root.addEventListener("keydown", (event) => {
    const move = MOVES[event.key];
    if (!move || event.altKey || event.metaKey) return;
    const selection = window.getSelection();
    event.preventDefault();
    keyboardMode = true;
    if (!selectionInRoot()) {
      placeCaretAtStart();
      drawCaret();
      return;
    }
    const [direction, granularity, withControl] = move;
    const before = [selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset];
    selection.modify(event.shiftKey ? "extend" : "move", direction, event.ctrlKey ? withControl : granularity);
    // Never leave the article: a move past its first or last character is undone.
    if (!selectionInRoot()) selection.setBaseAndExtent(...before);
    scrollFocusIntoView();
    drawCaret();
  });

  root.addEventListener("focus", () => {
    if (!root.matches(":focus-visible")) return;
    keyboardMode = true;
    if (!selectionInRoot()) placeCaretAtStart();
    drawCaret();
  });
  root.addEventListener("blur", () => {
    caret.hidden = true;
  });
  document.addEventListener("pointerdown", () => {
    keyboardMode = false;
    caret.hidden = true;
  });
  document.addEventListener("selectionchange", () => requestAnimationFrame(drawCaret));
  window.addEventListener("resize", drawCaret);
}

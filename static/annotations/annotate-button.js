// The floating "Annotate" button shown next to the end of a selection: above its last line,
// over text already read, never over the line the reader goes on to (below it only when there
// is no room above, under the site's sticky header).

const GAP = 6;

export function createAnnotateButton(button, onActivate) {
  // Keep the reader's selection: a mousedown on a button could otherwise collapse it.
  button.addEventListener("mousedown", (event) => event.preventDefault());
  button.addEventListener("click", onActivate);

  return {
    showAt(rect) {
      if (!rect) return this.hide();
      button.hidden = false;
      const width = button.offsetWidth;
      const left = Math.min(
        Math.max(window.scrollX + GAP, window.scrollX + rect.right - width / 2),
        window.scrollX + document.documentElement.clientWidth - width - GAP,
      );
      button.style.setProperty("left", `${Math.round(left)}px`);
      const header = document.querySelector(".site-header")?.getBoundingClientRect().bottom || 0;
      const above = rect.top - button.offsetHeight - GAP;
      const top = above >= header ? above : rect.bottom + GAP;
      button.style.setProperty("top", `${Math.round(window.scrollY + top)}px`);
    },
    hide() {
      button.hidden = true;
    },
  };
}

// The floating "Annotate" button shown next to the end of a selection.

const GAP = 8;

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
      button.style.setProperty("top", `${Math.round(window.scrollY + rect.bottom + GAP)}px`);
    },
    hide() {
      button.hidden = true;
    },
  };
}

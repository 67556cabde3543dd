// Paste boxes with a size limit (data-max-bytes, data-too-large: forms.PasteLimited): a paste
// larger than the server reads is refused here, before it is sent, with the reason under the
// box, so nothing is lost; the server says the same if a form gets past this (views/errors.py).

import { showFieldErrors } from "./field-errors.js";

const encoder = new TextEncoder();

function tooLarge(box) {
  const limit = Number(box.dataset.maxBytes);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: a short text is not encoded at all.
  if (box.value.length * 3 <= limit) return false;
  return encoder.encode(box.value).length > limit;
}

function errorList(box) {
  let list = document.getElementById(`${box.id}_limit`);
  if (!list) {
    list = document.createElement("ul");
    list.id = `${box.id}_limit`;
    list.className = "field__errors";
    list.hidden = true;
    box.closest(".field")?.append(list);
  }
  return list;
}

function check(box) {
  const over = !box.disabled && tooLarge(box);
  showFieldErrors(errorList(box), [box], over ? [box.dataset.tooLarge] : []);
  box.closest(".field")?.classList.toggle("field--invalid", over);
  return over;
}

for (const box of document.querySelectorAll("textarea[data-max-bytes]")) {
  let pending = 0;
  // A box may hold text before this runs: the browser restores it on going back, and a fast
  // paste can land before the page's modules have loaded.
  if (box.value) check(box);
  box.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(() => check(box), 200);
  });
  box.form?.addEventListener("submit", (event) => {
    if (check(box)) {
      event.preventDefault();
      box.focus();
    }
  });
}

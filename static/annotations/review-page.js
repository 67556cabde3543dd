// The adjudication page. Every form works without JavaScript; this adds the verdict colours to
// the radio cards, a live count of the claim reviewed's length (and of the long fields', in
// char-limit.js), the decision form's first error brought into view and focused, and buttons
// that say they are working and cannot send a form twice.

import "./char-limit.js";
import { applyDataColours } from "./colours.js";

applyDataColours();

// A refused decision comes back with its errors: show the first one, its field ready to fix.
const firstError = document.querySelector(".decision-form .field--invalid");
if (firstError) {
  firstError.scrollIntoView({ block: "center" });
  firstError.querySelector("input:checked, input:not([type=hidden]), textarea, select")?.focus({ preventScroll: true });
}

for (const input of document.querySelectorAll("[data-character-counter]")) {
  const limit = Number(input.dataset.characterCounter);
  const counter = document.querySelector(`[data-counter-for="${input.id}"]`);
  const warning = document.querySelector(`[data-counter-warning-for="${input.id}"]`);
  if (!counter || !limit) continue;
  const value = counter.querySelector("[data-counter-value]");
  const update = () => {
    // Code points, as the server counts them (Python's len), not UTF-16 units.
    const length = [...input.value.trim()].length;
    value.textContent = String(length);
    counter.classList.toggle("is-over", length > limit);
    if (warning) warning.hidden = length <= limit;
  };
  input.addEventListener("input", update);
  update();
}

for (const form of document.querySelectorAll("form[data-submit-once]")) {
  form.addEventListener("submit", () => {
    const button = form.querySelector("button[type='submit']");
    if (!button) return;
    button.setAttribute("aria-busy", "true");
    // After the submit event, so that disabling the button cannot cancel the submission.
    setTimeout(() => {
      button.disabled = true;
    });
  });
}

// Field errors: show DRF's messages next to a field and mark its inputs invalid.

import { gettext, interpolate, pgettext } from "./i18n.js";

// The API words field errors as what to do ("Choose a verdict."), in the reader's language
// (annotations/api/errors.py replaces DRF's stock messages by their code), so they are shown as
// they come: matching English wording here would miss every other language.

/**
 * Flatten DRF error values (strings, lists, nested objects) into a list of messages, each
 * nested one named by its field.
 */
export function messagesOf(value) {
  if (value === null || value === undefined) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap((inner) => messagesOf(inner));
  if (typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) =>
      messagesOf(inner).map((message) =>
        key === "non_field_errors" || key === "detail"
          ? message
          : interpolate(gettext("%(field)s: %(message)s"), { field: humanise(key), message }),
      ),
    );
  }
  return [String(value)];
}

// The names of the selection's fields, which reach a reader only inside "Selection: …"; any
// other nested field is named after its key.
const FIELD_NAMES = {
  exact: pgettext("a field of the selection", "Selected text"),
  start: pgettext("a field of the selection", "Start"),
  end: pgettext("a field of the selection", "End"),
  prefix: pgettext("a field of the selection", "Text before"),
  suffix: pgettext("a field of the selection", "Text after"),
};

function humanise(key) {
  if (Object.hasOwn(FIELD_NAMES, key)) return FIELD_NAMES[key];
  const text = String(key).replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Show `messages` in `list` (a <ul>) and mark `inputs` invalid, linked to the messages. */
export function showFieldErrors(list, inputs, messages) {
  list.replaceChildren(
    ...messages.map((message) => {
      const item = document.createElement("li");
      item.textContent = message;
      return item;
    }),
  );
  list.hidden = messages.length === 0;
  for (const input of inputs) {
    if (messages.length) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    if (list.id) {
      const describedBy = new Set((input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean));
      describedBy.add(list.id);
      input.setAttribute("aria-describedby", Array.from(describedBy).join(" "));
    }
  }
  list.closest(".field")?.classList.toggle("field--invalid", messages.length > 0);
}

export function clearFieldErrors(container) {
  for (const list of container.querySelectorAll(".field__errors")) {
    list.replaceChildren();
    list.hidden = true;
  }
  for (const field of container.querySelectorAll(".field--invalid")) field.classList.remove("field--invalid");
  for (const input of container.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
}

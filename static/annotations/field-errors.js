// Field errors: show DRF's messages next to a field and mark its inputs invalid.

import { formatNumber, gettext, interpolate } from "./i18n.js";

// What to do, for a field left empty (DRF's stock "This field may not be null." says nothing
// of what the reviewer should do).
const WHEN_MISSING = {
  verdict: gettext("Choose a verdict."),
  kind: gettext("Choose what the highlight is: a claim or a quote."),
  speaker: gettext("Name who said it."),
  url: gettext("Give the source's address (https://…)."),
  stance: gettext("Choose whether the source supports or refutes the claim."),
};

// DRF's stock messages, each with what to say instead (`field` is the field's name, when known).
const STOCK_MESSAGES = [
  [/^This field (may not be null|is required|may not be blank)\.$/, (field) => WHEN_MISSING[field] || gettext("Fill this in.")],
  [
    /^Ensure this field has no more than (\d+) characters\.$/,
    (field, limit) =>
      interpolate(gettext("Too long: shorten it to %(limit)s characters or fewer."), { limit: formatNumber(Number(limit)) }),
  ],
  [/^Object with slug=.* does not exist\.$/, (field) => (field === "verdict" ? WHEN_MISSING.verdict : gettext("Choose one of the options listed."))],
  [/^".*" is not a valid choice\.$/, () => gettext("Choose one of the options listed.")],
  [/^Enter a valid URL\.$/, () => gettext("Enter the whole address, starting with https://.")],
];

/** The message a person can act on, in place of DRF's stock wording for `field`. */
export function whatToDo(message, field = "") {
  for (const [pattern, say] of STOCK_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return say(field, ...match.slice(1));
  }
  return message;
}

/**
 * Flatten DRF error values (strings, lists, nested objects) into a list of messages, DRF's
 * stock wording replaced by what to do. `field`: the field the value is about, when known.
 */
export function messagesOf(value, field = "") {
  if (value === null || value === undefined) return [];
  if (typeof value === "string") return [whatToDo(value, field)];
  if (Array.isArray(value)) return value.flatMap((inner) => messagesOf(inner, field));
  if (typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) =>
      messagesOf(inner, /^\d+$/.test(key) ? field : key).map((message) =>
        key === "non_field_errors" || key === "detail"
          ? message
          : interpolate(gettext("%(field)s: %(message)s"), { field: humanise(key), message }),
      ),
    );
  }
  return [String(value)];
}

function humanise(key) {
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

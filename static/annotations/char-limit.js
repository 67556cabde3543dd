// A live count under a long field that has a hard limit (`data-max-characters`): "1,204 / 20,000
// characters", marked over the limit, so that nobody learns of the limit from a refusal. The
// count is of code points, as the server counts them (Python's len), not UTF-16 units.

import { formatNumber, interpolate, ngettext } from "./i18n.js";

function counterFor(input) {
  const id = `${input.id}-count`;
  let counter = document.getElementById(id);
  if (!counter) {
    counter = document.createElement("p");
    counter.id = id;
    counter.className = "limit-counter";
    input.after(counter);
    const describedBy = new Set((input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean));
    describedBy.add(id);
    input.setAttribute("aria-describedby", Array.from(describedBy).join(" "));
  }
  return counter;
}

/** Bring each limited field's count up to date (after a script set the fields' values). */
export function refreshLimits(root = document) {
  for (const input of root.querySelectorAll("[data-max-characters]")) {
    const limit = Number(input.dataset.maxCharacters);
    const length = [...input.value].length;
    const counter = counterFor(input);
    counter.textContent = interpolate(ngettext("%(length)s / %(limit)s character", "%(length)s / %(limit)s characters", limit), {
      length: formatNumber(length),
      limit: formatNumber(limit),
    });
    counter.classList.toggle("is-over", length > limit);
  }
}

document.addEventListener("input", (event) => {
  if (event.target instanceof Element && event.target.matches("[data-max-characters]")) {
    refreshLimits(event.target.parentElement);
  }
});
document.addEventListener("reset", (event) => {
  // A form's reset runs after its event: count the values it restores.
  setTimeout(() => refreshLimits(event.target));
});
refreshLimits();

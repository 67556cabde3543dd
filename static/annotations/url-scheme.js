// An address typed without its scheme ("abcnews.go.com/..."), as address bars show them: when
// the user leaves a URL box, offer to add https:// (a button under the box), rather than
// letting the server refuse it. Works for every URL box on the page, those added later too
// (the panel's source rows). The server says the same if the offer is ignored
// (annotations/fetching.py: url_validate).

// The same test as the server's _SCHEMELESS_ADDRESS.
import { gettext, interpolate } from "./i18n.js";

const SCHEMELESS = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[:/?#]|$)/i;

const offers = new WeakMap();

function withdraw(input) {
  offers.get(input)?.remove();
  offers.delete(input);
}

function offer(input) {
  withdraw(input);
  const value = input.value.trim();
  if (!SCHEMELESS.test(value) || value.includes("://")) return;
  const suggestion = `https://${value}`;
  const line = document.createElement("p");
  line.className = "scheme-offer";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary button--small";
  button.textContent = interpolate(gettext("Use %(address)s"), { address: suggestion });
  button.addEventListener("click", () => {
    input.value = suggestion;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    withdraw(input);
    input.focus();
  });
  line.append(`${gettext("No https:// at the start.")} `, button);
  input.after(line);
  offers.set(input, line);
}

function isUrlBox(target) {
  return target instanceof HTMLInputElement && target.type === "url";
}

document.addEventListener("change", (event) => {
  if (isUrlBox(event.target)) offer(event.target);
});
document.addEventListener("input", (event) => {
  // Typed on: the offer no longer matches what the box holds.
  if (isUrlBox(event.target) && offers.has(event.target) && event.isTrusted) withdraw(event.target);
});

// The agreement dashboard. Without JavaScript everything works: "Recompute now" posts a form and
// the page comes back. With it, the button shows that it is working (and cannot be pressed
// twice), and while figures are being computed the page asks the API now and then and offers
// the new figures once they are there.

import { gettext, interpolate } from "./i18n.js";

const POLL_EVERY_MS = 5000;
const POLL_AT_MOST = 120; // ten minutes

const form = document.querySelector("[data-recompute-form]");
if (form) {
  form.addEventListener("submit", () => {
    const button = form.querySelector("button[type='submit']");
    button.textContent = gettext("Recomputing…");
    button.setAttribute("aria-busy", "true");
    // After the submit event, so that disabling the button cannot cancel the submission.
    setTimeout(() => {
      button.disabled = true;
    });
  });
}

const status = document.querySelector("[data-agreement-status]");
const ready = document.querySelector("[data-agreement-ready]");

async function desk(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) throw new Error(interpolate(gettext("The server answered %(status)s."), { status: response.status }));
  return response.json();
}

if (status && ready && status.dataset.pollUrl) {
  let polls = 0;
  const shown = Date.parse(status.dataset.computedAt || "") || 0;
  const timer = setInterval(async () => {
    polls += 1;
    if (polls > POLL_AT_MOST) {
      clearInterval(timer);
      return;
    }
    let body;
    try {
      body = await desk(status.dataset.pollUrl);
    } catch {
      return; // a dropped request is not worth an error: the next one may succeed
    }
    const computed = Date.parse(body.computed_at || "") || 0;
    if (computed > shown) {
      clearInterval(timer);
      status.hidden = true;
      ready.hidden = false;
    }
  }, POLL_EVERY_MS);
}

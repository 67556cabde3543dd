// "Checked before": while the annotation panel is open on a selection, the desk's claims that
// state it, with the desk's published verdict (label, date, readers' page, sources) and other
// fact-checkers' reviews. The list is fetched once the selection settles (debounced), and a
// newer selection aborts the older request: it never blocks typing or the panel. Blind review
// holds on the server: only published verdicts and imported reviews are ever answered.

import { gettext, interpolate, ngettext, pgettext } from "./i18n.js";

const SETTLE_MS = 300;
const LIMIT = 5;
const MAX_CODE_POINTS = 2000; // the endpoint's limit on `text`
const DIFFERENCE_NAMES = {
  number: pgettext("claim difference", "figure"),
  date: pgettext("claim difference", "date"),
  name: pgettext("claim difference", "name"),
  direction: pgettext("claim difference", "direction"),
  term: pgettext("claim difference", "term"),
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function link(href, text) {
  const anchor = element("a", "", text);
  anchor.href = href;
  anchor.rel = "noopener noreferrer";
  anchor.target = "_blank";
  anchor.append(element("span", "visually-hidden", ` ${gettext("(opens in a new tab)")}`));
  return anchor;
}

function formatDate(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const language = document.documentElement.lang || "en";
  return date.toLocaleDateString(language, { day: "numeric", month: "short", year: "numeric", numberingSystem: "latn" });
}

export function createCheckedBefore(section, { url, labels }) {
  const status = section.querySelector("[data-checked-before-status]");
  const list = section.querySelector("[data-checked-before-list]");
  const colours = new Map(labels.map((label) => [label.slug, label.colour]));
  let timer = 0;
  let controller = null;
  let scheduled = null; // the text a lookup is waiting or running for
  let shown = null; // the text the list shows

  function verdictLine(verdict) {
    const line = element("p", "checked-before__meta");
    const label = element(
      "span",
      "checked-before__label",
      interpolate(gettext("Checked before: %(label)s"), { label: verdict.label_name }),
    );
    const colour = colours.get(verdict.label);
    if (colour && /^#[0-9a-fA-F]{6}$/.test(colour)) label.style.setProperty("--verdict-colour", colour);
    line.append(label);
    const published = formatDate(verdict.published);
    if (published) {
      const time = element("time", "", interpolate(gettext("published %(date)s"), { date: published }));
      time.dateTime = verdict.published;
      line.append(time);
    }
    line.append(link(verdict.url, gettext("the desk's verdict")));
    return line;
  }

  function item(result) {
    const entry = element("li", "checked-before__item");
    entry.dataset.claimId = String(result.claim);
    const head = element("p", "checked-before__meta");
    const tag = result.same_claim ? gettext("Same claim") : gettext("Possibly related");
    head.append(element("span", `match-tag match-tag--${result.same_claim ? "same" : "related"}`, tag));
    entry.append(head, element("p", "checked-before__text", `“${result.text}”`));
    if (result.differences.length) {
      const differs = result.differences
        .map((d) =>
          interpolate(gettext("%(kind)s %(old)s → %(new)s"), {
            kind: Object.hasOwn(DIFFERENCE_NAMES, d.kind) ? DIFFERENCE_NAMES[d.kind] : d.kind,
            old: d.old || gettext("not stated"),
            new: d.new || gettext("not stated"),
          }),
        )
        .join(gettext("; "));
      entry.append(element("p", "checked-before__meta", interpolate(gettext("Differs: %(differences)s"), { differences: differs })));
    }
    if (result.verdict) {
      entry.append(verdictLine(result.verdict));
      if (result.verdict.sources?.length) {
        const sources = element("ul", "checked-before__list");
        sources.setAttribute("aria-label", gettext("Sources the verdict cites"));
        for (const source of result.verdict.sources) {
          const row = element("li", "checked-before__meta");
          row.append(link(source.url, source.title || source.url));
          sources.append(row);
        }
        entry.append(sources);
      }
    }
    for (const check of result.external) {
      const row = element("p", "checked-before__meta");
      // One flex item: the line's gap would otherwise stand between the name and its colon.
      const rated = element("span", "");
      rated.append(element("span", "external-check__publisher", check.publisher), `: ${check.rating}`);
      row.append(rated, link(check.url, gettext("their review")));
      entry.append(row);
    }
    return entry;
  }

  function render(results) {
    list.replaceChildren(...results.map(item));
    status.textContent = results.length
      ? interpolate(ngettext("%(count)s earlier claim like this one.", "%(count)s earlier claims like this one.", results.length), {
          count: results.length,
        })
      : gettext("Nothing the desk or other fact-checkers checked matches this selection.");
  }

  async function load(text) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    section.hidden = false;
    section.setAttribute("aria-busy", "true");
    status.textContent = gettext("Looking for earlier checks…");
    try {
      const query = new URLSearchParams({ text, limit: String(LIMIT) });
      const response = await fetch(`${url}?${query}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal,
      });
      if (!response.ok) throw new Error(`The server answered ${response.status}.`);
      const data = await response.json();
      if (signal.aborted) return;
      render(data.results);
      shown = text;
    } catch (error) {
      if (signal.aborted) return;
      console.warn(error);
      list.replaceChildren();
      status.textContent = gettext("Could not look for earlier checks just now.");
    } finally {
      if (!signal.aborted) {
        controller = null;
        scheduled = null;
        section.removeAttribute("aria-busy");
      }
    }
  }

  /** Look up `text` once it has not changed for SETTLE_MS; the same text again does nothing. */
  function lookup(text) {
    const query = Array.from(text.trim()).slice(0, MAX_CODE_POINTS).join("");
    if (!query || query === scheduled || (query === shown && scheduled === null)) return;
    clearTimeout(timer);
    controller?.abort();
    scheduled = query;
    if (shown !== query) {
      list.replaceChildren();
      status.textContent = "";
      shown = null;
    }
    timer = setTimeout(() => load(query), SETTLE_MS);
  }

  return { lookup };
}

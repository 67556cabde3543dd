// Suggestions: the claims worth checking and the quotes the desk found in the text, shown when
// the reader switches them on. Faint underlines drawn with the highlights' offset machinery
// (code points), a list ranked by score in the sidebar, `]` / `[` to move between them in
// text order (focusing the list item, or on one column the underline), and Accept (or Enter on an item) to open the annotation panel pre-filled. A
// suggestion a highlight already covers (accepted, or found by hand) is not offered.
// They are never highlights: their own elements, their own list, no verdict.

import { unwrapAll, wrapRange } from "./highlights.js";
import { formatNumber, gettext, interpolate, ngettext, pgettext } from "./i18n.js";

const STORAGE_KEY = "factcheck:suggestions";
const EXCERPT_LENGTH = 140;
// A highlight over at least this share of a suggestion's span already says what it suggests.
export const COVERED_SHARE = 0.8;
// app.css's one-column layout: the sidebar's list lies below the text, out of sight, so `]`
// and `[` focus the underline in the text instead of the list item.
const ONE_COLUMN = "(max-width: 1000px)";

// The features the desk shows for a suggestion (core/suggestions/features.py FEATURE_LABELS, as
// stored in English): in the reader's language, any other as it is.
const FEATURE_NAMES = {
  "number": pgettext("suggestion feature", "number"),
  "percentage": pgettext("suggestion feature", "percentage"),
  "money": pgettext("suggestion feature", "money"),
  "quantity": pgettext("suggestion feature", "quantity"),
  "date": pgettext("suggestion feature", "date"),
  "number in words": pgettext("suggestion feature", "number in words"),
  "comparison": pgettext("suggestion feature", "comparison"),
  "superlative": pgettext("suggestion feature", "superlative"),
  "attribution": pgettext("suggestion feature", "attribution"),
  "names": pgettext("suggestion feature", "names"),
  "statistic": pgettext("suggestion feature", "statistic"),
  "cause": pgettext("suggestion feature", "cause"),
  "universal claim": pgettext("suggestion feature", "universal claim"),
  "count of people or things": pgettext("suggestion feature", "count of people or things"),
  "official source": pgettext("suggestion feature", "official source"),
  "change over time": pgettext("suggestion feature", "change over time"),
  "dated event": pgettext("suggestion feature", "dated event"),
  "continues a figure": pgettext("suggestion feature", "continues a figure"),
  "hedge": pgettext("suggestion feature", "hedge"),
  "opinion": pgettext("suggestion feature", "opinion"),
  "question": pgettext("suggestion feature", "question"),
  "first or second person": pgettext("suggestion feature", "first or second person"),
  "short": pgettext("suggestion feature", "short"),
  "prediction": pgettext("suggestion feature", "prediction"),
  "headline": pgettext("suggestion feature", "headline"),
};

function truncate(text, length) {
  const characters = Array.from(text || "");
  return characters.length > length ? `${characters.slice(0, length).join("").trimEnd()}…` : characters.join("");
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function byTextOrder(a, b) {
  return a.target.start - b.target.start || a.target.end - b.target.end || a.id - b.id;
}

function byRank(a, b) {
  return b.score - a.score || byTextOrder(a, b);
}

// localStorage can be missing or refuse writes (private windows, storage full): the switch
// then simply starts off on the next visit.
function storedOn() {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "on";
  } catch {
    return false;
  }
}

function storeOn(on) {
  try {
    window.localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
  } catch {
    // Not remembered: see storedOn.
  }
}

/** Whether one of the reader's own highlights is this suggestion, accepted: same id or same span. */
export function isAccepted(suggestion, annotations) {
  return annotations.some(
    (annotation) =>
      annotation.is_mine &&
      (annotation.suggestion === suggestion.id ||
        (annotation.anchor &&
          annotation.anchor.start === suggestion.target.start &&
          annotation.anchor.end === suggestion.target.end)),
  );
}

/**
 * Whether one highlight the page shows (the reader's own, or a reviewer's an editor sees)
 * covers at least COVERED_SHARE of the suggestion's span: the reviewer found it already.
 */
export function isCovered(suggestion, annotations) {
  const { start, end } = suggestion.target;
  const length = end - start;
  if (length <= 0) return false;
  return annotations.some(
    (annotation) =>
      annotation.anchor &&
      Math.min(end, annotation.anchor.end) - Math.max(start, annotation.anchor.start) >= COVERED_SHARE * length,
  );
}

/** "Checked before: False (desk)" parts: each verdict of the best match with something to show. */
function checkedBefore(suggestion) {
  const match = (suggestion.matches || []).find((candidate) => candidate.verdicts && candidate.verdicts.length);
  if (!match) return null;
  const line = element("p", "suggestion-item__checked");
  line.append(document.createTextNode(gettext("Checked before:") + " "));
  const verdicts = match.verdicts.map((verdict) =>
    interpolate(gettext("%(label)s (%(by)s)"), { label: verdict.label, by: verdict.by === "desk" ? gettext("desk") : verdict.by }),
  );
  const link = element("a", "suggestion-item__claim", verdicts.join(gettext(", ")));
  link.href = match.claim_url;
  line.append(link);
  return line;
}

/**
 * `annotations()` returns the highlights the page holds now (the reader's own hide the
 * suggestions they accepted); `canAccept()` whether the reader may annotate now.
 */
export function createSuggestions({ root, section, data, annotations, canAccept, onAccept, announce }) {
  const toggle = section.querySelector("#suggestions-switch");
  const body = section.querySelector("#suggestions-body");
  const offHint = section.querySelector("#suggestions-off-hint");
  const status = section.querySelector("#suggestions-status");
  const list = section.querySelector("#suggestion-list");
  const acceptedNote = section.querySelector("#suggestions-accepted");
  // "Enter on a suggestion accepts it": said only while the items have Accept buttons.
  const acceptKeyHint = section.querySelector("#suggestions-keys-accept");
  const all = (data.results || []).slice().sort(byTextOrder);
  let offered = [];
  let selectedId = null;
  // Where `]` and `[` count from: the selected suggestion, or the one last selected once it is
  // no longer offered (accepted, or covered by a new highlight), so that a reviewer accepting as
  // they go carries on from there rather than from the top.
  let placeId = null;
  let on = storedOn();

  const underlinesOf = (id) => Array.from(root.querySelectorAll(`.suggestion-mark[data-suggestion-id="${CSS.escape(String(id))}"]`));
  const itemOf = (id) => list.querySelector(`.suggestion-item[data-suggestion-id="${CSS.escape(String(id))}"]`);
  const find = (id) => offered.find((suggestion) => String(suggestion.id) === String(id));

  function draw(suggestion) {
    let title = gettext("Suggested claim");
    if (suggestion.kind === "quote") {
      if (!suggestion.speaker) title = gettext("Suggested quote · speaker unknown");
      else if (suggestion.speaker_sure) {
        title = interpolate(gettext("Suggested quote · %(speaker)s"), { speaker: suggestion.speaker });
      } else {
        title = interpolate(gettext("Suggested quote · %(speaker)s? (speaker unsure)"), { speaker: suggestion.speaker });
      }
    }
    const underlines = wrapRange(root, suggestion.target.start, suggestion.target.end, () => {
      const underline = element("span", `suggestion-mark suggestion-mark--${suggestion.kind}`);
      underline.dataset.suggestionId = String(suggestion.id);
      underline.title = title;
      return underline;
    });
    // Focusable by script only (`]` / `[` on one column), not a Tab stop per suggestion.
    if (underlines.length) underlines[0].tabIndex = -1;
  }

  function renderItem(suggestion, acceptable) {
    const isQuote = suggestion.kind === "quote";
    const item = element("li", `suggestion-item suggestion-item--${suggestion.kind}`);
    item.dataset.suggestionId = String(suggestion.id);

    const main = element("button", "suggestion-item__main");
    main.type = "button";
    main.dataset.action = "show";
    main.setAttribute("aria-describedby", "suggestions-keys");
    if (acceptable) main.setAttribute("aria-keyshortcuts", "Enter");
    const meta = element("span", "suggestion-item__meta");
    meta.append(element("span", "suggestion-item__kind", isQuote ? gettext("Quote") : gettext("Claim")));
    const score = element("span", "suggestion-item__score", formatNumber(suggestion.score, { style: "percent" }));
    score.title = isQuote
      ? gettext("How sure the desk is that this is a quote")
      : gettext("How check-worthy the desk finds it");
    meta.append(score);
    main.append(meta);
    main.append(element("span", "suggestion-item__excerpt", truncate(suggestion.target.exact, EXCERPT_LENGTH)));
    if (isQuote) {
      const unsure = Boolean(suggestion.speaker) && !suggestion.speaker_sure;
      const speaker = element(
        "span",
        `suggestion-item__speaker${suggestion.speaker ? "" : " suggestion-item__speaker--unknown"}`,
        suggestion.speaker ? `— ${suggestion.speaker}` : gettext("Speaker unknown"),
      );
      if (unsure) {
        // Below the confidence the desk is sure at, a name is right about half the time.
        const tag = element("span", "suggestion-tag suggestion-tag--unsure", gettext("unsure"));
        tag.title = gettext("The desk is not sure who said this: check the name.");
        speaker.append(" ", tag);
      }
      main.append(speaker);
    }
    if (suggestion.features && suggestion.features.length) {
      const features = element("span", "suggestion-item__features");
      for (const feature of suggestion.features) features.append(element("span", "suggestion-tag", Object.hasOwn(FEATURE_NAMES, feature) ? FEATURE_NAMES[feature] : feature.replaceAll("_", " ")));
      main.append(features);
    }
    item.append(main);

    const checked = checkedBefore(suggestion);
    if (checked) item.append(checked);
    if (acceptable) {
      const actions = element("div", "suggestion-item__actions");
      const accept = element("button", "button button--secondary button--small", gettext("Accept"));
      accept.type = "button";
      accept.dataset.action = "accept";
      const excerpt = truncate(suggestion.target.exact, 40);
      accept.setAttribute(
        "aria-label",
        isQuote
          ? interpolate(gettext("Accept suggested quote: %(excerpt)s"), { excerpt })
          : interpolate(gettext("Accept suggested claim: %(excerpt)s"), { excerpt }),
      );
      actions.append(accept);
      item.append(actions);
    }
    return item;
  }

  function statusText() {
    if (!data.computed) return gettext("Computing suggestions… They appear here when you reload the page.");
    if (offered.length) {
      return interpolate(ngettext("%(count)s suggestion, best first.", "%(count)s suggestions, best first.", offered.length), {
        count: offered.length,
      });
    }
    return all.length ? gettext("No suggestions left.") : gettext("No suggestions.");
  }

  /** Redraw everything from the highlights the page holds now (accepted and covered ones drop out). */
  function refresh() {
    unwrapAll(Array.from(root.querySelectorAll(".suggestion-mark")));
    toggle.checked = on;
    body.hidden = !on;
    offHint.hidden = on;
    const highlights = annotations();
    const acceptedCount = all.filter((suggestion) => isAccepted(suggestion, highlights)).length;
    offered = all.filter((suggestion) => !isAccepted(suggestion, highlights) && !isCovered(suggestion, highlights));
    if (!find(selectedId)) selectedId = null;
    if (!on) {
      list.replaceChildren();
      return;
    }
    for (const suggestion of offered) draw(suggestion);
    const acceptable = canAccept();
    if (acceptKeyHint) acceptKeyHint.hidden = !acceptable;
    list.replaceChildren(...offered.slice().sort(byRank).map((suggestion) => renderItem(suggestion, acceptable)));
    list.hidden = offered.length === 0;
    status.textContent = statusText();
    acceptedNote.hidden = acceptedCount === 0;
    acceptedNote.textContent = interpolate(
      ngettext("%(count)s accepted: now among your highlights.", "%(count)s accepted: now among your highlights.", acceptedCount),
      { count: acceptedCount },
    );
    if (selectedId !== null) select(selectedId);
  }

  function select(id, { focus = false, scroll = false } = {}) {
    selectedId = id === null ? null : String(id);
    placeId = selectedId;
    for (const selected of root.querySelectorAll(".suggestion-mark.is-selected")) selected.classList.remove("is-selected");
    for (const selected of list.querySelectorAll(".suggestion-item.is-selected")) selected.classList.remove("is-selected");
    if (selectedId === null) return;
    const underlines = underlinesOf(selectedId);
    for (const underline of underlines) underline.classList.add("is-selected");
    const item = itemOf(selectedId);
    // One column: the list is below the text, so focus (and the scroll) stays in the text.
    const inText = window.matchMedia(ONE_COLUMN).matches && underlines.length > 0;
    if (item) {
      item.classList.add("is-selected");
      if (!inText) item.scrollIntoView({ block: "nearest" });
      if (focus && !inText) item.querySelector(".suggestion-item__main").focus({ preventScroll: true });
    }
    if (focus && inText) underlines[0].focus({ preventScroll: true });
    if (scroll && underlines.length) {
      const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      underlines[0].scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
    }
  }

  /** The next (step 1) or previous (step -1) suggestion in text order from the selected one. */
  function move(step) {
    if (!offered.length) {
      announce(data.computed ? gettext("No suggestions.") : gettext("Suggestions are still being computed."));
      return;
    }
    // `all` and `offered` are both in text order; the place may have left `offered`.
    const place = all.find((suggestion) => String(suggestion.id) === placeId);
    let next;
    if (!place) next = step > 0 ? 0 : offered.length - 1;
    else if (step > 0) next = offered.findIndex((suggestion) => byTextOrder(suggestion, place) > 0);
    else next = offered.findLastIndex((suggestion) => byTextOrder(suggestion, place) < 0);
    if (next === -1) {
      announce(step > 0 ? gettext("That was the last suggestion.") : gettext("That was the first suggestion."));
      return;
    }
    const suggestion = offered[next];
    select(suggestion.id, { focus: true, scroll: true });
    announce(
      interpolate(
        suggestion.kind === "quote"
          ? gettext("Suggestion %(number)s of %(count)s: quote.")
          : gettext("Suggestion %(number)s of %(count)s: claim."),
        { number: next + 1, count: offered.length },
      ),
    );
  }

  function accept(id) {
    const suggestion = find(id);
    if (!suggestion || !canAccept()) return;
    // `]` then goes on from here, however it was accepted (Enter, the button, the underline).
    placeId = String(suggestion.id);
    onAccept(suggestion);
  }

  toggle.addEventListener("change", () => {
    on = toggle.checked;
    storeOn(on);
    refresh();
    announce(on ? gettext("Suggestions shown.") : gettext("Suggestions hidden."));
  });

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    const item = event.target.closest(".suggestion-item");
    if (!button || !item) return;
    if (button.dataset.action === "show") select(item.dataset.suggestionId, { scroll: true });
    if (button.dataset.action === "accept") accept(item.dataset.suggestionId);
  });
  list.addEventListener("keydown", (event) => {
    // Enter on an item accepts it; Space (a button's click) still just shows it in the text.
    if (event.key !== "Enter" || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    const main = event.target.closest(".suggestion-item__main");
    if (!main || !canAccept()) return;
    event.preventDefault();
    accept(main.closest(".suggestion-item").dataset.suggestionId);
  });
  root.addEventListener("keydown", (event) => {
    // Enter on a focused underline accepts it, as on its item in the list.
    if (event.key !== "Enter" || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    const underline = event.target instanceof Element ? event.target.closest(".suggestion-mark") : null;
    if (!on || !underline || !canAccept()) return;
    event.preventDefault();
    accept(underline.dataset.suggestionId);
  });
  root.addEventListener("click", (event) => {
    // A click on an underline (not on a highlight, which selects the highlight) picks it in the list.
    if (!on || !window.getSelection().isCollapsed || !(event.target instanceof Element)) return;
    if (event.target.closest("mark.highlight")) return;
    const underline = event.target.closest(".suggestion-mark");
    if (underline) select(underline.dataset.suggestionId);
  });

  return {
    refresh,
    move,
    select,
    isOn: () => on,
  };
}

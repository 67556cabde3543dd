// Re-attach mode (?reattach=<anchor id>): the reader selects the passage a highlight now refers
// to in the latest revision, and a bar under the text sends it to the API. While the mode is
// on, a selection offers "Re-attach here" instead of the new-highlight panel.

import { ApiError, reattachOrphan } from "./api.js";
import { confirmAction } from "./confirm.js";
import { messagesOf } from "./field-errors.js";
import { formatNumber, gettext, interpolate } from "./i18n.js";
import { announce } from "./notify.js";
import { targetFromSelection } from "./selection.js";

const CHOICE_PREVIEW_LENGTH = 160;

// Letters, digits and the underscore: Python's \w, as annotations/core/anchoring/similarity.py
// splits words (its typography folding only touches punctuation and spaces, never words).
const WORD = /[\p{L}\p{N}_]+/gu;

function passageWords(text) {
  const words = new Map();
  for (const [word] of text.toLowerCase().matchAll(WORD)) words.set(word, (words.get(word) || 0) + 1);
  return words;
}

/** The Dice coefficient of two passages' words, as core's passage_similarity computes it. */
export function passageSimilarity(old, chosen) {
  const a = passageWords(old);
  const b = passageWords(chosen);
  let total = 0;
  let common = 0;
  for (const count of a.values()) total += count;
  for (const [word, count] of b) {
    total += count;
    common += Math.min(count, a.get(word) || 0);
  }
  return total ? (2 * common) / total : 0;
}

const PERCENT = { format: (share) => formatNumber(share, { style: "percent" }) };

function preview(text) {
  const characters = Array.from(text);
  return characters.length > CHOICE_PREVIEW_LENGTH
    ? `${characters.slice(0, CHOICE_PREVIEW_LENGTH).join("").trimEnd()}…`
    : text;
}

/** The server's messages: {"detail": ...} for a conflict, {"target": {...}} for a bad target. */
function errorMessages(error) {
  if (!(error instanceof ApiError)) return [gettext("Could not re-attach the highlight. Try again.")];
  const { code, detail, target, ...rest } = error.data;
  const targetMessages =
    target && typeof target === "object" && !Array.isArray(target)
      ? Object.values(target).flatMap(messagesOf)
      : messagesOf(target);
  const messages = [...(typeof detail === "string" ? [detail] : []), ...targetMessages, ...messagesOf(rest)];
  return messages.length ? messages : [error.message];
}

/**
 * Turn re-attach mode on. `data` is the page data's `reattach` (id, annotation, url, list_url);
 * `onReattached({annotation, start, end})` runs once the server stored the new passage.
 */
export function enableReattachMode({ root, data, onReattached }) {
  const bar = document.getElementById("reattach-bar");
  const choice = bar.querySelector("#reattach-choice");
  const similarity = bar.querySelector("#reattach-similarity");
  const errorBox = bar.querySelector("#reattach-error");
  const confirmButton = bar.querySelector('[data-reattach="confirm"]');
  let target = null;
  let active = true;
  let saving = false;
  let pointerDown = false;

  function showError(messages) {
    errorBox.replaceChildren(
      ...messages.map((message) => {
        const paragraph = document.createElement("p");
        paragraph.textContent = message;
        return paragraph;
      }),
    );
    errorBox.hidden = messages.length === 0;
  }

  function hide() {
    target = null;
    bar.hidden = true;
    showError([]);
  }

  function update() {
    if (!active || saving || pointerDown) return;
    const selected = targetFromSelection(root);
    if (!selected) {
      // Tabbing to the bar's buttons must not lose the passage chosen.
      if (!bar.contains(document.activeElement)) hide();
      return;
    }
    if (target && selected.start === target.start && selected.end === target.end) return;
    const wasHidden = bar.hidden;
    target = selected;
    choice.textContent = preview(selected.exact);
    similarity.textContent = interpolate(gettext("Words in common with the highlight: %(share)s"), {
      share: PERCENT.format(passageSimilarity(data.exact, selected.exact)),
    });
    showError([]);
    bar.hidden = false;
    if (wasHidden) announce(gettext("Passage selected. Press Tab, then Enter, to re-attach the highlight here."));
  }

  function finish(anchor) {
    active = false;
    hide();
    window.getSelection().removeAllRanges();
    document.getElementById("reattach-instructions").hidden = true;
    document.getElementById("reattach-hint").hidden = true;
    document.getElementById("reattach-cancel").hidden = true;
    document.getElementById("reattach-done").hidden = false;
    const back = document.getElementById("reattach-back");
    back.hidden = false;
    // Reloading must not ask to re-attach again: the highlight is no longer an orphan.
    const url = new URL(window.location.href);
    url.searchParams.delete("reattach");
    window.history.replaceState(null, "", url);
    onReattached({ annotation: data.annotation, start: anchor.start, end: anchor.end });
    back.focus({ preventScroll: true });
    announce(gettext("Highlight re-attached."));
  }

  /** Unrelated text (few words in common with the highlight) is re-attached only if confirmed. */
  async function confirmedIfUnlike(sent) {
    const share = passageSimilarity(data.exact, sent.exact);
    if (share >= data.confirm_below) return true;
    saving = true; // the bar's buttons wait for the answer
    // The dialog takes the focus, and with it the selection: the reader keeps theirs to adjust.
    const selection = window.getSelection();
    const range = selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
    try {
      return await confirmAction({
        title: gettext("Re-attach it to this passage?"),
        text: interpolate(
          gettext(
            "It has %(share)s of its words in common with the highlight (“%(quote)s”). Re-attach the highlight here only if this passage says the same thing in other words.",
          ),
          { share: PERCENT.format(share), quote: preview(data.exact) },
        ),
        confirmLabel: gettext("Re-attach here"),
      });
    } finally {
      if (range) {
        selection.removeAllRanges();
        selection.addRange(range);
      }
      saving = false;
    }
  }

  async function confirm() {
    if (!target || saving) return;
    const sent = target;
    if (!(await confirmedIfUnlike(sent))) {
      confirmButton.focus();
      return;
    }
    saving = true;
    confirmButton.textContent = gettext("Re-attaching…");
    bar.setAttribute("aria-busy", "true");
    let anchor;
    try {
      anchor = await reattachOrphan(data.url, {
        exact: sent.exact,
        prefix: sent.prefix,
        suffix: sent.suffix,
        start: sent.start,
        end: sent.end,
      });
    } catch (error) {
      if (!(error instanceof ApiError)) console.warn(error);
      // The selection is left as it was: the reader may adjust it and try again.
      showError(errorMessages(error));
      return;
    } finally {
      saving = false;
      confirmButton.textContent = gettext("Re-attach here");
      bar.removeAttribute("aria-busy");
    }
    finish(anchor);
  }

  function cancel() {
    hide();
    window.getSelection().removeAllRanges();
    root.focus({ preventScroll: true });
  }

  // Keep the reader's selection: a mousedown on a button could otherwise collapse it.
  bar.addEventListener("mousedown", (event) => {
    if (event.target.closest("button")) event.preventDefault();
  });
  bar.addEventListener("click", (event) => {
    const action = event.target.closest("[data-reattach]")?.dataset.reattach;
    if (action === "confirm") confirm();
    if (action === "cancel") cancel();
  });

  let frame = 0;
  document.addEventListener("selectionchange", () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(update);
  });
  document.addEventListener("pointerdown", (event) => {
    if (event.button === 0 && !bar.contains(event.target)) pointerDown = true;
  });
  document.addEventListener("pointerup", () => {
    pointerDown = false;
    requestAnimationFrame(update);
  });

  return { isActive: () => active };
}

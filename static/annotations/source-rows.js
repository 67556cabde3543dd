// Source rows in the panel: add, remove, read and fill them, and show their errors.

import { messagesOf, showFieldErrors } from "./field-errors.js";
import { formatNumber, gettext, interpolate } from "./i18n.js";

const FIELDS = ["url", "title", "stance", "passage"];
let rowCounter = 0;

// Day, short month, year ("1 Dec 2026"), in the interface's language and in Western digits, as
// the server-rendered pages write dates.
const DATE = new Intl.DateTimeFormat(document.documentElement.lang || "en", {
  day: "numeric",
  month: "short",
  year: "numeric",
  numberingSystem: "latn",
});

/** The source's archived copy, under its row: a link once captured, else why not (yet). */
function showCapture(row, capture) {
  const line = row.querySelector(".source-row__capture");
  line.replaceChildren();
  line.hidden = !capture;
  if (!capture) return;
  line.dataset.captureStatus = capture.status;
  if (capture.status === "captured") {
    const link = document.createElement("a");
    link.href = capture.archive_url;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = interpolate(gettext("Archived %(date)s"), { date: DATE.format(new Date(capture.captured_at)) });
    const hint = document.createElement("span");
    hint.className = "visually-hidden";
    hint.textContent = ` ${gettext("(opens in a new tab)")}`;
    link.append(hint);
    line.append(link);
  } else if (capture.status === "pending") {
    line.textContent = gettext("Being archived…");
  } else {
    line.textContent = interpolate(gettext("Not archived: %(reason)s"), { reason: capture.failure_reason });
  }
}

export function createSourceRows(list, template) {
  function addRow(source = {}) {
    const row = template.content.firstElementChild.cloneNode(true);
    rowCounter += 1;
    for (const name of FIELDS) {
      const input = row.querySelector(`[data-name="${name}"]`);
      const id = `source-${rowCounter}-${name}`;
      input.id = id;
      input.name = `sources-${rowCounter}-${name}`;
      row.querySelector(`label[data-for="${name}"]`).htmlFor = id;
      row.querySelector(`[data-source-field="${name}"] .field__errors`).id = `${id}-errors`;
      if (source[name] !== undefined && source[name] !== null) input.value = source[name];
    }
    // Kept so that an edit does not drop what the panel does not show.
    row.dataset.publisher = source.publisher || "";
    showCapture(row, source.capture);
    // The archived copy is of the saved URL: a changed URL will get its own on saving.
    row.querySelector('[data-name="url"]').addEventListener("input", () => showCapture(row, null));
    list.append(row);
    renumber();
    return row;
  }

  function renumber() {
    Array.from(list.children).forEach((row, index) => {
      row.querySelector(".source-row__remove").setAttribute(
        "aria-label",
        interpolate(gettext("Remove source %(number)s"), { number: formatNumber(index + 1) }),
      );
    });
  }

  function removeRow(row) {
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    renumber();
    return next;
  }

  function valueOf(row, name) {
    return row.querySelector(`[data-name="${name}"]`).value.trim();
  }

  /** The rows that carry anything, with the source each one sends. Blank rows are skipped. */
  function read() {
    return Array.from(list.children)
      .map((row) => ({
        row,
        source: {
          url: valueOf(row, "url"),
          title: valueOf(row, "title"),
          stance: valueOf(row, "stance"),
          passage: valueOf(row, "passage"),
          publisher: row.dataset.publisher || "",
        },
      }))
      .filter(({ source }) => source.url || source.title || source.passage);
  }

  /**
   * Show DRF's errors for the list of sources sent: a list (one entry per source, {} when
   * valid), an index-keyed object, or plain messages about the list as a whole.
   */
  function showErrors(sent, errors) {
    const listMessages = [];
    const perIndex = Array.isArray(errors)
      ? errors
      : errors && typeof errors === "object"
        ? Object.fromEntries(Object.entries(errors).filter(([key]) => /^\d+$/.test(key)))
        : {};
    if (!Array.isArray(errors) && errors && typeof errors === "object") {
      for (const [key, value] of Object.entries(errors)) {
        if (!/^\d+$/.test(key)) listMessages.push(...messagesOf(value));
      }
    }
    for (const [index, rowErrors] of Object.entries(perIndex)) {
      if (typeof rowErrors === "string") {
        listMessages.push(rowErrors);
        continue;
      }
      const entry = sent[Number(index)];
      if (!entry || !rowErrors || typeof rowErrors !== "object") continue;
      const rowMessages = [];
      for (const [field, value] of Object.entries(rowErrors)) {
        const container = entry.row.querySelector(`[data-source-field="${field}"]`);
        if (container) {
          showFieldErrors(container.querySelector(".field__errors"), [container.querySelector("[data-name]")], messagesOf(value));
        } else {
          rowMessages.push(...messagesOf(value));
        }
      }
      showFieldErrors(entry.row.querySelector(".source-row__errors"), [], rowMessages);
    }
    if (typeof errors === "string") listMessages.push(errors);
    return listMessages;
  }

  return {
    addRow,
    removeRow,
    read,
    showErrors,
    reset(sources = []) {
      list.replaceChildren();
      sources.forEach((source) => addRow(source));
    },
  };
}

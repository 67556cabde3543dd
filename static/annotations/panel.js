// The annotation panel: a dialog with the form for a highlight's kind, speaker, verdict,
// rationale and sources. It reports what was typed and shows the API's field errors; it
// never loses what was typed. Opened from a suggestion, the verdict choice is the save: the
// scale's labels show as "Save as <label>" submit buttons (no verdict is picked in advance).
// Focus then lands on their group, not on a button: an Enter pressed again (after the Enter
// that accepted the suggestion) must not save the first verdict; arrows or Tab reach them.

import { ApiError } from "./api.js";
import { refreshLimits } from "./char-limit.js";
import { clearFieldErrors, messagesOf, showFieldErrors } from "./field-errors.js";
import { formatNumber, gettext, interpolate } from "./i18n.js";
import { createSourceRows } from "./source-rows.js";

const SIMPLE_FIELDS = ["kind", "speaker", "verdict", "rationale"];
const QUOTE_PREVIEW_LENGTH = 280;
const FOCUS_SHOWN = 48;

export function createPanel(dialog, sourceTemplate) {
  const form = dialog.querySelector("form");
  const title = dialog.querySelector("#panel-title");
  const quote = dialog.querySelector("#panel-quote");
  const body = dialog.querySelector(".panel__body");
  const lengthWarning = dialog.querySelector("#panel-length-warning");
  const warnAbove = Number(dialog.dataset.warnAbove) || Infinity;
  const alertBox = dialog.querySelector("#panel-errors");
  const speakerField = dialog.querySelector('[data-field="speaker"]');
  const speaker = form.elements.speaker;
  const speakerUnsure = dialog.querySelector("#panel-speaker-unsure");
  const rationale = form.elements.rationale;
  const saveButton = dialog.querySelector("#panel-save");
  const verdictOptions = dialog.querySelector("#verdict-options");
  const saveAs = dialog.querySelector("#save-as");
  const saveAsButtons = Array.from(saveAs.querySelectorAll("button[name='verdict']"));
  const saveAsGroup = saveAs.querySelector("#save-as-options");
  const hint = dialog.querySelector("#panel-hint");
  const saveAsHint = dialog.querySelector("#panel-hint-save-as");
  const sources = createSourceRows(dialog.querySelector("#source-rows"), sourceTemplate);
  let current = null; // {mode, saveAs, save, onClose, originalSources}
  let saving = false;

  /** Radios and Save (the ordinary panel), or one "Save as <label>" button per verdict. */
  function showSaveAs(on) {
    verdictOptions.hidden = on;
    saveAs.hidden = !on;
    saveButton.hidden = on;
    hint.hidden = on;
    saveAsHint.hidden = !on;
  }

  function setBusy(busy, submitter) {
    saving = busy;
    for (const button of [saveButton, ...saveAsButtons]) button.disabled = busy;
    saveButton.textContent = busy ? gettext("Saving…") : gettext("Save");
    if (saveAsButtons.includes(submitter)) {
      const name = submitter.querySelector(".verdict-option__name");
      name.textContent = busy ? gettext("Saving…") : name.dataset.label;
    }
    if (busy) form.setAttribute("aria-busy", "true");
    else form.removeAttribute("aria-busy");
  }

  function syncKind() {
    const isQuote = form.elements.kind.value === "quote";
    speakerField.hidden = !isQuote;
    speaker.required = isQuote;
  }

  const isShown = (element) => element.closest("[hidden]") === null;

  function showAlert(messages) {
    alertBox.replaceChildren(
      ...messages.map((message) => {
        const paragraph = document.createElement("p");
        paragraph.textContent = message;
        return paragraph;
      }),
    );
    alertBox.hidden = messages.length === 0;
  }

  /** What the form says; the verdict from the "Save as" button that submitted it, if one did. */
  function values(submitter) {
    const kind = form.elements.kind.value;
    const checked = form.querySelector('input[name="verdict"]:checked');
    return {
      kind,
      speaker: kind === "quote" ? speaker.value.trim() : "",
      verdict: saveAsButtons.includes(submitter) ? submitter.value : checked?.value || "",
      rationale: rationale.value.trim(),
    };
  }

  function showErrors(error, sentSources) {
    clearFieldErrors(form);
    const data = error instanceof ApiError ? error.data : {};
    const general = [];
    for (const [key, value] of Object.entries(data)) {
      if (SIMPLE_FIELDS.includes(key)) {
        const container = form.querySelector(`[data-field="${key}"]`);
        // Only what is shown: from a suggestion the verdict radios are hidden behind "Save as".
        const inputs = Array.from(container.querySelectorAll("input, textarea, select")).filter(isShown);
        showFieldErrors(container.querySelector(`[data-errors-for="${key}"]`), inputs, messagesOf(value));
      } else if (key === "sources") {
        const listMessages = sources.showErrors(sentSources, value);
        showFieldErrors(form.querySelector('[data-errors-for="sources"]'), [], listMessages);
      } else if (key === "target") {
        general.push(...messagesOf(value).map((message) => interpolate(gettext("Selection: %(message)s"), { message })));
      } else if (key !== "code") {
        general.push(...messagesOf(value));
      }
    }
    if (!Object.keys(data).length || (!general.length && !form.querySelector(".field--invalid"))) {
      general.push(error.message || gettext("Could not save. Try again."));
    }
    showAlert(general);
    const firstInvalid =
      Array.from(form.querySelectorAll('[aria-invalid="true"]')).find(isShown) ||
      (current?.saveAs && data.verdict ? saveAsGroup : null);
    (firstInvalid || alertBox).focus?.();
    if (!firstInvalid) alertBox.scrollIntoView({ block: "nearest" });
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (!current || saving) return;
    const submitter = event.submitter || null;
    const sent = sources.read();
    const payload = values(submitter);
    const sentSources = sent.map(({ source }) => source);
    if (current.mode === "create" || JSON.stringify(sentSources) !== current.originalSources) {
      payload.sources = sentSources;
    }
    setBusy(true, submitter);
    try {
      await current.save(payload);
      close("saved");
    } catch (error) {
      if (!(error instanceof ApiError)) console.warn(error);
      showErrors(error, sent);
    } finally {
      setBusy(false, submitter);
    }
  }

  function close(reason) {
    if (!current) return;
    const { onClose } = current;
    current = null;
    if (dialog.open) dialog.close();
    onClose?.(reason);
  }

  /**
   * Open the panel. `annotation` prefills it (edit); `prefill` ({kind, speaker, speakerUnsure})
   * starts a new highlight from a suggestion, saved by a "Save as <label>" button; `exact` is the
   * quoted text.
   * `save(payload)` resolves when the server accepted it and rejects with an ApiError.
   */
  function open({ mode, exact, annotation = null, prefill = null, save, onClose }) {
    form.reset();
    clearFieldErrors(form);
    showAlert([]);
    title.textContent = mode === "edit" ? gettext("Edit highlight") : gettext("New highlight");
    quote.textContent = exact.length > QUOTE_PREVIEW_LENGTH ? `${exact.slice(0, QUOTE_PREVIEW_LENGTH)}…` : exact;
    // Code points, as the server counts the passage.
    const length = Array.from(exact).length;
    lengthWarning.hidden = mode !== "create" || length <= warnAbove;
    lengthWarning.textContent = lengthWarning.hidden
      ? ""
      : interpolate(
          gettext(
            "This highlight is %(count)s characters long. If the selection took in more than the claim, close and select it again.",
          ),
          { count: formatNumber(length) },
        );
    const initialSources = annotation ? annotation.sources : [];
    sources.reset(initialSources.length ? initialSources : [{}]);
    if (annotation) {
      form.elements.kind.value = annotation.kind;
      speaker.value = annotation.speaker || "";
      form.elements.verdict.value = annotation.verdict;
      rationale.value = annotation.rationale || "";
    } else if (prefill) {
      form.elements.kind.value = prefill.kind;
      speaker.value = prefill.speaker || "";
    }
    // A suggested speaker the desk is unsure of: said under the box, and the box comes first.
    const unsure = Boolean(prefill?.speakerUnsure && speaker.value);
    speakerUnsure.hidden = !unsure;
    const fromSuggestion = mode === "create" && prefill !== null;
    showSaveAs(fromSuggestion);
    current = {
      mode,
      unsure,
      saveAs: fromSuggestion,
      save,
      onClose,
      originalSources: JSON.stringify(sources.read().map(({ source }) => source)),
    };
    syncKind();
    refreshLimits(form);
    dialog.showModal();
    const first = firstFocus(mode);
    first?.focus();
    if (first === speaker && unsure) speaker.select();
    if (first) quoteShown(first);
  }

  // On a phone, focusing the verdicts scrolls the panel past the quote they are about (walk 18,
  // finding 17): back to the top, so the quote shows, unless the focused control would then be
  // out of sight (it must keep FOCUS_SHOWN pixels in view).
  function quoteShown(focused) {
    const scrolled = body.scrollTop;
    body.scrollTop = 0;
    if (focused.getBoundingClientRect().top > body.getBoundingClientRect().bottom - FOCUS_SHOWN) {
      body.scrollTop = scrolled;
    }
  }

  function firstFocus(mode) {
    // From a suggestion (kind and span chosen): the speaker if it is still missing or to be
    // checked, else the verdicts' group (a verdict itself only by a deliberate move).
    if (current.saveAs) {
      return speaker.required && (!speaker.value.trim() || current.unsure) ? speaker : saveAsGroup;
    }
    // Editing: the verdict is what usually changes. A new selection: its kind first.
    if (mode === "edit") return form.querySelector('input[name="verdict"]:checked') || form.querySelector('input[name="verdict"]');
    return form.querySelector('input[name="kind"]:checked');
  }

  form.addEventListener("submit", onSubmit);
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !current) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      // On a "Save as" button, Ctrl+Enter saves with that verdict, as Enter does.
      const focused = saveAsButtons.includes(document.activeElement) ? document.activeElement : null;
      // From a suggestion, only a verdict button saves: elsewhere no verdict has been chosen.
      if (current.saveAs && !focused) return;
      form.requestSubmit(focused || (current.saveAs ? null : saveButton));
      return;
    }
    // Enter in a field submits through the form's default button: the first submit button in
    // the form, which is a "Save as" button (hidden or not). Never let Enter choose a verdict:
    // the ordinary panel saves with its Save button as before; from a suggestion, Enter moves
    // to the verdicts.
    if (!(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    if (current.saveAs) saveAsGroup.focus();
    else form.requestSubmit(saveButton);
  });
  // Arrows move between the "Save as" buttons, from the group or from a button; the group
  // itself saves nothing (Enter or Space on it does nothing).
  saveAsGroup.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const index = saveAsButtons.indexOf(document.activeElement);
    const next = index === -1 ? (step > 0 ? 0 : saveAsButtons.length - 1) : index + step;
    saveAsButtons[Math.min(Math.max(next, 0), saveAsButtons.length - 1)].focus();
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === "kind") syncKind();
  });
  dialog.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "cancel") close("cancelled");
    if (action === "add-source") sources.addRow().querySelector('[data-name="url"]').focus();
    if (action === "remove-source") {
      const next = sources.removeRow(event.target.closest(".source-row"));
      (next?.querySelector('[data-name="url"]') || dialog.querySelector('[data-action="add-source"]')).focus();
    }
  });
  // Escape: the dialog's own cancel; closing through close() keeps the bookkeeping in one place.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (!saving) close("cancelled");
  });
  return { open, close, isOpen: () => current !== null };
}

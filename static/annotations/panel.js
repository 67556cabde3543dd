// The annotation panel: a dialog with the form for a highlight's kind, speaker, verdict,
// rationale and sources. It reports what was typed and shows the API's field errors; it
// never loses what was typed.

import { ApiError } from "./api.js";
import { clearFieldErrors, messagesOf, showFieldErrors } from "./field-errors.js";
import { createSourceRows } from "./source-rows.js";

const SIMPLE_FIELDS = ["kind", "speaker", "verdict", "rationale"];
const QUOTE_PREVIEW_LENGTH = 280;

export function createPanel(dialog, sourceTemplate) {
  const form = dialog.querySelector("form");
  const title = dialog.querySelector("#panel-title");
  const quote = dialog.querySelector("#panel-quote");
  const alertBox = dialog.querySelector("#panel-errors");
  const speakerField = dialog.querySelector('[data-field="speaker"]');
  const speaker = form.elements.speaker;
  const rationale = form.elements.rationale;
  const saveButton = dialog.querySelector("#panel-save");
  const sources = createSourceRows(dialog.querySelector("#source-rows"), sourceTemplate);
  let current = null; // {save, onClose, originalSources}
  let saving = false;

  function syncKind() {
    const isQuote = form.elements.kind.value === "quote";
    speakerField.hidden = !isQuote;
    speaker.required = isQuote;
  }

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

  function values() {
    const kind = form.elements.kind.value;
    return {
      kind,
      speaker: kind === "quote" ? speaker.value.trim() : "",
      verdict: form.elements.verdict.value,
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
        const inputs = Array.from(container.querySelectorAll("input, textarea, select"));
        showFieldErrors(container.querySelector(`[data-errors-for="${key}"]`), inputs, messagesOf(value));
      } else if (key === "sources") {
        const listMessages = sources.showErrors(sentSources, value);
        showFieldErrors(form.querySelector('[data-errors-for="sources"]'), [], listMessages);
      } else if (key === "target") {
        general.push(...messagesOf(value).map((message) => `Selection: ${message}`));
      } else if (key !== "code") {
        general.push(...messagesOf(value));
      }
    }
    if (!Object.keys(data).length || (!general.length && !form.querySelector(".field--invalid"))) {
      general.push(error.message || "Could not save. Try again.");
    }
    showAlert(general);
    const firstInvalid = form.querySelector('[aria-invalid="true"]');
    (firstInvalid || alertBox).focus?.();
    if (!firstInvalid) alertBox.scrollIntoView({ block: "nearest" });
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (!current || saving) return;
    const sent = sources.read();
    const payload = values();
    const sentSources = sent.map(({ source }) => source);
    if (current.mode === "create" || JSON.stringify(sentSources) !== current.originalSources) {
      payload.sources = sentSources;
    }
    saving = true;
    saveButton.disabled = true;
    saveButton.textContent = "Saving…";
    form.setAttribute("aria-busy", "true");
    try {
      await current.save(payload);
      close("saved");
    } catch (error) {
      if (!(error instanceof ApiError)) console.warn(error);
      showErrors(error, sent);
    } finally {
      saving = false;
      saveButton.disabled = false;
      saveButton.textContent = "Save";
      form.removeAttribute("aria-busy");
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
   * Open the panel. `annotation` prefills it (edit); `prefill` ({kind, speaker}) starts a new
   * highlight from a suggestion; `exact` is the quoted text.
   * `save(payload)` resolves when the server accepted it and rejects with an ApiError.
   */
  function open({ mode, exact, annotation = null, prefill = null, save, onClose }) {
    form.reset();
    clearFieldErrors(form);
    showAlert([]);
    title.textContent = mode === "edit" ? "Edit highlight" : "New highlight";
    quote.textContent = exact.length > QUOTE_PREVIEW_LENGTH ? `${exact.slice(0, QUOTE_PREVIEW_LENGTH)}…` : exact;
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
    current = {
      mode,
      save,
      onClose,
      originalSources: JSON.stringify(sources.read().map(({ source }) => source)),
    };
    syncKind();
    dialog.showModal();
    const firstVerdict = form.querySelector('input[name="verdict"]:checked') || form.querySelector('input[name="verdict"]');
    // Editing, or starting from a suggestion (kind and span chosen): the verdict is what is left.
    (mode === "edit" || prefill ? firstVerdict : form.querySelector('input[name="kind"]:checked'))?.focus();
  }

  form.addEventListener("submit", onSubmit);
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
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

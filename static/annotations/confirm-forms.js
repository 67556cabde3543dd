// Forms that undo work or cannot be undone ask first: a form with `data-confirm-title` (and
// `data-confirm-text`, `data-confirm-label`) opens the page's confirmation dialog
// (_confirm_dialog.html, through confirm.js) and is sent only if the user confirms. The
// dialog is a native <dialog>: keyboard only, focus starts on Cancel, Escape cancels.
// Without JavaScript the form is sent as it is.

import { confirmAction } from "./confirm.js";

const confirmed = new WeakSet();

// In the capture phase, before the form's own submit handlers (e.g. the adjudication page's
// send-once, which would otherwise disable a button whose form the user then cancels).
document.addEventListener(
  "submit",
  async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirmTitle) return;
    if (confirmed.has(form)) {
      confirmed.delete(form);
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const submitter = event.submitter;
    const go = await confirmAction({
      title: form.dataset.confirmTitle,
      text: form.dataset.confirmText || "",
      confirmLabel: form.dataset.confirmLabel || "Confirm",
      danger: true,
    });
    if (!go) {
      submitter?.focus();
      return;
    }
    confirmed.add(form);
    form.requestSubmit(submitter || undefined);
  },
  true,
);

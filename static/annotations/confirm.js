// A confirmation dialog that resolves to true or false; Escape and Cancel mean false.

export function confirmAction({ title, text, confirmLabel, danger = false }) {
  const dialog = document.getElementById("confirm-dialog");
  dialog.querySelector("#confirm-title").textContent = title;
  dialog.querySelector("#confirm-text").textContent = text;
  const confirmButton = dialog.querySelector('[data-confirm="confirm"]');
  confirmButton.textContent = confirmLabel;
  confirmButton.classList.toggle("button--danger-solid", danger);
  confirmButton.classList.toggle("button--primary", !danger);
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.showModal();
    // The safe choice has the focus, so that Enter alone never deletes or submits.
    dialog.querySelector('[data-confirm="cancel"]').focus();
  });
}

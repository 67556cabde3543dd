// Messages to the reader: a polite live region for screen readers and a short visible toast.

const TOAST_MILLISECONDS = 5000;
let toastTimer = null;

export function announce(text) {
  const region = document.getElementById("live-region");
  if (!region) return;
  // Clearing first makes screen readers repeat an identical message.
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

export function showToast(text, { error = false } = {}) {
  const toast = document.getElementById("toast");
  if (!toast) return;
  toast.textContent = text;
  toast.classList.toggle("toast--error", error);
  toast.setAttribute("role", error ? "alert" : "status");
  toast.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    toast.hidden = true;
  }, TOAST_MILLISECONDS);
}

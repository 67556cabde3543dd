// The Ready lane. Without JavaScript everything works: tick claims and press "Confirm and
// publish selected", or confirm all on the page with its own button. With it, the table's
// header gets a "select all" box, the page says how many are ticked, and the buttons that act
// on the ticked claims wait until one is.

import { gettext, interpolate, ngettext } from "./i18n.js";

const form = document.getElementById("ready-lane");
if (form) {
  const boxes = [...form.querySelectorAll("input.ready-table__box")];
  const selected = document.getElementById("ready-selected");
  const forSelected = [...form.querySelectorAll("button[name='action'][value='publish'], button[name='action'][value='decide']")];
  const headerCell = form.querySelector("th.ready-table__check");

  const all = document.createElement("input");
  all.type = "checkbox";
  all.id = "ready-select-all";
  all.setAttribute("aria-label", gettext("Select every claim on this page"));
  headerCell.replaceChildren(all);

  function update() {
    const ticked = boxes.filter((box) => box.checked).length;
    selected.textContent = ticked
      ? interpolate(ngettext("%(count)s selected.", "%(count)s selected.", ticked), { count: ticked })
      : "";
    all.checked = ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
    for (const button of forSelected) button.disabled = ticked === 0;
  }

  all.addEventListener("change", () => {
    for (const box of boxes) box.checked = all.checked;
    update();
  });
  for (const box of boxes) box.addEventListener("change", update);

  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!button) return;
    button.setAttribute("aria-busy", "true");
    button.textContent = gettext("Confirming…");
    // After the submit event, so that disabling the buttons cannot cancel the submission.
    setTimeout(() => {
      for (const other of form.querySelectorAll("button[type='submit']")) other.disabled = true;
    });
  });

  update();
}
